import { Agent, request } from 'node:http';
import { signedHeadersFor } from '@app/dip-auth';
import { inferSigner } from '@app/dip-auth/testing/infer-signer';

/** A response as the benchmark reads it. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** Signs a request: the DIP signature headers for its method, path and query, and body. */
export type RequestSigner = (method: string, path: string, body: string | undefined) => Record<string, string>;

/**
 * Signs every request with the public sample key of the participant it implies (`inferSigner`: the
 * sender of the messages posted, the `{dipId}` of `/participants/{dipId}/…`, the operator
 * `operatorDipId` for day start, else the enquiry service), dated by the machine's clock.
 */
export function sampleKeySigner(operatorDipId: string): RequestSigner {
  return (method, path, body) => signedHeadersFor(inferSigner(method, path, body, { operatorDipId }), { method, url: path, body, now: new Date() });
}

/**
 * A keep-alive HTTP/1.1 client with a bounded number of sockets (node:http's Agent): the
 * benchmark's load generator. No retries, no redirects; the body is read whole as UTF-8. Every
 * request is signed by `sign` (DIP signature headers; the registry refuses unsigned requests).
 */
export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  /**
   * @param baseUrl `http://host:port`; @param maxSockets most connections at once (requests beyond wait for one);
   * @param sign the signer (default: sample keys, the operator being the default registry DIP id 9000000002).
   */
  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly sign: RequestSigner = sampleKeySigner('9000000002'),
  ) {
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
          headers: { ...headers, ...this.sign(method, path, body), ...(payload ? { 'content-length': String(payload.length) } : {}) },
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
