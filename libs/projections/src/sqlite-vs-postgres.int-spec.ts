import { join } from 'node:path';
import { generateTraffic } from '@app/dip-wire';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import {
  compareByMpan,
  digestMpan,
  digestViews,
  MpanDifference,
  Projector,
  rebuildViews,
  registryProjections,
  verifyViews,
  ViewDatabase,
  writePortfolioExtract,
} from '@app/projections';
import { MpanViewQueryService, PageRequest, ViewPage } from '@app/projections/mpan-view';
import { AuditRegistry, startAuditRegistry } from './audit/testing/audit-registry';
import { readMpanViewTableByTable } from './mpan-view/testing/table-by-table';

/**
 * Issue #7: the read models on PostgreSQL are the SAME read models. The same generated traffic (80
 * MPANs, a year of messages with mistakes) is projected from one log into a SQLite view database
 * and into a PostgreSQL one; the digests are identical (whole views, table by table, MPAN by MPAN),
 * and every query, search, portfolio and extract answers identically. Then the audit tools run
 * against the PostgreSQL views: a rebuild (a SQLite file) and a verification agree with them.
 */

/** Settlement days the queries are compared on. */
const DAYS = ['2025-06-01', '2025-12-24', '2026-03-31'];

async function walk<T extends { mpanCore: string }>(limit: number, read: (page: PageRequest) => Promise<ViewPage<T>>): Promise<Array<Omit<ViewPage<T>, 'position'>>> {
  const pages: Array<Omit<ViewPage<T>, 'position'>> = [];
  let after: string | null = null;
  for (;;) {
    const { position: _position, ...page } = await read({ after, limit });
    pages.push(page);
    if (page.nextCursor === null) return pages;
    after = page.items[page.items.length - 1]!.mpanCore;
  }
}

