import request from 'supertest';
import type { Server } from 'node:http';
import { signedHeadersFor } from '@app/dip-auth';
import { mpanCreationMessage, withValue } from '@app/dip-wire/testing/fixtures';
import { startTestApp, TestApp } from './support/app';
import { message, mpanCore, s1Of } from './support/dip';

/**
 * The service's logs (issue #10 item 4; docs/operations.md "Logs"): pino JSON lines, read here from
 * the app's log destination. Every line about a message carries the channel, correlation id,
 * sender DIP id, message reference and MPAN core; each request has one line with method, URL,
 * status and duration; no signature material or credentials appear anywhere.
 */

type LogLine = Record<string, unknown> & { msg?: string; level?: string };

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ logs: { write: (line: string) => void lines.push(line) } });
});

afterAll(async () => {
  await t?.close();
});

const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

/** Posts `body` on `channel`, signed by `sender` with its sample key, with a password-bearing cookie and authorization header. */
async function postSigned(channel: string, sender: string, body: unknown): Promise<{ status: number; headers: Record<string, string> }> {
  const url = `/dip-channel/${channel}`;
  const payload = JSON.stringify(body);
  const headers = signedHeadersFor(sender, { method: 'POST', url, body: payload, now: t.clock.now() });
  const res = await request(t.app.getHttpServer() as Server)
    .post(url)
    .set(headers)
    .set('Authorization', 'Bearer top-secret-token')
    .set('Cookie', 'session=cookie-secret')
    .set('X-Request-Id', 'req-logs-1')
    .set('Content-Type', 'application/json')
    .send(payload);
  return { status: res.status, headers };
}

describe('logs', () => {
  it('every line about a message carries its identifiers; the request line its method, URL, status and duration; no secrets', async () => {
    const core = mpanCore('19', 7_770_001);
    const created = message(mpanCreationMessage, { mpanCore: core });
    const withCorrelation = withValue(created, 'payload.CommonBlock.S1.senderCorrelationID', 'CORR-LOGS-0001');
    const malformed = withValue(message(mpanCreationMessage, { mpanCore: mpanCore('19', 7_770_002) }), 'payload.CommonBlock.M0.GSPGroupID', 42);
    const before = lines.length;
    const { status, headers } = await postSigned('REGS-LDSO', '3000000019', [withCorrelation, malformed]);
    expect(status).toBe(207);

    const written = parsed().slice(before);
    const s1 = s1Of(withCorrelation);
    const accepted = written.find((l) => l.msg === 'message accepted');
    expect(accepted).toMatchObject({
      level: 'info',
      name: 'registration-api',
      context: 'Intake',
      outcome: 'accepted',
      channel: 'REGS-LDSO',
      eventCode: '[MPANCreation]',
      correlationId: 'CORR-LOGS-0001',
      senderDipId: '3000000019',
      senderUniqueReference: s1.senderUniqueReference,
      mpanCore: core,
      position: expect.stringMatching(/^\d+$/),
      req: { id: 'req-logs-1', method: 'POST', url: '/dip-channel/REGS-LDSO' },
    });
    expect(accepted!.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
    const failed = written.find((l) => l.msg === 'message failed the schema');
    expect(failed).toMatchObject({
      outcome: 'schema-failure',
      channel: 'REGS-LDSO',
      senderDipId: '3000000019',
      senderUniqueReference: s1Of(malformed).senderUniqueReference,
      mpanCore: mpanCore('19', 7_770_002),
      errors: expect.arrayContaining([expect.stringContaining('GSPGroupID')]),
    });
    // The message context ends with the message: the request's own line has none of it.
    const requestLine = written.find((l) => l.msg === 'request completed');
    expect(requestLine).toMatchObject({ level: 'info', req: { id: 'req-logs-1', method: 'POST', url: '/dip-channel/REGS-LDSO' }, res: { statusCode: 207 } });
    expect(requestLine!.durationMs).toEqual(expect.any(Number));
    expect(requestLine).not.toHaveProperty('mpanCore');
    expect(requestLine).not.toHaveProperty('senderUniqueReference');

    const text = lines.slice(before).join('\n');
    for (const secret of [headers['X-DIP-Signature'], headers['X-DIP-Signature-Certificate'], headers['X-DIP-Content-Hash'], 'top-secret-token', 'cookie-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/x-dip-signature|authorization|cookie/i);
  });

  it('a duplicate and a rejection are logged with their outcome and codes; reads log the request only', async () => {
    const core = mpanCore('19', 7_770_003);
    const created = message(mpanCreationMessage, { mpanCore: core });
    await postSigned('REGS-LDSO', '3000000019', [created]);
    const before = lines.length;
    // The same message again, and a creation of the same MPAN under a new reference (REG: already exists).
    await postSigned('REGS-LDSO', '3000000019', [created, message(mpanCreationMessage, { mpanCore: core })]);
    await t.asOperator().get(`/mpans/${core}/events?limit=1`).expect(200);
    const written = parsed().slice(before);
    expect(written.find((l) => l.outcome === 'duplicate')).toMatchObject({ msg: 'message duplicate', mpanCore: core, senderUniqueReference: s1Of(created).senderUniqueReference });
    const rejected = written.find((l) => l.outcome === 'rejected');
    expect(rejected).toMatchObject({ msg: 'message rejected', mpanCore: core, codes: expect.arrayContaining([expect.stringMatching(/^[A-Z]+\d+$/)]) });
    expect(written.filter((l) => l.msg === 'request completed').map((l) => [(l.req as { method: string }).method, (l.res as { statusCode: number }).statusCode])).toEqual([
      ['POST', 201],
      ['GET', 200],
    ]);
  });
});

describe('request lines by outcome: one line per request, level by cause, no made-up stack', () => {
  /** The lines written while `act` ran. */
  async function linesOf(act: () => Promise<unknown>): Promise<LogLine[]> {
    const before = lines.length;
    await act();
    return parsed().slice(before);
  }

  it('a client error (4xx) is one info line, no err', async () => {
    const written = await linesOf(() => t.asOperator().get('/mpans/123').expect(400));
    const requestLines = written.filter((l) => (l.req as { url?: string } | undefined)?.url === '/mpans/123');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ level: 'info', msg: 'request completed', res: { statusCode: 400 } });
    expect(requestLines[0]).not.toHaveProperty('err');
  });

  it('a 503 VIEW_BEHIND the client asked for (minPosition not reached in maxWaitMs) is one warn line, no err', async () => {
    const core = mpanCore('19', 7_770_009);
    const url = `/mpans/${core}?minPosition=100000000&maxWaitMs=50`;
    const written = await linesOf(() => t.asOperator().get(url).expect(503));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'warn', msg: 'request answered 503 VIEW_BEHIND', req: { url }, res: { statusCode: 503 } });
    expect(written[0]).not.toHaveProperty('err');
    expect(JSON.stringify(written)).not.toContain('failed with status code');
  });
});
