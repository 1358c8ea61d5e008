import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DipSignatureHeaders } from '../dip-headers';
import { signDipRequest } from '../sign-dip-request';

/** Repository-relative folder of the public sample keys (reference-data/sample-keys/README.md). */
export const SAMPLE_KEYS_RELATIVE_DIR = 'reference-data/sample-keys';

/** A sample participant's key pair, as PEM text. */
export interface SampleKeyPair {
  dipId: string;
  privateKeyPem: string;
  certificatePem: string;
}

/** What to sign: as {@link signDipRequest}, without the keys. */
export interface RequestToSign {
  method: string;
  /** Path and query (`/dip-channel/IF-031`) or the absolute URL. */
  url: string;
  /** The exact body that will be sent; omit for none. */
  body?: Uint8Array | string;
  /** Instant of signing (UTC ISO string or Date); default: the machine's clock, as a client signs when it sends. */
  now?: string | Date;
}

const cache = new Map<string, SampleKeyPair>();

/**
 * The public sample key pair of a sample participant (`<dipId>.key.pem`, `<dipId>.cert.pem` in
 * `keysDir`, default {@link SAMPLE_KEYS_RELATIVE_DIR} under the repository root). Read once, then
 * cached per folder. These keys are published: the registry refuses them in production mode.
 * @throws Error when the participant has no sample key in that folder.
 */
export function sampleKeyPair(dipId: string, keysDir: string = defaultSampleKeysDir()): SampleKeyPair {
  const cacheKey = `${keysDir}\u0000${dipId}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (!/^[0-9]{10}$/.test(dipId)) throw new Error(`${JSON.stringify(dipId)} is not a 10-digit DIP id`);
  const keyFile = join(keysDir, `${dipId}.key.pem`);
  const certFile = join(keysDir, `${dipId}.cert.pem`);
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    throw new Error(
      `no sample key for DIP id ${dipId} in ${keysDir}: sample keys exist only for the sample participants of reference-data/participants.json (regenerate with node scripts/generate-sample-keys.js)`,
    );
  }
  const pair = { dipId, privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certFile, 'utf8') };
  cache.set(cacheKey, pair);
  return pair;
}

/**
 * The four DIP signature headers for a request sent by a sample participant, signed with its
 * public sample key ({@link sampleKeyPair}, {@link signDipRequest}). For tests, the demo and the
 * CLI; a real participant signs with `signDipRequest` and its own key.
 * @throws Error when the participant has no sample key; RangeError for a bad `now`.
 */
export function signedHeadersFor(participantDipId: string, request: RequestToSign, options: { keysDir?: string } = {}): DipSignatureHeaders {
  const pair = sampleKeyPair(participantDipId, options.keysDir);
  return signDipRequest({
    method: request.method,
    url: request.url,
    body: request.body,
    now: request.now ?? new Date(),
    privateKeyPem: pair.privateKeyPem,
    certificatePem: pair.certificatePem,
  });
}

/** `reference-data/sample-keys` under the repository root (the nearest folder above this module with a package.json). */
export function defaultSampleKeysDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json found at or above ${__dirname}: pass keysDir (--keys-dir)`);
    dir = parent;
  }
  return join(dir, SAMPLE_KEYS_RELATIVE_DIR);
}
