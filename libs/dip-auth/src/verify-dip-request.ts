import { constants, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { Participant, ParticipantRole } from '@app/registration-domain';
import { canonicalSignatureString, canonicalSignatureStringForOrigin, contentHashOf, parseSignatureDate } from './canonical-request';
import { DipAuthError } from './dip-auth.error';
import { DipSignatureHeaderName } from './dip-headers';
import { DipKeyring } from './keyring/dip-keyring';
import { checkValidity, PublicKeyMaterial, PublicKeyPemResult, readPublicKeyPem, rsaKeyProblem } from './key-material';
import { readSignatureHeaders, SignatureHeaderValues } from './read-signature-headers';

/** What {@link verifyDipRequest} checks a request against. */
export interface VerifyDipRequestInput {
  /** HTTP method as received (`POST`); compared upper-cased. */
  method: string;
  /** The request-target as received: path and query, not decoded (Express `request.originalUrl`). */
  url: string;
  /** The body's exact bytes as received (after any Content-Encoding is undone); empty when there is none. */
  rawBody: Uint8Array;
  /** Request headers; names are matched case-insensitively (Node gives them lower-cased). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The registry's current instant, a UTC ISO string from the injected clock. */
  now: string;
  /** Largest accepted |signature date − now|, in milliseconds; both bounds accepted. */
  maxSkewMs: number;
  /** Production mode: keys registered as public sample keys are refused. */
  production: boolean;
  keyring: DipKeyring;
  /**
   * The registry's public origin (`https://registry.example.org`), or none. When given, a signature
   * over the absolute URL on that origin ({@link canonicalSignatureStringForOrigin}), as DIP-style
   * clients sign, is accepted as well as one over the path and query.
   */
  publicOrigin?: string | null;
}

/** The participant a verified request comes from. */
export interface DipAuthenticatedParticipant {
  /** 10-digit DIP id (DT-006) of the participant the key is registered to. */
  dipId: string;
  mpid: string;
  /** Every role of the participant with its dates (reference data); whether one applies today is the caller's rule. */
  roles: ReadonlyArray<ParticipantRole>;
  participant: Participant;
  /** SHA-256 of the SPKI DER of the key that signed, lower-case hex. */
  keyFingerprint: string;
  /** True when the key is a public sample key (only accepted outside production mode). */
  sampleKey: boolean;
  /** `X-DIP-Signature-Date` as sent (UTC ISO instant). */
  signatureDate: string;
}

/**
 * Verifies the DIP signature of a request (mhhs-domain.md §3.5; issue #8 item 1) and says which
 * participant sent it. Checks, in this order, cheapest first, the RSA operation last:
 *
 * 1. the four headers are present once each (`MISSING_HEADER`, `MALFORMED_HEADER`), of bounded
 *    length, the hash, signature and certificate strict base64, the hash 32 bytes;
 * 2. the date is a UTC ISO instant (`MALFORMED_DATE`) within ±`maxSkewMs` of `now`, bounds
 *    included (`DATE_OUTSIDE_SKEW_WINDOW`, saying how far and which way);
 * 3. SHA-256(rawBody) equals the content hash, compared in constant time (`CONTENT_HASH_MISMATCH`);
 * 4. the certificate header is the base64 of a PEM certificate or SPKI public key
 *    (`MALFORMED_CERTIFICATE`), an RSA key of ≥ 2048 bits (`UNSUPPORTED_KEY`), and a certificate
 *    is within its validity at `now` (`CERTIFICATE_NOT_YET_VALID`, `CERTIFICATE_EXPIRED`);
 * 5. the key's SPKI SHA-256 fingerprint is registered to a participant (`KEY_NOT_REGISTERED`) —
 *    the certificate's subject is not consulted; a key registered by certificate is also bounded by
 *    that certificate's validity;
 * 6. not a sample key in production mode (`SAMPLE_KEY_REFUSED`);
 * 7. the signature is RSASSA-PKCS1-v1_5 with SHA-256 over the UTF-8 bytes of
 *    {@link canonicalSignatureString}(method, url, date, contentHash) or, when `publicOrigin` is
 *    given, of {@link canonicalSignatureStringForOrigin} (`SIGNATURE_INVALID`).
 *
 * @returns the authenticated participant.
 * @throws DipAuthError with the code of the first check that fails and a message for the sender;
 *   never another error for any header or body value.
 * @throws RangeError for a programming error: `now` not an instant, `maxSkewMs` not a finite number ≥ 0.
 */
export function verifyDipRequest(input: VerifyDipRequestInput): DipAuthenticatedParticipant {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`verifyDipRequest: now is not an instant: ${JSON.stringify(input.now)}`);
  if (!Number.isFinite(input.maxSkewMs) || input.maxSkewMs < 0) throw new RangeError(`verifyDipRequest: maxSkewMs must be a finite number ≥ 0, got ${input.maxSkewMs}`);

  const h = readSignatureHeaders(input.headers);
  checkDate(h, nowMs, input.maxSkewMs);
  checkContentHash(h, input.rawBody);
  const presented = readPresentedKey(h, nowMs);
  const fingerprint = presented.fingerprint;

  const registered = input.keyring.keyFor(fingerprint);
  if (registered === undefined) {
    throw new DipAuthError(
      'KEY_NOT_REGISTERED',
      `the key in X-DIP-Signature-Certificate (SHA-256 fingerprint ${fingerprint}) is not registered to any participant`,
      { header: 'X-DIP-Signature-Certificate', keyFingerprint: fingerprint },
    );
  }
  const dipId = registered.participant.dipId;
  if (registered.certificate !== null) checkCertificateValidity(registered.certificate, nowMs, `the certificate registered for ${dipId}`, { keyFingerprint: fingerprint, dipId });
  if (input.production && registered.sample) {
    throw new DipAuthError(
      'SAMPLE_KEY_REFUSED',
      `the key ${fingerprint} of ${dipId} is a published sample key (reference-data/sample-keys), refused in production mode; sign with the participant's own registered key`,
      { header: 'X-DIP-Signature-Certificate', keyFingerprint: fingerprint, dipId },
    );
  }
  checkSignature(input, h, presented, dipId);
  return {
    dipId,
    mpid: registered.participant.mpid,
    roles: registered.participant.roles,
    participant: registered.participant,
    keyFingerprint: fingerprint,
    sampleKey: registered.sample,
    signatureDate: h.date,
  };
}

