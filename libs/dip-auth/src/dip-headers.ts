/**
 * The four DIP signature headers every request carries (mhhs-domain.md §3.5, from the DIP's
 * "Send Messages & Receive Publications" API as the DIP's own clients sign it).
 */
export const DIP_SIGNATURE_DATE_HEADER = 'X-DIP-Signature-Date';
/** Base64 (RFC 4648 §4, padded) of the SHA-256 digest of the body bytes: always 44 characters. */
export const DIP_CONTENT_HASH_HEADER = 'X-DIP-Content-Hash';
/** Base64 of the PEM text of the signer's X.509 certificate (or, here, of a bare SPKI public key). */
export const DIP_SIGNATURE_CERTIFICATE_HEADER = 'X-DIP-Signature-Certificate';
/** Base64 of the RSASSA-PKCS1-v1_5 / SHA-256 signature of the canonical string. */
export const DIP_SIGNATURE_HEADER = 'X-DIP-Signature';

/** The header names in the order {@link verifyDipRequest} reports missing ones. */
export const DIP_SIGNATURE_HEADERS = [
  DIP_SIGNATURE_DATE_HEADER,
  DIP_CONTENT_HASH_HEADER,
  DIP_SIGNATURE_CERTIFICATE_HEADER,
  DIP_SIGNATURE_HEADER,
] as const;
export type DipSignatureHeaderName = (typeof DIP_SIGNATURE_HEADERS)[number];

/** The four headers as {@link signDipRequest} returns them (names spelt as in the DIP API). */
export type DipSignatureHeaders = Record<DipSignatureHeaderName, string>;

/**
 * Longest value accepted per header, in characters, checked before anything is decoded so that an
 * oversized value costs nothing. Generous: a date is 24 characters; an RSA 8192 signature is 1,368
 * in base64; a 4096-bit certificate's PEM is about 2,000 characters, about 2,700 in base64 (Node's
 * HTTP server refuses more than 16 KiB of headers in all anyway).
 */
export const DIP_HEADER_MAX_LENGTH: Readonly<Record<DipSignatureHeaderName, number>> = {
  [DIP_SIGNATURE_DATE_HEADER]: 64,
  [DIP_CONTENT_HASH_HEADER]: 44,
  [DIP_SIGNATURE_CERTIFICATE_HEADER]: 12_000,
  [DIP_SIGNATURE_HEADER]: 1_368,
};
