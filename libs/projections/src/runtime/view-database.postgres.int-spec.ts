/**
 * The view database on a real PostgreSQL server (issue #7; docs/adr/0010): migrations under an
 * advisory lock, the schema against the SQLite one, snapshots, streaming reads, 64-bit positions and
 * the write lock. Each test file gets its own throw-away database; an unreachable server skips it
 * with a message, or fails it when `CI=true` (`describeWithPostgres`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { POSTGRES_APPEND_LOCK_KEY, POSTGRES_MIGRATION_LOCK_KEY, PostgresEventStore } from '@app/event-store';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { MPAN_VIEW_TABLES, MpanViewRows } from '../mpan-view/entities';
import { replaceMpanRows } from '../mpan-view/table-writer';
import { registryProjections } from '../projections.module';
import { digestViews, RUNTIME_TABLES } from './digest';
import { readFeedPage } from '../feed/feed-page';
import {
  nativeSqlite,
  VIEW_MIGRATION_LOCK_KEY,
  VIEW_MIGRATIONS,
  VIEW_POSTGRES_MIGRATIONS,
  VIEW_POSTGRES_MIGRATIONS_TABLE,
  VIEW_WRITE_LOCK_KEY,
  ViewDatabase,
} from './view-database';
import { POSTGRES_FETCH_ROWS } from './view-reader';

/** A connection of its own (for sessions that hold locks or transactions open). */
async function rawSession(url: string): Promise<{ runner: QueryRunner; close(): Promise<void> }> {
  const source = new DataSource({ type: 'postgres', url, poolSize: 1, logging: false });
  await source.initialize();
  const runner = source.createQueryRunner();
  await runner.connect();
  return {
    runner,
    async close() {
      await runner.release();
      await source.destroy();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithPostgres('ViewDatabase on PostgreSQL', (maintenanceUrl) => {
  let database: ThrowawayPostgresDatabase;
  let views: ViewDatabase;

  beforeAll(async () => {
    database = await createThrowawayPostgresDatabase('regs_views_', maintenanceUrl);
    views = await ViewDatabase.openPostgres({ connectionString: database.url });
  });

  afterAll(async () => {
    await views?.close();
    await database?.drop();
  });

  it('migrates a new database exactly once when several processes open it at once, recording the migrations in view_migrations', async () => {
    const fresh = await createThrowawayPostgresDatabase('regs_views_', maintenanceUrl);
    try {
      const opened = await Promise.all(Array.from({ length: 4 }, () => ViewDatabase.openPostgres({ connectionString: fresh.url, maxReaderConnections: 1 })));
      const applied = (await opened[0]!.writer.query('SELECT name FROM view_migrations ORDER BY id')) as Array<{ name: string }>;
      // TypeORM applies them in timestamp order (the class names end in it).
      const byTimestamp = VIEW_POSTGRES_MIGRATIONS.map((m) => m.name).sort((a, b) => a.slice(-13).localeCompare(b.slice(-13)));
      expect(applied.map((m) => m.name)).toEqual(byTimestamp);
      expect(opened.map((v) => [v.dialect, v.description])).toEqual(Array.from({ length: 4 }, () => ['postgres', fresh.url]));
      for (const v of opened) await v.close();
      // Opening again finds nothing to do.
      const again = await ViewDatabase.openPostgres({ connectionString: fresh.url });
      expect(((await again.writer.query('SELECT count(*)::int AS n FROM view_migrations')) as Array<{ n: number }>)[0]!.n).toBe(VIEW_POSTGRES_MIGRATIONS.length);
      await again.close();
    } finally {
      await fresh.drop();
    }
  });

  it('has the SQLite schema in PostgreSQL types: same tables, columns, nullability, keys and indexes; positions bigint, booleans boolean, text in byte order; no digest order column can be NULL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regs-views-schema-'));
    const sqlite = await ViewDatabase.openSqlite({ path: join(dir, 'views.sqlite') });
    try {
      const db = nativeSqlite(sqlite.reader);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'migrations' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(
        (t) => t.name,
      );
      const pgTables = ((await views.writer.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'view_migrations' ORDER BY table_name",
      )) as Array<{ table_name: string }>).map((t) => t.table_name);
      expect(pgTables).toEqual([...tables].sort());
      const bigints: string[] = [];
      const digested = new Map([...RUNTIME_TABLES, ...registryProjections().flatMap((p) => p.tables)].map((t) => [t.name, t.orderBy]));
      expect(digested.size).toBeGreaterThan(20);
      for (const table of tables) {
        const sqliteColumns = (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>).map((c) => ({
          name: c.name,
          notNull: c.notnull === 1 || c.pk > 0,
          pk: c.pk,
          type: c.type.toLowerCase(),
        }));
        const pgColumns = (await views.writer.query(
          `SELECT c.column_name AS name, c.is_nullable = 'NO' AS "notNull", c.data_type AS type, c.collation_name AS collation,
                  coalesce((SELECT k.ordinal_position FROM information_schema.key_column_usage k
                             JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name AND t.table_name = k.table_name
                            WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name), 0) AS pk
             FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = $1 ORDER BY c.ordinal_position`,
          [table],
        )) as Array<{ name: string; notNull: boolean; type: string; collation: string | null; pk: number }>;
        expect(pgColumns.map((c) => ({ name: c.name, notNull: c.notNull, pk: c.pk }))).toEqual(sqliteColumns.map(({ name, notNull, pk }) => ({ name, notNull, pk })));
        // Digests and pages order by these columns: NULLs would sort first on SQLite and last on
        // PostgreSQL, so they must never be NULL.
        for (const column of digested.get(table) ?? []) {
          expect(`${table}.${column}:${pgColumns.find((c) => c.name === column)?.notNull}`).toBe(`${table}.${column}:true`);
          expect(`${table}.${column}:${sqliteColumns.find((c) => c.name === column)?.notNull}`).toBe(`${table}.${column}:true`);
        }
        for (const [i, c] of pgColumns.entries()) {
          const sqliteType = sqliteColumns[i]!.type;
          if (c.type === 'bigint') bigints.push(`${table}.${c.name}`);
          const expected = sqliteType === 'integer' ? ['integer'] : sqliteType === 'boolean' ? ['boolean'] : ['text', 'bigint'];
          expect(`${table}.${c.name}:${expected.includes(c.type)}`).toBe(`${table}.${c.name}:true`);
          if (c.type === 'text') expect(`${table}.${c.name}:${c.collation}`).toBe(`${table}.${c.name}:C`);
        }
        const sqliteIndexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(table) as Array<{ name: string }>).map(
          (x) => [x.name, (db.prepare(`PRAGMA index_info("${x.name}")`).all() as Array<{ name: string }>).map((c) => c.name)],
        );
        const pgIndexes = ((await views.writer.query(
          `SELECT i.relname AS name, array_agg(a.attname::text ORDER BY k.n) AS columns
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
             CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE t.relname = $1 AND NOT x.indisprimary GROUP BY i.relname ORDER BY i.relname`,
          [table],
        )) as Array<{ name: string; columns: string[] }>).map((x) => [x.name, x.columns]);
        expect(pgIndexes).toEqual(sqliteIndexes);
      }
      expect(bigints.sort()).toEqual([
        'feed_items.source_position',
        'mpan_view.last_position',
        'mpan_view.last_revision',
        'projection_checkpoints.position',
        'projection_mpan_state.revision',
      ]);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses lock keys of its own, distinct from the event store’s', () => {
    const keys = [VIEW_MIGRATION_LOCK_KEY, VIEW_WRITE_LOCK_KEY, POSTGRES_MIGRATION_LOCK_KEY, POSTGRES_APPEND_LOCK_KEY];
    expect(new Set(keys).size).toBe(4);
  });

  it('keeps positions past 2^53 exact: written as text, stored as bigint, read back as decimal strings', async () => {
    const beyond = (2n ** 53n + 1n).toString();
    await views.writeTransaction((m) => m.query(`INSERT INTO projection_checkpoints (name, position, event_recorded_at) VALUES ('big', $1, NULL)`, [beyond]));
    try {
      const row = await views.readSnapshot((reader) => reader.get<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = ?', ['big']));
      expect(row).toEqual({ position: '9007199254740993' });
      const viaEntity = (await views.reader.query(`SELECT position FROM projection_checkpoints WHERE name = 'big'`)) as Array<{ position: unknown }>;
      expect(viaEntity[0]!.position).toBe('9007199254740993');
    } finally {
      await views.writeTransaction((m) => m.query(`DELETE FROM projection_checkpoints WHERE name = 'big'`));
    }
  });

  it('readStatement: one statement on the reader pool, values as the driver gives them, distinct texts never confused across pooled connections', async () => {
    const beyond = 2n ** 53n + 1n;
    // More calls than pooled connections, two texts interleaved: each named prepared statement is
    // prepared once per connection; a name shared by two texts would fail or answer wrongly.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? views.readStatement('SELECT CAST(?1 AS bigint) AS "p", ?2 AS "s"', [beyond + BigInt(i), `s${i}`])
          : views.readStatement('SELECT CAST(?1 AS integer) AS "n"', [i]),
      ),
    );
    answers.forEach((rows, i) => expect(rows).toEqual(i % 2 === 0 ? [{ p: (beyond + BigInt(i)).toString(), s: `s${i}` }] : [{ n: i }]));
    await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('rs-1', 1)`));
    try {
      expect(await views.readStatement(`SELECT recipient_dip_id AS "dip" FROM feed_recipients WHERE recipient_dip_id LIKE ?1`, ['rs-%'])).toEqual([{ dip: 'rs-1' }]);
    } finally {
      await views.writeTransaction((m) => m.query(`DELETE FROM feed_recipients WHERE recipient_dip_id LIKE 'rs-%'`));
    }
    await expect(views.readStatement('SELECT ?1 AS a', [])).rejects.toThrow(RangeError);
    // Several statements in one snapshot is the SQLite path (one statement is one round trip here).
    await expect(views.readStatementsInOneSnapshot([{ sql: 'SELECT 1 AS a', params: [] }])).rejects.toThrow(/SQLite/);
  });

  it('a snapshot sees one committed state: a batch committed meanwhile is not visible inside it, and is after it', async () => {
    await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('snap-1', 1)`));
    try {
      const counts = await views.readSnapshot(async (reader) => {
        const count = async () => Number((await reader.get<{ n: string }>(`SELECT count(*) AS n FROM feed_recipients WHERE recipient_dip_id LIKE 'snap-%'`))!.n);
        const before = await count();
        await views.writeTransaction((m) => m.query(`INSERT INTO feed_recipients (recipient_dip_id, last_sequence) VALUES ('snap-2', 1)`));
        return [before, await count()];
      });
      expect(counts).toEqual([1, 1]);
      const after = await views.readSnapshot((reader) => reader.all(`SELECT recipient_dip_id FROM feed_recipients WHERE recipient_dip_id LIKE 'snap-%' ORDER BY recipient_dip_id`));
      expect(after).toEqual([{ recipient_dip_id: 'snap-1' }, { recipient_dip_id: 'snap-2' }]);
      // Read-only: a write inside a snapshot is refused by the server.
      await expect(views.readSnapshot((reader) => reader.all(`DELETE FROM feed_recipients`))).rejects.toThrow(/read-only transaction/);
    } finally {
      await views.writeTransaction((m) => m.query(`DELETE FROM feed_recipients WHERE recipient_dip_id LIKE 'snap-%'`));
    }
  });

  it('streams a large result from a cursor page by page, several cursors at once, and frees one abandoned early', async () => {
    const total = POSTGRES_FETCH_ROWS * 2 + 37;
    await views.writeTransaction((m) =>
      m.query(
        `INSERT INTO feed_recipients (recipient_dip_id, last_sequence) SELECT 'r' || lpad(g::text, 6, '0'), g FROM generate_series(1, $1::int) g`,
        [total],
      ),
    );
    try {
      const result = await views.readSnapshot(async (reader) => {
        const seen: number[] = [];
        const other = reader.iterate<{ last_sequence: number }>(`SELECT last_sequence FROM feed_recipients WHERE recipient_dip_id >= ? ORDER BY recipient_dip_id DESC`, ['r']);
        let interleaved = 0;
        for await (const row of reader.iterate<{ recipient_dip_id: string; last_sequence: number }>(
          `SELECT recipient_dip_id, last_sequence FROM feed_recipients WHERE recipient_dip_id LIKE ? ORDER BY recipient_dip_id`,
          ['r%'],
        )) {
          seen.push(row.last_sequence);
          if (seen.length % 500 === 0 && !(await other.next()).done) interleaved += 1;
        }
        await other.return(undefined); // abandoned after a few rows: its cursor is closed
        const cursors = Number((await reader.get<{ n: string }>('SELECT count(*) AS n FROM pg_cursors'))!.n);
        return { seen, interleaved, cursors };
      });
      expect(result.seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(result.interleaved).toBe(4);
      expect(result.cursors).toBe(0);
    } finally {
      await views.writeTransaction((m) => m.query(`DELETE FROM feed_recipients WHERE recipient_dip_id LIKE 'r%'`));
    }
  });

  it('write transactions take the views’ own lock: a session holding it makes a writer wait, then fail after lockTimeoutMs (55P03); an append to the log is not delayed', async () => {
    const session = await rawSession(database.url);
    const impatient = await ViewDatabase.openPostgres({ connectionString: database.url, lockTimeoutMs: 150, maxReaderConnections: 1 });
    const store = await PostgresEventStore.open({ connectionString: database.url });
    try {
      await session.runner.query('BEGIN');
      await session.runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(VIEW_WRITE_LOCK_KEY)]);
      await expect(impatient.writeTransaction((m) => m.query('SELECT 1'))).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '55P03' }) });
      // The event store's append lock is another key: appends go on while the views are locked.
      const appended = await store.appendToStream('other-1', 'no_stream', [
        { type: 'Something', data: {}, metadata: { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c' } },
      ]);
      expect(appended.lastPosition).toBe(1n);
      // A patient writer gets the lock as soon as the session ends.
      let done = false;
      const waiting = views.writeTransaction((m) => m.query('SELECT 1')).then(() => {
        done = true;
      });
      await sleep(200);
      expect(done).toBe(false);
      await session.runner.query('COMMIT');
      await waiting;
      expect(done).toBe(true);
    } finally {
      await session.runner.query('ROLLBACK').catch(() => undefined);
      await session.close();
      await impatient.close();
      await store.close();
    }
  });

  it('rewrites an MPAN’s rows in a few statements, splitting an INSERT that would bind too many parameters', async () => {
    const core = '1900000000013';
    // 5,100 meters of 13 columns: 66,300 parameters, past the protocol's 65,535 for one statement.
    const meters = Array.from({ length: 5100 }, (_, i) => ({
      mpanCore: core,
      meterSeq: i,
      effectiveFromDate: '2025-01-01',
      effectiveToDate: null,
      meterRemovalDate: null,
      meterId: `M${i}`,
      meterType: 'S2A',
      manufacturersMakeAndType: null,
      esmeGuid: null,
      meterLocation: 'A',
      numberOfDisplayedRegisterDigits: 5,
      mapHistory: '[]',
      history: '[]',
    }));
    const mpan = { mpanCore: core, distributorId: '19', effectiveFromDate: '2025-01-01', lastRevision: '9007199254740993', lastPosition: '7', lastRecordedAt: '2025-01-01T00:00:00.000Z' };
    const rows = {
      mpan,
      meters,
      meteredIndicators: [{ mpanCore: core, effectiveFromDate: '2025-01-01', effectiveToDate: null, meteredIndicator: true }],
    } as unknown as Record<string, unknown>;
    const all = { ...emptyRows(), ...rows } as unknown as MpanViewRows;
    for (let i = 0; i < 2; i++) await views.writeTransaction((m) => replaceMpanRows(m, core, all)); // twice: a replace, not an append
    const counts = await views.readSnapshot(async (reader) => ({
      meters: await reader.get(`SELECT count(*)::int AS n, max(meter_seq) AS top FROM mpan_view_meters WHERE mpan_core = ?`, [core]),
      mpan: await reader.get(`SELECT last_revision, last_position FROM mpan_view WHERE mpan_core = ?`, [core]),
      indicator: await reader.get(`SELECT metered_indicator FROM mpan_view_metered_indicators WHERE mpan_core = ?`, [core]),
    }));
    expect(counts).toEqual({ meters: { n: 5100, top: 5099 }, mpan: { last_revision: '9007199254740993', last_position: '7' }, indicator: { metered_indicator: 1 } });
    await views.writeTransaction((m) => replaceMpanRows(m, core, emptyRows() as unknown as MpanViewRows));
    expect(await views.readSnapshot((reader) => reader.get(`SELECT count(*)::int AS n FROM mpan_view_meters`))).toEqual({ n: 0 });
  });

  /** Every table of the MPAN view empty (and no `mpan_view` row). */
  function emptyRows(): Record<string, unknown> {
    return Object.fromEntries(MPAN_VIEW_TABLES.map((t) => [t.key, []]));
  }

  it('digests an empty view database like SQLite does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regs-views-empty-'));
    const fresh = await createThrowawayPostgresDatabase('regs_views_', maintenanceUrl);
    const sqlite = await ViewDatabase.openSqlite({ path: join(dir, 'views.sqlite') });
    const pg = await ViewDatabase.openPostgres({ connectionString: fresh.url });
    try {
      expect(await digestViews(pg, registryProjections())).toEqual(await digestViews(sqlite, registryProjections()));
    } finally {
      await sqlite.close();
      await pg.close();
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the database without its password when it cannot be opened, and refuses bad options', async () => {
    const url = new URL(database.url);
    url.password = 's3cret';
    url.pathname = `/${database.name}_missing`;
    const error = (await ViewDatabase.openPostgres({ connectionString: url.toString(), connectTimeoutMs: 5000 }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^cannot open the view database postgres:\/\/postgres:\*\*\*@.*_missing: .*does not exist/);
    expect(error.message).not.toContain('s3cret');
    await expect(ViewDatabase.openPostgres({ connectionString: database.url, maxReaderConnections: 0 })).rejects.toThrow(RangeError);
    await expect(ViewDatabase.openPostgres({ connectionString: database.url, lockTimeoutMs: 0 })).rejects.toThrow(RangeError);
  });
  it('converts the feed copies a previous version stored in full, like the SQLite migration: same rows, same digest, same bytes read', async () => {
    const messageOf = (reference: string, transaction: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        CommonBlock: {
          S0: { interfaceID: 'IF-036', schemaVersion: '011', eventCode: '[MSAppActive]' },
          S1: { environmentTag: 'PRD', subText: null, senderUniqueReference: reference, senderDIPID: '9000000002' },
          D0: { transactionID: transaction, publicationID: 'PUB-036', replayIndicator: false, serviceTicketURL: null },
          M0: { MPANCore: '1900012374324', GSPGroupID: '_A' },
        },
        CustomBlock: { B012: { appointmentEffectiveFromDate: '2025-04-02T00:00:00+01:00', note: 'é "q" \\' }, ...extra },
      });
    // Position 10: three copies, the third differing in its CustomBlock; 20: one copy; 30: a rejection.
    const rows: Array<[string, number, string, number, string, string | null]> = [
      ['2000000001', 1, '10', 0, 'T-0', messageOf('S-p10i0', 'T-0')],
      ['2000000002', 1, '10', 1, 'T-1', messageOf('S-p10i1', 'T-1')],
      ['2000000003', 1, '10', 2, 'T-2', messageOf('S-p10i2', 'T-2', { B099: {} })],
      ['2000000002', 2, '20', 0, 'T-3', messageOf('S-p20i0', 'T-3')],
      ['2000000001', 2, '30', 0, 'T-4', null],
      // Position 40: 1203 copies, so the conversion and its reverse take several statements and rounds.
      ...Array.from({ length: 1203 }, (_, k): [string, number, string, number, string, string | null] => [
        `21${String(k).padStart(8, '0')}`, 1, '40', k, `T-40-${k}`, messageOf(`S-p40i${k}`, `T-40-${k}`),
      ]),
    ];
    const columns = '"recipient_dip_id", "sequence", "source_position", "item_index", "kind", "format", "interface_id", "event_code", "mpan_core", "publication_id", "transaction_id", "recorded_at", "schema_name", "message", "render_error"';
    const valuesOf = ([recipient, sequence, position, index, transaction, message]: (typeof rows)[number]) => [
      recipient, sequence, position, index, position === '30' ? 'rejection' : 'publication', 'egress', 'IF-036', '[MSAppActive]', '1900012374324', 'PUB-036',
      transaction, '2025-04-01T09:00:00.000Z', 'IF-036-MSAppActive', message, message === null ? 'cannot render' : null,
    ];
    const recipients: Array<[string, number]> = [['2000000001', 2], ['2000000002', 2], ['2000000003', 1], ...rows.filter((r) => r[2] === '40').map((r): [string, number] => [r[0], 1])];

    const fresh = await createThrowawayPostgresDatabase('regs_views_', maintenanceUrl);
    const dir = mkdtempSync(join(tmpdir(), 'regs-feed-migration-'));
    try {
      // The previous version: the migrations before the share one (whatever comes after it).
      const previous = (migrations: typeof VIEW_POSTGRES_MIGRATIONS) => {
        const at = migrations.findIndex((m) => m.name.startsWith('ShareFeedCopyText'));
        expect(at).toBeGreaterThan(0);
        return migrations.slice(0, at);
      };
      const pgOld = new DataSource({ type: 'postgres', url: fresh.url, migrations: previous(VIEW_POSTGRES_MIGRATIONS), migrationsTableName: VIEW_POSTGRES_MIGRATIONS_TABLE, logging: false });
      await pgOld.initialize();
      await pgOld.runMigrations({ transaction: 'all' });
      await pgOld.transaction(async (m) => {
        for (const r of rows) await m.query(`INSERT INTO "feed_items" (${columns}) VALUES (${Array.from({ length: 15 }, (_, i) => `$${i + 1}`).join(', ')})`, valuesOf(r));
        for (const [recipient, last] of recipients) await m.query('INSERT INTO "feed_recipients" ("recipient_dip_id", "last_sequence") VALUES ($1, $2)', [recipient, last]);
      });
      await pgOld.destroy();
      const sqlitePath = join(dir, 'views.sqlite');
      const sqliteOld = new DataSource({ type: 'better-sqlite3', database: sqlitePath, migrations: previous(VIEW_MIGRATIONS), logging: false });
      await sqliteOld.initialize();
      await sqliteOld.runMigrations({ transaction: 'all' });
      await sqliteOld.transaction(async (m) => {
        for (const r of rows) await m.query(`INSERT INTO "feed_items" (${columns}) VALUES (${Array.from({ length: 15 }, () => '?').join(', ')})`, valuesOf(r));
        for (const [recipient, last] of recipients) await m.query('INSERT INTO "feed_recipients" ("recipient_dip_id", "last_sequence") VALUES (?, ?)', [recipient, last]);
      });
      await sqliteOld.destroy();

      const pg = await ViewDatabase.openPostgres({ connectionString: fresh.url, maxReaderConnections: 1 });
      const sqlite = await ViewDatabase.openSqlite({ path: sqlitePath });
      try {
        const stored = (await pg.reader.query(
          'SELECT "recipient_dip_id", "sequence", "message" IS NULL AS "no_text", "sender_unique_reference", "body_recipient_dip_id", "body_sequence" FROM "feed_items" ORDER BY "recipient_dip_id", "sequence"',
        )) as Array<Record<string, unknown>>;
        const sharedAt40 = stored.filter((r) => String(r.recipient_dip_id).startsWith('21'));
        expect(sharedAt40).toHaveLength(1203);
        expect(sharedAt40.filter((r) => r.no_text === true && r.body_recipient_dip_id === '2100000000' && r.body_sequence === 1)).toHaveLength(1202);
        expect(stored.filter((r) => !String(r.recipient_dip_id).startsWith('21'))).toEqual([
          { recipient_dip_id: '2000000001', sequence: 1, no_text: false, sender_unique_reference: null, body_recipient_dip_id: null, body_sequence: null },
          { recipient_dip_id: '2000000001', sequence: 2, no_text: true, sender_unique_reference: null, body_recipient_dip_id: null, body_sequence: null },
          { recipient_dip_id: '2000000002', sequence: 1, no_text: true, sender_unique_reference: 'S-p10i1', body_recipient_dip_id: '2000000001', body_sequence: 1 },
          { recipient_dip_id: '2000000002', sequence: 2, no_text: false, sender_unique_reference: null, body_recipient_dip_id: null, body_sequence: null },
          { recipient_dip_id: '2000000003', sequence: 1, no_text: false, sender_unique_reference: null, body_recipient_dip_id: null, body_sequence: null },
        ]);
        const feedOnly = registryProjections().filter((p) => p.name === 'feed');
        const feedTables = async (v: ViewDatabase) => (await digestViews(v, feedOnly)).tables.filter((t) => t.table.startsWith('feed_'));
        expect(await feedTables(pg)).toEqual(await feedTables(sqlite));
        // Every recipient but a sample of position 40's (the first, the second, the last).
        const sampled = recipients.filter(([r]) => !r.startsWith('21') || ['2100000000', '2100000001', '2100001202'].includes(r));
        for (const v of [pg, sqlite]) {
          for (const [recipient] of sampled) {
            const page = await readFeedPage(v.reader.manager, recipient, 0, 10, null);
            for (const item of page.items) {
              const row = rows.find((r) => r[0] === recipient && r[1] === item.sequence)!;
              expect(item.message === null ? null : JSON.stringify(item.message)).toBe(row[5]);
            }
          }
        }
      } finally {
        await pg.close();
        await sqlite.close();
      }

      // down (undone until the share migration is gone): every copy's own text back, the columns dropped.
      const pgNow = new DataSource({ type: 'postgres', url: fresh.url, migrations: VIEW_POSTGRES_MIGRATIONS, migrationsTableName: VIEW_POSTGRES_MIGRATIONS_TABLE, logging: false });
      await pgNow.initialize();
      try {
        const applied = async () => ((await pgNow.query(`SELECT "name" FROM "${VIEW_POSTGRES_MIGRATIONS_TABLE}"`)) as Array<{ name: string }>).map((m) => m.name);
        while ((await applied()).includes('ShareFeedCopyTextPostgres1764480009000')) await pgNow.undoLastMigration({ transaction: 'all' });
        const restored = (await pgNow.query('SELECT "recipient_dip_id", "sequence", "message" FROM "feed_items" ORDER BY "recipient_dip_id", "sequence"')) as Array<{ recipient_dip_id: string; sequence: number; message: string | null }>;
        expect(restored.map((r) => [r.recipient_dip_id, r.sequence, r.message])).toEqual(
          [...rows].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]).map((r) => [r[0], r[1], r[5]]),
        );
        const columnsNow = (await pgNow.query(`SELECT "column_name" FROM information_schema.columns WHERE "table_name" = 'feed_items' AND "table_schema" = current_schema()`)) as Array<{ column_name: string }>;
        expect(columnsNow.map((c) => c.column_name).filter((c) => ['sender_unique_reference', 'body_recipient_dip_id', 'body_sequence'].includes(c))).toEqual([]);
      } finally {
        await pgNow.destroy();
      }
    } finally {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
