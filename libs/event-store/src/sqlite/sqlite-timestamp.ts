/**
 * Converts a timestamp as stored in SQLite to an ISO 8601 UTC instant ending in `Z`.
 *
 * Accepts what this store writes (`2025-04-01T10:20:30.123Z`) and SQLite's own UTC format from
 * `datetime('now')` / `CURRENT_TIMESTAMP` (`2025-04-01 10:20:30`, optionally with fractional
 * seconds), which has no zone designator but is UTC by definition; an explicit offset is honoured.
 * @throws Error when the text is not such a timestamp.
 */
export function sqliteTimestampToIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  const instant = match ? new Date(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`) : undefined;
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw new Error(`unrecognised SQLite timestamp: ${JSON.stringify(value)}`);
  }
  return instant.toISOString();
}
