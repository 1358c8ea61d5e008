import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTraffic } from '@app/dip-wire';
import { nativeSqlite, ViewDatabase } from '@app/projections';
import { AuditRegistry, startAuditRegistry } from '@app/projections/audit/testing/audit-registry';
import { CliError } from '../cli-context';
import { extractCommand, printHistoryReplay, verifyCommand, verifySummary } from './audit.commands';
import { rebuildCommand } from './rebuild.command';

/**
 * The auditors' CLI commands (issue #6 items 5–7) run in-process, as `registry …` runs them, on the
 * files of a real registry (generated traffic, projected by the real projector, then closed).
 */
let r: AuditRegistry;
let db: string;
let views: string;
let logged: string[];

beforeAll(async () => {
  r = await startAuditRegistry('regs-cli-audit-int-');
  await r.load(generateTraffic({ mpans: 40, seed: 3, startDate: '2025-03-01' }), '2026-01-31T12:00:00.000Z');
  await r.project();
  await r.stop();
  db = r.config.sqlitePath;
  views = r.config.viewsSqlitePath;
}, 600_000);

afterAll(async () => {
  await r?.close();
});

beforeEach(() => {
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.join(' '));
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function firstRow(sql: string): Promise<Record<string, string>> {
  const v = await ViewDatabase.openSqlite({ path: views });
  try {
    return nativeSqlite(v.reader).prepare(sql).get() as Record<string, string>;
  } finally {
    await v.close();
  }
}

describe('registry extract', () => {
  it('writes the CSV with its stamp line and leaves no partial file', async () => {
    const { supplier } = await firstRow('SELECT supplier_dip_id AS supplier FROM mpan_view_supplier_periods ORDER BY mpan_core LIMIT 1');
    const out = join(r.dir, 'portfolio.csv');
    const report = await extractCommand({ participant: supplier!, date: '2025-12-01', out, sqlitePath: db, viewsPath: views, progress: false, generatedAt: '2026-02-01T00:00:00.000Z' });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(`# position=${report.position} participant=${supplier} date=2025-12-01 generated=2026-02-01T00:00:00.000Z rows=${report.rows}`);
    expect(report.rows).toBeGreaterThan(0);
    expect(readdirSync(r.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('refuses a participant the reference data does not know, a malformed date or DIP id, and a missing view database', async () => {
    const base = { out: join(r.dir, 'x.csv'), sqlitePath: db, viewsPath: views, progress: false };
    await expect(extractCommand({ ...base, participant: '1999999999', date: '2025-12-01' })).rejects.toThrow(/participant 1999999999 is not known/);
    await expect(extractCommand({ ...base, participant: '1000000001', date: '2025-02-30' })).rejects.toThrow(CliError);
    await expect(extractCommand({ ...base, participant: '100000000', date: '2025-12-01' })).rejects.toThrow(/10 digits/);
    await expect(extractCommand({ ...base, participant: '1000000001', date: '2025-12-01', viewsPath: join(r.dir, 'none.sqlite') })).rejects.toThrow(/no view database at/);
    expect(existsSync(join(r.dir, 'none.sqlite'))).toBe(false);
  });
});

describe('registry rebuild (issue #5 item 4: a rebuild from zero compared with the live views)', () => {
  it('prints the rows and digest of every table and the live digest at the same position: MATCH', async () => {
    const out = join(r.dir, 'rebuilt-compare.sqlite');
    const report = await rebuildCommand({ out, sqlitePath: db, viewsPath: views, compare: true, progress: false });
    expect(report.matches).toBe(true);
    expect(report.live!.position).toBe(report.position);
    expect(report.rebuilt.sha256).toBe(report.live!.sha256);
    expect(logged[0]).toMatch(new RegExp(`^rebuilt: {2}${report.events} events up to position ${report.position} in [\\d.]+ s \\(\\d+ events/s\\) → ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const tableLines = logged.slice(1, 1 + report.rebuilt.tables.length);
    expect(tableLines.map((l) => l.trim().split(/\s+/)[0])).toEqual(report.rebuilt.tables.map((t) => t.table));
    expect(tableLines.find((l) => l.trim().startsWith('mpan_view '))).toMatch(/ \d+ rows {2}[0-9a-f]{16}$/);
    // The columns line up, also after the longest table name.
    expect(new Set(tableLines.map((l) => l.indexOf(' rows  '))).size).toBe(1);
    expect(logged.slice(-2)).toEqual([`digest:   ${report.rebuilt.sha256}`, `live:     ${report.live!.sha256} at position ${report.position} — MATCH`]);
    expect(existsSync(out)).toBe(true);
  });

  it('a live row that differs from the log: DIFFERENT, and an error naming the table (exit code 1)', async () => {
    const { core, postcode } = await firstRow('SELECT mpan_core AS core, postcode FROM mpan_view_addresses ORDER BY mpan_core LIMIT 1');
    const edit = async (value: string) => {
      const v = await ViewDatabase.openSqlite({ path: views });
      try {
        await v.writeTransaction((m) => m.query('UPDATE mpan_view_addresses SET postcode = ? WHERE mpan_core = ?', [value, core]));
      } finally {
        await v.close();
      }
    };
    await edit('ZZ9 9ZZ');
    try {
      const error = await rebuildCommand({ out: join(r.dir, 'rebuilt-differ.sqlite'), sqlitePath: db, viewsPath: views, compare: true, progress: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as Error).message).toMatch(/^the rebuilt views differ from the live views at position \d+: mpan_view_addresses$/);
      expect(logged[logged.length - 1]).toMatch(/^live: {5}[0-9a-f]{64} at position \d+ — DIFFERENT$/);
    } finally {
      await edit(postcode!); // the tests below start from views that agree with the log
    }
  });
});

describe('registry verify', () => {
  it('prints a one-line summary when the views agree with the log', async () => {
    const report = await verifyCommand({ sqlitePath: db, viewsPath: views, progress: false, print: (l) => logged.push(l) });
    expect(report.agree).toBe(true);
    expect(logged).toEqual([]);
    expect(verifySummary(report)).toMatch(/^verify: OK — \d+ MPANs \(\d+ tables\) and 1 whole table\(s\) agree with a rebuild of \d+ events at position \d+ \(/);
  });

  it('names the altered MPAN and fails (exit code 1 through CliError)', async () => {
    const { core } = await firstRow('SELECT mpan_core AS core FROM mpan_view ORDER BY mpan_core DESC LIMIT 1');
    const v = await ViewDatabase.openSqlite({ path: views });
    await v.writeTransaction((m) => m.query(`UPDATE mpan_view_addresses SET postcode = 'ZZ9 9ZZ' WHERE mpan_core = ?`, [core]));
    await v.close();
    const printed: string[] = [];
    await expect(verifyCommand({ sqlitePath: db, viewsPath: views, progress: false, print: (l) => printed.push(l) })).rejects.toThrow(
      /^the live views differ from a rebuild from the log at position \d+: 1 of \d+ MPANs \(listed above\)$/,
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(new RegExp(`^MPAN ${core} differs: mpan_view_addresses \\(live (\\d+) rows, rebuilt \\1\\)$`));
  });
});

describe('registry rebuild --known-at', () => {
  it('rebuilds the views as known at the instant, without comparison, and prints the position reached', async () => {
    const out = join(r.dir, 'known-at.sqlite');
    const report = await rebuildCommand({ out, sqlitePath: db, compare: true, progress: false, knownAt: '2025-08-01T00:00:00Z' });
    expect(report.knownAt).toBe('2025-08-01T00:00:00.000Z');
    expect(report.live).toBeNull();
    expect(logged[0]).toBe(`as known at 2025-08-01T00:00:00.000Z: position ${report.position} reached (the last event recorded at or before it)`);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses an instant without a zone or not on the calendar (the message of state/timeline/diff/explain), and a live views file to compare with', async () => {
    await expect(rebuildCommand({ out: join(r.dir, 'k2.sqlite'), sqlitePath: db, compare: true, progress: false, knownAt: '2025-08-01' })).rejects.toThrow(
      /^--known-at must be an ISO 8601 instant with an explicit offset or Z, e\.g\. .*; got "2025-08-01"$/,
    );
    await expect(rebuildCommand({ out: join(r.dir, 'k2.sqlite'), sqlitePath: db, compare: true, progress: false, knownAt: '2025-02-30T00:00:00Z' })).rejects.toThrow(
      /^--known-at must be an ISO 8601 instant .*; got "2025-02-30T00:00:00Z" \(not a calendar date\)$/,
    );
    await expect(rebuildCommand({ out: join(r.dir, 'k3.sqlite'), sqlitePath: db, viewsPath: views, compare: true, progress: false, knownAt: '2025-08-01T00:00:00Z' })).rejects.toThrow(
      /drop --views/,
    );
  });
});

describe('registry history --participant', () => {
  it("prints the events the MPAN's LDSO may replay, and refuses a participant without a role on it", async () => {
    const { core } = await firstRow('SELECT mpan_core AS core FROM mpan_view ORDER BY mpan_core LIMIT 1');
    const ldso = `30000000${core!.slice(0, 2)}`;
    const lines = await printHistoryReplay(core!, { participant: ldso, sqlitePath: db, json: true });
    expect(lines).toBeGreaterThan(3);
    expect(logged).toHaveLength(lines);
    expect(JSON.parse(logged[0]!)).toMatchObject({ revision: '0', type: 'MpanCreated' });
    await expect(printHistoryReplay(core!, { participant: '9000000003', sqlitePath: db })).rejects.toThrow(/may not replay the history/);
    await expect(printHistoryReplay(core!, { participant: ldso, sqlitePath: db, fromRevision: '1', fromPosition: '1' })).rejects.toThrow(/not both/);
    // The API's range (a signed 64-bit integer): beyond it is an error, not an empty history.
    const range = (name: string, raw: string) => new RegExp(`^${name} must be a whole number from 0 to 9223372036854775807, got "${raw}"$`);
    await expect(printHistoryReplay(core!, { participant: ldso, sqlitePath: db, fromRevision: '9223372036854775808' })).rejects.toThrow(range('--from-revision', '9223372036854775808'));
    await expect(printHistoryReplay(core!, { participant: ldso, sqlitePath: db, fromPosition: '9999999999999999999' })).rejects.toThrow(range('--from-position', '9999999999999999999'));
    await expect(printHistoryReplay(core!, { participant: ldso, sqlitePath: db, fromRevision: '-1' })).rejects.toThrow(range('--from-revision', '-1'));
    logged = [];
    expect(await printHistoryReplay(core!, { participant: ldso, sqlitePath: db, json: true, fromPosition: '9223372036854775807' })).toBe(0);
  });
});
