import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixedClock, loadRegistryConfig } from '@app/registration-app';
import { createApiApp } from '../bootstrap';
import { buildOpenApiDocument, serializeOpenApi } from './openapi';

/**
 * The last step of `npm run openapi` (which first refreshes ./examples.ts from the real app,
 * test/openapi.e2e-spec.ts with UPDATE_OPENAPI_EXAMPLES=1, then builds): writes `docs/openapi.json` (or the file given as the first argument) from the
 * real app module, on a throw-away SQLite store in a temporary folder (nothing is served or kept).
 * The output is deterministic (sorted keys, no server, port or time), so it can be committed and
 * compared: test/openapi.e2e-spec.ts fails when the committed file is stale.
 */
async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');
  const out = resolve(process.argv[2] ?? join(repoRoot, 'docs', 'openapi.json'));
  const dir = mkdtempSync(join(tmpdir(), 'regs-openapi-'));
  try {
    const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'off' }, repoRoot);
    const app = await createApiApp(config, { clock: new FixedClock('2025-01-01T00:00:00Z') }, { logger: false });
    try {
      writeFileSync(out, serializeOpenApi(buildOpenApiDocument(app)));
    } finally {
      await app.close();
    }
    console.log(`wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`openapi: ${(error as Error).message}`);
  process.exit(1);
});
