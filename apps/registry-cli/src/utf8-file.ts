import { createReadStream, readFileSync } from 'node:fs';
import { describeUtf8Problem, findUtf8Problem, Utf8Problem } from '@app/dip-wire';
import { CliError } from './cli-context';

/**
 * The text of `file`, read as bytes and decoded only when they are well-formed UTF-8 (RFC 8259 §8.1:
 * the service refuses a body that is not, 400; decoding with `'utf8'` would silently turn the bad
 * bytes into U+FFFD and send something else than the file).
 * @throws CliError `cannot read <file>: …` when it cannot be read, or
 *   `<file> is not well-formed UTF-8: line L, byte N (0x..) …` naming the first bad byte.
 */
export function readUtf8File(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const problem = findUtf8Problem(bytes);
  if (problem !== null) throw notUtf8(file, problem);
  return bytes.toString('utf8');
}

/**
 * Reads `file` through once, in chunks (large traffic files are not held in memory), and fails on its
 * first byte that is not well-formed UTF-8, before anything is loaded from it.
 * @throws CliError as {@link readUtf8File}.
 */
export async function assertUtf8File(file: string): Promise<void> {
  let carry = Buffer.alloc(0);
  let base = 0;
  let lines = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      const bytes = Buffer.concat([carry, chunk as Buffer]);
      const keep = incompleteTail(bytes);
      const head = bytes.subarray(0, bytes.length - keep);
      const problem = findUtf8Problem(head);
      if (problem !== null) throw notUtf8(file, { ...problem, offset: base + problem.offset, line: lines + problem.line });
      for (const b of head) if (b === 0x0a) lines++;
      base += head.length;
      carry = Buffer.from(bytes.subarray(bytes.length - keep));
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const problem = findUtf8Problem(carry);
  if (problem !== null) throw notUtf8(file, { ...problem, offset: base + problem.offset, line: lines + problem.line });
}

/** How many bytes at the end of `bytes` start a multi-byte sequence that the next chunk may finish (0–3). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function notUtf8(file: string, problem: Utf8Problem): CliError {
  return new CliError(`${file} is not well-formed UTF-8 (the service would refuse it): line ${problem.line}, ${describeUtf8Problem(problem)}`);
}
