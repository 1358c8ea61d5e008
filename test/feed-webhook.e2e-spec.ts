import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domPremIndMessage, initialRegistrationMessage, mpanCreationMessage, SAMPLE, withValue } from '@app/dip-wire/testing/fixtures';
import { loadOfficialSchemas } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FeedService, type FeedItemView, type FeedPage, type PublicationConfigView } from '@app/projections/feed';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, brweCosRequests, during } from './support/appointment-messages';
import { accepted, CSS_CHANNEL, LDSO_CHANNEL, REQUEST_CHANNEL, RESPONSE_CHANNEL } from './support/appointments';
import { message, mpanCore } from './support/dip';

/**
 * Webhook push of the notification feed over real HTTP (issue #5; docs/feed.md "Push"): the app
 * POSTs each participant's items to a receiver started here (node:http on 127.0.0.1:0). Delivery
 * timings are configured small (poll 20 ms, retry 20 ms doubling to 100 ms, parked after 3
 * failures, 3 messages per POST) so the file runs in a few seconds; nothing asserts on speed —
 * waits are bounded only so that a broken deliverer fails the test instead of hanging it.
 *
 * The receivers listen on 127.0.0.1, which the default destination policy refuses (issue #8,
 * docs/security.md "Webhook destinations"): the delivery tests open it with
 * `REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`; the last block runs with the default and shows
 * the refusals. A failing receiver answers with a secret in its body, which must appear neither in
 * `GET …/publication-config` nor in the log lines.
 */

/**
 * The apps' pino JSON lines (level info and above), of both apps of this file: Nest's `Logger`
 * writes through the logger of the app that set it last, so lines are not told apart by app.
 */
const logLines: string[] = [];

/** What a failing receiver puts in its body: never to be echoed or logged. */
const RECEIVER_SECRET = 'SECRET-internal-token-7f3a';

const DELIVERY_ENV = {
  REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  REGISTRY_WEBHOOK_POLL_MS: '20',
  REGISTRY_WEBHOOK_RETRY_BASE_MS: '20',
  REGISTRY_WEBHOOK_RETRY_MAX_MS: '100',
  REGISTRY_WEBHOOK_PARK_AFTER: '3',
  REGISTRY_WEBHOOK_BATCH_SIZE: '3',
  REGISTRY_WEBHOOK_TIMEOUT_MS: '5000',
};

const BRWE = SAMPLE.suppliers.BRWE;
const NSTP = SAMPLE.suppliers.NSTP;
const { MSSA } = SAMPLE.providers;
const EES = '9000000003';
const MDS = '9000000004';
const LDSO = SAMPLE.ldsoDipId;
/** Nothing listens on port 1: every POST fails at once (connection refused). */
const UNREACHABLE = 'http://127.0.0.1:1/down';
const CORE = mpanCore('19', 8001);

/** One POST the receiver got. */
interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local webhook receiver; `answer(n)` gives the status of the n-th request (1-based). */
interface Receiver {
  url: string;
  requests: Received[];
  answer: (n: number) => number;
  close(): Promise<void>;
}

