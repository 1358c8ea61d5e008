import { Inject, Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { InvalidMpanCoreError, MpanNotFoundError, REFERENCE_DATA } from '@app/registration-app';
import { InstalledMeter, MeteringPointAddress, MpanCore, Period, type ReferenceData } from '@app/registration-domain';
import { nativeSqlite } from '../runtime/view-database';
import type { ViewDatabase } from '../runtime/view-database';
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

/** The three lists a portfolio merges: where a participant can appear, and how. */
const PORTFOLIO_SOURCES: ReadonlyArray<{ role: PortfolioRole; sql: string }> = [
  {
    role: 'SUP',
    sql: `SELECT mpan_core AS mpanCore, effective_from_date AS effectiveFromDate, effective_to_date AS effectiveToDate,
            supplier_mpid AS supplierMpid, css_registration_id AS cssRegistrationId, registration_kind AS registrationKind
          FROM mpan_view_supplier_periods
          WHERE supplier_dip_id = @dipId AND mpan_core > @after
            AND effective_from_date <= @date AND (effective_to_date IS NULL OR effective_to_date >= @date)
          ORDER BY mpan_core LIMIT @limit`,
  },
  ...(['MS', 'DS'] as const).map((role) => ({
    role,
    sql: `SELECT mpan_core AS mpanCore, effective_from_date AS effectiveFromDate, effective_to_date AS effectiveToDate,
            appointment_id AS appointmentId, provider_mpid AS providerMpid, provider_role AS providerRole,
            appointment_scenario AS appointmentScenario, requesting_supplier_dip_id AS requestingSupplierDipId,
            requesting_supplier_mpid AS requestingSupplierMpid
          FROM mpan_view_service_periods
          WHERE provider_dip_id = @dipId AND service_type = '${role}' AND mpan_core > @after
            AND effective_from_date <= @date AND (effective_to_date IS NULL OR effective_to_date >= @date)
          ORDER BY mpan_core LIMIT @limit`,
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

/** Prepared statements of the reader connection (prepared on first use). */
interface Statements {
  checkpoint: BetterSqlite3.Statement<[string], { position: string; recordedAt: string | null }>;
  byMpan: Map<MpanViewTable['key'], { statement: BetterSqlite3.Statement<[string], Record<string, unknown>>; booleans: string[] }>;
  searchCores: Map<string, BetterSqlite3.Statement<[Record<string, unknown>], { mpanCore: string }>>;
  searchRows: Map<string, BetterSqlite3.Statement<[Record<string, unknown>], Record<string, unknown>>>;
  portfolio: Map<PortfolioRole, BetterSqlite3.Statement<[Record<string, unknown>], Record<string, unknown>>>;
}

/**
 * Queries of the MPAN query view (issue #5; docs/query-view.md): one MPAN's full snapshot and
 * timelines, search by postcode / meter id / ESME GUID, and a participant's portfolio on a date.
 *
 * Reads only on the view database's `reader` connection, each answer in ONE read transaction, so
 * the rows and the checkpoint (`position`) it reports come from the same committed batch — never a
 * half-applied one. The transaction is a synchronous better-sqlite3 transaction: no other request
 * can interleave on the shared connection. (A PostgreSQL view database, issue #7, would use one
 * REPEATABLE READ transaction instead.)
 *
 * Dates are UK settlement days `YYYY-MM-DD` (the caller has validated them); lists are paginated by
 * keyset on `mpan_core` (./cursor.ts).
 */
@Injectable()
export class MpanViewQueryService {
  private statements: Statements | null = null;

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
    const db = this.db();
    const s = this.prepared();
    const { checkpoint, rows } = db.transaction(() => ({ checkpoint: this.checkpoint(), rows: this.rowsOf(s, core) }))();
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
    const s = this.prepared();
    const cores = s.searchCores.get(field)!;
    const rowsOf = s.searchRows.get(field)!;
    return this.db().transaction(() => {
      const checkpoint = this.checkpoint();
      const found = cores.all({ value, date, after: page.after ?? '', limit: page.limit + 1 }).map((r) => r.mpanCore);
      const shown = found.slice(0, page.limit);
      const items: MpanSearchItem[] = shown.map((mpanCore) => ({ mpanCore, matches: [] }));
      if (shown.length > 0) {
        const byCore = new Map(items.map((i) => [i.mpanCore, i]));
        // Address and meter tables have no boolean column: rows are used as read.
        for (const row of rowsOf.all({ value, date, first: shown[0], last: shown[shown.length - 1] })) {
          const match = field === 'postcode' ? addressMatch(row as unknown as AddressPeriodEntity) : meterMatch(row as unknown as MeterEntity);
          byCore.get(row.mpanCore as string)?.matches.push(match);
        }
      }
      return { items, nextCursor: found.length > page.limit ? encodeCursor(shown[shown.length - 1]!) : null, position: checkpoint.position };
    })();
  }

  /**
   * The MPANs where participant `dipId` is the registered supplier (`SUP`) or the appointed metering
   * (`MS`) or data service (`DS`) on `date` — only `role` when given — in MPAN core order, each with
   * the roles it holds there and their periods. A participant the view never saw has an empty portfolio.
   */
  async portfolio(dipId: string, date: string, role: PortfolioRole | null, page: PageRequest): Promise<ViewPage<PortfolioItem>> {
    const s = this.prepared();
    const sources = PORTFOLIO_SOURCES.filter((source) => role === null || source.role === role);
    return this.db().transaction(() => {
      const checkpoint = this.checkpoint();
      const byCore = new Map<string, PortfolioEntry[]>();
      // Each source is read in core order from its index, at most limit + 1 rows: the first limit + 1
      // cores of the merge are all among them (a core's rank in its source is at most its merged rank).
      for (const source of sources) {
        const rows = s.portfolio.get(source.role)!.all({ dipId, date, after: page.after ?? '', limit: page.limit + 1 });
        for (const row of rows) {
          const { mpanCore, ...rest } = row as { mpanCore: string } & Record<string, unknown>;
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
    })();
  }

  private parseCore(rawCore: string): MpanCore {
    const parsed = MpanCore.parse(rawCore, (id) => this.referenceData.distributor(id) !== undefined);
    if (!parsed.ok) throw new InvalidMpanCoreError(parsed.reason);
    return parsed.value;
  }

  private db(): BetterSqlite3.Database {
    return nativeSqlite(this.views.reader);
  }

  /** The views' committed checkpoint (decimal string; `'0'` before any batch) and the recorded-at of the event at it. */
  private checkpoint(): { position: string; recordedAt: string | null } {
    return this.prepared().checkpoint.get(MPAN_VIEW_PROJECTION_NAME) ?? { position: '0', recordedAt: null };
  }

  /** Every row of one MPAN, per table, in `orderBy` order; `null` when the view has no such MPAN. */
  private rowsOf(s: Statements, core: string): MpanViewRows | null {
    const rows: Record<string, unknown> = {};
    for (const table of MPAN_VIEW_TABLES) {
      const { statement, booleans } = s.byMpan.get(table.key)!;
      const list = statement.all(core).map((row) => withBooleans(row, booleans));
      if (table.key === 'mpan') {
        if (list.length === 0) return null;
        rows.mpan = list[0];
      } else rows[table.key] = list;
    }
    return rows as unknown as MpanViewRows;
  }

  private prepared(): Statements {
    if (this.statements) return this.statements;
    const db = this.db();
    const selectList = (table: MpanViewTable) =>
      this.views.reader
        .getMetadata(table.entity)
        .columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`)
        .join(', ');
    const booleansOf = (table: MpanViewTable) =>
      this.views.reader.getMetadata(table.entity).columns.filter((c) => c.type === 'boolean').map((c) => c.propertyName);
    const orderOf = (table: MpanViewTable) => table.orderBy.map((c) => `"${c}"`).join(', ');
    const onDate = `effective_from_date <= @date AND (effective_to_date IS NULL OR effective_to_date >= @date)`;
    const statements: Statements = {
      checkpoint: db.prepare(
        `SELECT position AS position, event_recorded_at AS recordedAt FROM projection_checkpoints WHERE name = ?`,
      ),
      byMpan: new Map(
        MPAN_VIEW_TABLES.map((table) => [
          table.key,
          {
            statement: db.prepare(`SELECT ${selectList(table)} FROM "${table.name}" WHERE "mpan_core" = ? ORDER BY ${orderOf(table)}`),
            booleans: booleansOf(table),
          },
        ]),
      ),
      searchCores: new Map(),
      searchRows: new Map(),
      portfolio: new Map(PORTFOLIO_SOURCES.map((source) => [source.role, db.prepare(source.sql)])),
    };
    for (const [field, { table, column }] of Object.entries(SEARCHES)) {
      statements.searchCores.set(
        field,
        db.prepare(
          `SELECT DISTINCT mpan_core AS mpanCore FROM "${table.name}" WHERE "${column}" = @value AND mpan_core > @after AND ${onDate} ORDER BY mpan_core LIMIT @limit`,
        ),
      );
      statements.searchRows.set(
        field,
        db.prepare(
          `SELECT ${selectList(table)} FROM "${table.name}" WHERE "${column}" = @value AND mpan_core >= @first AND mpan_core <= @last AND ${onDate} ORDER BY ${orderOf(table)}`,
        ),
      );
    }
    this.statements = statements;
    return statements;
  }
}

function tableOf(key: MpanViewTable['key']): MpanViewTable {
  return MPAN_VIEW_TABLES.find((t) => t.key === key)!;
}

/** SQLite has no boolean type: 0/1 back to false/true for the `boolean` columns named. */
function withBooleans(row: Record<string, unknown>, booleans: string[]): Record<string, unknown> {
  for (const b of booleans) row[b] = row[b] === 1;
  return row;
}

function addressMatch(r: AddressPeriodEntity): Period<MeteringPointAddress> {
  return { effectiveFromDate: r.effectiveFromDate, effectiveToDate: r.effectiveToDate, value: addressOf(r) };
}

function meterMatch(m: MeterEntity): Period<InstalledMeter> {
  const { history: _history, ...meter } = meterRecordOf(m);
  return { effectiveFromDate: m.effectiveFromDate, effectiveToDate: m.effectiveToDate, value: meter };
}
