import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MISTAKE_KINDS, MistakeKind, TrafficOptions, generateTraffic } from './generate-traffic';
import { TrafficReference } from './traffic-reference';

/** What {@link writeTrafficFile} wrote. */
export interface TrafficFileSummary {
  /** Number of JSON lines (messages) written. */
  lines: number;
  /** Tagged mistake lines per kind (every kind present, 0 when none). */
  mistakes: Record<MistakeKind, number>;
}

/** Lines are written in chunks of about this many UTF-16 code units. */
const CHUNK_CHARS = 1 << 16;

/**
 * Streams {@link generateTraffic} to a JSON-lines file (UTF-8, one `TrafficLine` per line, `\n`
 * after each), with backpressure: lines are generated only as fast as the disk takes them, so
 * memory stays constant for any number of MPANs. Overwrites `path`.
 *
 * @returns the number of lines written and the tagged mistakes per kind.
 * @throws RangeError for invalid options (before the file is opened); rejects with the stream
 *   error when the file cannot be written (a partial file may remain).
 */
export async function writeTrafficFile(
  path: string,
  options: TrafficOptions,
  reference?: TrafficReference,
): Promise<TrafficFileSummary> {
  const traffic = generateTraffic(options, reference);
  const summary: TrafficFileSummary = {
    lines: 0,
    mistakes: Object.fromEntries(MISTAKE_KINDS.map((k) => [k, 0])) as Record<MistakeKind, number>,
  };
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const line of traffic) {
      summary.lines++;
      if (line.mistake) summary.mistakes[line.mistake]++;
      buffer += `${JSON.stringify(line)}\n`;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path, { encoding: 'utf8' }));
  return summary;
}
