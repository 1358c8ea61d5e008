/** Most characters of a client's input an error message quotes. */
export const MAX_QUOTED_INPUT = 100;

/**
 * A client's input as an error message quotes it: JSON (so control characters are escaped and a
 * string is visibly a string), cut to {@link MAX_QUOTED_INPUT} characters with `…`, so that a
 * message never echoes unbounded input. `undefined` is `nothing`.
 *
 * Examples: `"2"` for the string 2, `null`, `[1]`, `"xxxx…"` for a 5,000-character string.
 */
export function quoteInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_QUOTED_INPUT ? `${value.slice(0, MAX_QUOTED_INPUT)}…` : value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // cyclic or too deep: never the case for parsed JSON within the body checks
  }
  return text.length > MAX_QUOTED_INPUT ? `${text.slice(0, MAX_QUOTED_INPUT)}…` : text;
}
