import { Inject, Injectable } from '@nestjs/common';
import { InvalidMpanCoreError, MpanNotFoundError, REFERENCE_DATA } from '@app/registration-app';
import { InstalledMeter, MeteringPointAddress, MpanCore, Period, type ReferenceData } from '@app/registration-domain';
import type { ViewDatabase } from '../runtime/view-database';
import type { ViewReader, ViewRow } from '../runtime/view-reader';
import { VIEW_DATABASE } from '../tokens';
import { addressOf, meterRecordOf, mpanViewAnswer, MpanViewAnswerBody } from './answer';
import { encodeCursor } from './cursor';
import { AddressPeriodEntity, MeterEntity, MPAN_VIEW_TABLES, MpanViewRows, MpanViewTable } from './entities';
import { MPAN_VIEW_PROJECTION_NAME } from './projection';
import { normalisePostcode } from './rows';

/** The view's answer for one MPAN (`GET /mpans/{mpanCore}`). Positions and revisions are decimal strings. */
export interface MpanViewAnswer extends MpanViewAnswerBody {
  mpanCore: string;
  /** The settlement day (`YYYY-MM-DD`) the snapshot is effective on. */
  effectiveAt: string;
  /** The global log position the views have applied up to (their checkpoint) when this was read. */
  position: string;
  /** UTC instant the event at {@link position} was recorded: the answer is the registry's knowledge as of then. `null` before any event. */
  asKnownAt: string | null;
  /** Revision of the last record of the MPAN's stream the view has applied. */
  streamRevision: string;
  /** Global position of that record. */
  streamPosition: string;
  /** UTC instant that record was recorded. */
  streamRecordedAt: string;
}

/** A page request: continue after MPAN core `after` (`null`: from the start), at most `limit` items (1–1000). */
export interface PageRequest {
  after: string | null;
  limit: number;
}

/** A page of a view list: `nextCursor` is `null` on the last page; `position` is the views' checkpoint read with the page. */
export interface ViewPage<T> {
  items: T[];
  nextCursor: string | null;
  position: string;
}

/** What to search MPANs by: exactly one of a postcode (normalised first), a meter id or an ESME GUID (exact). */
export type MpanSearchCriteria = { postcode: string } | { meterId: string } | { esmeGuid: string };

/** One MPAN found by a search, with the periods that matched (the address, or the meter, effective on the day). */
export interface MpanSearchItem {
  mpanCore: string;
  matches: Array<Period<MeteringPointAddress> | Period<InstalledMeter>>;
}

/** The role a participant holds on an MPAN in a portfolio: supplier, or appointed metering or data service. */
export type PortfolioRole = 'SUP' | 'MS' | 'DS';

/** One role of a participant on one MPAN on the portfolio's date, with its period (dates `YYYY-MM-DD`, to-date inclusive, `null` open). */
export type PortfolioEntry =
  | {
      role: 'SUP';
      effectiveFromDate: string;
      effectiveToDate: string | null;
      supplierMpid: string;
      cssRegistrationId: string;
      registrationKind: string;
    }
  | {
      role: 'MS' | 'DS';
      effectiveFromDate: string;
      effectiveToDate: string | null;
      appointmentId: string;
      providerMpid: string;
      providerRole: string;
      appointmentScenario: string;
      requestingSupplierDipId: string;
      requestingSupplierMpid: string;
    };

/** One MPAN of a participant's portfolio with the roles it holds there on the date (SUP, MS, DS order). */
export interface PortfolioItem {
  mpanCore: string;
  roles: PortfolioEntry[];
}

/**
 * The three lists a portfolio merges: where a participant can appear, and how. Parameters (the same
 * SQL on SQLite and PostgreSQL): ?1 DIP id, ?2 date, ?3 the core to continue after, ?4 the limit.
 */
