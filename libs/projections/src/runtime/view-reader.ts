import type BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';

/** The SQL dialect of a view database. */
export type ViewDialect = 'sqlite' | 'postgres';

/**
 * A column value as a {@link ViewReader} returns it, the same on both dialects (so that digests of
 * the same rows are identical, docs/adr/0010):
 * - text as `string`; log positions and revisions (SQLite `varchar`, PostgreSQL `bigint`) as
 *   decimal strings — node-postgres's default for int8, never a JS number;
 * - `integer` columns as `number`;
 * - booleans as `1` / `0` (SQLite's storage form; PostgreSQL's `true` / `false` are mapped);
 * - `NULL` as `null`; a `Date` (no view column has a date type) as its ISO string.
 */
export type ViewValue = string | number | null;

/** A row read through a {@link ViewReader}: column name (or alias) → value. */
export type ViewRow = Record<string, ViewValue>;

/** A parameter of a {@link ViewReader} query. Bigints are sent as decimal strings. */
export type ViewParam = string | number | bigint | null;

/**
 * Dialect-neutral reads inside one consistent snapshot of a view database
 * (`ViewDatabase.readSnapshot`). SQL is written once for both dialects with `?` placeholders —
 * either all positional (`?`, bound in order) or all numbered (`?1`, `?2`, … 1-based, each may
 * repeat) — and translated to `$n` for PostgreSQL. Column aliases that are not lower case must be
 * double-quoted (PostgreSQL folds unquoted names to lower case).
 *
 * Valid only inside the `readSnapshot` callback that received it: iterators must be finished or
 * `return()`ed before the callback's promise settles.
 */
export interface ViewReader {
  readonly dialect: ViewDialect;
  /** Every row of `sql`. */
  all<T = ViewRow>(sql: string, params?: readonly ViewParam[]): Promise<T[]>;
  /** The first row of `sql`, or `undefined`. */
  get<T = ViewRow>(sql: string, params?: readonly ViewParam[]): Promise<T | undefined>;
  /**
   * The rows of `sql` one at a time, never all in memory: SQLite steps a statement, PostgreSQL
   * fetches from a cursor {@link POSTGRES_FETCH_ROWS} rows at a time.
   */
  iterate<T = ViewRow>(sql: string, params?: readonly ViewParam[]): AsyncGenerator<T, void, undefined>;
  /** The column names of `table` in the current schema, in table order; `[]` when there is no such table. */
  columns(table: string): Promise<string[]>;
}

/** Rows a PostgreSQL {@link ViewReader.iterate} fetches per round trip. */
export const POSTGRES_FETCH_ROWS = 1000;

/**
 * `sql` and `params` for `dialect`: `?` / `?N` placeholders outside string literals, quoted
 * identifiers and comments become `$n` (PostgreSQL) or plain `?` with the parameters in order of
 * appearance (SQLite, whose driver does not bind numbered `?N` from a list). Bigints become decimal
 * strings; booleans 1/0 on SQLite. The translation of each SQL text is computed once and kept (up
 * to 512 texts per dialect, the oldest dropped first: the service's SQL is a fixed set).
 * @throws RangeError when positional and numbered placeholders are mixed, a number is out of range,
 *   the count of positional placeholders differs from `params.length`, or a numbered parameter is
 *   never used (PostgreSQL would refuse it; SQLite would ignore it).
 */
export function bindForDialect(dialect: ViewDialect, sql: string, params: readonly ViewParam[] = []): { sql: string; params: unknown[] } {
  const cache = TRANSLATIONS[dialect];
  let translation = cache.get(sql);
  if (!translation) {
    translation = translate(dialect, sql);
    if (cache.size >= 512) cache.delete(cache.keys().next().value!);
    cache.set(sql, translation);
  }
  const { placeholders, numbered, order } = translation;
  if (!numbered && placeholders !== params.length) {
    throw new RangeError(`SQL has ${placeholders} placeholders but ${params.length} parameters were given`);
  }
  if (numbered) {
    if (translation.highest > params.length) throw new RangeError(`placeholder ?${translation.highest} has no parameter (${params.length} given)`);
    if (translation.used !== params.length) {
      throw new RangeError(`SQL uses ${translation.used} of the ${params.length} numbered parameters given (each must be used)`);
    }
  }
  const value = (p: ViewParam | boolean): unknown => {
    if (typeof p === 'bigint') return p.toString();
    if (typeof p === 'boolean') return dialect === 'sqlite' ? (p ? 1 : 0) : p;
    return p;
  };
  return { sql: translation.sql, params: order === null ? params.map(value) : order.map((i) => value(params[i]!)) };
}

/** A translated SQL text: the placeholders it had, and for SQLite's numbered form the order to bind parameters in. */
interface Translation {
  sql: string;
  /** Positional `?` count (0 when numbered). */
  placeholders: number;
  numbered: boolean;
  /** Distinct numbers used, and the highest (numbered form). */
  used: number;
  highest: number;
  /** Parameter index bound at each output placeholder, or `null` to bind `params` as given. */
  order: number[] | null;
}

const TRANSLATIONS: Record<ViewDialect, Map<string, Translation>> = { sqlite: new Map(), postgres: new Map() };

