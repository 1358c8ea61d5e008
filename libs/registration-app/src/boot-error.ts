/**
 * The registry cannot start: the message says why, naming the file or setting (no stack needed).
 * Entry points print it as one line (line breaks folded, see {@link bootErrorLine}) and exit 1.
 */
export class BootError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BootError';
  }
}

/** `message` on one line: each line break (and the spaces around it) becomes one space. */
export function bootErrorLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}
