import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadedReferenceData, parseReferenceData } from '@app/registration-domain';
import { DipKeyring } from '../keyring/dip-keyring';
import { loadDipKeyringFile } from '../keyring/load-dip-keyring';
import { defaultSampleKeysDir } from '../client/sample-keys';

/** The repository root (the folder above `reference-data/sample-keys`). */
export function repoRoot(): string {
  return join(defaultSampleKeysDir(), '..', '..');
}

/** The sample reference data, `reference-data/participants.json`, parsed and validated. */
export function sampleReferenceData(): LoadedReferenceData {
  return parseReferenceData(JSON.parse(readFileSync(join(repoRoot(), 'reference-data', 'participants.json'), 'utf8')));
}

/** The sample keyring, `reference-data/participant-keys.json`: one public sample key per sample participant. */
export function sampleDipKeyring(): DipKeyring {
  return loadDipKeyringFile(join(repoRoot(), 'reference-data', 'participant-keys.json'), sampleReferenceData());
}

/** PEM text of a test fixture in this folder's `fixtures/` (made by scripts/generate-sample-keys.js). */
export function fixturePem(name: 'unregistered.key.pem' | 'unregistered.cert.pem' | 'mislabelled-1000000001-with-key-of-1000000002.cert.pem'): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}
