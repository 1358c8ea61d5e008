import { Body, Controller, Get, INestApplication, Module, Param, Post, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DipAuthenticatedParticipant } from '../verify-dip-request';
import { sampleDipKeyring } from '../testing/sample-keyring';
import { signRequest } from '../testing/sign-request';
import { signedHeadersFor } from '../client/sample-keys';
import { DipParticipant } from './dip-participant.decorator';
import { PublicEndpoint } from './public-endpoint.decorator';
import { DIP_AUTH_SETTINGS, DipAuthSettings, DipSignatureGuard } from './dip-signature.guard';

const NOW = '2025-04-01T09:00:00.000Z';

@Controller()
@UseGuards(DipSignatureGuard)
class ProbeController {
  @Post('dip-channel/:channelId')
  submit(@Param('channelId') channelId: string, @Body() body: unknown, @DipParticipant() participant: DipAuthenticatedParticipant) {
    return { channelId, sender: participant.dipId, roles: participant.roles.map((r) => r.role), messages: Array.isArray(body) ? body.length : null };
  }

  @Get('feed/:dipId')
  feed(@DipParticipant() participant: DipAuthenticatedParticipant) {
    return { reader: participant.dipId };
  }

  @Get('health')
  @PublicEndpoint()
  health() {
    return { status: 'ok' };
  }
}

@Controller('docs')
@UseGuards(DipSignatureGuard)
@PublicEndpoint()
class PublicController {
  @Get()
  docs() {
    return { openapi: '3.0.0' };
  }
}

/** A Nest app wired as docs/security.md says: raw body kept by the JSON parser, the guard on a controller. */
async function startApp(options: { production?: boolean; rawBody?: boolean } = {}): Promise<INestApplication> {
  const settings: DipAuthSettings = { keyring: sampleDipKeyring(), maxSkewMs: 300_000, production: options.production ?? false, clock: { now: () => NOW } };
  @Module({ controllers: [ProbeController, PublicController], providers: [{ provide: DIP_AUTH_SETTINGS, useValue: settings }, DipSignatureGuard] })
  class ProbeModule {}
  const app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false, bodyParser: false, rawBody: options.rawBody ?? true });
  app.useBodyParser('json', { limit: '10mb', strict: false });
  await app.init();
  return app;
}

describe('DipSignatureGuard over HTTP (raw body kept by the JSON parser)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets a @PublicEndpoint() handler or controller through unsigned, and still refuses its unmarked neighbours', async () => {
    expect((await request(app.getHttpServer()).get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(app.getHttpServer()).get('/docs').expect(200)).body).toEqual({ openapi: '3.0.0' });
    await request(app.getHttpServer()).get('/feed/1000000001').expect(401);
  });

  it('lets a request signed by a sample participant through and hands the participant to the handler', async () => {
    const res = await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-031'), '1000000001', [{ payload: {} }, { payload: {} }], { now: NOW });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ channelId: 'IF-031', sender: '1000000001', roles: ['SUP'], messages: 2 });
  });

  it('verifies a GET with a query and no body', async () => {
    const res = await signRequest(request(app.getHttpServer()).get('/feed/2000000011?after=3&limit=10'), '2000000011', undefined, { now: NOW });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reader: '2000000011' });
  });

  it('hashes the bytes as sent, whitespace and all', async () => {
    const body = '[ { "payload" : { } } ]\n';
    const res = await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-034'), '2000000011', body, { now: NOW });
    expect(res.status).toBe(201);
  });

  it('answers 401 naming the missing headers for an unsigned request', async () => {
    const res = await request(app.getHttpServer()).post('/dip-channel/IF-031').send([{ payload: {} }]);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe(
      'MISSING_HEADER: missing DIP signature headers X-DIP-Signature-Date, X-DIP-Content-Hash, X-DIP-Signature-Certificate, X-DIP-Signature: every request carries X-DIP-Signature-Date, X-DIP-Content-Hash, X-DIP-Signature-Certificate, X-DIP-Signature',
    );
  });

  it('answers 401 when the body sent is not the body signed', async () => {
    const headers = signedHeadersFor('1000000001', { method: 'POST', url: '/dip-channel/IF-031', body: '[{"payload":{}}]', now: NOW });
    const res = await request(app.getHttpServer()).post('/dip-channel/IF-031').set(headers).set('Content-Type', 'application/json').send('[{"payload":{"x":1}}]');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/^CONTENT_HASH_MISMATCH: X-DIP-Content-Hash \S+ is not the SHA-256 of the 21-byte body received/);
  });

  it('answers 401 when the request goes to another URL than signed', async () => {
    const headers = signedHeadersFor('1000000001', { method: 'POST', url: '/dip-channel/IF-031', body: '[]', now: NOW });
    const res = await request(app.getHttpServer()).post('/dip-channel/IF-034').set(headers).set('Content-Type', 'application/json').send('[]');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/^SIGNATURE_INVALID: X-DIP-Signature does not verify with the key of 1000000001 over "POST;\/dip-channel\/if-034;/);
  });

  it('answers 401 for a signature made outside the skew window', async () => {
    const res = await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-031'), '1000000001', [], { now: '2025-04-01T08:54:59.999Z' });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/^DATE_OUTSIDE_SKEW_WINDOW: X-DIP-Signature-Date 2025-04-01T08:54:59.999Z is 5 min 0.001 s \(300001 ms\) behind/);
  });
});

describe('DipSignatureGuard in production mode', () => {
  it('answers 401 SAMPLE_KEY_REFUSED for a public sample key', async () => {
    const app = await startApp({ production: true });
    try {
      const res = await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-031'), '1000000001', [], { now: NOW });
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/^SAMPLE_KEY_REFUSED: the key [0-9a-f]{64} of 1000000001 is a published sample key/);
    } finally {
      await app.close();
    }
  });
});

describe('DipSignatureGuard on an app that does not keep the raw body', () => {
  it('fails loudly (500) instead of verifying a parsed body as empty', async () => {
    const app = await startApp({ rawBody: false });
    try {
      const res = await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-031'), '1000000001', [], { now: NOW });
      expect(res.status).toBe(500);
    } finally {
      await app.close();
    }
  });
});
