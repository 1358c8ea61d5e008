import { DipAuthError } from './dip-auth.error';
import {
  DIP_CONTENT_HASH_HEADER,
  DIP_HEADER_MAX_LENGTH,
  DIP_SIGNATURE_CERTIFICATE_HEADER,
  DIP_SIGNATURE_DATE_HEADER,
  DIP_SIGNATURE_HEADER,
  DIP_SIGNATURE_HEADERS,
  DipSignatureHeaderName,
} from './dip-headers';

/** The four headers, present once each, bounded, and decoded where they are base64. */
export interface SignatureHeaderValues {
  date: string;
  /** The header text, as it enters the canonical string. */
  contentHash: string;
  /** Its 32 decoded bytes. */
  contentHashBytes: Buffer;
  /** The decoded signature bytes. */
  signature: Buffer;
  /** The decoded certificate header: PEM text, not yet parsed. */
  certificatePem: string;
}

/**
 * Step 1 of {@link verifyDipRequest}: finds the four signature headers (names case-insensitive),
 * each present once and non-empty, within {@link DIP_HEADER_MAX_LENGTH}, the three base64 headers
 * in strict base64 (RFC 4648 §4: standard alphabet, padded, no whitespace, canonical trailing
 * bits), the content hash decoding to 32 bytes.
 * @throws DipAuthError `MISSING_HEADER` naming every missing header, or `MALFORMED_HEADER` naming the header.
 */
export function readSignatureHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): SignatureHeaderValues {
  const found = new Map<string, string | string[]>();
  const repeated = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (found.has(lower)) repeated.add(lower);
    found.set(lower, value);
  }
  const missing = DIP_SIGNATURE_HEADERS.filter((name) => {
    const value = found.get(name.toLowerCase());
    return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  });
  if (missing.length > 0) {
    throw new DipAuthError(
      'MISSING_HEADER',
      `missing DIP signature header${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: every request carries ${DIP_SIGNATURE_HEADERS.join(', ')}`,
      { headers: missing, header: missing[0] },
    );
  }
  const single = (name: DipSignatureHeaderName): string => {
    const value = found.get(name.toLowerCase()) as string | string[];
    if (Array.isArray(value) || repeated.has(name.toLowerCase())) {
      throw malformed(name, 'is repeated; send it once');
    }
    if (value.length > DIP_HEADER_MAX_LENGTH[name]) {
      throw malformed(name, `is ${value.length} characters long; at most ${DIP_HEADER_MAX_LENGTH[name]} are accepted`);
    }
    return value;
  };
  const date = single(DIP_SIGNATURE_DATE_HEADER);
  const contentHash = single(DIP_CONTENT_HASH_HEADER);
  const contentHashBytes = strictBase64(DIP_CONTENT_HASH_HEADER, contentHash);
  if (contentHashBytes.length !== 32) {
    throw malformed(DIP_CONTENT_HASH_HEADER, `decodes to ${contentHashBytes.length} bytes; a SHA-256 digest is 32 bytes (44 base64 characters)`);
  }
  const certificateB64 = single(DIP_SIGNATURE_CERTIFICATE_HEADER);
  const certificatePem = strictBase64(DIP_SIGNATURE_CERTIFICATE_HEADER, certificateB64).toString('latin1');
  const signature = strictBase64(DIP_SIGNATURE_HEADER, single(DIP_SIGNATURE_HEADER));
  return { date, contentHash, contentHashBytes, signature, certificatePem };
}

/**
 * Decodes strict base64: re-encoding the decoded bytes must give the value back, which refuses
 * characters outside the alphabet (Node would skip them), base64url, whitespace, missing padding
 * and non-zero trailing bits.
 */
function strictBase64(name: DipSignatureHeaderName, value: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) {
    throw malformed(name, 'is not base64 (standard alphabet A–Z a–z 0–9 + /, padded with =, no spaces or line breaks)');
  }
  return bytes;
}

function malformed(header: DipSignatureHeaderName, problem: string): DipAuthError {
  return new DipAuthError('MALFORMED_HEADER', `${header} ${problem}`, { header });
}
