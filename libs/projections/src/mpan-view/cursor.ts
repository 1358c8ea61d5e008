/**
 * Page cursors of the view's lists (search, portfolio): keyset pagination on `mpan_core`. A cursor
 * is opaque to clients — base64url of `{"v":1,"after":"<13-digit core>"}` — and stable: the next
 * page starts after that core whatever was written meanwhile (an MPAN that enters the list behind
 * the cursor is not shown on later pages; none is shown twice).
 */

const CORE = /^\d{13}$/;

/** The cursor of the page that follows the MPAN `lastCore`. */
export function encodeCursor(lastCore: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: lastCore }), 'utf8').toString('base64url');
}

/** The MPAN core a cursor continues after, or `null` when `raw` is not a cursor this API issued. */
export function decodeCursor(raw: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { v, after } = parsed as { v?: unknown; after?: unknown };
    return v === 1 && typeof after === 'string' && CORE.test(after) ? after : null;
  } catch {
    return null;
  }
}
