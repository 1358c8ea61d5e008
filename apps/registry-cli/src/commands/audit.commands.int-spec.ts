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
