import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder at or above `startDir` that holds a `package.json`.
 *
 * Works from the TypeScript sources (ts-jest: `libs/dip-wire/src/...`) and from compiled output
 * (`dist/...`), because both live below the repository's `package.json` and no library folder
 * has a `package.json` of its own.
 *
 * @param startDir folder to start from (default: the folder of this module).
 * @throws Error when no ancestor holds a `package.json`.
 */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json found at or above ${startDir}`);
    dir = parent;
  }
}

/** Repository-relative path of the official DIP OpenAPI 3.0 document (Elexon, version 2.2.1). */
export const OFFICIAL_OPENAPI_RELATIVE_PATH = 'reference/dip/elexon-dip-openapi-2.2.1.json';

/** Repository-relative path of the sample participant reference data. */
export const PARTICIPANTS_RELATIVE_PATH = 'reference-data/participants.json';