const PORTFOLIO_SOURCES: ReadonlyArray<{ role: PortfolioRole; sql: string }> = [
  {
    role: 'SUP',
    sql: `SELECT mpan_core AS "mpanCore", effective_from_date AS "effectiveFromDate", effective_to_date AS "effectiveToDate",
            supplier_mpid AS "supplierMpid", css_registration_id AS "cssRegistrationId", registration_kind AS "registrationKind"
          FROM mpan_view_supplier_periods
          WHERE supplier_dip_id = ?1 AND mpan_core > ?3
            AND effective_from_date <= ?2 AND (effective_to_date IS NULL OR effective_to_date >= ?2)
          ORDER BY mpan_core LIMIT ?4`,
  },
  ...(['MS', 'DS'] as const).map((role) => ({
    role,
    sql: `SELECT mpan_core AS "mpanCore", effective_from_date AS "effectiveFromDate", effective_to_date AS "effectiveToDate",
            appointment_id AS "appointmentId", provider_mpid AS "providerMpid", provider_role AS "providerRole",
            appointment_scenario AS "appointmentScenario", requesting_supplier_dip_id AS "requestingSupplierDipId",
            requesting_supplier_mpid AS "requestingSupplierMpid"
          FROM mpan_view_service_periods
          WHERE provider_dip_id = ?1 AND service_type = '${role}' AND mpan_core > ?3
            AND effective_from_date <= ?2 AND (effective_to_date IS NULL OR effective_to_date >= ?2)
          ORDER BY mpan_core LIMIT ?4`,
  })),
];

/** A search by one column of one table. */
interface SearchKind {
  table: MpanViewTable;
  column: string;
}

const SEARCHES: Readonly<Record<'postcode' | 'meterId' | 'esmeGuid', SearchKind>> = {
  postcode: { table: tableOf('addresses'), column: 'postcode_normalised' },
  meterId: { table: tableOf('meters'), column: 'meter_id' },
  esmeGuid: { table: tableOf('meters'), column: 'esme_guid' },
};

/**
 * The SQL of every query (built once from the entity metadata, on first use). Every text is the same
 * on both dialects; `ViewReader` translates the placeholders.
 */
interface Queries {
  /** ?1 the projection's name. */
  checkpoint: string;
  /**
   * PostgreSQL: one MPAN's whole view in ONE statement (one snapshot, one round trip): ?1 the core, ?2 the
   * projection's name. One row: the checkpoint (`position`, `recordedAt`; NULL before any batch)
   * and, per table key, that table's rows of the MPAN as a JSON array text (see `rowsFromJson`).
   * Empty on SQLite, which reads with {@link tables} (ADR 0024).
   */
  current: string;
  /**
   * SQLite: per table, in {@link MPAN_VIEW_TABLES} order, its rows of one MPAN (?1 the core) in
   * `orderBy` order, with the values `current` gives on PostgreSQL (the same casts); read with
   * {@link checkpoint} in one read transaction. Empty on PostgreSQL.
   */
  tables: string[];
  /** Per table: its boolean properties. */
  booleans: Map<MpanViewTable['key'], string[]>;
  /** Per search: the matching cores (?1 value, ?2 date, ?3 after, ?4 limit). */
  searchCores: Map<string, string>;
  /** Per search: the matching rows of the cores from ?3 to ?4 (?1 value, ?2 date). */
  searchRows: Map<string, string>;
}

/**
 * Queries of the MPAN query view (issue #5; docs/query-view.md): one MPAN's full snapshot and
 * timelines, search by postcode / meter id / ESME GUID, and a participant's portfolio on a date.
 *
 * Each answer is read in ONE snapshot of the view database (`ViewDatabase.readSnapshot`: a read
 * transaction on SQLite's reader connection, a REPEATABLE READ READ ONLY transaction on
 * PostgreSQL; for one MPAN, one statement on PostgreSQL and plain statements in one read
 * transaction on SQLite), so the rows and the checkpoint (`position`) it reports come from the same
 * committed batch — never a half-applied one. The SQL is the same on both dialects (text columns compare
 * in byte order on both, docs/adr/0010).
 *
 * Dates are UK settlement days `YYYY-MM-DD` (the caller has validated them); lists are paginated by
 * keyset on `mpan_core` (./cursor.ts).
 */
@Injectable()
export class MpanViewQueryService {
  private queries: Queries | null = null;

