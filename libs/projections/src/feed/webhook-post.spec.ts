import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLIC_ONLY, WebhookDestinationRefused } from './webhook-destination';
import { describeAnswer, describeFailure, postWebhook } from './webhook-post';

/**
 * One webhook POST against a receiver on 127.0.0.1 (issue #8): the delivery-time destination
 * check with an injected resolver, the pinned connection, no redirects, and an answer that never
 * carries the receiver's body.
 */
describe('postWebhook', () => {
  let server: Server;
  let port: number;
  const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
  let respond: (res: import('node:http').ServerResponse) => void = (res) => res.writeHead(204).end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        respond(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    respond = (res) => res.writeHead(204).end();
  });

  const allow = { allowPrivateNetworks: true };
  const signal = () => AbortSignal.timeout(5000);
  /** A resolver that knows one name, pointing at this test's receiver, and counts the questions. */
  const fakeDns = () => {
    const asked: string[] = [];
    return {
      asked,
      resolve: (host: string) => {
        asked.push(host);
        return Promise.resolve(host === 'receiver.example.org' ? [{ address: '127.0.0.1', family: 4 }] : []);
      },
    };
  };

  it('refuses, before connecting, a host name that resolves to a loopback address though the URL passed the configuration check', async () => {
    const dns = fakeDns();
    const sending = postWebhook(`http://receiver.example.org:${port}/hook`, {}, '[]', { policy: PUBLIC_ONLY, resolve: dns.resolve, signal: signal() });
    await expect(sending).rejects.toThrow(WebhookDestinationRefused);
    await expect(sending).rejects.toThrow('destination refused: receiver.example.org resolves to a loopback address (127.0.0.0/8)');
    expect(received).toEqual([]);
  });

  it('refuses a literal loopback URL (e.g. stored before the policy) without resolving', async () => {
    const dns = fakeDns();
    await expect(postWebhook(`http://127.0.0.1:${port}/hook`, {}, '[]', { policy: PUBLIC_ONLY, resolve: dns.resolve, signal: signal() })).rejects.toThrow(
      'destination refused: 127.0.0.1 is a loopback address (127.0.0.0/8)',
    );
    expect([dns.asked, received]).toEqual([[], []]);
  });

  it('connects to the address it vetted (one resolution, no second lookup), keeping the URL host in Host', async () => {
    const dns = fakeDns();
    // "receiver.example.org" exists only in the injected resolver: the POST arrives only if the socket used its answer.
    const answer = await postWebhook(`http://receiver.example.org:${port}/hook?x=1`, { 'content-type': 'application/json', 'x-regs-recipient': '1234567890' }, '[{"a":1}]', {
      policy: allow,
      resolve: dns.resolve,
      signal: signal(),
    });
    expect(answer).toMatchObject({ status: 204, reason: 'No Content' });
    expect(dns.asked).toEqual(['receiver.example.org']);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ url: '/hook?x=1', body: '[{"a":1}]', headers: { host: `receiver.example.org:${port}`, 'x-regs-recipient': '1234567890', 'content-length': '9' } });
  });

  it('gives the status, the standard reason phrase, the timing and the length, never the body nor the receiver reason phrase', async () => {
    respond = (res) => {
      res.statusMessage = 'Leaky reason SECRET-REASON';
      const secret = '{"internal":"SECRET-TOKEN-123"}';
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(secret) }).end(secret);
    };
    const answer = await postWebhook(`http://127.0.0.1:${port}/hook`, {}, '[]', { policy: allow, signal: signal() });
    expect(answer).toEqual({ status: 500, reason: 'Internal Server Error', elapsedMs: expect.any(Number), contentLength: 31 });
    const line = describeAnswer(answer);
    expect(line).toMatch(/^HTTP 500 Internal Server Error after \d+ ms \(content-length 31\)$/);
    expect(line).not.toContain('SECRET');
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    respond = (res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/', 'content-length': 0 }).end();
    const answer = await postWebhook(`http://127.0.0.1:${port}/hook`, {}, '[]', { policy: allow, signal: signal() });
    expect(received).toHaveLength(1);
    expect(describeAnswer(answer)).toMatch(/^HTTP 302 Found after \d+ ms \(content-length 0\); redirects are not followed$/);
  });

  it('describes a network failure by its error code only', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await postWebhook(`http://127.0.0.1:${freePort}/hook`, {}, '[]', { policy: allow, signal: signal() }).catch((e: unknown) => e);
    expect(describeFailure(failure, 3)).toBe('network error ECONNREFUSED after 3 ms');
    expect(describeFailure(new Error('getaddrinfo ENOTFOUND x'), 1)).toBe('network error EUNKNOWN after 1 ms');
    expect(describeFailure(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 1)).toBe('network error ENOTFOUND after 1 ms');
    expect(describeFailure(Object.assign(new Error('x'), { code: 'secret body text' }), 1)).toBe('network error EUNKNOWN after 1 ms');
    expect(describeFailure(new WebhookDestinationRefused('destination refused: 10.0.0.1 is a private address (10.0.0.0/8)', 'address 10.0.0.1'), 1)).toBe(
      'destination refused: 10.0.0.1 is a private address (10.0.0.0/8)',
    );
  });

  it('refuses credentials and other schemes even if such a URL was stored', async () => {
    await expect(postWebhook(`http://u:p@127.0.0.1:${port}/hook`, {}, '[]', { policy: allow, signal: signal() })).rejects.toThrow('the URL carries credentials');
    await expect(postWebhook('ftp://example.org/x', {}, '[]', { policy: allow, signal: signal() })).rejects.toThrow('is not http or https');
    expect(received).toEqual([]);
  });

  it('stops when the signal fires', async () => {
    respond = () => undefined; // never answers
    const controller = new AbortController();
    const sending = postWebhook(`http://127.0.0.1:${port}/hook`, {}, '[]', { policy: allow, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
