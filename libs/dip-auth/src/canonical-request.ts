import { createHash } from 'node:crypto';

/**
 * The part of a URL that is signed: the request-target in origin form (RFC 9112 §3.2.1), i.e. the
 * path and the query exactly as sent, e.g. `/dip-channel/IF-031?dryRun=true`. An absolute URL is
 * cut to that part (scheme and authority dropped, an empty path becomes `/`); a fragment, which
 * never reaches a server, is dropped. Nothing else is normalised: no percent-decoding, no removal
 * of dot segments, no re-ordering of the query. Lower-casing happens in
 * {@link canonicalSignatureString}.
 *
 * Why not the absolute URL, as the DIP's own clients sign it (docs/adr/0008-dip-request-signatures.md):
 * behind a TLS terminator or proxy the registry cannot know the scheme and host the sender used;
 * the request-target reaches it unchanged (`request.originalUrl` in Express).
 */
export function requestTargetOf(url: string): string {
  const withoutFragment = url.split('#', 1)[0];
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(withoutFragment);
  if (absolute === null) return withoutFragment;
  const rest = withoutFragment.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The string that is signed (mhhs-domain.md §3.5, as the DIP's clients build it):
 * `METHOD;lower-case-url;date;contentHash`, e.g.
 * `POST;/dip-channel/if-031;2025-04-01T09:00:00.000Z;47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=`.
 *
 * - METHOD: the HTTP method, upper-cased;
 * - url: {@link requestTargetOf}(url), lower-cased (whole string, query included);
 * - date: the `X-DIP-Signature-Date` value, verbatim;
 * - contentHash: the `X-DIP-Content-Hash` value, verbatim.
 *
 * The string is signed as its UTF-8 bytes.
 */
export function canonicalSignatureString(method: string, url: string, date: string, contentHash: string): string {
  return `${method.toUpperCase()};${requestTargetOf(url).toLowerCase()};${date};${contentHash}`;
}

/**
 * The canonical string as a DIP-style client builds it over the ABSOLUTE URL it addressed:
 * `METHOD;lower-case origin + path and query;date;contentHash`, e.g.
 * `POST;https://registry.example.org/dip-channel/if-031;2025-04-01T09:00:00.000Z;47DEQ…=`. The
 * registry builds it with its configured public origin (`REGISTRY_PUBLIC_ORIGIN`) and the
 * request-target it received (docs/adr/0008-dip-request-signatures.md).
 * @param origin `scheme://host[:port]`, no trailing slash.
 */
export function canonicalSignatureStringForOrigin(method: string, origin: string, url: string, date: string, contentHash: string): string {
  return `${method.toUpperCase()};${`${origin}${requestTargetOf(url)}`.toLowerCase()};${date};${contentHash}`;
}

/**
 * `X-DIP-Content-Hash` of a body: base64 (padded, 44 characters) of the SHA-256 digest of its
 * bytes. A string is hashed as UTF-8; no body at all is hashed as zero bytes
 * (`47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=`).
 */
export function contentHashOf(body: Uint8Array | string | undefined): string {
  return createHash('sha256').update(body ?? new Uint8Array(0)).digest('base64');
}

/** Strict UTC ISO 8601 instant: date, `T`, time to the second, optional fraction (1–9 digits), `Z`. */
const SIGNATURE_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Reads an `X-DIP-Signature-Date`: a UTC instant `YYYY-MM-DDTHH:mm:ss[.f{1,9}]Z` (what
 * `Date.prototype.toISOString` writes, and the DIP's clients send), calendar-valid (no
 * 2025-02-30, no 24:00, no leap second), with the fraction read to the millisecond (truncated).
 * @returns milliseconds since the epoch, or `null` when the value is not such an instant.
 */
export function parseSignatureDate(value: string): number | null {
  const m = SIGNATURE_DATE_RE.exec(value);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const d = new Date(epoch);
  const exact =
    d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day &&
    d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  return exact ? epoch : null;
}

/**
 * The `X-DIP-Signature-Date` the signer sends for an instant: `Date.prototype.toISOString()`,
 * e.g. `2025-04-01T09:00:00.000Z`.
 * @throws RangeError when `now` is not a parseable instant.
 */
export function formatSignatureDate(now: string | Date): string {
  const date = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${JSON.stringify(String(now))}`);
  return date.toISOString();
}
