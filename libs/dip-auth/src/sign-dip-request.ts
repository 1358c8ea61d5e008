import { constants, createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';
import { canonicalSignatureString, contentHashOf, formatSignatureDate } from './canonical-request';
import { DipSignatureHeaders } from './dip-headers';
import { readPublicKeyPem, rsaKeyProblem, spkiFingerprint } from './key-material';

/** The signer's public half: the certificate the DIP expects, or a bare SPKI public key. */
export type SignerPublicPem = { certificatePem: string; publicKeyPem?: never } | { publicKeyPem: string; certificatePem?: never };

/** What {@link signDipRequest} signs. */
export type SignDipRequestInput = {
  /** HTTP method, any case (`post` is signed as `POST`). */
  method: string;
  /** Path and query as the request will send them (`/dip-channel/IF-031`), or the absolute URL (cut to path and query). */
  url: string;
  /** The exact body bytes that will be sent (a string is sent and hashed as UTF-8); omit for none. */
  body?: Uint8Array | string;
  /** The signer's RSA private key, PEM (PKCS#8 or PKCS#1), unencrypted. */
  privateKeyPem: string;
  /** The instant of signing (UTC ISO string or Date); becomes `X-DIP-Signature-Date`. */
  now: string | Date;
} & SignerPublicPem;

/**
 * Signs a request the way the DIP's clients do (mhhs-domain.md §3.5) and returns the four headers
 * to send with it:
 *
 * - `X-DIP-Signature-Date`: `now` as `YYYY-MM-DDTHH:mm:ss.sssZ`;
 * - `X-DIP-Content-Hash`: base64 SHA-256 of the body bytes;
 * - `X-DIP-Signature-Certificate`: base64 of the certificate (or public key) PEM text;
 * - `X-DIP-Signature`: base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of the UTF-8 bytes of
 *   `METHOD;lower-case path and query;date;contentHash` ({@link canonicalSignatureString}).
 *
 * Send the body exactly as hashed: re-serialising JSON after signing breaks the hash.
 * @throws Error when the private key cannot be read, is not RSA ≥ 2048 bits, or does not belong to
 *   the certificate / public key given; RangeError when `now` is not an instant.
 */
export function signDipRequest(input: SignDipRequestInput): DipSignatureHeaders {
  const privateKey = readPrivateKey(input.privateKeyPem);
  const publicPem = input.certificatePem ?? input.publicKeyPem;
  assertKeyPair(privateKey, publicPem);
  const date = formatSignatureDate(input.now);
  const contentHash = contentHashOf(input.body);
  const canonical = canonicalSignatureString(input.method, input.url, date, contentHash);
  const signature = sign('sha256', Buffer.from(canonical, 'utf8'), { key: privateKey, padding: constants.RSA_PKCS1_PADDING });
  return {
    'X-DIP-Signature-Date': date,
    'X-DIP-Content-Hash': contentHash,
    'X-DIP-Signature-Certificate': Buffer.from(publicPem, 'utf8').toString('base64'),
    'X-DIP-Signature': signature.toString('base64'),
  };
}

function readPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new Error(`signDipRequest: cannot read the private key PEM (${(error as Error).message})`);
  }
  const problem = rsaKeyProblem(createPublicKey(key));
  if (problem !== null) throw new Error(`signDipRequest: the private key ${problem}`);
  return key;
}

/** The public PEM must be the private key's other half, or every signature would fail to verify. */
function assertKeyPair(privateKey: KeyObject, publicPem: string): void {
  const read = readPublicKeyPem(publicPem);
  if (!read.ok) throw new Error(`signDipRequest: the certificate / public key PEM ${read.problem}`);
  if (read.material.fingerprint !== spkiFingerprint(createPublicKey(privateKey))) {
    throw new Error('signDipRequest: the private key does not belong to the certificate / public key given');
  }
}
