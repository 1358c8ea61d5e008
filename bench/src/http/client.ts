import { Agent, request } from 'node:http';

/** A response as the benchmark reads it. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client with a bounded number of sockets (node:http's Agent): the
 * benchmark's load generator. No retries, no redirects; the body is read whole as UTF-8.
 */
export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  /** @param baseUrl `http://host:port`; @param maxSockets most connections at once (requests beyond wait for one). */
  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** GET `path`. */
  get(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  /** POST `body` (already JSON text) to `path` as `application/json`. */
  postJson(path: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('POST', path, body, { 'content-type': 'application/json', ...headers });
  }

  /** Closes every pooled connection. */
  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}
