import { CanActivate, Controller, ExecutionContext, Get, INestApplication, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DipAuthenticatedRequest, PublicEndpoint } from '@app/dip-auth';
import { RequestRateLimitModule } from './participant-throttler.guard';

/** Stands in for the DIP signature guard: the participant named by a test header, as `request.dipParticipant`. */
@Injectable()
class FakeSignatureGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<DipAuthenticatedRequest>();
    const dipId = req.headers['x-test-participant'];
    if (typeof dipId === 'string') req.dipParticipant = { dipId } as NonNullable<DipAuthenticatedRequest['dipParticipant']>;
    return true;
  }
}

@Controller()
class ProbeController {
  @Get('a')
  a(): string {
    return 'a';
  }

  @Get('b')
  b(): string {
    return 'b';
  }

  @PublicEndpoint()
  @Get('health')
  health(): string {
    return 'ok';
  }
}

/** As the API will be wired: the signature guard provided by the root module, the rate limit imported. */
@Module({
  imports: [RequestRateLimitModule.forRoot({ rateLimit: 2, rateLimitWindowMs: 60_000 })],
  controllers: [ProbeController],
  providers: [{ provide: APP_GUARD, useClass: FakeSignatureGuard }],
})
class ProbeModule {}

describe('ParticipantThrottlerGuard (RequestRateLimitModule)', () => {
  let app: INestApplication;
  const as = (dipId: string | null, path: string) => {
    const r = request(app.getHttpServer()).get(path);
    return dipId === null ? r : r.set('x-test-participant', dipId);
  };

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterEach(async () => {
    await app.close();
  });

  it('counts per authenticated participant, across endpoints, after the signature guard set it', async () => {
    await as('1000000001', '/a').expect(200);
    await as('1000000001', '/b').expect(200);
    const refused = await as('1000000001', '/a').expect(429);
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(refused.body.message).toMatch(/^rate limit exceeded: participant 1000000001 may make 2 requests per 1 min; retry after \d+ s \(Retry-After\)$/);
    // Another participant from the same address has its own budget.
    await as('1000000002', '/a').expect(200);
    await as('1000000002', '/b').expect(200);
    await as('1000000002', '/b').expect(429);
  });

  it('counts by client IP when no participant is set, apart from the participants', async () => {
    await as(null, '/a').expect(200);
    await as(null, '/a').expect(200);
    const refused = await as(null, '/b').expect(429);
    expect(refused.body.message).toMatch(/^rate limit exceeded: client IP (::ffff:)?127\.0\.0\.1 may make 2 requests per 1 min/);
    await as('1000000001', '/a').expect(200);
  });

  it('never limits a @PublicEndpoint() (probes)', async () => {
    for (let i = 0; i < 5; i++) await as(null, '/health').expect(200);
    await as(null, '/a').expect(200);
  });
});