function translate(dialect: ViewDialect, sql: string): Translation {
  const out: string[] = [];
  const order: number[] = [];
  const used = new Set<number>();
  let positional = 0;
  let numbered = false;
  let from = 0; // start of the text not yet copied to `out`
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') i = closingQuote(sql, i, c);
    else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === '?') {
      out.push(sql.slice(from, i));
      let j = i + 1;
      while (j < sql.length && sql[j]! >= '0' && sql[j]! <= '9') j += 1;
      if (j > i + 1) {
        const n = Number(sql.slice(i + 1, j));
        if (positional > 0) throw new RangeError('SQL mixes positional ? and numbered ?N placeholders');
        if (n < 1) throw new RangeError(`placeholder ?${n} has no parameter`);
        numbered = true;
        used.add(n);
        out.push(dialect === 'postgres' ? `$${n}` : '?');
        order.push(n - 1);
      } else {
        if (numbered) throw new RangeError('SQL mixes positional ? and numbered ?N placeholders');
        positional += 1;
        out.push(dialect === 'postgres' ? `$${positional}` : '?');
      }
      i = j;
      from = j;
    } else i += 1;
  }
  out.push(sql.slice(from));
  return {
    sql: out.join(''),
    placeholders: positional,
    numbered,
    used: used.size,
    highest: Math.max(0, ...used),
    order: numbered && dialect === 'sqlite' ? order : null,
  };
}

/** Index just past the quote closing the literal or identifier opened at `start` (a doubled quote escapes). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/** A value as {@link ViewValue} (see there): booleans 1/0, bigints and dates as text. */
export function normaliseViewValue(value: unknown): ViewValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value as ViewValue;
}

function normaliseRow<T>(row: Record<string, unknown>): T {
  for (const key of Object.keys(row)) row[key] = normaliseViewValue(row[key]);
  return row as T;
}

/**
 * A {@link ViewReader} on a native better-sqlite3 connection. Statements of `all` / `get` are kept
 * in `cache` (prepared once per SQL text, the 128 most recent); `iterate` prepares its own (a
 * statement iterates once at a time). Open iterators are tracked so the snapshot can close them
 * before it commits ({@link closeIterators}).
 */
export class SqliteViewReader implements ViewReader {
  readonly dialect = 'sqlite' as const;
  private readonly open = new Set<IterableIterator<unknown>>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly cache: Map<string, BetterSqlite3.Statement> = new Map(),
  ) {}

  async all<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): Promise<T[]> {
    const bound = bindForDialect('sqlite', sql, params);
    return this.statement(bound.sql).all(...bound.params) as T[];
  }

  async get<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): Promise<T | undefined> {
    const bound = bindForDialect('sqlite', sql, params);
    return this.statement(bound.sql).get(...bound.params) as T | undefined;
  }

  async *iterate<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): AsyncGenerator<T, void, undefined> {
    const bound = bindForDialect('sqlite', sql, params);
    const iterator = this.db.prepare(bound.sql).iterate(...bound.params) as IterableIterator<T>;
    this.open.add(iterator);
    try {
      for (const row of iterator) yield row;
    } finally {
      this.open.delete(iterator);
      iterator.return?.();
    }
  }

  async columns(table: string): Promise<string[]> {
    return (this.db.prepare(`PRAGMA table_info("${table.replace(/"/g, '""')}")`).all() as Array<{ name: string }>).map((c) => c.name);
  }

  /** Ends every iterator still open (a statement in progress would keep the read transaction from committing). */
  closeIterators(): void {
    for (const iterator of this.open) iterator.return?.();
    this.open.clear();
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql); // re-inserted below: the map's order is recency
    } else {
      statement = this.db.prepare(sql);
      if (this.cache.size >= 128) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, statement);
    return statement;
  }
}

/**
 * A {@link ViewReader} on one pooled PostgreSQL connection (a TypeORM query runner) inside the
 * caller's transaction. `iterate` declares a cursor (`DECLARE … NO SCROLL CURSOR`) and fetches
 * {@link POSTGRES_FETCH_ROWS} rows at a time, closing it when done or abandoned.
 */
export class PostgresViewReader implements ViewReader {
  readonly dialect = 'postgres' as const;
  private cursors = 0;

  constructor(private readonly runner: QueryRunner) {}

  async all<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): Promise<T[]> {
    const bound = bindForDialect('postgres', sql, params);
    const rows = (await this.runner.query(bound.sql, bound.params)) as Array<Record<string, unknown>>;
    return rows.map((row) => normaliseRow<T>(row));
  }

  async get<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async *iterate<T = ViewRow>(sql: string, params: readonly ViewParam[] = []): AsyncGenerator<T, void, undefined> {
    const bound = bindForDialect('postgres', sql, params);
    this.cursors += 1;
    const cursor = `view_cursor_${this.cursors}`;
    await this.runner.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${bound.sql}`, bound.params);
    let finished = false;
    try {
      for (;;) {
        const rows = (await this.runner.query(`FETCH FORWARD ${POSTGRES_FETCH_ROWS} FROM ${cursor}`)) as Array<Record<string, unknown>>;
        for (const row of rows) yield normaliseRow<T>(row);
        if (rows.length < POSTGRES_FETCH_ROWS) break;
      }
      finished = true;
    } finally {
      // Abandoned early: free the cursor now (the transaction's end would, too). After an error
      // the transaction is aborted and CLOSE would fail: leave it to the rollback.
      if (!finished) await this.runner.query(`CLOSE ${cursor}`).catch(() => undefined);
      else await this.runner.query(`CLOSE ${cursor}`);
    }
  }

  async columns(table: string): Promise<string[]> {
    const rows = (await this.runner.query(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
      [table],
    )) as Array<{ column_name: string }>;
    return rows.map((r) => r.column_name);
  }
}
