import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
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
 * Usage errors and signing errors reject the returned promise of `parseAsync` with an Error whose
 * message is one line.
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
    .option('--now <instant>', "signing instant, UTC ISO (default: this machine's clock)")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['headers', 'json', 'curl']).default('headers'))
    .action((opts: SignRequestOptions) => {
      io.write(render(signWith(opts, io), opts.format));
    });
}

function signWith(opts: SignRequestOptions, io: DipSignCommandIo): DipSignatureHeaders {
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw new Error('give --body or --body-file, not both');
  const body = opts.bodyFile !== undefined ? io.readFile(opts.bodyFile) : opts.body;
  const request = { method: opts.method, url: opts.url, body, now: opts.now ?? io.now() };
  if (opts.participant !== undefined) {
    if (opts.key !== undefined || opts.cert !== undefined || opts.publicKey !== undefined) {
      throw new Error('give --participant (a sample key) or --key with --cert / --public-key, not both');
    }
    const pair = sampleKeyPair(opts.participant, opts.keysDir);
    return signDipRequest({ ...request, privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });
  }
  if (opts.key === undefined) throw new Error('give --participant <dipId> (a sample key) or --key <file> with --cert <file> or --public-key <file>');
  if ((opts.cert === undefined) === (opts.publicKey === undefined)) throw new Error('with --key, give exactly one of --cert and --public-key');
  const text = (file: string) => io.readFile(file).toString('utf8');
  const publicPem: SignerPublicPem = opts.cert !== undefined ? { certificatePem: text(opts.cert) } : { publicKeyPem: text(opts.publicKey as string) };
  return signDipRequest({ ...request, privateKeyPem: text(opts.key), ...publicPem });
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
