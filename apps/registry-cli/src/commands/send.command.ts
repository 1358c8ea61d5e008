import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { DipSignatureHeaders, sampleKeyPair, signDipRequest, SignerPublicPem } from '@app/dip-auth';
import { CliError } from '../cli-context';
import { CliUsageError } from '../usage-errors';
import { readUtf8File } from '../utf8-file';

/**
 * Who signs the requests of `registry send` and the demo: a sample participant's public sample key
 * (`{ participant }`), a key pair from files (`{ privateKeyPem, … }`), or, with `'sender'`, the
 * sample key of each submission's own sender (`S1.senderDIPID`).
 */
export type SendSigner =
  | 'sender'
  | { participant: string; keysDir?: string }
  | ({ privateKeyPem: string } & SignerPublicPem);

/** One submission: messages of one sender on one channel. */
export interface Submission {
  channel: string;
  /** `S1.senderDIPID` of the messages (`null` when the first has none). */
  sender: string | null;
  messages: unknown[];
}

/** Counts of a `send`: per acknowledgement entry, and submissions refused as a whole (4xx/5xx). */
export interface SendSummary {
  submissions: number;
  messages: number;
  accepted: number;
  rejected: number;
  /** Entries not processed (schema failure, conflict, store failure). */
  notProcessed: number;
  /** Submissions answered with an error (401, 403, 4xx, 5xx): none of their messages was processed. */
  refusedSubmissions: number;
}

/** Where `send` writes; injectable for tests. */
export interface SendIo {
  write(line: string): void;
  fetch: typeof fetch;
  /** The signing instant (the machine's clock). */
  now(): Date;
}

const defaultIo: SendIo = { write: (line) => console.log(line), fetch: (input, init) => fetch(input, init), now: () => new Date() };

/** Most messages per submission the service accepts (`MAX_MESSAGES_PER_SUBMISSION`). */
const MAX_BATCH = 1000;

/**
 * Reads the messages to send from `text`: a JSON array of DIP messages (one submission's body), one
 * message object, or JSON lines, each a message or a traffic line `{ "channel", "message" }` as
 * `registry generate` writes. The channel of a message is its traffic line's `channel`; else
 * `defaultChannel` (`--channel`) when given, else its `S0.interfaceID`. `--channel` does not override
 * a traffic line's channel: a file with traffic lines and `--channel` is refused (a traffic file
 * mixes channels, and posting every line to one would be refused message by message). Consecutive
 * messages of the same channel and sender are grouped into submissions of at most `batch`.
 * @throws CliUsageError for `--channel` with traffic lines; CliError for text that is neither, or a
 *   message without a channel.
 */
export function submissionsOf(text: string, defaultChannel: string | undefined, batch: number): Submission[] {
  const items: Array<{ channel: string | undefined; message: unknown; line?: number }> = [];
  const whole = tryParse(text);
  if (whole.ok && Array.isArray(whole.value)) items.push(...whole.value.map((m) => ({ channel: undefined, message: m })));
  else if (whole.ok && isObject(whole.value)) items.push(itemOf(whole.value));
  else {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = tryParse(line);
      if (!parsed.ok || !isObject(parsed.value)) throw new CliError(`line ${i + 1} is not a JSON object (give a JSON array of messages, one message, or JSON lines)`);
      items.push({ ...itemOf(parsed.value), line: i + 1 });
    });
  }
  const trafficLine = items.find((item) => item.channel !== undefined);
  if (trafficLine !== undefined && defaultChannel !== undefined) {
    throw new CliUsageError(
      `--channel ${defaultChannel} cannot be used with traffic lines, which name their own channel (line ${trafficLine.line ?? 1}: ${trafficLine.channel}); drop --channel, or give bare messages`,
    );
  }
  if (items.length === 0) throw new CliError('no message to send');
  const submissions: Submission[] = [];
  items.forEach(({ channel: lineChannel, message }, i) => {
    const channel = lineChannel ?? defaultChannel ?? interfaceIdOf(message);
    if (channel === null) throw new CliError(`message ${i} has no S0.interfaceID: give --channel`);
    const sender = senderOf(message);
    const last = submissions[submissions.length - 1];
    if (last && last.channel === channel && last.sender === sender && last.messages.length < batch) last.messages.push(message);
    else submissions.push({ channel, sender, messages: [message] });
  });
  return submissions;
}

/**
 * POSTs each submission to `{base}/dip-channel/{channel}`, signed by `signer` (DIP signature
 * headers over the exact body bytes), and writes one line per acknowledgement entry
 * (`A`/`R` with the reason codes, or why it was not processed, with each schema error's path and
 * message) and one per refused submission (status, `code: message`), followed by its entries when
 * the refusal carries an acknowledgement (a 400 whose every entry is MSG1001 / MSG1009). Submissions are sent one after the other, in order.
 * @throws CliError when the service cannot be reached, or a signer cannot sign (no sample key).
 */
