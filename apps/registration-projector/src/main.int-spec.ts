import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@app/event-store';
import { FixedClock, loadRegistryConfig, RegistrationAppModule, TrafficLoader } from '@app/registration-app';
import { rebuildViews, registryProjections, ViewDatabase } from '@app/projections';
import { AuditRegistry, startAuditRegistry, trafficSplitAt } from '@app/projections/audit/testing/audit-registry';

/**
 * The projector as its own process (issue #5 item 1: "runs in-process by default, and as its own
 * app `apps/registration-projector` for a server deployment"), started the way `npm run
 * start:projector` starts it — from the sources through test/support/register-ts.js instead of a
 * build — against a SQLite log written by another process (the API would run with
 * `REGISTRY_PROJECTOR=off`):
 *
 * 1. it projects the log that was there when it started;
 * 2. it picks up appends made afterwards by another process (it polls: the in-process append
 *    signal only exists inside the API);
 * 3. on SIGTERM it stops cleanly (exit code 0, "stopped cleanly" logged);
 * 4. the views it left have exactly the digest of a rebuild from zero at the same position.
 */

const REPO_ROOT = resolve(__dirname, '../../..');
const TRAFFIC = { mpans: 12, seed: 41, startDate: '2025-03-01', mistakeRate: 0.1 };
const CUT = '2025-05-01T00:00:00Z';
const NOT_AFTER = '2026-01-31T12:00:00.000Z';

describe('apps/registration-projector as a separate process', () => {
  let r: AuditRegistry;
  let child: ChildProcess | undefined;
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';

  beforeAll(async () => {
    r = await startAuditRegistry('regs-projector-app-');
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await r?.close();
  });

  /** The checkpoints of the view database file, read as another process would (read-only, no lock held). */
  function checkpoints(): bigint[] {
    if (!existsSync(r.config.viewsSqlitePath)) return [];
    const db = new Database(r.config.viewsSqlitePath, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT position FROM projection_checkpoints").all() as Array<{ position: string }>;
      return rows.map((row) => BigInt(row.position));
    } catch {
      return []; // the projector has not created its tables yet
    } finally {
      db.close();
    }
  }

  /** Waits until every projection's checkpoint is `head` (a hang guard, not a speed check). */
  async function projectedTo(head: bigint, limitMs = 120_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const positions = checkpoints();
      if (positions.length === registryProjections().length && positions.every((p) => p === head)) return;
      if (child?.exitCode !== null) throw new Error(`the projector exited (${child?.exitCode}) before reaching ${head}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`the projector did not reach position ${head} (at ${positions.join(', ')}); stderr: ${stderr}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  it('projects the log it finds, then appends made by another process, stops cleanly on SIGTERM, and leaves the digest of a rebuild', async () => {
    const { before, after } = trafficSplitAt(TRAFFIC, CUT);
    expect(before.length).toBeGreaterThan(20);
    expect(after.length).toBeGreaterThan(20);
    await r.load(before, CUT);
    const headA = await r.store.headPosition();
    await r.stop(); // the log stays on disk; nothing has projected it
    expect(checkpoints()).toEqual([]);

    child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'test', 'support', 'register-ts.js'), join(REPO_ROOT, 'apps', 'registration-projector', 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REGISTRY_SQLITE_PATH: r.config.sqlitePath,
        REGISTRY_REFERENCE_DATA: join(REPO_ROOT, 'reference-data', 'participants.json'),
        REGISTRY_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));

    // 1. The log that was there.
    await projectedTo(headA);

    // 2. Another process appends (as an API instance with REGISTRY_PROJECTOR=off would).
    const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: r.config.sqlitePath, REGISTRY_DAY_START: 'off', REGISTRY_PROJECTOR: 'off' }, REPO_ROOT);
    const writer = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock: new FixedClock(CUT) }), { logger: false });
    let headB: bigint;
    try {
      const loader = writer.get(TrafficLoader);
      for (const line of after) await loader.load({ channel: line.channel, message: line.message }, { replayClock: true, notAfter: NOT_AFTER });
      await loader.finish({ replayClock: true, notAfter: NOT_AFTER });
      headB = await writer.get<EventStore>(EVENT_STORE).headPosition();
    } finally {
      await writer.close();
    }
    expect(headB).toBeGreaterThan(headA);
    await projectedTo(headB);

    // 3. A clean stop.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = logs.map((l) => String(l.msg));
    expect(messages).toContainEqual(expect.stringMatching(/^projecting .* from position 0$/));
    expect(messages).toContainEqual(expect.stringMatching(/^SIGTERM: stopping after the batch in progress/));
    expect(messages).toContainEqual(expect.stringMatching(/^stopped cleanly in \d+ ms$/));
    expect(logs.every((l) => l.name === 'registration-projector')).toBe(true);

    // 4. What it left equals a rebuild from zero at the same position, table by table.
    const store = await SqliteEventStore.open({ path: r.config.sqlitePath });
    const views = await ViewDatabase.openSqlite({ path: r.config.viewsSqlitePath });
    try {
      const report = await rebuildViews({
        store,
        referenceData: r.referenceData,
        registryDipId: r.config.registryDipId,
        environmentTag: r.config.environmentTag,
        projections: registryProjections(),
        outPath: join(r.dir, 'rebuilt.sqlite'),
        live: views,
      });
      expect(report.live?.position).toBe(headB);
      expect(report.differingTables).toEqual([]);
      expect(report.matches).toBe(true);
    } finally {
      await views.close();
      await store.close();
    }
  }, 300_000);
});
