import { EVENT_STORE, EventStore } from '@app/event-store';
import { mpanCreationMessage } from '@app/dip-wire/testing/fixtures';
import { startTestApp, TestApp } from './support/app';
import { message, mpanCore, post } from './support/dip';

/**
 * Issue #8 "Limits" over HTTP (docs/security.md "Limits on input"): the body size and the messages
 * per submission (configurable), the strict JSON checks on every endpoint, the UTF-8 requirement
 * and the per-participant rate limit. Each refusal is a JSON error saying what and where, and
 * changes nothing.
 */

const LDSO = 'REGS-LDSO';
const ACK = '/participants/1000000001/publications/ack';

describe('configured body size and messages per submission', () => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTRY_BODY_LIMIT_BYTES: '8192', REGISTRY_MAX_MESSAGES_PER_SUBMISSION: '2' } });
    store = t.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('413 past REGISTRY_BODY_LIMIT_BYTES, as a JSON error naming the limit and the size; nothing stored', async () => {
    const before = await store.headPosition();
    const core = mpanCore('19', 700);
    const msg = message(mpanCreationMessage, { mpanCore: core });
    const body = JSON.stringify([{ ...msg, padding: 'x'.repeat(8192) }]);

    const res = await t.http.post(`/dip-channel/${LDSO}`).set('content-type', 'application/json').send(body);

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body is larger than the limit of 8192 bytes (it is ${Buffer.byteLength(body)} bytes); send fewer messages per submission`,
    });
    expect(await store.headPosition()).toBe(before);
  });

  it('a body within the limit is read (and its one message processed)', async () => {
    const msg = message(mpanCreationMessage, { mpanCore: mpanCore('19', 701) });
    expect(Buffer.byteLength(JSON.stringify([msg]))).toBeLessThan(8192);
    const res = await post(t.http, LDSO, [msg]);
    expect(res.status).toBe(201);
  });

  it('413 past REGISTRY_MAX_MESSAGES_PER_SUBMISSION, before any message is processed', async () => {
    const before = await store.headPosition();
    const messages = [702, 703, 704].map((serial) => message(mpanCreationMessage, { mpanCore: mpanCore('19', serial) }));

    const res = await post(t.http, LDSO, messages);

    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'a submission holds at most 2 messages, got 3; split it into several submissions',
    });
    expect(await store.headPosition()).toBe(before);
    expect((await post(t.http, LDSO, messages.slice(0, 2))).status).toBe(201);
  });
});

describe('strict JSON on every endpoint', () => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await t?.close();
  });

  const send = (path: string, text: string, contentType = 'application/json') => t.http.post(path).set('content-type', contentType).send(text);

  it.each([
    ['a duplicated key', '{"sequence":1,"sequence":2}', 'the JSON body is refused: $ has the key "sequence" twice (a JSON object\'s keys must be unique)'],
    ['__proto__', '{"sequence":1,"__proto__":{"isAdmin":true}}', 'the JSON body is refused: $ has the key "__proto__", a reserved JavaScript name that no field of this API has'],
    ['constructor, escaped', '{"\\u0063onstructor":{"prototype":{}},"sequence":1}', 'the JSON body is refused: $ has the key "constructor", a reserved JavaScript name that no field of this API has'],
    ['deep nesting', `{"sequence":${'['.repeat(100)}${']'.repeat(100)}}`, `the JSON body is refused: $.sequence${'[0]'.repeat(31)} nests deeper than 32 levels of arrays and objects`],
    ['a lone surrogate', '{"sequence":"\\ud800"}', 'the JSON body is refused: $.sequence holds a lone UTF-16 surrogate (a high surrogate at the end of the string): not a Unicode character'],
  ])('the feed acknowledgement: 400 for %s, naming the JSONPath', async (_what, text, expected) => {
    const res = await send(ACK, text);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expected });
  });

  it('a DIP submission: 400 naming the message and the object, for a key repeated deep inside one message; nothing stored', async () => {
    const before = await store.headPosition();
    const first = message(mpanCreationMessage, { mpanCore: mpanCore('19', 710) });
    const second = JSON.stringify(message(mpanCreationMessage, { mpanCore: mpanCore('19', 711) })).replace('"senderDIPID":', '"senderDIPID":"3000000010","senderDIPID":');

    const res = await send(`/dip-channel/${LDSO}`, `[${JSON.stringify(first)},${second}]`);

    expect(res.status).toBe(400);
    expect(res.body.message).toBe('the JSON body is refused: $[1].payload.CommonBlock.S1 has the key "senderDIPID" twice (a JSON object\'s keys must be unique)');
    expect(await store.headPosition()).toBe(before);
    await t.http.get(`/mpans/${mpanCore('19', 710)}`).expect(404);
  });

  it('415 for JSON in UTF-16 (RFC 8259: UTF-8 between systems)', async () => {
    const res = await t.http
      .post(ACK)
      .set('content-type', 'application/json; charset=utf-16le')
      .send(Buffer.from('{"sequence":1}', 'utf16le'));
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'send JSON as UTF-8 (RFC 8259 §8.1), not UTF-16LE' });
  });
});

describe('rate limit per participant', () => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTRY_RATE_LIMIT: '3', REGISTRY_RATE_LIMIT_WINDOW_MS: '60000' } });
    store = t.app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('429 with Retry-After past REGISTRY_RATE_LIMIT requests in the window, one budget across endpoints; the refused request changes nothing', async () => {
    const core = mpanCore('19', 720);
    const first = await t.http.get(`/mpans/${core}`);
    expect(first.status).toBe(404);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    await t.http.get(`/mpans/${core}/events`).expect(404);
    await t.http.get('/day-start').expect(200);
    const before = await store.headPosition();

    const res = await post(t.http, LDSO, [message(mpanCreationMessage, { mpanCore: core })]);

    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `rate limit exceeded: client IP 127.0.0.1 may make 3 requests per 1 min; retry after ${retryAfter} s (Retry-After)`,
    });
    expect(await store.headPosition()).toBe(before);
  });
});