export async function sendSubmissions(base: string, submissions: Submission[], signer: SendSigner, io: SendIo = defaultIo): Promise<SendSummary> {
  const summary: SendSummary = { submissions: 0, messages: 0, accepted: 0, rejected: 0, notProcessed: 0, refusedSubmissions: 0 };
  for (const s of submissions) {
    const url = new URL(`dip-channel/${encodeURIComponent(s.channel)}`, base.endsWith('/') ? base : `${base}/`);
    const body = JSON.stringify(s.messages);
    const res = await signedFetch(url, { method: 'POST', body }, signerFor(signer, s.sender), io);
    summary.submissions++;
    summary.messages += s.messages.length;
    const answer = (await res.json().catch(() => null)) as AnswerBody | null;
    const entries = Array.isArray(answer?.messageArray) ? answer.messageArray : null;
    if (res.status >= 400 || entries === null) {
      summary.refusedSubmissions++;
      io.write(`${s.channel} ${s.messages.length} message(s) from ${s.sender ?? '?'}: refused ${res.status}${answer?.code ? ` ${answer.code}` : ''}: ${answer?.message ?? res.statusText}`);
      // A 400 with an acknowledgement (every entry MSG1001 / MSG1009): say what is wrong with each.
      if (entries === null) continue;
    }
    for (const entry of entries) {
      const outcome = entry.outcome;
      if (outcome) {
        if (outcome.responseCode === 'A') summary.accepted++;
        else summary.rejected++;
        const codes = outcome.responseMessages.map((r) => r.code).join(',');
        io.write(`${s.channel} ${entry.senderUniqueReference ?? '?'}: ${outcome.responseCode}${outcome.duplicate ? ' (duplicate)' : ''}${codes ? ` ${codes}` : ''} ${entry.transactionID ?? ''}`.trimEnd());
      } else {
        summary.notProcessed++;
        io.write(`${s.channel} ${entry.senderUniqueReference ?? '?'}: not processed: ${entry.message}${describeErrors(entry.errors)}`);
      }
    }
  }
  return summary;
}

/**
 * A request signed as `signer` ({@link signDipRequest}: method, path and query, the body bytes, now).
 * @throws CliError when the service cannot be reached.
 */