  constructor(
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  /**
   * Everything the view holds for the MPAN: the snapshot effective on `effectiveAt`
   * (`YYYY-MM-DD`), every timeline, every appointment request, the views' checkpoint and the
   * MPAN's last applied revision and position.
   * @throws InvalidMpanCoreError (REG0000) for a malformed core (13 digits, known distributor, check digit).
   * @throws MpanNotFoundError when the view holds no such MPAN (unknown, or not yet projected).
   */
  async current(rawCore: string, effectiveAt: string): Promise<MpanViewAnswer> {
    const core = this.parseCore(rawCore);
    const q = this.sql();
    const { checkpoint, rows } = this.views.dialect === 'sqlite' ? await this.readTableByTable(core, q) : await this.readAsJson(core, q);
    if (rows === null) throw new MpanNotFoundError(core);
    return {
      mpanCore: core,
      effectiveAt,
      position: checkpoint.position,
      asKnownAt: checkpoint.recordedAt,
      streamRevision: rows.mpan.lastRevision,
      streamPosition: rows.mpan.lastPosition,
      streamRecordedAt: rows.mpan.lastRecordedAt,
      ...mpanViewAnswer(rows, effectiveAt),
    };
  }

  /**
   * MPANs whose address (postcode, normalised: see `normalisePostcode`) or installed meter (meter id
   * or ESME GUID, exact) on `date` matches, in MPAN core order, each with the matching periods.
   */
  async search(criteria: MpanSearchCriteria, date: string, page: PageRequest): Promise<ViewPage<MpanSearchItem>> {
    const [field, raw] = Object.entries(criteria)[0] as [keyof typeof SEARCHES, string];
    const value = field === 'postcode' ? normalisePostcode(raw) : raw;
    const q = this.sql();
    const coresSql = q.searchCores.get(field)!;
    const rowsSql = q.searchRows.get(field)!;
    return this.views.readSnapshot(async (reader) => {
      const checkpoint = await this.checkpoint(reader);
      const found = (await reader.all<{ mpanCore: string }>(coresSql, [value, date, page.after ?? '', page.limit + 1])).map((r) => r.mpanCore);
      const shown = found.slice(0, page.limit);
      const items: MpanSearchItem[] = shown.map((mpanCore) => ({ mpanCore, matches: [] }));
      if (shown.length > 0) {
        const byCore = new Map(items.map((i) => [i.mpanCore, i]));
        // Address and meter tables have no boolean column: rows are used as read.
        for (const row of await reader.all(rowsSql, [value, date, shown[0]!, shown[shown.length - 1]!])) {
          const match = field === 'postcode' ? addressMatch(row as unknown as AddressPeriodEntity) : meterMatch(row as unknown as MeterEntity);
          byCore.get(row.mpanCore as string)?.matches.push(match);
        }
      }
      return { items, nextCursor: found.length > page.limit ? encodeCursor(shown[shown.length - 1]!) : null, position: checkpoint.position };
    });
  }

  /**
   * The MPANs where participant `dipId` is the registered supplier (`SUP`) or the appointed metering
   * (`MS`) or data service (`DS`) on `date` — only `role` when given — in MPAN core order, each with
   * the roles it holds there and their periods. A participant the view never saw has an empty portfolio.
   */
  async portfolio(dipId: string, date: string, role: PortfolioRole | null, page: PageRequest): Promise<ViewPage<PortfolioItem>> {
    const sources = PORTFOLIO_SOURCES.filter((source) => role === null || source.role === role);
    return this.views.readSnapshot(async (reader) => {
      const checkpoint = await this.checkpoint(reader);
      const byCore = new Map<string, PortfolioEntry[]>();
      // Each source is read in core order from its index, at most limit + 1 rows: the first limit + 1
      // cores of the merge are all among them (a core's rank in its source is at most its merged rank).
      for (const source of sources) {
        const rows = await reader.all(source.sql, [dipId, date, page.after ?? '', page.limit + 1]);
        for (const row of rows) {
          const { mpanCore, ...rest } = row as { mpanCore: string } & ViewRow;
          const entries = byCore.get(mpanCore) ?? [];
          entries.push({ role: source.role, ...rest } as PortfolioEntry);
          byCore.set(mpanCore, entries);
        }
      }
      const cores = [...byCore.keys()].sort();
      const shown = cores.slice(0, page.limit);
      return {
        items: shown.map((mpanCore) => ({ mpanCore, roles: byCore.get(mpanCore)! })),
        nextCursor: cores.length > page.limit ? encodeCursor(shown[shown.length - 1]!) : null,
        position: checkpoint.position,
      };
    });
  }

  /**
   * PostgreSQL: the MPAN's rows and the checkpoint in ONE statement and round trip (each table's
   * rows as a JSON array, ADR 0020).
   */
  private async readAsJson(core: string, q: Queries): Promise<{ checkpoint: { position: string; recordedAt: string | null }; rows: MpanViewRows | null }> {
    const [row] = await this.views.readStatement<Record<string, string | null>>(q.current, [core, MPAN_VIEW_PROJECTION_NAME]);
    const checkpoint = { position: row!.position === null ? '0' : String(row!.position), recordedAt: row!.recordedAt ?? null };
    return { checkpoint, rows: rowsFromJson(row!, q.booleans) };
  }

  /**
   * SQLite: the checkpoint and each table's rows of the MPAN by plain statements in one read
   * transaction (`ViewDatabase.readStatementsInOneSnapshot`): no JSON built by SQLite and parsed
   * again, and no sort but for the service periods (every other table's primary key index gives its
   * `orderBy` order; `mpan_view_service_periods` sorts its few rows by service type) — about half the
   * CPU of the JSON statement on SQLite, where a statement is no round trip (issue #9, Q1). The
   * same values as {@link readAsJson} (the same casts), so the same answer byte for byte.
   */
  private async readTableByTable(core: string, q: Queries): Promise<{ checkpoint: { position: string; recordedAt: string | null }; rows: MpanViewRows | null }> {
    const [checkpointRows, ...tables] = await this.views.readStatementsInOneSnapshot([
      { sql: q.checkpoint, params: [MPAN_VIEW_PROJECTION_NAME] },
      ...q.tables.map((sql) => ({ sql, params: [core] })),
    ]);
    const c = checkpointRows![0] as { position: string | number; recordedAt: string | null } | undefined;
    const checkpoint = c ? { position: String(c.position), recordedAt: c.recordedAt ?? null } : { position: '0', recordedAt: null };
    const rows: Record<string, unknown> = {};
    for (let i = 0; i < MPAN_VIEW_TABLES.length; i++) {
      const table = MPAN_VIEW_TABLES[i]!;
      const list = tables[i]! as ViewRow[];
      const names = q.booleans.get(table.key)!;
      if (names.length > 0) for (const item of list) withBooleans(item, names);
      if (table.key === 'mpan') {
        if (list.length === 0) return { checkpoint, rows: null };
        rows.mpan = list[0];
      } else rows[table.key] = list;
    }
    return { checkpoint, rows: rows as unknown as MpanViewRows };
  }

  private parseCore(rawCore: string): MpanCore {
    const parsed = MpanCore.parse(rawCore, (id) => this.referenceData.distributor(id) !== undefined);
    if (!parsed.ok) throw new InvalidMpanCoreError(parsed.reason);
    return parsed.value;
  }

  /** The views' committed checkpoint (decimal string; `'0'` before any batch) and the recorded-at of the event at it. */
  private async checkpoint(reader: ViewReader): Promise<{ position: string; recordedAt: string | null }> {
    const row = await reader.get<{ position: string; recordedAt: string | null }>(this.sql().checkpoint, [MPAN_VIEW_PROJECTION_NAME]);
    return row ? { position: String(row.position), recordedAt: row.recordedAt } : { position: '0', recordedAt: null };
  }

  private sql(): Queries {
    if (this.queries) return this.queries;
    const columnsOf = (table: MpanViewTable) => this.views.reader.getMetadata(table.entity).columns;
    const selectList = (table: MpanViewTable) =>
      this.views.reader
        .getMetadata(table.entity)
        .columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`)
        .join(', ');
    const booleansOf = (table: MpanViewTable) =>
      this.views.reader.getMetadata(table.entity).columns.filter((c) => c.type === 'boolean').map((c) => c.propertyName);
    const orderOf = (table: MpanViewTable) => table.orderBy.map((c) => `"${c}"`).join(', ');
    const onDate = `effective_from_date <= ?2 AND (effective_to_date IS NULL OR effective_to_date >= ?2)`;
    // One MPAN's rows of one table as a JSON array text (`[]` or NULL when none), in `orderBy` order,
    // each row an object keyed by property name in column order. Values are made the same on both
    // dialects as `ViewReader` gives them: text (PostgreSQL's bigint positions as decimal text),
    // integers as numbers, booleans 1 / 0 (turned to true / false by `rowsFromJson`).
    const jsonValue = (c: { databaseName: string; type: unknown }) => {
      if (c.type === 'boolean') return `CASE WHEN "${c.databaseName}" THEN 1 ELSE 0 END`;
      if (c.type === 'integer') return `"${c.databaseName}"`;
      return `CAST("${c.databaseName}" AS text)`;
    };
    const postgres = this.views.dialect === 'postgres';
    const jsonRows = (table: MpanViewTable) => {
      const pairs = columnsOf(table)
        .map((c) => `'${c.propertyName}', ${jsonValue(c)}`)
        .join(', ');
      const aggregate = `CAST(json_agg(json_build_object(${pairs}) ORDER BY ${orderOf(table)}) AS text)`;
      return `(SELECT ${aggregate} FROM "${table.name}" WHERE "mpan_core" = ?1) AS "${table.key}"`;
    };
    const tableRows = (table: MpanViewTable) =>
      `SELECT ${columnsOf(table)
        .map((c) => `${jsonValue(c)} AS "${c.propertyName}"`)
        .join(', ')} FROM "${table.name}" WHERE "mpan_core" = ?1 ORDER BY ${orderOf(table)}`;
    const queries: Queries = {
      checkpoint: `SELECT position AS "position", event_recorded_at AS "recordedAt" FROM projection_checkpoints WHERE name = ?`,
      tables: postgres ? [] : MPAN_VIEW_TABLES.map(tableRows),
      current: postgres
        ? `SELECT c.position AS "position", c.event_recorded_at AS "recordedAt", ${MPAN_VIEW_TABLES.map(jsonRows).join(', ')} ` +
          `FROM (SELECT 1 AS one) AS o LEFT JOIN projection_checkpoints AS c ON c.name = ?2`
        : '',
      booleans: new Map(MPAN_VIEW_TABLES.map((table) => [table.key, booleansOf(table)])),
      searchCores: new Map(),
      searchRows: new Map(),
    };
    for (const [field, { table, column }] of Object.entries(SEARCHES)) {
      queries.searchCores.set(
        field,
        `SELECT DISTINCT mpan_core AS "mpanCore" FROM "${table.name}" WHERE "${column}" = ?1 AND mpan_core > ?3 AND ${onDate} ORDER BY mpan_core LIMIT ?4`,
      );
      queries.searchRows.set(
        field,
        `SELECT ${selectList(table)} FROM "${table.name}" WHERE "${column}" = ?1 AND mpan_core >= ?3 AND mpan_core <= ?4 AND ${onDate} ORDER BY ${orderOf(table)}`,
      );
    }
    this.queries = queries;
    return queries;
  }
}

function tableOf(key: MpanViewTable['key']): MpanViewTable {
  return MPAN_VIEW_TABLES.find((t) => t.key === key)!;
}

/**
 * The view rows of one MPAN from the row of `Queries.current`: per table key, its JSON array text
 * parsed (NULL — no rows — as `[]`), booleans to true / false; `null` when `mpan_view` has no row
 * for the MPAN.
 */
function rowsFromJson(row: Record<string, string | null>, booleans: Map<MpanViewTable['key'], string[]>): MpanViewRows | null {
  const rows: Record<string, unknown> = {};
  for (const table of MPAN_VIEW_TABLES) {
    const text = row[table.key];
    const list = text === null || text === undefined ? [] : (JSON.parse(text) as ViewRow[]);
    const names = booleans.get(table.key)!;
    if (names.length > 0) for (const item of list) withBooleans(item, names);
    if (table.key === 'mpan') {
      if (list.length === 0) return null;
      rows.mpan = list[0];
    } else rows[table.key] = list;
  }
  return rows as unknown as MpanViewRows;
}

/** Booleans come back as 1/0 on both dialects (`ViewValue`): to true/false for the `boolean` columns named. */
function withBooleans(row: ViewRow, booleans: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = row;
  for (const b of booleans) out[b] = row[b] === 1;
  return out;
}

function addressMatch(r: AddressPeriodEntity): Period<MeteringPointAddress> {
  return { effectiveFromDate: r.effectiveFromDate, effectiveToDate: r.effectiveToDate, value: addressOf(r) };
}

function meterMatch(m: MeterEntity): Period<InstalledMeter> {
  const { history: _history, ...meter } = meterRecordOf(m);
  return { effectiveFromDate: m.effectiveFromDate, effectiveToDate: m.effectiveToDate, value: meter };
}
