import { sampleKeyPair } from '../client/sample-keys';

/** The default identity of a request that names no participant: the Electricity Enquiry Service (role EES), which reads the MPAN query view. */
export const DEFAULT_READER_DIP_ID = '9000000003';

/** What {@link inferSigner} needs to know of the registry. */
export interface SignerContext {
  /** The registry's own DIP id: the operator credential (`REGISTRY_DIP_ID`). */
  operatorDipId: string;
}

/** Paths answered only to the operator (docs/security.md): day start, the raw event log, the auditor's temporal reads. */
const OPERATOR_PATH = /^\/(?:day-start(?:\/|$)|mpans\/[^/?]+\/(?:events|state|timeline|diff|explain)(?:$|\/))/;

/**
 * Who a request of the e2e tests (test/support/signing.ts) or the benchmark's HTTP client is signed
 * as, so that tests written before authentication keep working (issue #8; docs/security.md "Testing"):
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
export function inferSigner(method: string, path: string, body: string | Uint8Array | undefined, context: SignerContext): string {
  const url = new URL(path, 'http://registry.invalid');
  const candidates: string[] = [];
  if (method === 'POST' && url.pathname.startsWith('/dip-channel/') && body !== undefined) {
    const sender = firstSenderOf(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
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

