import type { Server } from 'node:http';
import request from 'supertest';
import { sampleKeyPair, signedHeadersFor } from '@app/dip-auth';

/** The default identity of a request that names no participant: the Electricity Enquiry Service (role EES), which reads the MPAN query view. */
export const DEFAULT_READER_DIP_ID = '9000000003';

/**
 * Who signs a request of the e2e harness: a sample participant's DIP id, `'infer'` (from the
 * request, see {@link inferSigner}), or `null` (unsigned).
 */
export type Signer = string | 'infer' | null;

/** What {@link inferSigner} needs from the test app. */
export interface SignerContext {
  /** The registry's own DIP id: the operator credential (`REGISTRY_DIP_ID`). */
  operatorDipId: string;
}

/** Paths answered only to the operator (docs/security.md): day start, the raw event log, the auditor's temporal reads. */
const OPERATOR_PATH = /^\/(?:day-start(?:\/|$)|mpans\/[^/?]+\/(?:events|state|timeline|diff|explain)(?:$|\/))/;

/**
 * Who an unmarked request of the e2e tests is signed as, so that tests written before
 * authentication keep working (issue #8; docs/testing.md):
 *
 * 1. `POST /dip-channel/…`: the `S1.senderDIPID` of the first message of the body that has one
 *    (the sender the test meant);
 * 2. `/participants/{dipId}/…`: that DIP id (the owner of the feed, portfolio or config);
 * 3. `?participant={dipId}` (history replay): that DIP id;
 * 4. operator endpoints ({@link OPERATOR_PATH}): the registry's own DIP id;
 * 5. otherwise {@link DEFAULT_READER_DIP_ID}.
 *
 * A DIP id without a sample key (an unknown participant, a malformed id) falls back to the default
 * reader, so the registry answers as it would any signed request about it (400 / 403 / 404).
 */
export function inferSigner(method: string, path: string, body: string | Buffer | undefined, context: SignerContext): string {
  const url = new URL(path, 'http://registry.invalid');
  const candidates: string[] = [];
  if (method === 'POST' && url.pathname.startsWith('/dip-channel/') && body !== undefined) {
    const sender = firstSenderOf(typeof body === 'string' ? body : body.toString('utf8'));
    if (sender !== null) candidates.push(sender);
  }
  const owner = /^\/participants\/([^/]+)(?:\/|$)/.exec(url.pathname);
  if (owner) candidates.push(decodeURIComponent(owner[1]!));
  const participant = url.searchParams.get('participant');
  if (participant !== null) candidates.push(participant);
  if (OPERATOR_PATH.test(url.pathname)) candidates.push(context.operatorDipId);
  return candidates.find(hasSampleKey) ?? DEFAULT_READER_DIP_ID;
}

function firstSenderOf(json: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  for (const m of Array.isArray(parsed) ? parsed : []) {
    const sender = (m as { payload?: { CommonBlock?: { S1?: { senderDIPID?: unknown } } } } | null)?.payload?.CommonBlock?.S1?.senderDIPID;
    if (typeof sender === 'string') return sender;
  }
  return null;
}

const keyKnown = new Map<string, boolean>();
function hasSampleKey(dipId: string): boolean {
  if (!/^\d{10}$/.test(dipId)) return false;
  let known = keyKnown.get(dipId);
  if (known === undefined) {
    try {
      sampleKeyPair(dipId);
      known = true;
    } catch {
      known = false;
    }
    keyKnown.set(dipId, known);
  }
  return known;
}

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
 * at sending time (the test app's pinned clock, which tests may move).
 */
export function signingAgent(server: Server, signer: Exclude<Signer, null>, now: () => string, context: SignerContext): request.Agent {
  const agent = request.agent(server);
  agent.use((req: object) => {
    const pending = req as unknown as PendingRequest;
    const send = pending._end.bind(pending);
    pending._end = () => {
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
