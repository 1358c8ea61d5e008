import { isUtf8 } from 'node:buffer';

/**
 * Where a byte string stops being well-formed UTF-8 (RFC 3629; RFC 8259 §8.1 requires JSON
 * exchanged between systems to be UTF-8).
 */
export interface Utf8Problem {
  /** 0-based offset, in bytes, of the first byte that does not start a well-formed sequence. */
  offset: number;
  /** 1-based line of that byte (lines end with LF). */
  line: number;
  /** That byte. */
  byte: number;
  /** Whether the bytes from `offset` to the end are the start of a sequence that the end cuts off. */
  cutOff: boolean;
}

/**
 * The first place where `bytes` is not well-formed UTF-8, or `null` when it is. The decoder turns
 * each malformed sequence into U+FFFD; the first U+FFFD whose place in `bytes` is not the bytes
 * EF BF BD (a U+FFFD actually written) is the first malformed one.
 */
export function findUtf8Problem(bytes: Buffer): Utf8Problem | null {
  if (isUtf8(bytes)) return null;
  let offset = 0;
  let line = 1;
  for (const char of bytes.toString('utf8')) {
    if (char === '\uFFFD' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
      return { offset, line, byte: bytes[offset], cutOff: isCutOffSequence(bytes, offset) };
    }
    if (char === '\n') line++;
    offset += Buffer.byteLength(char, 'utf8');
  }
  /* istanbul ignore next -- isUtf8 refused the bytes, so the decoder met a malformed sequence */
  return null;
}

/**
 * One phrase for `problem`: `byte 12 (0xC3) is cut off: …` for a multi-byte sequence the end of the
 * bytes cuts off, else `byte 12 (0xFF) does not start a valid UTF-8 sequence`.
 */
export function describeUtf8Problem(problem: Utf8Problem): string {
  const byte = `byte ${problem.offset} (0x${problem.byte.toString(16).padStart(2, '0').toUpperCase()})`;
  return problem.cutOff
    ? `${byte} starts a multi-byte UTF-8 sequence that is cut off by the end of the data`
    : `${byte} does not start a valid UTF-8 sequence`;
}

/** Length of the sequence a lead byte announces (0 for a byte that cannot lead one; RFC 3629 §4). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The range the second byte after `lead` must be in (RFC 3629 §4: no overlong forms, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Whether the bytes from `offset` to the end are a well-formed start of a sequence that needs more bytes. */
function isCutOffSequence(bytes: Buffer, offset: number): boolean {
  const lead = bytes[offset];
  const length = sequenceLength(lead);
  if (length === 0 || offset + length <= bytes.length) return false;
  for (let i = offset + 1; i < bytes.length; i++) {
    const [low, high] = i === offset + 1 ? secondByteRange(lead) : [0x80, 0xbf];
    if (bytes[i] < low || bytes[i] > high) return false;
  }
  return true;
}
