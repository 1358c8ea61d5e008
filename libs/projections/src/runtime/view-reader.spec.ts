import Database from 'better-sqlite3';
import { bindForDialect, normaliseViewValue, SqliteViewReader } from './view-reader';

/** The dialect-neutral read API's pure parts, and its SQLite reader on an in-memory database. */

describe('bindForDialect', () => {
  it('numbers positional placeholders $1, $2 … for PostgreSQL and keeps them for SQLite', () => {
    expect(bindForDialect('postgres', 'SELECT * FROM t WHERE a = ? AND b > ?', ['x', 2])).toEqual({ sql: 'SELECT * FROM t WHERE a = $1 AND b > $2', params: ['x', 2] });
    expect(bindForDialect('sqlite', 'SELECT * FROM t WHERE a = ? AND b > ?', ['x', 2])).toEqual({ sql: 'SELECT * FROM t WHERE a = ? AND b > ?', params: ['x', 2] });
  });

  it('maps numbered placeholders to $N, and for SQLite repeats the values in order of appearance', () => {
    const sql = 'SELECT * FROM t WHERE a = ?2 AND (b IS NULL OR b >= ?2) AND c = ?1';
    expect(bindForDialect('postgres', sql, ['c', 'd'])).toEqual({ sql: 'SELECT * FROM t WHERE a = $2 AND (b IS NULL OR b >= $2) AND c = $1', params: ['c', 'd'] });
    expect(bindForDialect('sqlite', sql, ['c', 'd'])).toEqual({ sql: 'SELECT * FROM t WHERE a = ? AND (b IS NULL OR b >= ?) AND c = ?', params: ['d', 'd', 'c'] });
  });

  it('leaves question marks in string literals, quoted identifiers and comments alone', () => {
    const sql = `SELECT '?', "col?" , 'it''s ?' FROM t -- what?\nWHERE a = ? /* why? */ AND b = ?`;
    expect(bindForDialect('postgres', sql, [1, 2]).sql).toBe(`SELECT '?', "col?" , 'it''s ?' FROM t -- what?\nWHERE a = $1 /* why? */ AND b = $2`);
  });

  it('sends bigints as decimal strings (never a JS number) and booleans as 1/0 to SQLite', () => {
    expect(bindForDialect('postgres', 'SELECT ?', [2n ** 63n - 1n]).params).toEqual(['9223372036854775807']);
    expect(bindForDialect('sqlite', 'SELECT ?', [9007199254740993n]).params).toEqual(['9007199254740993']);
  });

  it('refuses mixed placeholder styles, missing or unused parameters', () => {
    expect(() => bindForDialect('postgres', 'SELECT ?, ?1', [1])).toThrow(/mixes positional/);
    expect(() => bindForDialect('postgres', 'SELECT ?1, ?', [1])).toThrow(/mixes positional/);
    expect(() => bindForDialect('sqlite', 'SELECT ?3', [1, 2])).toThrow(/placeholder \?3 has no parameter/);
    expect(() => bindForDialect('sqlite', 'SELECT ?, ?', [1])).toThrow(/2 placeholders but 1 parameters/);
    expect(() => bindForDialect('postgres', 'SELECT ?2', [1, 2])).toThrow(/uses 1 of the 2 numbered parameters/);
  });
});

describe('normaliseViewValue', () => {
  it('gives one form on both dialects: booleans 1/0, bigints and dates as text, undefined as null', () => {
    expect([true, false, 7n, new Date('2025-01-02T03:04:05.006Z'), undefined, null, 'x', 3].map(normaliseViewValue)).toEqual([
      1,
      0,
      '7',
      '2025-01-02T03:04:05.006Z',
      null,
      null,
      'x',
      3,
    ]);
  });
});

describe('SqliteViewReader', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BOOLEAN); INSERT INTO t VALUES ('a', 1, 1), ('b', 2, 0), ('c', 3, NULL)`);
  const reader = new SqliteViewReader(db);

  it('reads all, one, and streams rows; lists a table’s columns', async () => {
    expect(await reader.all('SELECT k, n FROM t WHERE n >= ?1 ORDER BY k', [2])).toEqual([
      { k: 'b', n: 2 },
      { k: 'c', n: 3 },
    ]);
    expect(await reader.get('SELECT k FROM t WHERE k = ?', ['z'])).toBeUndefined();
    const seen: unknown[] = [];
    for await (const row of reader.iterate('SELECT k, b FROM t ORDER BY k')) seen.push(row);
    expect(seen).toEqual([
      { k: 'a', b: 1 },
      { k: 'b', b: 0 },
      { k: 'c', b: null },
    ]);
    expect(await reader.columns('t')).toEqual(['k', 'n', 'b']);
    expect(await reader.columns('missing')).toEqual([]);
  });

  it('ends an iterator abandoned early, and closeIterators ends those still open', async () => {
    for await (const row of reader.iterate('SELECT k FROM t ORDER BY k')) {
      expect(row).toEqual({ k: 'a' });
      break;
    }
    const open = reader.iterate('SELECT k FROM t ORDER BY k');
    expect((await open.next()).value).toEqual({ k: 'a' });
    reader.closeIterators();
    // The connection is free again: a write statement would fail while a statement is still stepping.
    expect(() => db.exec('CREATE TABLE u (x)')).not.toThrow();
  });
});
