import { readFileSync } from 'node:fs';
import { parseReferenceData, ReferenceData } from '@app/registration-domain';

/** Injection token for the loaded {@link ReferenceData}. */
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');

/**
 * Reads and validates the participants/distributors file.
 * @throws Error naming the file and every problem found (bad JSON, invalid entries).
 */
export function loadReferenceDataFile(path: string): ReferenceData {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read reference data file ${path}: ${(error as Error).message}`);
  }
  try {
    return parseReferenceData(json);
  } catch (error) {
    throw new Error(`reference data file ${path} is invalid: ${(error as Error).message}`);
  }
}
