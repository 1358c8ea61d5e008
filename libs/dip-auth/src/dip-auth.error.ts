import { DipSignatureHeaderName } from './dip-headers';

/**
 * Why a signed request was refused (docs/security.md lists them with examples). One code per
 * check of {@link verifyDipRequest}, in the order the checks run.
 */
export const DIP_AUTH_ERROR_CODES = [
  /** One or more of the four signature headers is absent or empty. */
  'MISSING_HEADER',
  /** A header is repeated, too long, not strict base64, or decodes to the wrong length. */
  'MALFORMED_HEADER',
  /** `X-DIP-Signature-Date` is not a UTC ISO 8601 instant `YYYY-MM-DDTHH:mm:ss[.fff]Z`. */
  'MALFORMED_DATE',
  /** The signature date is further from the registry's clock than the skew window allows. */
  'DATE_OUTSIDE_SKEW_WINDOW',
  /** The SHA-256 of the body received differs from `X-DIP-Content-Hash`. */
  'CONTENT_HASH_MISMATCH',
  /** `X-DIP-Signature-Certificate` is not the base64 of one PEM certificate or SPKI public key. */
  'MALFORMED_CERTIFICATE',
  /** The presented key is not RSA, or is shorter than 2048 bits. */
  'UNSUPPORTED_KEY',
  /** The presented (or registered) certificate's validity starts after the registry's `now`. */
  'CERTIFICATE_NOT_YET_VALID',
  /** The presented (or registered) certificate's validity ended before the registry's `now`. */
  'CERTIFICATE_EXPIRED',
  /** No participant has the presented public key registered (matched by SPKI SHA-256 fingerprint). */
  'KEY_NOT_REGISTERED',
  /** The key is registered as a public sample key, and the registry runs in production mode. */
  'SAMPLE_KEY_REFUSED',
  /** The signature does not verify over the canonical string with the presented key. */
  'SIGNATURE_INVALID',
] as const;
export type DipAuthErrorCode = (typeof DIP_AUTH_ERROR_CODES)[number];

/** Facts about a refusal, for logs and tests (never secrets: public keys and hashes only). */
export interface DipAuthErrorDetails {
  /** The header concerned, when one is. */
  header?: DipSignatureHeaderName;
  /** Every missing header (`MISSING_HEADER`). */
  headers?: DipSignatureHeaderName[];
  /** Signed `date − now` in milliseconds (`DATE_OUTSIDE_SKEW_WINDOW`): positive = ahead of the registry's clock. */
  skewMs?: number;
  /** SHA-256 of the presented SPKI public key, lower-case hex (from the key checks on). */
  keyFingerprint?: string;
  /** The participant the key is registered to (`SAMPLE_KEY_REFUSED`, `SIGNATURE_INVALID`, registered-certificate validity). */
  dipId?: string;
}

/**
 * A signed request refused by {@link verifyDipRequest}: `code` says which check failed,
 * `message` says it precisely for the sender (which header, how far off, which fingerprint).
 * Authentication failure, answered 401 by {@link DipSignatureGuard}.
 */
export class DipAuthError extends Error {
  constructor(
    readonly code: DipAuthErrorCode,
    message: string,
    readonly details: DipAuthErrorDetails = {},
  ) {
    super(message);
    this.name = 'DipAuthError';
  }
}
