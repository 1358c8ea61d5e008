import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTraffic } from '@app/dip-wire';
import { EventStore } from '@app/event-store';
import { digestMpan, nativeSqlite, registryProjections, verifyViews, VerifyOptions } from '@app/projections';
import { AuditRegistry, startAuditRegistry } from './testing/audit-registry';

/**
 * `verifyViews` (issue #6 item 7) on a real registry: generated traffic for 80 MPANs projected by
 * the real projector into a real view database; the verification rebuilds from the log into a
 * temporary file and compares MPAN by MPAN. Altering one MPAN's row in the live file names exactly
 * that MPAN and that table; altering a table without MPAN column names the table.
 */
let r: AuditRegistry;
let cores: string[];

const options = (): VerifyOptions => ({
  store: r.store,
  referenceData: r.referenceData,
  registryDipId: r.config.registryDipId,
  environmentTag: r.config.environmentTag,
  projections: registryProjections(),
  live: r.views,
  workDir: r.dir,
  batchSize: 700,
});

/** Runs `sql` on the live view database's own file through a writer transaction (as a corruption would). */
async function alterLive(sql: string, ...params: unknown[]): Promise<number> {
  return r.views.writeTransaction(async (m) => {
    const result = (await m.query(sql, params)) as unknown;
    return Array.isArray(result) ? result.length : 0;
  });
}

beforeAll(async () => {
  r = await startAuditRegistry('regs-verify-int-');
  await r.load(generateTraffic({ mpans: 80, seed: 17, startDate: '2025-03-01', mistakeRate: 0.1 }), '2026-03-31T12:00:00.000Z');
  await r.project();
  cores = (nativeSqlite(r.views.reader).prepare('SELECT mpan_core FROM mpan_view ORDER BY mpan_core').all() as Array<{ mpan_core: string }>).map(
    (row) => row.mpan_core,
  );
}, 600_000);

afterAll(async () => {
  await r?.close();
});

describe('verifyViews', () => {
  it('agrees with untouched live views: every MPAN and every whole table, at the live checkpoint; the temporary file is removed', async () => {
    const progress: string[] = [];
    const report = await verifyViews({ ...options(), onProgress: (p) => progress.push(p.phase) });
    expect(report.agree).toBe(true);
    expect(report.differingMpans).toBe(0);
    expect(report.differences).toEqual([]);
    expect(report.position).toBe(await r.projector.position());
    expect(report.position).toBe(await r.store.headPosition());
    expect(report.events).toBe(Number(report.position));
    // Every MPAN of the view, plus the cores only rejections name in the feed (as sent).
    expect(report.mpans).toBeGreaterThanOrEqual(cores.length);
    expect(report.mpanTables).toEqual(expect.arrayContaining(['projection_mpan_state', 'mpan_view', 'mpan_view_service_periods', 'feed_items']));
    expect(report.wholeTables.map((t) => t.table)).toEqual(['feed_recipients']);
    expect(progress).toContain('rebuild');
    expect(readdirSync(r.dir).filter((f) => f.startsWith('regs-verify-'))).toEqual([]);
  }, 300_000);

  it('names exactly the MPAN whose row was altered in the live file, and the table', async () => {
    const victim = cores[Math.floor(cores.length / 2)]!;
    const before = await digestMpan(r.views, registryProjections(), victim);
    await alterLive(`UPDATE mpan_view_gsp_groups SET gsp_group_id = '_Z' WHERE mpan_core = ?`, victim);
    try {
      const after = await digestMpan(r.views, registryProjections(), victim);
      // The per-MPAN digest moves in exactly that table.
      const changed = after.digest.tables.filter((t, i) => t.sha256 !== before.digest.tables[i]!.sha256).map((t) => t.table);
      expect(changed).toEqual(['mpan_view_gsp_groups']);

      const seen: string[] = [];
      const report = await verifyViews({ ...options(), onDifference: (d) => seen.push(d.mpanCore) });
      expect(report.agree).toBe(false);
      expect(report.differingMpans).toBe(1);
      expect(seen).toEqual([victim]);
      const [difference] = report.differences;
      expect(difference!.mpanCore).toBe(victim);
      expect(difference!.tables.map((t) => t.table)).toEqual(['mpan_view_gsp_groups']);
      expect(report.wholeTables.every((t) => t.same)).toBe(true);
    } finally {
      // Put it right for the next test: the projection rewrites every row of the MPAN from its fold.
      await repair();
    }
  }, 300_000);

  it('names an MPAN missing from the live file in every table where the rebuild has its rows, and a table without MPAN column whole', async () => {
    const victim = cores[3]!;
    await alterLive('DELETE FROM mpan_view WHERE mpan_core = ?', victim);
    await alterLive('DELETE FROM mpan_view_supplier_periods WHERE mpan_core = ?', victim);
    await alterLive(`UPDATE feed_recipients SET last_sequence = last_sequence + 1 WHERE recipient_dip_id = (SELECT min(recipient_dip_id) FROM feed_recipients)`);
    const report = await verifyViews(options());
    expect(report.differences.map((d) => d.mpanCore)).toEqual([victim]);
    expect(report.differences[0]!.tables).toEqual([
      { table: 'mpan_view', leftRows: 0, rightRows: 1 },
      expect.objectContaining({ table: 'mpan_view_supplier_periods', leftRows: 0 }),
    ]);
    expect(report.wholeTables).toEqual([expect.objectContaining({ table: 'feed_recipients', same: false })]);
    expect(report.agree).toBe(false);
  }, 300_000);

  it('follows live views that move on during the rebuild: both sides are compared at the newer checkpoint', async () => {
    await repair();
    const before = await r.projector.position();
    // The rebuild's first read of the log waits until the live registry has taken more traffic and
    // projected it (the real store underneath; the wrapper only holds the read back).
    const store = delayFirstRead(r.store, async () => {
      await r.load(generateTraffic({ mpans: 3, seed: 99, startDate: '2026-04-01' }), '2026-05-31T12:00:00.000Z');
      await r.project();
    });
    const report = await verifyViews({ ...options(), store });
    const after = await r.projector.position();
    expect(after).toBeGreaterThan(before);
    expect(report.position).toBe(after);
    expect(report.agree).toBe(true);
  }, 300_000);

  it('keeps the rebuilt file when asked', async () => {
    const keepAt = join(r.dir, 'kept-views.sqlite');
    await verifyViews({ ...options(), keepAt });
    expect(existsSync(keepAt)).toBe(true);
  }, 300_000);
});

/** Restores the live views after a deliberate alteration: rebuild every MPAN's rows by replaying the log into the live file. */
async function repair(): Promise<void> {
  await r.views.writeTransaction(async (m) => {
    for (const table of ['projection_checkpoints', 'projection_mpan_state', 'feed_items', 'feed_recipients', ...registryProjections()[0]!.tables.map((t) => t.name)]) {
      await m.query(`DELETE FROM "${table}"`);
    }
  });
  await r.project();
}

/** `inner`, whose first `readAll` runs `first` before reading. */
function delayFirstRead(inner: EventStore, first: () => Promise<void>): EventStore {
  let pending: (() => Promise<void>) | null = first;
  return {
    appendToStream: (...a) => inner.appendToStream(...a),
    readStream: (...a) => inner.readStream(...a),
    streamRevision: (...a) => inner.streamRevision(...a),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (...a) => inner.subscribeToAll(...a),
    close: () => inner.close(),
    async readAll(options) {
      if (pending) {
        const run = pending;
        pending = null;
        await run();
      }
      return inner.readAll(options);
    },
  };
}
