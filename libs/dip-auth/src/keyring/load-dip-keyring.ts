import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ReferenceData } from '@app/registration-domain';
import { DipKeyRegistration, DipKeyring, DipKeyringError, DipKeyringProblem } from './dip-keyring';

/** Default keyring file, relative to the working directory (beside the participants file). */
export const DEFAULT_DIP_KEYRING_PATH = './reference-data/participant-keys.json';

/**
 * Reads a keyring file (format in docs/security.md, sample: `reference-data/participant-keys.json`):
 *
 * ```json
 * { "version": "sample-2025.1",
 *   "keys": [ { "dipId": "1000000001", "certificate": "sample-keys/1000000001.cert.pem", "sample": true },
 *             { "dipId": "1000000002", "publicKey": "keys/nstp-2026.pub.pem", "sample": false },
 *             { "dipId": "1000000003", "fingerprint": "5012de…e1", "sample": false } ] }
 * ```
 *
 * Each key gives exactly one of `certificate` / `publicKey` (a PEM file, relative to the keyring
 * file's folder) or `fingerprint`; `sample` is required, so that no key is a sample key by
 * omission. Properties starting with `$` are comments; any other unknown property is a problem.
 * The keys are then checked against `referenceData` by {@link DipKeyring.fromRegistrations}.
 * @throws DipKeyringError listing every problem with its JSON path (unreadable file or PEM, bad
 *   JSON, bad entries, unknown participants, keys registered twice).
 */
export function loadDipKeyringFile(path: string, referenceData: ReferenceData): DipKeyring {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DipKeyringError([{ path, message: `cannot read the keyring: ${(error as Error).message}` }]);
  }
  const baseDir = dirname(resolve(path));
  return parseDipKeyring(json, referenceData, (file) => readFileSync(isAbsolute(file) ? file : resolve(baseDir, file), 'utf8'));
}

/**
 * {@link loadDipKeyringFile} on an already parsed document; `readPem` reads a `certificate` /
 * `publicKey` path (and may throw: the message becomes a problem).
 * @throws DipKeyringError as loadDipKeyringFile.
 */
export function parseDipKeyring(json: unknown, referenceData: ReferenceData, readPem: (file: string) => string): DipKeyring {
  const problems: DipKeyringProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(json)) throw new DipKeyringError([{ path: '$', message: 'expected an object with "version" and "keys"' }]);
  checkKeys(json, '$', ['version', 'keys'], ['version', 'keys'], add);
  const version = json['version'];
  if ('version' in json && (typeof version !== 'string' || version.trim() === '')) add('$.version', 'expected a non-empty string');
  const keys = json['keys'];
  if ('keys' in json && !Array.isArray(keys)) add('$.keys', 'expected an array');
  const registrations: DipKeyRegistration[] = [];
  (Array.isArray(keys) ? keys : []).forEach((raw: unknown, i) => {
    const registration = parseEntry(raw, `$.keys[${i}]`, readPem, add);
    if (registration !== null) registrations.push(registration);
  });
  try {
    const keyring = DipKeyring.fromRegistrations(typeof version === 'string' ? version : '', registrations, referenceData);
    if (problems.length === 0) return keyring;
  } catch (error) {
    if (!(error instanceof DipKeyringError)) throw error;
    problems.push(...error.problems);
  }
  throw new DipKeyringError(problems);
}

type Add = (path: string, message: string) => void;
const PEM_FIELDS = ['certificate', 'publicKey'] as const;

function parseEntry(raw: unknown, path: string, readPem: (file: string) => string, addToAll: Add): DipKeyRegistration | null {
  if (!isObject(raw)) {
    addToAll(path, 'expected a key object');
    return null;
  }
  let broken = false;
  const add: Add = (at, message) => {
    broken = true;
    addToAll(at, message);
  };
  checkKeys(raw, path, ['dipId', 'certificate', 'publicKey', 'fingerprint', 'sample'], ['dipId', 'sample'], add);
  const { dipId, sample, fingerprint } = raw;
  if ('dipId' in raw && (typeof dipId !== 'string' || !/^[0-9]{10}$/.test(dipId))) add(`${path}.dipId`, `${JSON.stringify(dipId)} is not a 10-digit DIP id`);
  if ('sample' in raw && typeof sample !== 'boolean') add(`${path}.sample`, 'expected true (a public sample key) or false');
  const given = [...PEM_FIELDS, 'fingerprint'].filter((f) => f in raw);
  if (given.length !== 1) add(path, `give exactly one of certificate, publicKey and fingerprint (got ${given.length === 0 ? 'none' : given.join(', ')})`);
  if ('fingerprint' in raw && typeof fingerprint !== 'string') add(`${path}.fingerprint`, 'expected a string of 64 hex digits');
  let pem: string | undefined;
  for (const field of PEM_FIELDS) {
    const file = raw[field];
    if (!(field in raw)) continue;
    if (typeof file !== 'string' || file.trim() === '') {
      add(`${path}.${field}`, 'expected the path of a PEM file');
      continue;
    }
    try {
      pem = readPem(file);
    } catch (error) {
      add(`${path}.${field}`, `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  if (broken) return null;
  const source = `${path} (${(raw['certificate'] ?? raw['publicKey'] ?? 'fingerprint') as string})`;
  return { dipId: dipId as string, sample: sample as boolean, source, ...(pem !== undefined ? { pem } : { fingerprint: fingerprint as string }) };
}

function checkKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[], required: readonly string[], add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!key.startsWith('$') && !allowed.includes(key)) add(`${path}.${key}`, `unknown property (expected ${allowed.join(', ')})`);
  }
  for (const key of required) if (!(key in obj)) add(`${path}.${key}`, 'is missing');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
