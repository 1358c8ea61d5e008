import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sampleDipKeyring } from '@app/dip-auth/testing/sample-keyring';
import { verifyDipRequest } from '@app/dip-auth';
import { KeepAliveClient, RequestSigner, sampleKeySigner } from '../bench/src/http/client';
import { PresignedRequests } from '../bench/src/http/presigned';
import { constants } from 'node:perf_hooks';
import { formatGcPauses, GcPauses, GcRecorder } from '../bench/src/gc';
import { mulberry32, runQueryRate } from '../bench/src/phases/q1-query';

/**
 * The benchmark's keep-alive client retries a request once, and only when it failed on a REUSED
 * socket before any answer (the server's keep-alive close racing the reuse); a failure on a fresh
 * socket is thrown. A real HTTP server on 127.0.0.1 plays the race: it drops the connection instead
 * of answering the request number `dropAt` (counted over the whole server).
 */
describe('KeepAliveClient (bench load generator)', () => {
  let server: Server;
  let baseUrl: string;
  let seen: number;
  let dropAt: Set<number>;

  beforeEach(async () => {
    seen = 0;
    dropAt = new Set();
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen++;
      if (dropAt.has(seen)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`answer ${seen}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends a request again on a fresh socket when its reused socket was closed before any answer', async () => {
    const client = new KeepAliveClient(baseUrl, 1, () => ({}));
    try {
      expect(await client.get('/one')).toEqual({ status: 200, body: 'answer 1' });
      dropAt.add(2); // the second request reuses the kept-alive socket, which the server drops
      expect(await client.postJson('/two', '[]')).toEqual({ status: 200, body: 'answer 3' });
      expect(client.staleSocketRetries).toBe(1);
    } finally {
      client.close();
    }
  });

  it('does not retry a request that failed on a fresh socket', async () => {
    const client = new KeepAliveClient(baseUrl, 1, () => ({}));
    try {
      dropAt.add(1);
      await expect(client.get('/one')).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(client.staleSocketRetries).toBe(0);
      expect(seen).toBe(1);
    } finally {
      client.close();
    }
  });
});

/**
 * Q1's pre-signed requests (issue #9): the DIP signature is made before a request is timed, and the
 * request carries exactly the signer's headers, which the registry's own check accepts.
 */
describe('PresignedRequests (bench: signing ahead of the timed reads)', () => {
  /** A signer that records its calls and signs with a counter. */
  const countingSigner = () => {
    const calls: string[] = [];
    const sign: RequestSigner = (method, path) => {
      calls.push(`${method} ${path}`);
      return { 'X-DIP-Signature': `sig-${calls.length}` };
    };
    return { calls, sign };
  };

  it('signs ahead of use and hands out each request once, with the headers signed for its path', async () => {
    const { calls, sign } = countingSigner();
    let clock = 0;
    const plan = new PresignedRequests(sign, ['/a', '/b', '/c'], 1000, () => clock);
    await plan.signAhead(2);
    expect(calls).toEqual(['GET /a', 'GET /b']);
    expect(plan.take(0)).toEqual({ method: 'GET', path: '/a', headers: { 'X-DIP-Signature': 'sig-1' }, signedAtMs: 0 });
    clock = 1000; // exactly the largest age: still sent as signed
    expect(plan.take(1).headers).toEqual({ 'X-DIP-Signature': 'sig-2' });
    expect(calls).toHaveLength(2);
    expect(() => plan.take(1)).toThrow(/already taken/);
    expect(() => plan.take(3)).toThrow(RangeError);
    expect(plan.signing).toMatchObject({ beforePhase: 2, aheadInPhase: 0, onPath: 0, reSignedStale: 0 });
  });

  it('signs on the request path, and counts it, a request not signed yet or older than the largest age', async () => {
    const { calls, sign } = countingSigner();
    let clock = 0;
    const plan = new PresignedRequests(sign, ['/a', '/b', '/c', '/d'], 1000, () => clock);
    await plan.signAhead(1);
    clock = 1001;
    expect(plan.take(0)).toMatchObject({ path: '/a', headers: { 'X-DIP-Signature': 'sig-2' }, signedAtMs: 1001 });
    expect(plan.take(2)).toMatchObject({ path: '/c', headers: { 'X-DIP-Signature': 'sig-4' } }); // /b signed first, ahead
    expect(calls).toEqual(['GET /a', 'GET /a', 'GET /b', 'GET /c']);
    expect(plan.take(1)).toMatchObject({ path: '/b', headers: { 'X-DIP-Signature': 'sig-3' } });
    expect(plan.signing).toMatchObject({ beforePhase: 1, aheadInPhase: 1, onPath: 2, reSignedStale: 1 });
  });

  it('refills during the phase up to the lookahead beyond the next request, and not past the plan', async () => {
    const { calls, sign } = countingSigner();
    const plan = new PresignedRequests(sign, ['/a', '/b', '/c', '/d', '/e'], 60_000, () => 0);
    await plan.signAhead(1);
    expect(plan.refill(0, 3, 5)).toBe(2); // /b, /c: three signed beyond request 0
    expect(plan.refill(0, 3, 5)).toBe(0);
    expect(plan.refill(4, 3, 5)).toBe(2);
    expect(plan.refill(5, 3, 5)).toBe(0);
    expect(calls).toEqual(['GET /a', 'GET /b', 'GET /c', 'GET /d', 'GET /e']);
    expect(plan.signing).toMatchObject({ beforePhase: 1, aheadInPhase: 4, onPath: 0 });
  });

  it('refuses a largest age that is not a positive number', () => {
    expect(() => new PresignedRequests(() => ({}), ['/a'], 0)).toThrow(RangeError);
    expect(() => new PresignedRequests(() => ({}), ['/a'], Number.NaN)).toThrow(RangeError);
  });

  describe('over HTTP', () => {
    let server: Server;
    let baseUrl: string;
    let received: Array<{ url: string; headers: IncomingMessage['headers']; verified: string; at: number }>;
    const keyring = sampleDipKeyring();

    beforeEach(async () => {
      received = [];
      server = createServer((req: IncomingMessage, res: ServerResponse) => {
        // The registry's own check (the guard's verifyDipRequest), against the system clock as the bench server's guard.
        let verified: string;
        try {
          verified = verifyDipRequest({ method: req.method!, url: req.url!, rawBody: Buffer.alloc(0), headers: req.headers, now: new Date().toISOString(), maxSkewMs: 300_000, production: false, keyring }).dipId;
        } catch (error) {
          verified = String(error);
        }
        received.push({ url: req.url!, headers: req.headers, verified, at: performance.now() });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('sendPresigned sends the headers as signed, without signing again, and the registry verifies them', async () => {
      let signedBySend = 0;
      const client = new KeepAliveClient(baseUrl, 2, () => {
        signedBySend++;
        return {};
      });
      try {
        const plan = new PresignedRequests(sampleKeySigner('9000000002'), ['/mpans/1200000000009', '/mpans/1200000000010'], 60_000);
        await plan.signAhead(2);
        const first = plan.take(0);
        expect(await client.sendPresigned(first)).toEqual({ status: 200, body: 'ok' });
        await client.sendPresigned(plan.take(1));
        expect(signedBySend).toBe(0);
        expect(received.map((r) => r.url)).toEqual(['/mpans/1200000000009', '/mpans/1200000000010']);
        expect(received[0]!.headers['x-dip-signature']).toBe(first.headers['X-DIP-Signature']);
        expect(received.map((r) => r.verified)).toEqual(['9000000003', '9000000003']); // the enquiry service reads MPANs
      } finally {
        client.close();
      }
    });

    it('runQueryRate signs every read before it is timed, keeps the schedule, and reports CPU per read', async () => {
      const client = new KeepAliveClient(baseUrl, 8);
      const signedAt: number[] = [];
      const signer = sampleKeySigner('9000000002');
      const sign: RequestSigner = (method, path, body) => {
        signedAt.push(performance.now());
        return signer(method, path, body);
      };
      let serverCpuAsked = 0;
      const serverPauses: GcPauses = { count: 3, totalMs: 4.5, maxMs: 2, byKind: { minor: { count: 3, totalMs: 4.5 } }, eventLoopDelayMs: { p99: 3, max: 5 } };
      const gcCalls: string[] = [];
      const serverGc = {
        start: async () => void gcCalls.push(`start after ${received.length}`),
        stop: async () => (gcCalls.push(`stop after ${received.length}`), serverPauses),
      };
      try {
        const result = await runQueryRate(
          client,
          ['1200000000009', '1200000000010', '1200000000011'],
          { rate: 100, seconds: 0.5, seed: 7, maxConnections: 8, serverCpuSeconds: async () => ++serverCpuAsked, serverGc },
          sign,
        );
        // The server's GC recording spans the fixed-rate load only: after the 200 idle reads, until all 250 are answered.
        expect(gcCalls).toEqual(['start after 200', 'stop after 250']);
        expect(result.gc.server).toEqual(serverPauses);
        expect(result.gc.client).toMatchObject({ count: expect.any(Number), totalMs: expect.any(Number), maxMs: expect.any(Number) });
        expect(result.gc.client.eventLoopDelayMs.max).toBeGreaterThanOrEqual(result.gc.client.eventLoopDelayMs.p99);
        expect(result).toMatchObject({ requests: 50, statuses: { 200: 50 }, sequential: { requests: 200 } });
        expect(result.signing).toMatchObject({ beforePhase: 250, aheadInPhase: 0, onPath: 0, reSignedStale: 0 });
        expect(signedAt).toHaveLength(250);
        expect(received).toHaveLength(250);
        // Every signature was made before the first request of the run (idle reads included) arrived.
        expect(Math.max(...signedAt)).toBeLessThan(received[0]!.at);
        expect(new Set(received.map((r) => r.verified))).toEqual(new Set(['9000000003']));
        expect(result.cpu).toMatchObject({ serverSeconds: 1, serverMsPerRead: 20, clientSeconds: expect.any(Number), clientMsPerRead: expect.any(Number) });
        // The draws are those of the seeded generator: the idle reads in order, the concurrent ones as
        // a whole (8 connections may deliver them in another order).
        const random = mulberry32(7);
        const cores = ['1200000000009', '1200000000010', '1200000000011'];
        const drawn = Array.from({ length: 250 }, () => `/mpans/${cores[Math.floor(random() * 3)]!}`);
        const urls = received.map((r) => r.url);
        expect(urls.slice(0, 200)).toEqual(drawn.slice(0, 200));
        expect(urls.slice(200).sort()).toEqual(drawn.slice(200).sort());
      } finally {
        client.close();
      }
    });

    it("runQueryRate with signing 'on-path' signs each read when it sends it (the earlier method), none ahead", async () => {
      const client = new KeepAliveClient(baseUrl, 8);
      try {
        const result = await runQueryRate(client, ['1200000000009'], { rate: 100, seconds: 0.3, seed: 1, maxConnections: 8, signing: 'on-path' });
        expect(result.statuses).toEqual({ 200: 30 });
        expect(result.signing).toMatchObject({ beforePhase: 0, aheadInPhase: 0, onPath: 230, reSignedStale: 0 });
        expect(new Set(received.map((r) => r.verified))).toEqual(new Set(['9000000003']));
      } finally {
        client.close();
      }
    });

    it('runQueryRate signs a plan longer than the age allows partly during the load, ahead of use', async () => {
      const client = new KeepAliveClient(baseUrl, 8);
      try {
        // 60 requests at 100/s with a largest age of 0.3 s: 10 fit before the phase (rate × age / 3), 200 idle reads before them.
        const result = await runQueryRate(client, ['1200000000009'], { rate: 100, seconds: 0.6, seed: 1, maxConnections: 8, maxSignatureAgeMs: 300 });
        expect(result.statuses).toEqual({ 200: 60 });
        expect(result.signing.beforePhase).toBe(210);
        // Each of the 50 others signed once, ahead during the load or (when late) on its path; any re-signing of a stale one is counted apart.
        expect(result.signing.aheadInPhase + result.signing.onPath - result.signing.reSignedStale).toBe(50);
        expect(result.signing.aheadInPhase).toBeGreaterThan(0);
        expect(result.cpu.serverSeconds).toBeNull();
        expect(result.gc.server).toBeNull();
        expect(new Set(received.map((r) => r.verified))).toEqual(new Set(['9000000003']));
      } finally {
        client.close();
      }
    });
  });
});

describe('GcRecorder (bench GC pauses)', () => {
  it('counts, sums and keeps the longest pause per kind; stop rounds to the microsecond', async () => {
    const recorder = new GcRecorder();
    recorder.start();
    await recorder.stop(); // forget whatever the runtime collected meanwhile
    recorder.add(1.23456, constants.NODE_PERFORMANCE_GC_MINOR);
    recorder.add(4, constants.NODE_PERFORMANCE_GC_MAJOR);
    recorder.add(0.5, constants.NODE_PERFORMANCE_GC_MINOR);
    recorder.add(0.25, undefined);
    const pauses = await recorder.stop();
    expect(pauses).toMatchObject({
      count: 4,
      totalMs: 5.985,
      maxMs: 4,
      byKind: { minor: { count: 2, totalMs: 1.735 }, major: { count: 1, totalMs: 4 }, unknown: { count: 1, totalMs: 0.25 } },
    });
    expect(formatGcPauses(pauses)).toMatch(/^4 pauses, total 5\.985 ms, max 4 ms \(minor 2 \(1\.735 ms\), major 1 \(4 ms\), unknown 1 \(0\.25 ms\)\); event-loop delay p99 [\d.]+ ms, max [\d.]+ ms$/);
    expect(formatGcPauses(null)).toBe('not recorded');
  });

  it('sees the collections the process really makes while it records, and restarts from zero', async () => {
    const recorder = new GcRecorder();
    recorder.start();
    let keep = 0;
    for (let round = 0; round < 20; round++) {
      // Short-lived garbage, several times the young generation: scavenges must happen.
      const junk: number[][] = [];
      for (let i = 0; i < 20_000; i++) junk.push([i, i + 1, i + 2, i + 3]);
      keep += junk.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const pauses = await recorder.stop();
    expect(keep).toBe(400_000);
    expect(pauses.count).toBeGreaterThan(0);
    expect(pauses.totalMs).toBeGreaterThan(0);
    expect(pauses.maxMs).toBeLessThanOrEqual(pauses.totalMs);
    expect(Object.values(pauses.byKind).reduce((n, k) => n + k.count, 0)).toBe(pauses.count);
    recorder.start();
    expect((await recorder.stop()).count).toBeLessThan(pauses.count);
  });
});