async function startReceiver(answer: (n: number) => number): Promise<Receiver> {
  const requests: Received[] = [];
  const receiver: Receiver = { url: '', requests, answer, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = receiver.answer(requests.length + 1);
      requests.push({ status, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const answer = status < 300 ? '{"ok":true}' : `{"error":"receiver unavailable","internal":"${RECEIVER_SECRET}"}`;
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dip/publications`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Waits until `check` holds; fails after `limitMs` (a guard against hanging, not a speed check). */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, limitMs = 8000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Egress = { payload: { CommonBlock: { D0: { transactionID: string; replayIndicator: boolean } } } };
const delivered = (requests: Received[]) => requests.filter((r) => r.status < 300);
const transactionIds = (requests: Received[]) => requests.flatMap((r) => (r.body as Egress[]).map((m) => m.payload.CommonBlock.D0.transactionID));

describe('webhook delivery over HTTP', () => {
  let t: TestApp;
  let flaky: Receiver;
  let down: Receiver;
  let filtered: Receiver;
  let ldso: Receiver;

  const head = async () => (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
  const config = async (dipId: string) => (await t.http.get(`/participants/${dipId}/publication-config`)).body as PublicationConfigView;
  async function pushable(dipId: string): Promise<FeedItemView[]> {
    const res = await t.http.get(`/participants/${dipId}/publications`).query({ after: 0, limit: 1000, minPosition: await head() });
    return (res.body as FeedPage).items.filter((i) => i.message !== null);
  }
  const setWebhook = (dipId: string, body: Record<string, unknown>) => t.http.put(`/participants/${dipId}/publication-config`).send(body);
  /** Everything of `dipId` pushed and acknowledged by a 2xx. */
  const upToDate = (dipId: string) => async () => {
    const c = await config(dipId);
    return c.delivery !== null && c.lastSequence > 0 && c.delivery.deliveredSequence === c.lastSequence ? c : undefined;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: DELIVERY_ENV, logs: { write: (line: string) => void logLines.push(line) } });
    flaky = await startReceiver((n) => (n <= 2 ? 500 : 200));
    down = await startReceiver(() => 503);
    filtered = await startReceiver(() => 204);
    ldso = await startReceiver(() => 200);
    expect((await setWebhook(BRWE, { webhookUrl: flaky.url })).status).toBe(200);
    expect((await setWebhook(MSSA, { webhookUrl: down.url })).status).toBe(200);
    expect((await setWebhook(EES, { webhookUrl: filtered.url, eventCodes: ['[MSAppActive]', '[DSAppActive]'] })).status).toBe(200);
    // The MDS filters out everything it will get, towards a webhook that is down.
    expect((await setWebhook(MDS, { webhookUrl: UNREACHABLE, eventCodes: ['[MSAppLapsed]'] })).status).toBe(200);
    // The LDSO wants only the registration, which comes before its other items.
    expect((await setWebhook(LDSO, { webhookUrl: ldso.url, eventCodes: ['[InitialRegistration]'] })).status).toBe(200);

    t.clock.set(during('2025-04-01'));
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: CORE }));
    await accepted(
      t.http,
      LDSO_CHANNEL,
      withValue(message(domPremIndMessage, { mpanCore: CORE }), 'payload.CustomBlock.B028.domesticPremiseIndicatorEffectiveFromDate', '2025-04-01T00:00:00+01:00'),
    );
    await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: CORE }));
    const { ms, ds } = brweCosRequests(CORE);
    await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(ms));
    await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(ds));
    t.clock.set(during('2025-04-02'));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ms));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ds));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([flaky, down, filtered, ldso].map((r) => r?.close()));
  });

  it('a receiver that fails twice then succeeds gets every item once after the success, in order, in batches of at most 3', async () => {
    const done = await eventually('BRWE up to date', upToDate(BRWE));
    const items = await pushable(BRWE);
    // Every item of BRWE renders (the DS request records the consent granularity and domestic
    // indicator B071 needs), so every one is pushed. An item the renderer refuses keeps its sequence
    // but is never pushed (feed.md "Items that cannot be rendered").
    expect(done.lastSequence).toBe(7);
    expect(items.map((i) => i.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(flaky.requests.slice(0, 2).map((r) => r.status)).toEqual([500, 500]);
    // The failed batch is sent again, unchanged at its start, until it succeeds.
    const firstIds = (r: Received) => (r.body as Egress[])[0]!.payload.CommonBlock.D0.transactionID;
    expect(firstIds(flaky.requests[1]!)).toBe(firstIds(flaky.requests[0]!));
    expect(firstIds(flaky.requests[2]!)).toBe(firstIds(flaky.requests[0]!));
    const ok = delivered(flaky.requests);
    expect(transactionIds(ok)).toEqual(items.map((i) => i.transactionId));
    expect(ok.every((r) => (r.body as unknown[]).length <= 3)).toBe(true);
    const sequenceOf = new Map(items.map((i) => [i.transactionId, i.sequence]));
    for (const r of ok) {
      const ids = transactionIds([r]);
      expect([Number(r.headers['x-regs-first-sequence']), Number(r.headers['x-regs-last-sequence'])]).toEqual([sequenceOf.get(ids[0]!), sequenceOf.get(ids[ids.length - 1]!)]);
    }
    expect(ok.every((r) => r.headers['content-type'] === 'application/json' && r.headers['x-regs-recipient'] === BRWE)).toBe(true);
    expect((ok[0]!.body as Egress[]).every((m) => m.payload.CommonBlock.D0.replayIndicator === false)).toBe(true);
    // The success cleared the failures and the last error (its wording is checked on the parked receiver below).
    expect(done.delivery).toMatchObject({ consecutiveFailures: 0, parked: false, lastError: null, lastSuccessAt: expect.any(String) });
    // A 2xx acknowledges: pull's default start follows push.
    expect(done.acknowledgedSequence).toBe(done.lastSequence);
  });

  it('every POST body is a DIPMessageEgressArray the official schema accepts', async () => {
    await eventually('BRWE up to date', upToDate(BRWE));
    const schemas = loadOfficialSchemas();
    for (const r of flaky.requests) expect(schemas.validate('DIPMessageEgressArray', r.body).errors).toEqual([]);
  });

  it('pushes only the configured event codes, moving past the others', async () => {
    const done = await eventually('EES up to date', upToDate(EES));
    const codes = delivered(filtered.requests).flatMap((r) => (r.body as Array<{ payload: { CommonBlock: { S0: { eventCode: string } } } }>).map((m) => m.payload.CommonBlock.S0.eventCode));
    expect(codes).toEqual(['[MSAppActive]', '[DSAppActive]']);
    expect(done.lastSequence).toBe(4);
  });

  it('items the filter skips move the delivery cursor but never the acknowledgement: nothing was delivered', async () => {
    const skipped = await eventually('MDS cursor past every item', upToDate(MDS));
    expect(skipped.lastSequence).toBeGreaterThan(0);
    expect(skipped.delivery).toMatchObject({ deliveredSequence: skipped.lastSequence, consecutiveFailures: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null });
    expect(skipped.acknowledgedSequence).toBe(0);
    // Without the filter and the webhook, a pull from the acknowledgement still has every item.
    expect((await t.http.delete(`/participants/${MDS}/publication-config`)).status).toBe(200);
    const page = (await t.http.get(`/participants/${MDS}/publications`).query({ minPosition: await head() })).body as FeedPage;
    expect([page.after, page.items.map((i) => i.sequence)]).toEqual([0, Array.from({ length: skipped.lastSequence }, (_, n) => n + 1)]);
  });

  it('a 2xx acknowledges through the last item it delivered, not through the filtered items after it', async () => {
    const done = await eventually('LDSO up to date', upToDate(LDSO));
    const all = (await t.http.get(`/participants/${LDSO}/publications`).query({ after: 0, minPosition: await head() })).body as FeedPage;
    const wanted = all.items.filter((i) => i.eventCode === '[InitialRegistration]').map((i) => i.sequence);
    expect(wanted).toHaveLength(1);
    expect(done.lastSequence).toBeGreaterThan(wanted[0]!); // filtered items follow it
    expect(delivered(ldso.requests).map((r) => [r.headers['x-regs-first-sequence'], r.headers['x-regs-last-sequence']])).toEqual([[String(wanted[0]), String(wanted[0])]]);
    expect(done.delivery).toMatchObject({ deliveredSequence: done.lastSequence, lastSuccessAt: expect.any(String) });
    expect(done.acknowledgedSequence).toBe(wanted[0]);
  });

  it('a receiver that keeps failing is parked after 3 consecutive failures, with the last error; replay un-parks and redelivers with replayIndicator', async () => {
    const parked = await eventually('MSSA parked', async () => {
      const c = await config(MSSA);
      return c.delivery?.parked ? c : undefined;
    });
    expect(parked.delivery).toMatchObject({ parked: true, consecutiveFailures: 3, deliveredSequence: 0, lastError: expect.stringMatching(/^HTTP 503 Service Unavailable after \d+ ms \(content-length \d+\)$/), nextAttemptAt: null });
    expect(JSON.stringify(parked)).not.toContain(RECEIVER_SECRET);
    expect(down.requests.map((r) => r.status)).toEqual([503, 503, 503]);
    // Parked means no further attempts (several poll intervals pass).
    await new Promise((r) => setTimeout(r, 150));
    expect(down.requests).toHaveLength(3);

    down.answer = () => 200;
    const replay = await t.http.post(`/participants/${MSSA}/publications/replay`).send({ fromSequence: 1 });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ recipient: MSSA, fromSequence: 1, replayThrough: 4, wasParked: true, delivery: { parked: false, consecutiveFailures: 0, deliveredSequence: 0 } });
    await eventually('MSSA up to date', upToDate(MSSA));
    const ok = delivered(down.requests);
    expect(transactionIds(ok)).toEqual((await pushable(MSSA)).map((i) => i.transactionId));
    expect(ok.flatMap((r) => (r.body as Egress[]).map((m) => m.payload.CommonBlock.D0.replayIndicator))).toEqual([true, true, true, true]);
  });

  it('replay from a sequence sends that item and the later ones again, flagged, and nothing earlier', async () => {
    await eventually('BRWE up to date', upToDate(BRWE));
    const before = flaky.requests.length;
    const replay = await t.http.post(`/participants/${BRWE}/publications/replay`).send({ fromSequence: 5 });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ fromSequence: 5, replayThrough: 7, wasParked: false });
    await eventually('BRWE up to date again', upToDate(BRWE));
    const again = delivered(flaky.requests.slice(before));
    const items = await pushable(BRWE);
    const fromFive = items.filter((i) => i.sequence >= 5);
    expect(fromFive.length).toBeGreaterThan(0);
    expect(transactionIds(again)).toEqual(fromFive.map((i) => i.transactionId));
    expect(again.flatMap((r) => (r.body as Egress[]).map((m) => m.payload.CommonBlock.D0.replayIndicator))).toEqual(fromFive.map(() => true));
  });

  it('refuses a replay without a webhook (409) or one that would skip undelivered items (400)', async () => {
    await eventually('BRWE up to date', upToDate(BRWE));
    const none = await t.http.post(`/participants/${NSTP}/publications/replay`).send({ fromSequence: 1 });
    expect([none.status, none.body.message]).toEqual([409, expect.stringContaining(`${NSTP} has no webhook to replay to`)]);
    const skip = await t.http.post(`/participants/${BRWE}/publications/replay`).send({ fromSequence: 9 });
    expect([skip.status, skip.body.message]).toEqual([400, 'fromSequence 9 would skip items never delivered: the webhook has everything through 7; replay from 8 or lower']);
    expect((await t.http.post(`/participants/${BRWE}/publications/replay`).send({ fromSequence: 0 })).status).toBe(400);
  });

  it("never shows or logs a failing receiver's body: the error code of a refused connection, the status of an error answer", async () => {
    await eventually('MSSA up to date', upToDate(MSSA));
    const failures = logLines.map((line) => JSON.parse(line) as { level: string; msg?: string; context?: string }).filter((l) => /^webhook of \d{10} (failed|parked)/.test(l.msg ?? ''));
    expect(failures.length).toBeGreaterThanOrEqual(5); // BRWE failed twice, MSSA three times
    expect(failures.every((l) => l.level === 'warn')).toBe(true);
    expect(failures.some((l) => /HTTP 503 Service Unavailable after \d+ ms/.test(l.msg!))).toBe(true);
    expect(logLines.join('\n')).not.toContain(RECEIVER_SECRET);
    expect(logLines.join('\n')).not.toContain('receiver unavailable');
    for (const dipId of [BRWE, MSSA, EES, LDSO]) {
      const body = JSON.stringify((await t.http.get(`/participants/${dipId}/publication-config`)).body);
      expect(body).not.toContain(RECEIVER_SECRET);
      expect(body).not.toContain('receiver unavailable');
    }
  });

  it('removing the webhook stops push; GET shows no delivery', async () => {
    const reset = await t.http.delete(`/participants/${EES}/publication-config`);
    expect(reset.body).toMatchObject({ webhookUrl: null, eventCodes: null, delivery: null });
    expect((await config(EES)).delivery).toBeNull();
  });
});

describe('webhook destinations by default (issue #8: public addresses only)', () => {
  let t: TestApp;
  let receiver: Receiver;
  const config = async (dipId: string) => (await t.http.get(`/participants/${dipId}/publication-config`)).body as PublicationConfigView;

  beforeAll(async () => {
    // The delivery settings of the tests above, but NOT the private-network allowance.
    const { REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS: _allowed, ...defaults } = DELIVERY_ENV;
    t = await startTestApp({ env: defaults, logs: { write: (line: string) => void logLines.push(line) } });
    receiver = await startReceiver(() => 200);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it.each([
    ['http://127.0.0.1:3999/hook', 'webhookUrl host 127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://localhost:3000/x', `webhookUrl host "localhost" is the registry's own loopback interface`],
    ['https://169.254.169.254/latest', 'webhookUrl host 169.254.169.254 is a link-local address (169.254.0.0/16)'],
    ['http://10.0.0.8/hook', 'webhookUrl host 10.0.0.8 is a private address (10.0.0.0/8)'],
    ['http://[::1]:3000/hook', 'webhookUrl host ::1 is a loopback address (::1/128)'],
    ['http://[::ffff:127.0.0.1]/hook', 'webhookUrl host ::ffff:7f00:1 is a loopback address (127.0.0.0/8)'],
    ['http://2130706433/hook', 'webhookUrl host 127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://user:pass@hooks.example.org/hook', 'webhookUrl must not carry credentials (user:password@)'],
  ])('refuses %s with 400 and stores nothing', async (webhookUrl, reason) => {
    const before = await config(NSTP);
    const put = await t.http.put(`/participants/${NSTP}/publication-config`).send({ webhookUrl, eventCodes: ['[MSAppActive]'] });
    expect([put.status, put.body.message]).toEqual([400, expect.stringContaining(reason)]);
    expect(await config(NSTP)).toEqual(before);
    expect(before).toMatchObject({ webhookUrl: null, eventCodes: null, delivery: null });
  });

  it('accepts a public host name (checked again on its addresses at each delivery)', async () => {
    const put = await t.http.put(`/participants/${EES}/publication-config`).send({ webhookUrl: 'https://hooks.example.org/dip' });
    expect([put.status, put.body.webhookUrl]).toEqual([200, 'https://hooks.example.org/dip']);
    expect((await t.http.delete(`/participants/${EES}/publication-config`)).status).toBe(200);
  });

  it('refuses at delivery a private destination stored before the policy: no POST, counted as failures, parked with a clear last error', async () => {
    // A URL stored before this policy existed (or under REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true):
    // the HTTP API would refuse it now, so it is written as the earlier version did, through the service.
    await t.app.get(FeedService).changeConfig(BRWE, { webhookUrl: receiver.url });
    t.clock.set(during('2025-04-01'));
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: mpanCore('19', 8002) }));
    await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: mpanCore('19', 8002) }));
    const parked = await eventually('BRWE parked', async () => {
      const c = await config(BRWE);
      return c.delivery?.parked ? c : undefined;
    });
    expect(parked.delivery).toMatchObject({
      parked: true,
      consecutiveFailures: 3,
      deliveredSequence: 0,
      lastError: 'destination refused: 127.0.0.1 is a loopback address (127.0.0.0/8)',
    });
    expect(receiver.requests).toEqual([]);
    // The warn lines follow the bookkeeping: wait for the parking line. They add the address, for the operator.
    const refusals = await eventually('the parking line', async () => {
      const lines = logLines.filter((line) => line.includes(`webhook of ${BRWE}`) && line.includes('destination refused: 127.0.0.1 is a loopback address'));
      return lines.some((line) => line.includes('parked after 3 consecutive failures')) ? lines : undefined;
    });
    expect(refusals).toHaveLength(3);
    expect(refusals.every((line) => line.includes('address 127.0.0.1'))).toBe(true);
  });
});