export async function signedFetch(
  url: URL,
  init: { method: string; body?: string },
  signer: { participant: string; keysDir?: string } | ({ privateKeyPem: string } & SignerPublicPem),
  io: Pick<SendIo, 'fetch' | 'now'> = defaultIo,
): Promise<Response> {
  const headers: DipSignatureHeaders = signHeaders(signer, init.method, `${url.pathname}${url.search}`, init.body, io.now());
  try {
    return await io.fetch(url, { method: init.method, body: init.body, headers: { ...headers, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) } });
  } catch (error) {
    throw new CliError(`cannot reach ${url.origin}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
  }
}

function signHeaders(signer: { participant: string; keysDir?: string } | ({ privateKeyPem: string } & SignerPublicPem), method: string, url: string, body: string | undefined, now: Date): DipSignatureHeaders {
  if ('participant' in signer) {
    let pair;
    try {
      pair = sampleKeyPair(signer.participant, signer.keysDir);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    return signDipRequest({ method, url, body, now, privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });
  }
  return signDipRequest({ method, url, body, now, ...signer });
}

function signerFor(signer: SendSigner, sender: string | null): { participant: string; keysDir?: string } | ({ privateKeyPem: string } & SignerPublicPem) {
  if (signer !== 'sender') return signer;
  if (sender === null) throw new CliError('a message names no S1.senderDIPID to sign as: give --participant or --key');
  return { participant: sender };
}

/** Options of `registry send` as commander parses them. */
interface SendCommandOptions {
  url: string;
  channel?: string;
  participant?: string;
  key?: string;
  cert?: string;
  publicKey?: string;
  keysDir?: string;
  batch: number;
}

/**
 * `registry send <file> --url <base>`: signs and POSTs DIP messages to a running Registration
 * Service, printing the acknowledgements (README "Sign and send"). Signs as each submission's
 * sender with its public sample key unless `--participant` (another sample key) or `--key` with
 * `--cert` / `--public-key` (the participant's own key) is given. Exit code 1 when a submission
 * was refused as a whole.
 */
export function sendCommand(io: SendIo = defaultIo): Command {
  return new Command('send')
    .description('sign and POST DIP messages (JSON array, one message, or JSON lines) to a running registry; prints the acknowledgements')
    .argument('<file>', 'the messages: a JSON array (one submission), one message object, or JSON lines (messages or `registry generate` traffic lines)')
    .requiredOption('-u, --url <base>', 'base URL of the service, e.g. http://localhost:3000', serviceUrl)
    .option('-c, --channel <id>', "channel to post bare messages on (default: each message's S0.interfaceID); refused with traffic lines, which name their own channel")
    .option('-p, --participant <dipId>', "sign with this sample participant's public sample key (default: each submission's sender's)")
    .option('--key <file>', "the signer's RSA private key (PEM), instead of a sample key")
    .option('--cert <file>', 'the certificate (PEM) of --key')
    .option('--public-key <file>', 'a bare SPKI public key (PEM) of --key, instead of --cert')
    .option('--keys-dir <dir>', 'folder of the sample keys (default: reference-data/sample-keys of this repository)')
    .option('--batch <n>', `messages per submission, 1–${MAX_BATCH}`, batchSize, 100)
    .action(async (file: string, opts: SendCommandOptions) => {
      const text = readUtf8File(file);
      const summary = await sendSubmissions(opts.url, submissionsOf(text, opts.channel, opts.batch), signerOf(opts), io);
      io.write(
        `sent ${summary.messages} message(s) in ${summary.submissions} submission(s): ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.notProcessed} not processed, ${summary.refusedSubmissions} submission(s) refused`,
      );
      if (summary.refusedSubmissions > 0) throw new CliError(`${summary.refusedSubmissions} submission(s) refused (see above)`);
    });
}

function signerOf(opts: SendCommandOptions): SendSigner {
  const text = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
  };
  if (opts.key !== undefined) {
    if (opts.participant !== undefined) throw new CliError('give --participant (a sample key) or --key, not both');
    if ((opts.cert === undefined) === (opts.publicKey === undefined)) throw new CliError('with --key, give exactly one of --cert and --public-key');
    const publicPem: SignerPublicPem = opts.cert !== undefined ? { certificatePem: text(opts.cert) } : { publicKeyPem: text(opts.publicKey as string) };
    return { privateKeyPem: text(opts.key), ...publicPem };
  }
  if (opts.cert !== undefined || opts.publicKey !== undefined) throw new CliError('--cert and --public-key go with --key');
  return opts.participant !== undefined ? { participant: opts.participant, keysDir: opts.keysDir } : 'sender';
}

/** Option parser of `--url`: an absolute http(s) URL (commander names the option and the value when it is not). */
export function serviceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError(`expected the service's absolute http(s) URL, e.g. http://localhost:3000, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`expected an http or https URL, got ${JSON.stringify(raw)}`);
  return raw;
}

function batchSize(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_BATCH) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_BATCH}, got ${JSON.stringify(raw)}`);
  return n;
}

interface AnswerBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageArray?: Array<{
    message: string;
    senderUniqueReference?: string | null;
    transactionID?: string | null;
    outcome?: { responseCode: 'A' | 'R'; duplicate: boolean; responseMessages: Array<{ code: string }> };
    errors?: unknown;
  }>;
}

/** Most schema errors of one entry printed; the rest are counted. */
const MAX_PRINTED_ERRORS = 10;

/** ` — path: message; path: message` of an entry's `errors` (the acknowledgement's `{ path, message }`), or `''`. */
function describeErrors(errors: unknown): string {
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const described = errors.slice(0, MAX_PRINTED_ERRORS).map((e: { path?: unknown; message?: unknown } | null) =>
    typeof e?.path === 'string' && typeof e.message === 'string' ? `${e.path}: ${e.message}` : JSON.stringify(e),
  );
  const more = errors.length > MAX_PRINTED_ERRORS ? `; … ${errors.length - MAX_PRINTED_ERRORS} more` : '';
  return ` — ${described.join('; ')}${more}`;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A traffic line `{ channel, message }`, or a bare message. */
function itemOf(value: Record<string, unknown>): { channel: string | undefined; message: unknown } {
  if (isObject(value['message']) && typeof value['channel'] === 'string') return { channel: value['channel'], message: value['message'] };
  return { channel: undefined, message: value };
}

function commonBlockOf(message: unknown): { S0?: { interfaceID?: unknown }; S1?: { senderDIPID?: unknown } } | undefined {
  return (message as { payload?: { CommonBlock?: { S0?: { interfaceID?: unknown }; S1?: { senderDIPID?: unknown } } } } | null)?.payload?.CommonBlock;
}

function interfaceIdOf(message: unknown): string | null {
  const id = commonBlockOf(message)?.S0?.interfaceID;
  return typeof id === 'string' ? id : null;
}

function senderOf(message: unknown): string | null {
  const id = commonBlockOf(message)?.S1?.senderDIPID;
  return typeof id === 'string' ? id : null;
}
