import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { KeepAliveClient } from '../bench/src/http/client';

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