function checkDate(h: SignatureHeaderValues, nowMs: number, maxSkewMs: number): void {
  const signedAt = parseSignatureDate(h.date);
  if (signedAt === null) {
    throw new DipAuthError(
      'MALFORMED_DATE',
      `X-DIP-Signature-Date ${quote(h.date)} is not a UTC ISO 8601 instant such as 2025-04-01T09:00:00.000Z`,
      { header: 'X-DIP-Signature-Date' },
    );
  }
  const skewMs = signedAt - nowMs;
  if (Math.abs(skewMs) > maxSkewMs) {
    throw new DipAuthError(
      'DATE_OUTSIDE_SKEW_WINDOW',
      `X-DIP-Signature-Date ${h.date} is ${formatDuration(Math.abs(skewMs))} ${skewMs > 0 ? 'ahead of' : 'behind'} the registry's clock (${new Date(nowMs).toISOString()}); ` +
        `the window is ±${formatDuration(maxSkewMs)}: sign each request when it is sent, with a synchronised clock`,
      { header: 'X-DIP-Signature-Date', skewMs },
    );
  }
}

function checkContentHash(h: SignatureHeaderValues, rawBody: Uint8Array): void {
  const actual = Buffer.from(contentHashOf(rawBody), 'base64');
  // Both are 32 bytes (the header's length was checked), as timingSafeEqual requires.
  if (!timingSafeEqual(actual, h.contentHashBytes)) {
    throw new DipAuthError(
      'CONTENT_HASH_MISMATCH',
      `X-DIP-Content-Hash ${h.contentHash} is not the SHA-256 of the ${rawBody.length}-byte body received (${actual.toString('base64')}); hash the exact bytes sent`,
      { header: 'X-DIP-Content-Hash' },
    );
  }
}

/** How many presented certificates {@link readPresentedPem} keeps. */
const PRESENTED_PEM_CACHE_SIZE = 256;
const presentedPems = new Map<string, PublicKeyPemResult>();

/**
 * `readPublicKeyPem` of a presented certificate, remembered by its PEM text (the
 * {@link PRESENTED_PEM_CACHE_SIZE} most recently used): a participant presents the same certificate
 * on every request, and reading it (X.509 parse, key export for the fingerprint) was a fifth of
 * the server's CPU on a signed `GET /mpans/{core}` (issue #9, Q1). Only the reading is remembered —
 * the result is immutable —; the key's strength, the validity period against the clock, the keyring
 * and the signature are checked on every request.
 */
function readPresentedPem(pem: string): PublicKeyPemResult {
  const known = presentedPems.get(pem);
  if (known) {
    presentedPems.delete(pem); // re-inserted below: the map's order is recency
    presentedPems.set(pem, known);
    return known;
  }
  const read = readPublicKeyPem(pem);
  if (presentedPems.size >= PRESENTED_PEM_CACHE_SIZE) presentedPems.delete(presentedPems.keys().next().value!);
  presentedPems.set(pem, read);
  return read;
}

