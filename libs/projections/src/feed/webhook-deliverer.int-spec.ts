import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { generateTraffic } from '@app/dip-wire';
import { FixedClock, loadRegistryConfig, RegistrationAppModule, TrafficLoader } from '@app/registration-app';
import { Projector, ProjectionsModule, VIEW_DATABASE, ViewDatabase } from '@app/projections';
import { FeedRecipientEntity, FeedService, PublicationConfigView, WEBHOOK_HOST_RESOLVER, WebhookDeliverer, webhookUrlProblem } from '@app/projections/feed';
import type { HostResolver } from './webhook-destination';

/**
 * Integration (issue #8): the real webhook deliverer, over a real SQLite event store and view
 * database, with the host resolver replaced by one that answers `hooks.example.org` with
 * 127.0.0.1 — a public-looking name that resolves to a loopback address, as a DNS-rebinding or
 * split-horizon attack would have it. The URL passes the configuration check; delivery must refuse
 * it under the default policy (nothing sent, failures counted, parked), and with private networks
 * allowed must reach the receiver through exactly the address the resolver gave (the name exists
 * nowhere else).
 */

const NAME = 'hooks.example.org';

interface Harness {
  app: INestApplicationContext;
  dir: string;
  feed: FeedService;
  deliverer: WebhookDeliverer;
  asked: string[];
  recipient: string;
}

async function harness(allowPrivate: boolean): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'regs-webhook-int-'));
  const config = loadRegistryConfig(
    {
      REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'),
      REGISTRY_DAY_START: 'off',
      REGISTRY_PROJECTOR: 'off',
      REGISTRY_WEBHOOK_PARK_AFTER: '2',
      REGISTRY_WEBHOOK_RETRY_BASE_MS: '1',
      REGISTRY_WEBHOOK_RETRY_MAX_MS: '5',
      REGISTRY_WEBHOOK_POLL_MS: '10',
      REGISTRY_WEBHOOK_TIMEOUT_MS: '5000',
      REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS: String(allowPrivate),
    },
    resolve(__dirname, '../../../..'),
  );
  const asked: string[] = [];
  const resolver: HostResolver = (host) => {
    asked.push(host);
    return Promise.resolve(host === NAME ? [{ address: '127.0.0.1', family: 4 }] : []);
  };
  const moduleRef = await Test.createTestingModule({
    imports: [RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') }), ProjectionsModule.forRoot()],
  })
    .overrideProvider(WEBHOOK_HOST_RESOLVER)
    .useValue(resolver)
    .compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  const loader = app.get(TrafficLoader);
  const replay = { replayClock: true, notAfter: '2026-06-30T00:00:00Z' };
  for (const line of generateTraffic({ mpans: 2, seed: 8, startDate: '2025-04-01', mistakeRate: 0 })) {
    await loader.load({ channel: line.channel, message: line.message }, replay);
  }
  await loader.finish(replay);
  await app.get(Projector).catchUp();
  const recipients = await app.get<ViewDatabase>(VIEW_DATABASE).reader.getRepository(FeedRecipientEntity).find({ order: { lastSequence: 'DESC' } });
  return { app, dir, feed: app.get(FeedService), deliverer: app.get(WebhookDeliverer), asked, recipient: recipients[0]!.recipientDipId };
}

/** A receiver on 127.0.0.1 that answers 200 and records what it got. */
async function startReceiver(): Promise<{ port: number; requests: Array<{ headers: IncomingHttpHeaders }>; close(): Promise<void> }> {
  const requests: Array<{ headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({ headers: req.headers });
      res.writeHead(200, { 'content-length': 0 }).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, requests, close: () => new Promise((done) => server.close(() => done())) };
}

