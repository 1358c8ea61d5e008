import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTrafficFile } from '@app/dip-wire';
import { digestLog, PostgresEventStore, SqliteEventStore } from '@app/event-store';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { rebuildViews, registryProjections } from '@app/projections';
import { loadReferenceDataFile, loadRegistryConfig } from '@app/registration-app';
import { CliError } from '../cli-context';
import { copyStoreCommand, CopyStoreOptions } from './copy-store.command';
import { loadTrafficFile } from './load.command';

/**
 * `registry copy-store` run in-process, as `registry …` runs it: a registry generated and loaded
 * (`registry generate` + `registry load`) into a SQLite file, copied into throw-away PostgreSQL
 * databases.
 */
describeWithPostgres('registry copy-store', (maintenanceUrl) => {
  let dir: string;
  let from: string;
  const databases: ThrowawayPostgresDatabase[] = [];
  let printed: string[];

  const newDatabase = async () => {
    const database = await createThrowawayPostgresDatabase('regs_copy_', maintenanceUrl);
    databases.push(database);
    return database;
  };
  const copy = (o: Partial<CopyStoreOptions> & { to: string }) =>
    copyStoreCommand({ from, rebuild: false, resume: false, quiet: true, print: (line) => printed.push(line), ...o });
  const targetDigest = async (url: string) => {
    const store = await PostgresEventStore.open({ connectionString: url });
    try {
      return await digestLog(store);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-copy-store-int-'));
    from = join(dir, 'registry.sqlite');
    const traffic = join(dir, 'traffic.jsonl');
    await writeTrafficFile(traffic, { mpans: 30, seed: 11, startDate: '2024-01-01', mistakeRate: 0.1 });
    await loadTrafficFile(traffic, { sqlitePath: from, progress: false });
  }, 600_000);

  afterAll(async () => {
    for (const database of databases) await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    printed = [];
  });

  it('copies every event exactly (equal log digests), and the views rebuilt from the copy equal a rebuild from the source', async () => {
    const database = await newDatabase();
    const views = join(dir, 'copy-views.sqlite');
    const report = await copy({ to: database.url, views, rebuild: true, pageSize: 250 });

    const source = await SqliteEventStore.open({ path: from });
    let fromSource;
    try {
      expect(report.source).toEqual(await digestLog(source));
      const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: from });
      fromSource = await rebuildViews({
        store: source,
        referenceData: loadReferenceDataFile(config.referenceDataPath),
        registryDipId: config.registryDipId,
        environmentTag: config.environmentTag,
        projections: registryProjections(),
        outPath: join(dir, 'source-views.sqlite'),
      });
    } finally {
      await source.close();
    }
    expect(report.source.events).toBeGreaterThan(1000);
    expect(report.copied).toBe(report.source.events);
    expect(report.target).toEqual(report.source);
    expect(await targetDigest(database.url)).toEqual(report.source);
    expect(report.views!.position).toBe(report.source.head);
    expect(report.views!.rebuilt).toEqual(fromSource.rebuilt);
    expect(existsSync(views)).toBe(true);
    expect(printed).toContain(`source:   ${report.source.events} events, head ${report.source.head}, sha256 ${report.source.sha256}`);
    expect(printed).toContain(`target:   ${report.source.events} events, head ${report.source.head}, sha256 ${report.source.sha256} — MATCH`);

    // A second copy into the now non-empty target is refused and writes nothing.
    await expect(copy({ to: database.url })).rejects.toThrow(
      new RegExp(`^the target postgres://.*/${database.name} already holds events \\(head position ${report.source.head}\\); nothing written\\. .*--resume`),
    );
    expect(await targetDigest(database.url)).toEqual(report.source);
  });

  it('--resume completes an interrupted copy with no duplicates; a target that is not a prefix of the source is refused', async () => {
    const database = await newDatabase();
    const interrupted = copy({
      to: database.url,
      pageSize: 200,
      onPageCopied: ({ events }) => {
        if (events >= 600) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow(/^the copy stopped after position \d+ \(600 events written by this run, all committed\): power cut; run again with --resume to continue$/);
    expect((await targetDigest(database.url)).events).toBe(600);

    const resumed = await copy({ to: database.url, resume: true, pageSize: 200 });
    expect(resumed.copied).toBe(resumed.source.events - 600);
    expect(resumed.target).toEqual(resumed.source);
    expect(printed[0]).toMatch(/^resuming: the target holds the source's first 600 events \(through position \d+, sha256 [0-9a-f]{64}\); copying the rest$/);

    // Resuming a complete copy copies nothing and still verifies.
    expect((await copy({ to: database.url, resume: true })).copied).toBe(0);

    // A target holding something else is not resumed.
    const other = await newDatabase();
    const store = await PostgresEventStore.open({ connectionString: other.url });
    try {
      await store.appendToStream('mpan-x', 'no_stream', [{ type: 'Other', data: {}, metadata: { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c' } }]);
    } finally {
      await store.close();
    }
    await expect(copy({ to: other.url, resume: true })).rejects.toThrow(/^--resume: the target's log differs from the source's at position 1 \(target head 1\): .*; nothing written$/);
    expect((await targetDigest(other.url)).events).toBe(1);
  });

  it('names an unreachable server, a missing source, a missing or malformed URL and an existing views file, never with the password', async () => {
    const unreachable = 'postgres://registry:s3cret@127.0.0.1:1/registry';
    const refused = copy({ to: unreachable });
    await expect(refused).rejects.toThrow(CliError);
    await expect(copy({ to: unreachable })).rejects.toThrow(/^cannot open the target postgres:\/\/registry:\*\*\*@127\.0\.0\.1:1\/registry: .*ECONNREFUSED/);
    await expect(copy({ to: unreachable })).rejects.not.toThrow(/s3cret/);
    await expect(copy({ to: 'mysql://u:s3cret@host/db' })).rejects.toThrow(/^--to must be a postgres:\/\/ or postgresql:\/\/ URL naming a host and a database, got "mysql:\/\/u:\*\*\*@host\/db"$/);
    await expect(copy({ to: '', env: {} })).rejects.toThrow(/^no target database: give --to <postgres URL> or set REGISTRY_POSTGRES_URL$/);
    const missing = join(dir, 'missing.sqlite');
    await expect(copy({ to: unreachable, from: missing })).rejects.toThrow(`no registry at ${missing} (check --from or REGISTRY_SQLITE_PATH)`);
    expect(existsSync(missing)).toBe(false);
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, '');
    await expect(copy({ to: unreachable, rebuild: true, views: taken })).rejects.toThrow(/taken\.sqlite already exists/);
    await expect(copy({ to: unreachable, rebuild: true })).rejects.toThrow(/^--views <file> is needed/);
  });
});
