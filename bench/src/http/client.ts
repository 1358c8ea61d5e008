import { constants, createPrivateKey, KeyObject, sign } from 'node:crypto';
import { Agent, request } from 'node:http';
import { canonicalSignatureString, contentHashOf, DipSignatureHeaders, formatSignatureDate, sampleKeyPair, signedHeadersFor } from '@app/dip-auth';
import { inferSigner } from '@app/dip-auth/testing/infer-signer';
import type { PresignedRequest } from './presigned';

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
 *
 * The headers are those of `signedHeadersFor` / `signDipRequest` (same canonical string, hash,
 * certificate and RSASSA-PKCS1-v1_5 / SHA-256 signature), but each participant's key is read and
 * checked once — by one `signedHeadersFor` call, whose checks (RSA ≥ 2048 bits, the key matches its
 * certificate) then hold for the cached key — instead of at every request: `signDipRequest` parses
 * the private key PEM and the certificate each time, which cost the load generator more CPU than
 * the RSA signature itself, on the cores the server under test shares.
 */
export function sampleKeySigner(operatorDipId: string): RequestSigner {
  const keys = new Map<string, { privateKey: KeyObject; certificateBase64: string }>();
  return (method, path, body) => {
    const dipId = inferSigner(method, path, body, { operatorDipId });
    const now = new Date();
    let key = keys.get(dipId);
    if (!key) {
      signedHeadersFor(dipId, { method, url: path, body, now }); // validates the pair (throws on a bad key), once
      const pair = sampleKeyPair(dipId);
      key = { privateKey: createPrivateKey({ key: pair.privateKeyPem, format: 'pem' }), certificateBase64: Buffer.from(pair.certificatePem, 'utf8').toString('base64') };
      keys.set(dipId, key);
    }
    const date = formatSignatureDate(now);
    const contentHash = contentHashOf(body);
    const signature = sign('sha256', Buffer.from(canonicalSignatureString(method, path, date, contentHash), 'utf8'), { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING });
    const headers: DipSignatureHeaders = {
      'X-DIP-Signature-Date': date,
      'X-DIP-Content-Hash': contentHash,
      'X-DIP-Signature-Certificate': key.certificateBase64,
      'X-DIP-Signature': signature.toString('base64'),
    };
    return headers;
  };
}

/**
 * A keep-alive HTTP/1.1 client with a bounded number of sockets (node:http's Agent): the
 * benchmark's load generator. No redirects; the body is read whole as UTF-8. Every request is
 * signed (DIP signature headers; the registry refuses unsigned requests): by `sign` when it is
 * sent, or beforehand ({@link KeepAliveClient.sendPresigned}, Q1's timed reads).
 *
 * One retry, in one case only: the request went out on a kept-alive socket that the server had
 * closed (its keep-alive timeout, 5 s in Node, expired as the pool handed the idle socket out), and
 * it failed with `ECONNRESET` / `EPIPE` before any answer arrived. Under load the race is real (the
 * smoke test met it once). Such a request normally never reached the app; and should the server
 * have read it anyway, a resend is safe: a DIP message is idempotent by
 * `senderUniqueReference` (the same body answers as a duplicate, nothing is stored twice), day
 * start only runs days not yet run, and reads change nothing. Every other failure is thrown.
 */
export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;
  /** Requests sent a second time because their reused socket turned out closed (see {@link StaleSocketError}). */
  staleSocketRetries = 0;

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

  /** The signer of the requests this client signs as it sends them. */
  get signer(): RequestSigner {
    return this.sign;
  }

  /** GET `path`. */
  get(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  /**
   * Sends a request signed beforehand ({@link PresignedRequest}: its headers as they are, `sign` is
   * not called), so that the signature's CPU is not on this request's path. A stale-socket retry
   * resends the same headers (the server checks the date against its skew window only).
   */
  sendPresigned(request: PresignedRequest): Promise<HttpAnswer> {
    return this.send(request.method, request.path, undefined, {}, request.headers);
  }

  /** POST `body` (already JSON text) to `path` as `application/json`. */
  postJson(path: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send('POST', path, body, { 'content-type': 'application/json', ...headers });
  }

  /** Closes every pooled connection. */
  close(): void {
    this.agent.destroy();
  }

  private async send(method: string, path: string, body: string | undefined, headers: Record<string, string>, signature?: Record<string, string>): Promise<HttpAnswer> {
    const signed = { ...headers, ...(signature ?? this.sign(method, path, body)) };
    try {
      return await this.sendOnce(method, path, body, signed);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      // Once: a fresh socket is opened (the pool has just dropped the dead one), so a second stale
      // socket is as unlikely as the first was; a second failure is a real one.
      this.staleSocketRetries++;
      return this.sendOnce(method, path, body, signed).catch((again: Error) => {
        throw again instanceof StaleSocketError ? again.cause : again;
      });
    }
  }

  /** One attempt; `headers` already carry the signature. */
  private sendOnce(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      let answered = false;
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleSocketError(error) : error);
      });
      req.end(payload);
    });
  }
}

/**
 * A request failed on a kept-alive socket the server had already closed (its keep-alive timeout
 * raced the reuse: `ECONNRESET` / `EPIPE` before any byte of an answer). Node's documented case
 * for a retry (`request.reusedSocket`).
 */
class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(`stale keep-alive socket: ${cause.message}`);
  }
}
