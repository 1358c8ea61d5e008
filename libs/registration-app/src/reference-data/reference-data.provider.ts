import { readFileSync } from 'node:fs';
import { parseReferenceData, ReferenceData } from '@app/registration-domain';
import { BootError } from '../boot-error';

/** Injection token for the loaded {@link ReferenceData}. */
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');

/**
 * Reads and validates the participants/distributors file.
 * @throws BootError naming the file and every problem found (unreadable, bad JSON, invalid entries;
 *   the problems one a line), the original error as its `cause`.
 */
export function loadReferenceDataFile(path: string): ReferenceData {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BootError(`cannot read reference data file ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseReferenceData(json);
  } catch (error) {
    throw new BootError(`reference data file ${path} is invalid: ${(error as Error).message}`, { cause: error });
  }
}
