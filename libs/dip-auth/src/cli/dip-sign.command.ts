import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DipSignatureHeaders } from '../dip-headers';
import { sampleKeyPair } from '../client/sample-keys';
import { signDipRequest, SignerPublicPem } from '../sign-dip-request';

/** Options of `sign-request`, as commander parses them. */
interface SignRequestOptions {
  participant?: string;
  key?: string;
  cert?: string;
  publicKey?: string;
  keysDir?: string;
  method: string;
  url: string;
  body?: string;
  bodyFile?: string;
  now?: string;
  format: 'headers' | 'json' | 'curl';
}

/** Where the command writes; injectable for tests. */
export interface DipSignCommandIo {
  write(text: string): void;
  readFile(path: string): Buffer;
  /** The machine's clock, unless `--now` is given. */
  now(): Date;
}

const defaultIo: DipSignCommandIo = {
  write: (text) => process.stdout.write(text),
  readFile: (path) => readFileSync(path),
  now: () => new Date(),
};

/**
 * The `sign-request` command (issue #8: "a small client helper … + CLI"): prints the four DIP
 * signature headers for one request, signed with a sample participant's public sample key
 * (`--participant`) or with a key and certificate from files (`--key` with `--cert` or
 * `--public-key`). The body is read as raw bytes from `--body-file` (or `--body` text), so that the
 * hash is of exactly what is then sent (`curl --data-binary @file`).
 *
 * Output formats: `headers` (`Name: value` lines), `json` (one object), `curl` (`-H '…'` arguments).
 * Usage errors (a missing or unknown option, a wrong combination of options) go through commander's
 * `error` (exit code 2, or a `CommanderError` with `exitOverride`); other failures (a file that
 * cannot be read, an unknown sample participant, a bad key) reject the promise of `parseAsync` with
 * a {@link SignRequestError} whose message is one line.
 */
export function dipSignCommand(io: DipSignCommandIo = defaultIo): Command {
  return new Command('sign-request')
    .description('print the DIP signature headers (X-DIP-Signature-Date, -Content-Hash, -Signature-Certificate, -Signature) for one request')
    .option('-p, --participant <dipId>', 'sign with the public sample key of this sample participant (reference-data/sample-keys)')
    .option('--key <file>', "the signer's RSA private key (PEM), instead of --participant")
    .option('--cert <file>', 'the certificate (PEM) of --key, sent in X-DIP-Signature-Certificate')
    .option('--public-key <file>', 'a bare SPKI public key (PEM) of --key, sent instead of a certificate')
    .option('--keys-dir <dir>', 'folder of the sample keys (default: reference-data/sample-keys of this repository)')
    .option('-X, --method <method>', 'HTTP method', 'POST')
    .requiredOption('-u, --url <url>', 'path and query as sent (/dip-channel/IF-031), or the absolute URL')
    .option('--body-file <file>', 'file holding the exact body bytes to send')
    .option('--body <text>', 'the body as text (UTF-8), instead of --body-file')
    .option('--now <instant>', "signing instant, UTC ISO (default: this machine's clock)", signingInstant)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['headers', 'json', 'curl']).default('headers'))
    .action((opts: SignRequestOptions, command: Command) => {
      // A wrong combination of options is a usage error, reported like commander's own (exit code 2).
      const usageError = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'sign-request.usage' });
      let headers: DipSignatureHeaders;
      try {
        headers = signWith(opts, io, usageError);
      } catch (error) {
        // Whatever else fails comes from what was given (an unknown sample participant, a key that is not PEM, a bad --now).
        if (error instanceof CommanderError || error instanceof SignRequestError) throw error;
        throw new SignRequestError((error as Error).message);
      }
      io.write(render(headers, opts.format));
    });
}

function signWith(opts: SignRequestOptions, io: DipSignCommandIo, usageError: (message: string) => never): DipSignatureHeaders {
  if (opts.body !== undefined && opts.bodyFile !== undefined) usageError('give --body or --body-file, not both');
  const read = (option: string, file: string): Buffer => {
    try {
      return io.readFile(file);
    } catch (error) {
      throw new SignRequestError(`cannot read ${option} ${file}: ${fileProblem(error)}`);
    }
  };
  const body = opts.bodyFile !== undefined ? read('--body-file', opts.bodyFile) : opts.body;
  const request = { method: opts.method, url: opts.url, body, now: opts.now ?? io.now() };
  if (opts.participant !== undefined) {
    if (opts.key !== undefined || opts.cert !== undefined || opts.publicKey !== undefined) {
      usageError('give --participant (a sample key) or --key with --cert / --public-key, not both');
    }
    const pair = sampleKeyPair(opts.participant, opts.keysDir);
    return signDipRequest({ ...request, privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });
  }
  if (opts.key === undefined) return usageError('give --participant <dipId> (a sample key) or --key <file> with --cert <file> or --public-key <file>');
  if ((opts.cert === undefined) === (opts.publicKey === undefined)) usageError('with --key, give exactly one of --cert and --public-key');
  const text = (option: string, file: string) => read(option, file).toString('utf8');
  const publicPem: SignerPublicPem = opts.cert !== undefined ? { certificatePem: text('--cert', opts.cert) } : { publicKeyPem: text('--public-key', opts.publicKey as string) };
  return signDipRequest({ ...request, privateKeyPem: text('--key', opts.key), ...publicPem });
}

/**
 * A `sign-request` failure that is not a usage error (a file that cannot be read): its message is
 * the one line to show, naming the option and the file.
 */
export class SignRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignRequestError';
  }
}

/** What is wrong with a file that could not be read, in words (`no such file`), else the system's message. */
function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder, not a file' };
  return (code !== undefined ? words[code] : undefined) ?? (error as Error).message;
}

function render(headers: DipSignatureHeaders, format: SignRequestOptions['format']): string {
  const entries = Object.entries(headers);
  switch (format) {
    case 'headers':
      return entries.map(([name, value]) => `${name}: ${value}\n`).join('');
    case 'json':
      return `${JSON.stringify(headers, null, 2)}\n`;
    case 'curl':
      // Header values are base64 and an ISO date: no quote can occur inside them.
      return `${entries.map(([name, value]) => `-H '${name}: ${value}'`).join(' ')}\n`;
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/**
 * Option parser of `--now`: an ISO 8601 instant with `Z` or an offset (commander names the option and
 * exits 2 when it is not).
 */
export function signingInstant(raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new InvalidArgumentError(`expected an ISO 8601 instant with Z or an offset, e.g. 2025-06-01T09:30:00Z, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