/** Runs the deliverer until `check` holds (bounded: a broken deliverer fails instead of hanging). */
async function deliverUntil(h: Harness, what: string, check: (c: PublicationConfigView) => boolean): Promise<PublicationConfigView> {
  const deadline = Date.now() + 10_000;
  h.deliverer.start();
  try {
    for (;;) {
      const c = await h.feed.config(h.recipient);
      if (check(c)) return c;
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await h.deliverer.stop();
  }
}

describe('webhook delivery to a name that resolves to a loopback address', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const h of harnesses) {
      await h.app.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
    await receiver?.close();
  });

  it('is refused at delivery by default, though the URL passed the configuration check: nothing sent, failures counted, parked', async () => {
    const h = await harness(false);
    harnesses.push(h);
    const url = `http://${NAME}:${receiver.port}/hook`;
    expect(webhookUrlProblem(url)).toBeNull();
    await h.feed.changeConfig(h.recipient, { webhookUrl: url });
    const parked = await deliverUntil(h, 'parked', (c) => c.delivery?.parked === true);
    expect(parked.delivery).toMatchObject({
      parked: true,
      consecutiveFailures: 2,
      deliveredSequence: 0,
      lastError: 'destination refused: hooks.example.org resolves to a loopback address (127.0.0.0/8)',
    });
    expect(parked.lastSequence).toBeGreaterThan(0);
    expect(receiver.requests).toEqual([]);
    expect(h.asked).toEqual([NAME, NAME]);
  });

  it('with private networks allowed, reaches the receiver through the address the resolver gave', async () => {
    const h = await harness(true);
    harnesses.push(h);
    await h.feed.changeConfig(h.recipient, { webhookUrl: `http://${NAME}:${receiver.port}/hook` });
    const done = await deliverUntil(h, 'up to date', (c) => c.delivery !== null && c.delivery.deliveredSequence === c.lastSequence);
    expect(done.delivery).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: expect.any(String) });
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(receiver.requests.every((r) => r.headers.host === `${NAME}:${receiver.port}` && r.headers['x-regs-recipient'] === h.recipient)).toBe(true);
    // One resolution per POST, none by the HTTP client itself.
    expect(h.asked).toEqual(receiver.requests.map(() => NAME));
  });
});

describe('webhook delivery state: lastError after a success, and after a new URL', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses) {
      await h.app.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });

  it('a success after a failure clears lastError (it describes the current trouble; lastSuccessAt says when it ended)', async () => {
    const h = await harness(true);
    harnesses.push(h);
    // Answers 500 to the first POST, 200 to the ones after.
    let posts = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(posts++ === 0 ? 500 : 200, { 'content-length': 0 }).end());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      await h.feed.changeConfig(h.recipient, { webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
      const failed = await deliverUntil(h, 'one failure', (c) => (c.delivery?.consecutiveFailures ?? 0) > 0);
      expect(failed.delivery?.lastError).toMatch(/^HTTP 500 Internal Server Error after /);
      const done = await deliverUntil(h, 'up to date', (c) => c.delivery !== null && c.delivery.deliveredSequence === c.lastSequence);
      expect(done.delivery).toMatchObject({ consecutiveFailures: 0, parked: false, lastError: null, lastSuccessAt: expect.any(String) });
      expect(posts).toBeGreaterThan(1);
    } finally {
      await new Promise((done) => server.close(() => done(undefined)));
    }
  });

  it("a new webhook URL starts with a fresh delivery state: not the previous URL's error, failures, park or times", async () => {
    const h = await harness(false);
    harnesses.push(h);
    await h.feed.changeConfig(h.recipient, { webhookUrl: `http://${NAME}:9/hook` });
    const parked = await deliverUntil(h, 'parked', (c) => c.delivery?.parked === true);
    expect(parked.delivery).toMatchObject({ parked: true, lastError: expect.stringContaining('destination refused'), lastAttemptAt: expect.any(String) });
    const changed = await h.feed.changeConfig(h.recipient, { webhookUrl: 'https://participant.example.net/hook' });
    expect(changed.delivery).toMatchObject({ parked: false, parkedAt: null, consecutiveFailures: 0, nextAttemptAt: null, lastError: null, lastAttemptAt: null, lastSuccessAt: null });
    // The same URL again changes nothing.
    const same = await h.feed.changeConfig(h.recipient, { webhookUrl: 'https://participant.example.net/hook' });
    expect(same.delivery).toEqual(changed.delivery);
  });
});