function readPresentedKey(h: SignatureHeaderValues, nowMs: number): PublicKeyMaterial {
  const header: DipSignatureHeaderName = 'X-DIP-Signature-Certificate';
  const read = readPresentedPem(h.certificatePem);
  if (!read.ok) {
    throw new DipAuthError('MALFORMED_CERTIFICATE', `X-DIP-Signature-Certificate must be the base64 of a PEM certificate; the decoded text ${read.problem}`, { header });
  }
  const { material } = read;
  const weak = rsaKeyProblem(material.publicKey);
  if (weak !== null) {
    throw new DipAuthError('UNSUPPORTED_KEY', `the key in X-DIP-Signature-Certificate ${weak}`, { header, keyFingerprint: material.fingerprint });
  }
  if (material.certificate !== null) {
    checkCertificateValidity(material.certificate, nowMs, 'the certificate in X-DIP-Signature-Certificate', { keyFingerprint: material.fingerprint });
  }
  return material;
}

function checkCertificateValidity(
  certificate: NonNullable<PublicKeyMaterial['certificate']>,
  nowMs: number,
  what: string,
  details: { keyFingerprint: string; dipId?: string },
): void {
  const validity = checkValidity(certificate, nowMs);
  const at = new Date(nowMs).toISOString();
  const header: DipSignatureHeaderName = 'X-DIP-Signature-Certificate';
  switch (validity.status) {
    case 'valid':
      return;
    case 'not-yet-valid':
      throw new DipAuthError('CERTIFICATE_NOT_YET_VALID', `${what} is valid only from ${validity.validFrom} (now ${at})`, { header, ...details });
    case 'expired':
      throw new DipAuthError('CERTIFICATE_EXPIRED', `${what} expired at ${validity.validTo} (now ${at})`, { header, ...details });
    case 'unreadable':
      throw new DipAuthError('MALFORMED_CERTIFICATE', `${what} has a validity period that cannot be read`, { header, ...details });
    default: {
      const never: never = validity;
      throw new Error(`unexpected validity ${JSON.stringify(never)}`);
    }
  }
}

/** RSASSA-PKCS1-v1_5 / SHA-256 verification by node:crypto over the canonical string. */
function checkSignature(input: VerifyDipRequestInput, h: SignatureHeaderValues, key: PublicKeyMaterial, dipId: string): void {
  const details = { header: 'X-DIP-Signature' as const, keyFingerprint: key.fingerprint, dipId };
  const modulusBytes = Math.ceil((key.publicKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (h.signature.length !== modulusBytes) {
    throw new DipAuthError(
      'SIGNATURE_INVALID',
      `X-DIP-Signature decodes to ${h.signature.length} bytes; a signature by the ${modulusBytes * 8}-bit RSA key of ${dipId} is ${modulusBytes} bytes`,
      details,
    );
  }
  const canonical = canonicalSignatureString(input.method, input.url, h.date, h.contentHash);
  const candidates = [canonical];
  if (input.publicOrigin) candidates.push(canonicalSignatureStringForOrigin(input.method, input.publicOrigin, input.url, h.date, h.contentHash));
  const verifies = (text: string): boolean => {
    try {
      return verifySignature('sha256', Buffer.from(text, 'utf8'), { key: key.publicKey, padding: constants.RSA_PKCS1_PADDING }, h.signature);
    } catch {
      return false; // OpenSSL refusing the signature's encoding is a failed verification too
    }
  };
  if (!candidates.some(verifies)) {
    throw new DipAuthError(
      'SIGNATURE_INVALID',
      `X-DIP-Signature does not verify with the key of ${dipId} over ${quote(canonical, 300)} ` +
        `(RSA-SHA256 over METHOD;lower-case path and query;X-DIP-Signature-Date;X-DIP-Content-Hash${input.publicOrigin ? `, or over the absolute URL on ${input.publicOrigin}` : ''}): check the method, the URL and its query`,
      details,
    );
  }
}

/** `1 h 2 min 3.004 s`-style duration for messages (exact to the millisecond). */
function formatDuration(ms: number): string {
  const parts: string[] = [];
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (seconds > 0 || parts.length === 0) parts.push(`${Number(seconds.toFixed(3))} s`);
  return `${parts.join(' ')} (${ms} ms)`;
}

/** A value quoted for a message, cut to `max` characters. */
function quote(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
