import { createHash, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';

/** A public key read from PEM text, with the certificate it came in (if it came in one). */
export interface PublicKeyMaterial {
  publicKey: KeyObject;
  /** The X.509 certificate, or `null` for a bare SPKI public key (`-----BEGIN PUBLIC KEY-----`). */
  certificate: X509Certificate | null;
  /** {@link spkiFingerprint} of `publicKey`. */
  fingerprint: string;
}

/** Result of {@link readPublicKeyPem}: the material, or why the text is not usable. */
export type PublicKeyPemResult = { ok: true; material: PublicKeyMaterial } | { ok: false; problem: string };

/** Smallest RSA modulus accepted, in bits (the sample keys and the DIP's own certificates are 2048). */
export const MIN_RSA_MODULUS_BITS = 2048;

/**
 * The key's fingerprint: SHA-256 of its SubjectPublicKeyInfo DER encoding, lower-case hex (64
 * characters). The same for a certificate and for its bare public key, so a participant can
 * register either; compute it with
 * `openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256`.
 */
export function spkiFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

const PEM_BLOCK_RE = /-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\r\n\t ]*)-----END \1-----/g;

/**
 * Reads PEM text holding an X.509 certificate (`CERTIFICATE`; further certificates after the first,
 * a chain, are ignored: trust comes from registration, not from a CA) or a bare SPKI public key
 * (`PUBLIC KEY`). Text that is not printable ASCII, has no PEM block, starts with another kind of
 * block, or holds a private key anywhere (never to be sent) is refused, as is anything node:crypto
 * cannot parse. Never throws.
 */
export function readPublicKeyPem(text: string): PublicKeyPemResult {
  if (!/^[\t\n\r -~]*$/.test(text)) return { ok: false, problem: 'is not PEM text (it holds bytes that are not printable ASCII)' };
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) {
    return { ok: false, problem: 'holds a PRIVATE KEY; give only the certificate or public key (a private key that has been sent or shared is no longer secret: replace it)' };
  }
  const blocks = [...text.matchAll(PEM_BLOCK_RE)];
  if (blocks.length === 0) return { ok: false, problem: 'holds no PEM block (expected -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)' };
  const [block, label] = blocks[0];
  try {
    if (label === 'CERTIFICATE') {
      const certificate = new X509Certificate(block);
      return { ok: true, material: { publicKey: certificate.publicKey, certificate, fingerprint: spkiFingerprint(certificate.publicKey) } };
    }
    if (label === 'PUBLIC KEY') {
      const publicKey = createPublicKey({ key: block, format: 'pem' });
      return { ok: true, material: { publicKey, certificate: null, fingerprint: spkiFingerprint(publicKey) } };
    }
  } catch (error) {
    return { ok: false, problem: `holds a ${label} block that cannot be parsed (${(error as Error).message})` };
  }
  return { ok: false, problem: `starts with a ${label} block; expected a CERTIFICATE (or a PUBLIC KEY)` };
}

/**
 * Why a key cannot make DIP signatures (RSA-SHA256, mhhs-domain.md §3.5): not RSA (PKCS#1 v1.5;
 * an `rsa-pss`-only key is refused too), or a modulus under {@link MIN_RSA_MODULUS_BITS} bits.
 * @returns the problem, or `null` when the key is fine.
 */
export function rsaKeyProblem(publicKey: KeyObject): string | null {
  if (publicKey.asymmetricKeyType !== 'rsa') {
    return `is a key of type ${publicKey.asymmetricKeyType ?? 'unknown'}; DIP signatures are RSA-SHA256, so the key must be RSA`;
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  return bits < MIN_RSA_MODULUS_BITS ? `is an RSA key of ${bits} bits; at least ${MIN_RSA_MODULUS_BITS} are required` : null;
}

/** Where `nowMs` falls against a certificate's validity period (bounds inclusive, as X.509 has them). */
export type ValidityCheck =
  | { status: 'valid' }
  | { status: 'not-yet-valid'; validFrom: string }
  | { status: 'expired'; validTo: string }
  | { status: 'unreadable' };

/** Checks `nowMs` (epoch milliseconds) against the certificate's notBefore/notAfter. */
export function checkValidity(certificate: X509Certificate, nowMs: number): ValidityCheck {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return { status: 'unreadable' };
  if (nowMs < from) return { status: 'not-yet-valid', validFrom: new Date(from).toISOString() };
  if (nowMs > to) return { status: 'expired', validTo: new Date(to).toISOString() };
  return { status: 'valid' };
}