describeWithPostgres('the same log projected into SQLite and PostgreSQL views', (maintenanceUrl) => {
  let r: AuditRegistry;
  let database: ThrowawayPostgresDatabase;
  let pg: ViewDatabase;
  let cores: string[];
  let participants: string[];

  beforeAll(async () => {
    r = await startAuditRegistry('regs-dialects-int-');
    await r.load(generateTraffic({ mpans: 80, seed: 53, startDate: '2025-03-01', mistakeRate: 0.1 }), '2026-03-31T12:00:00.000Z');
    await r.project();
    database = await createThrowawayPostgresDatabase('regs_dialects_', maintenanceUrl);
    pg = await ViewDatabase.openPostgres({ connectionString: database.url });
    const projector = new Projector({
      store: r.store,
      views: pg,
      projections: registryProjections(),
      referenceData: r.referenceData,
      registryDipId: r.config.registryDipId,
      environmentTag: r.config.environmentTag,
      batchSize: 500,
    });
    await projector.catchUp(await r.projector.position());
    cores = (await pg.readSnapshot((reader) => reader.all<{ mpan_core: string }>('SELECT mpan_core FROM mpan_view ORDER BY mpan_core'))).map((c) => c.mpan_core);
    participants = (
      await pg.readSnapshot((reader) =>
        reader.all<{ dip: string }>(
          'SELECT supplier_dip_id AS dip FROM mpan_view_supplier_periods UNION SELECT provider_dip_id FROM mpan_view_service_periods WHERE provider_dip_id IS NOT NULL ORDER BY 1',
        ),
      )
    ).map((p) => p.dip);
  }, 900_000);

  afterAll(async () => {
    await pg?.close();
    await database?.drop();
    await r?.close();
  });

  it('have identical digests: whole views, every table, at the same position', async () => {
    const sqlite = await digestViews(r.views, registryProjections());
    const postgres = await digestViews(pg, registryProjections());
    expect(sqlite.position).toBe(await r.store.headPosition());
    expect(postgres.tables).toEqual(sqlite.tables);
    expect(postgres).toEqual(sqlite);
    const rows = Object.fromEntries(postgres.tables.map((t) => [t.table, t.rows]));
    expect(rows.mpan_view).toBe(cores.length);
    expect(cores.length).toBeGreaterThan(60);
    expect(rows.feed_items).toBeGreaterThan(1000);
    expect(rows.mpan_view_metered_indicators).toBeGreaterThan(0); // booleans are digested on both sides
  }, 300_000);

  it('have identical digests MPAN by MPAN (one snapshot on each side), and per MPAN read alone', async () => {
    const differences: MpanDifference[] = [];
    const comparison = await pg.readSnapshot((left) => r.views.readSnapshot((right) => compareByMpan(left, right, registryProjections(), (d) => differences.push(d))));
    expect(differences).toEqual([]);
    expect(comparison.differingMpans).toBe(0);
    expect(comparison.mpans).toBeGreaterThanOrEqual(cores.length);
    expect(comparison.wholeTables.every((t) => t.same)).toBe(true);
    for (const core of cores.slice(0, 10)) {
      expect(await digestMpan(pg, registryProjections(), core)).toEqual(await digestMpan(r.views, registryProjections(), core));
    }
  }, 300_000);

  it('answer every query identically: each MPAN on several days, searches and portfolios page by page', async () => {
    const onSqlite = new MpanViewQueryService(r.views, r.referenceData);
    const onPostgres = new MpanViewQueryService(pg, r.referenceData);
    for (const core of cores) {
      for (const day of DAYS) {
        // Byte for byte: the same JSON on both dialects, and the same as reading table by table in a snapshot.
        const onBoth = [JSON.stringify(await onPostgres.current(core, day)), JSON.stringify(await onSqlite.current(core, day))];
        const reference = JSON.stringify(await readMpanViewTableByTable(pg, core, day));
        expect(onBoth).toEqual([reference, reference]);
        expect(JSON.stringify(await readMpanViewTableByTable(r.views, core, day))).toBe(reference);
      }
    }
    const postcodes = (await pg.readSnapshot((reader) => reader.all<{ p: string }>('SELECT DISTINCT postcode AS p FROM mpan_view_addresses ORDER BY 1'))).slice(0, 8);
    for (const { p } of postcodes) {
      for (const day of DAYS) {
        expect(await walk(3, (page) => onPostgres.search({ postcode: p.toLowerCase() }, day, page))).toEqual(await walk(3, (page) => onSqlite.search({ postcode: p.toLowerCase() }, day, page)));
      }
    }
    for (const dipId of participants) {
      for (const day of DAYS) {
        for (const role of [null, 'SUP', 'MS', 'DS'] as const) {
          expect(await walk(7, (page) => onPostgres.portfolio(dipId, day, role, page))).toEqual(await walk(7, (page) => onSqlite.portfolio(dipId, day, role, page)));
        }
      }
    }
  }, 600_000);

  it('write the same portfolio extracts, byte for byte', async () => {
    const extract = async (views: ViewDatabase, participant: string, date: string) => {
      let text = '';
      await writePortfolioExtract({ views, referenceData: r.referenceData, participant, date, generatedAt: '2026-04-01T00:00:00.000Z', write: (chunk) => (text += chunk) });
      return text;
    };
    let rows = 0;
    for (const participant of participants) {
      for (const day of DAYS) {
        const text = await extract(pg, participant, day);
        expect(text).toBe(await extract(r.views, participant, day));
        rows += text.split('\r\n').length - 3;
      }
    }
    expect(rows).toBeGreaterThan(100);
  }, 600_000);

  it('are verified and rebuilt against: a rebuild into a SQLite file matches the PostgreSQL views, and so does a verification MPAN by MPAN', async () => {
    const common = {
      store: r.store,
      referenceData: r.referenceData,
      registryDipId: r.config.registryDipId,
      environmentTag: r.config.environmentTag,
      projections: registryProjections(),
      live: pg,
    };
    const rebuilt = await rebuildViews({ ...common, outPath: join(r.dir, 'rebuilt-from-pg.sqlite'), batchSize: 700 });
    expect(rebuilt.matches).toBe(true);
    expect(rebuilt.differingTables).toEqual([]);
    const verified = await verifyViews({ ...common, workDir: r.dir, batchSize: 700 });
    expect(verified.agree).toBe(true);
    expect(verified.differingMpans).toBe(0);

    // Not vacuous: one altered PostgreSQL row is named.
    const victim = cores[7]!;
    await pg.writeTransaction((m) => m.query(`UPDATE mpan_view_gsp_groups SET gsp_group_id = '_Z' WHERE mpan_core = $1`, [victim]));
    const altered = await verifyViews({ ...common, workDir: r.dir, batchSize: 700 });
    expect(altered.differences).toEqual([{ mpanCore: victim, tables: [{ table: 'mpan_view_gsp_groups', leftRows: 1, rightRows: 1 }] }]);
  }, 600_000);
});
