import { signRequest } from '@app/dip-auth/testing/sign-request';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { mpanCreationMessage } from '@app/dip-wire/testing/fixtures';
import { startTestApp, TestApp } from './support/app';
import { message, mpanCore, SAMPLE } from './support/dip';

/**
 * Issue #8 "Limits" over HTTP (docs/security.md "Limits on input"): the body size and the messages
 * per submission (configurable), the strict JSON checks on every endpoint, the UTF-8 requirement
 * and the per-participant rate limit. Each refusal is a JSON error saying what and where, and
 * changes nothing. Requests are signed (DIP signature headers): as the LDSO for its submissions, as
 * the supplier 1000000001 on its own feed.
 */

const LDSO = 'REGS-LDSO';
const SUPPLIER = '1000000001';
const ACK = `/participants/${SUPPLIER}/publications/ack`;

/** `POST path` with `body` (JSON text sent as is, or a value serialised once), signed by `dipId` at the app's clock. */
function signedPost(t: TestApp, path: string, dipId: string, body: unknown) {
  return signRequest(t.http.post(path), dipId, body, { now: t.clock.now() });
}

/** A submission on REGS-LDSO, signed by the LDSO. */
function submit(t: TestApp, body: unknown) {
  return signedPost(t, `/dip-channel/${LDSO}`, SAMPLE.ldsoDipId, body);
}

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

    const res = await submit(t, body);

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body is larger than the limit of 8192 bytes (it is ${Buffer.byteLength(body)} bytes); send fewer messages per submission`,
    });
    expect(await store.headPosition()).toBe(before);
  });

  it('413 on another endpoint (PUT publication-config) names the limit and the size, without advice about messages', async () => {
    const body = JSON.stringify({ webhookUrl: null, eventCodes: ['x'.repeat(9000)] });
    const res = await signRequest(t.http.put(`/participants/${SUPPLIER}/publication-config`), SUPPLIER, body, { now: t.clock.now() });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body is larger than the limit of 8192 bytes (it is ${Buffer.byteLength(body)} bytes)`,
    });
  });

  it('a body within the limit is read (and its one message processed)', async () => {
    const msg = message(mpanCreationMessage, { mpanCore: mpanCore('19', 701) });
    expect(Buffer.byteLength(JSON.stringify([msg]))).toBeLessThan(8192);
    const res = await submit(t, [msg]);
    expect(res.status).toBe(201);
  });

  it('413 past REGISTRY_MAX_MESSAGES_PER_SUBMISSION, before any message is processed', async () => {
    const before = await store.headPosition();
    const messages = [702, 703, 704].map((serial) => message(mpanCreationMessage, { mpanCore: mpanCore('19', serial) }));

    const res = await submit(t, messages);

    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'a submission holds at most 2 messages, got 3; split it into several submissions',
    });
    expect(await store.headPosition()).toBe(before);
    expect((await submit(t, messages.slice(0, 2))).status).toBe(201);
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

  it.each([
    ['a duplicated key', '{"sequence":1,"sequence":2}', 'the JSON body is refused: $ has the key "sequence" twice (a JSON object\'s keys must be unique)'],
    ['__proto__', '{"sequence":1,"__proto__":{"isAdmin":true}}', 'the JSON body is refused: $ has the key "__proto__", a reserved JavaScript name that no field of this API has'],
    ['constructor, escaped', '{"\\u0063onstructor":{"prototype":{}},"sequence":1}', 'the JSON body is refused: $ has the key "constructor", a reserved JavaScript name that no field of this API has'],
    ['deep nesting', `{"sequence":${'['.repeat(100)}${']'.repeat(100)}}`, `the JSON body is refused: $.sequence${'[0]'.repeat(31)} nests deeper than 32 levels of arrays and objects`],
    ['a lone surrogate', '{"sequence":"\\ud800"}', 'the JSON body is refused: $.sequence holds a lone UTF-16 surrogate (a high surrogate at the end of the string): not a Unicode character'],
  ])('the feed acknowledgement: 400 for %s, naming the JSONPath', async (_what, text, expected) => {
    const res = await signedPost(t, ACK, SUPPLIER, text);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expected });
  });

  it('a DIP submission: 400 naming the message and the object, for a key repeated deep inside one message; nothing stored', async () => {
    const before = await store.headPosition();
    const first = message(mpanCreationMessage, { mpanCore: mpanCore('19', 710) });
    const second = JSON.stringify(message(mpanCreationMessage, { mpanCore: mpanCore('19', 711) })).replace('"senderDIPID":', '"senderDIPID":"3000000010","senderDIPID":');

    const res = await submit(t, `[${JSON.stringify(first)},${second}]`);

    expect(res.status).toBe(400);
    expect(res.body.message).toBe('the JSON body is refused: $[1].payload.CommonBlock.S1 has the key "senderDIPID" twice (a JSON object\'s keys must be unique)');
    expect(await store.headPosition()).toBe(before);
    expect(await store.headPosition()).toBe(before);
  });

  it('a DIP submission: 400 for bytes that are not well-formed UTF-8 (not stored as U+FFFD), naming the first bad byte; nothing stored', async () => {
    const before = await store.headPosition();
    const [head, tail] = JSON.stringify([message(mpanCreationMessage, { mpanCore: mpanCore('19', 712) })]).split('"addressLine1":"Flat 2"');
    const body = Buffer.concat([Buffer.from(`${head}"addressLine1":"Caf`), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from(`"${tail}`)]);

    const res = await submit(t, body);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `the JSON body is not well-formed UTF-8 (RFC 8259 §8.1): byte ${head.length + '"addressLine1":"Caf'.length} (0xE9) does not start a valid UTF-8 sequence`,
    });
    expect(await store.headPosition()).toBe(before);
  });

  it.each([
    ['a DIP submission', `/dip-channel/${LDSO}`, SAMPLE.ldsoDipId],
    ['the feed acknowledgement', ACK, SUPPLIER],
  ])('%s: 400 "the body is not valid JSON: …" for a body that does not parse', async (_what, path, signer) => {
    const res = await signedPost(t, path, signer, '{"sequence": 1');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: "the body is not valid JSON: Expected ',' or '}' after property value in JSON at position 14" });
  });

  it('415 for JSON in UTF-16 (RFC 8259: UTF-8 between systems)', async () => {
    const res = await signRequest(t.http.post(ACK), SUPPLIER, Buffer.from('{"sequence":1}', 'utf16le'), { now: t.clock.now() }).set(
      'content-type',
      'application/json; charset=utf-16le',
    );
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

  it('429 with Retry-After past REGISTRY_RATE_LIMIT requests in the window; the refused submission changes nothing', async () => {
    const submitNew = (serial: number) => submit(t, [message(mpanCreationMessage, { mpanCore: mpanCore('19', serial) })]);
    const first = await submitNew(720);
    expect(first.status).toBe(201);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    expect((await submitNew(721)).status).toBe(201);
    expect((await submitNew(722)).status).toBe(201);
    const before = await store.headPosition();

    const res = await submitNew(723);

    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    // Counted by participant once requests are authenticated (the LDSO), by client IP before.
    expect(res.body.message).toMatch(
      new RegExp(`^rate limit exceeded: (participant ${SAMPLE.ldsoDipId}|client IP 127\\.0\\.0\\.1) may make 3 requests per 1 min; retry after ${retryAfter} s \\(Retry-After\\)$`),
    );
    expect(await store.headPosition()).toBe(before);
  });
});
