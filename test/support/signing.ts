import type { Server } from 'node:http';
import request from 'supertest';
import { signedHeadersFor } from '@app/dip-auth';
import { inferSigner, SignerContext } from '@app/dip-auth/testing/infer-signer';

export { DEFAULT_READER_DIP_ID, inferSigner } from '@app/dip-auth/testing/infer-signer';
export type { SignerContext } from '@app/dip-auth/testing/infer-signer';

/**
 * Who signs a request of the e2e harness: a sample participant's DIP id, `'infer'` (from the
 * request, see {@link inferSigner}), or `null` (unsigned).
 */
export type Signer = string | 'infer' | null;

/** The superagent internals the plugin reads, just before the request is sent. */
interface PendingRequest {
  method: string;
  _data?: unknown;
  _end(): unknown;
  req: { path: string; getHeader(name: string): unknown; setHeader(name: string, value: string): void };
}

/**
 * A supertest agent whose every request is signed with the DIP signature headers (sample keys) just
 * before it is sent, once its query (`.query()`) and body (`.send()`) are final: the body is
 * serialised here (JSON, as superagent would) and sent as exactly the bytes signed. `now` is read
 * at sending time (the test app's pinned clock, which tests may move). A request that already
 * carries `X-DIP-Signature` (signed by the test itself) is left as it is.
 */
export function signingAgent(server: Server, signer: Exclude<Signer, null>, now: () => string, context: SignerContext): request.Agent {
  const agent = request.agent(server);
  agent.use((req: object) => {
    const pending = req as unknown as PendingRequest;
    const send = pending._end.bind(pending);
    pending._end = () => {
      // A request the test signed itself (e.g. with `signRequest`) is sent as the test made it.
      if (pending.req.getHeader('X-DIP-Signature') !== undefined) return send();
      const body = serialisedBody(pending);
      const path = pending.req.path;
      const dipId = signer === 'infer' ? inferSigner(pending.method, path, body, context) : signer;
      const headers = signedHeadersFor(dipId, { method: pending.method, url: path, body, now: now() });
      for (const [name, value] of Object.entries(headers)) pending.req.setHeader(name, value);
      return send();
    };
  });
  return agent;
}

/** The body as it will be sent: a string or Buffer as given, an object serialised as JSON (superagent's default for `.send(object)`). */
function serialisedBody(pending: PendingRequest): string | Buffer | undefined {
  const data = pending._data;
  if (data === undefined || data === null || pending.method === 'HEAD') return undefined;
  if (typeof data === 'string' || Buffer.isBuffer(data)) return data;
  const contentType = String(pending.req.getHeader('Content-Type') ?? '');
  if (contentType !== '' && !/json/i.test(contentType)) {
    throw new Error(`the signing test agent sends only JSON object bodies; got ${contentType}: pass a string or Buffer instead`);
  }
  const json = JSON.stringify(data);
  pending._data = json;
  return json;
}
