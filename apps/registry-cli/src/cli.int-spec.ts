import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTraffic } from '@app/dip-wire';
import { ViewDatabase } from '@app/projections';
import { AuditRegistry, startAuditRegistry } from '@app/projections/audit/testing/audit-registry';
import { COMMAND_EXAMPLES } from './cli-help';

/**
 * The `registry` binary as an operator meets it (issue #10 item 6; docs/cli.md): spawned as a real
 * process (the sources through test/support/register-ts.js, as bin/registry.js runs the build),
 * its help, and its failures — each one line on stderr, without a stack trace unless asked for,
 * with exit code 1 (2 for a wrong command line).
 */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const REQUIRED = ['serve', 'load', 'generate', 'day-start', 'rebuild', 'verify', 'state', 'history', 'extract', 'copy-store'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let r: AuditRegistry | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regs-cli-int-'));
});

afterAll(async () => {
  await r?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `registry <args>` in a fresh process with only `env` (and PATH) as its environment. */
function registry(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', join(REPO_ROOT, 'test', 'support', 'register-ts.js'), join(REPO_ROOT, 'apps', 'registry-cli', 'src', 'main.ts'), ...args],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', REGISTRY_REFERENCE_DATA: join(REPO_ROOT, 'reference-data', 'participants.json'), ...env }, timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const linesOf = (text: string) => text.trimEnd().split('\n');
const STACK_FRAME = /^\s+at /m;

describe('registry --help', () => {
  it('lists every command, with examples and the exit codes', async () => {
    const run = await registry(['--help']);
    expect(run.code).toBe(0);
    for (const command of REQUIRED) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit codes: 0 done, 1 failed or found a difference');
  });

  it("shows a command's options and examples", async () => {
    const run = await registry(['load', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: registry load [options] <file>');
    expect(run.stdout).toContain('Examples:\n  registry load data/traffic.jsonl\n');
    // copy-store keeps its own example, and gets no second list.
    const copy = await registry(['copy-store', '--help']);
    expect(copy.stdout.match(/Examples?:/g)).toEqual(['Example:']);
  });

  it('every command of the issue has examples', () => {
    for (const command of REQUIRED) expect(COMMAND_EXAMPLES[command]?.length).toBeGreaterThan(0);
  });
});

describe('registry failures: one line on stderr, a non-zero exit code, no stack trace unless asked for', () => {
  it('a bad flag: exit code 2, the reason and the usage hint', async () => {
    const run = await registry(['load', 'traffic.jsonl', '--bogus']);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual(["error: unknown option '--bogus'", '(add --help for usage)']);
    const value = await registry(['generate', '-o', 'x.jsonl', '-n', 'many']);
    expect(value.code).toBe(2);
    expect(linesOf(value.stderr)[0]).toBe('error: option \'-n, --mpans <n>\' argument \'many\' is invalid. expected a whole number ≥ 1, got "many"');
  });

  it.each([
    [['send', 'f.json'], "error: required option '-u, --url <base>' not specified"],
    [['send', 'f.json', '--url', 'http://localhost:3000', '--batch', '0'], 'error: option \'--batch <n>\' argument \'0\' is invalid. expected a whole number from 1 to 1000, got "0"'],
    [['send', 'f.json', '--url', 'notaurl'], 'error: option \'-u, --url <base>\' argument \'notaurl\' is invalid. expected the service\'s absolute http(s) URL, e.g. http://localhost:3000, got "notaurl"'],
    [['sign-request', '-p', '1000000001'], "error: required option '-u, --url <url>' not specified"],
    [['sign-request', '-p', '1000000001', '-u', '/x', '-f', 'xml'], "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are headers, json, curl."],
    [['sign-request', '-u', '/x'], 'error: give --participant <dipId> (a sample key) or --key <file> with --cert <file> or --public-key <file>'],
    [['generate'], "error: required option '-o, --out <file>' not specified"],
    [['generate', '-o', 'x.jsonl', '--start-date', '2025-13-01'], 'error: option \'--start-date <date>\' argument \'2025-13-01\' is invalid. expected a calendar date YYYY-MM-DD, got "2025-13-01"'],
    [['day-start', '--date', '2025-02-30'], 'error: option \'--date <date>\' argument \'2025-02-30\' is invalid. expected a calendar date YYYY-MM-DD, got "2025-02-30"'],
  ])('a usage error of %j: exit code 2, the reason naming the option, and the usage hint', async (args, reason) => {
    const run = await registry(args);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([reason, '(add --help for usage)']);
  });

  it.each([
    [['state', '2000000000001', '--effective-at', '2025-13-01'], '--effective-at must be a calendar date YYYY-MM-DD'],
    [['state', '2000000000001', '--known-at', 'yesterday'], '--known-at must be an ISO 8601 instant'],
    [['timeline', '2000000000001', '--known-at', 'x'], '--known-at must be an ISO 8601 instant'],
    [['diff', '2000000000001', '--to-known-at', 'x'], '--to-known-at must be an ISO 8601 instant'],
    [['explain', '2000000000001', '--item', 'supplier', '--date', 'x'], '--date must be a calendar date YYYY-MM-DD'],
    [['state', '123'], 'MPAN core "123" must be exactly 13 digits'],
    [['timeline', '123'], 'MPAN core "123" must be exactly 13 digits'],
    [['history', '123'], 'MPAN core "123" must be exactly 13 digits'],
    [['history', '2000000000001', '--participant', '1000000001', '--from-revision', 'x'], '--from-revision must be a whole number from 0 to'],
    [['history', '2000000000001', '--participant', '1000000001', '--from-revision', '3', '--from-position', '4'], 'give --from-revision or --from-position, not both'],
    [['history', '2000000000001', '--from-revision', '3'], '--from-revision and --from-position need --participant'],
    [['extract', '--participant', '20000', '--date', '2025-01-01', '--out', 'p.csv'], '--participant must be a DIP id of 10 digits'],
    [['rebuild', '--known-at', 'notadate', '--out', 'v.sqlite'], '--known-at must be an ISO 8601 instant'],
    [['copy-store', '--to', 'mysql://x'], '--to must be a postgres:// or postgresql:// URL'],
  ])('a bad value found by the command %j: exit code 2, `registry: <reason>` and the usage hint, no --debug hint', async (args, reason) => {
    // A registry must exist for the read commands to get as far as their arguments.
    const db = join(dir, 'usage.sqlite');
    if (!existsSync(db)) {
      const traffic = join(dir, 'usage.jsonl');
      writeFileSync(traffic, `${JSON.stringify([...generateTraffic({ mpans: 1, seed: 5, startDate: '2025-03-01', mistakeRate: 0 })][0])}\n`);
      expect((await registry(['load', traffic, '--db', db, '--no-progress'])).code).toBe(0);
    }
    const run = await registry([...args, ...(args[0] === 'copy-store' ? ['--from', db] : ['--db', db])]);
    expect(run.code).toBe(2);
    const lines = linesOf(run.stderr);
    expect(lines).toEqual([expect.stringContaining(`registry: ${reason}`), '(add --help for usage)']);
    expect(run.stderr).not.toContain('--debug');
  });

  it('sign-request --now garbage: exit code 2 naming the option', async () => {
    const run = await registry(['sign-request', '-p', '1000000001', '-u', '/x', '--now', 'garbage']);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([
      'error: option \'--now <instant>\' argument \'garbage\' is invalid. expected an ISO 8601 instant with Z or an offset, e.g. 2025-06-01T09:30:00Z, got "garbage"',
      '(add --help for usage)',
    ]);
  });

  it('sign-request with a --body-file that does not exist: exit code 1, one line naming the option and the file', async () => {
    const missing = join(dir, 'missing-body.json');
    const run = await registry(['sign-request', '-p', '1000000001', '-u', '/x', '--body-file', missing]);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([`registry: cannot read --body-file ${missing}: no such file`]);
  });

  it('generate --help shows the --start-date default once', async () => {
    const run = await registry(['generate', '--help']);
    const help = run.stdout.slice(run.stdout.indexOf('--start-date'), run.stdout.indexOf('--mistake-rate'));
    expect(help.match(/default/g)).toHaveLength(1);
    expect(help.replace(/\s+/g, ' ')).toContain('(default: 820 days ago)');
  });

  it('a missing file: exit code 1', async () => {
    const run = await registry(['load', join(dir, 'missing.jsonl'), '--db', join(dir, 'r.sqlite'), '--no-progress']);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([`registry: cannot read ${join(dir, 'missing.jsonl')}: no such file`]);
  });

  it('a file that is not well-formed UTF-8: send and load exit 1 naming the file, the line and the byte offset, nothing sent or loaded', async () => {
    const file = join(dir, 'latin1.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from('{"channel":"REGS-LDSO","message":{"a":"Caf'), Buffer.from([0xe9]), Buffer.from('"}}\n')]));
    const reason = `registry: ${file} is not well-formed UTF-8 (the service would refuse it): line 1, byte 42 (0xE9) does not start a valid UTF-8 sequence`;
    // Port 9 (discard) on loopback: a request would fail with "cannot reach"; the file is refused first.
    const send = await registry(['send', file, '--url', 'http://127.0.0.1:9']);
    expect(send.code).toBe(1);
    expect(linesOf(send.stderr)).toEqual([reason]);
    expect(send.stdout).toBe('');
    const db = join(dir, 'latin1.sqlite');
    const load = await registry(['load', file, '--db', db, '--no-progress']);
    expect(load.code).toBe(1);
    expect(linesOf(load.stderr)).toEqual([reason]);
    expect(existsSync(db)).toBe(false);
  });

  it('a file that is not traffic (here the README): exit code 1 after the load, saying how many lines could not be read and the first', async () => {
    const db = join(dir, 'readme.sqlite');
    const run = await registry(['load', join(REPO_ROOT, 'README.md'), '--db', db, '--no-progress']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^unreadable lines: \d+$/m);
    // Nothing was loaded: the store file the load created is not left behind, empty.
    expect(run.stdout).toContain(`nothing loaded: removed the empty store ${db} this load had created`);
    expect(existsSync(db)).toBe(false);
    const lines = linesOf(run.stderr);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^registry: \\d+ line\\(s\\) of .*README\\.md could not be read \\(the first: line 1, not JSON; \`registry generate\` writes one traffic line per message\\); the 0 message\\(s\\) read were loaded$`)),
    ]);
  });

  it('a traffic file with one bad line: the good lines are loaded, exit code 1 naming the bad line', async () => {
    const [first, second] = [...generateTraffic({ mpans: 1, seed: 3, startDate: '2025-03-01', mistakeRate: 0 })].slice(0, 2);
    const file = join(dir, 'one-bad.jsonl');
    writeFileSync(file, `${JSON.stringify(first)}\n\n{"channel": "REGS-LDSO"}\n${JSON.stringify(second)}\n`);
    const run = await registry(['load', file, '--db', join(dir, 'one-bad.sqlite'), '--no-progress']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^messages: +2 /m);
    expect(linesOf(run.stderr)).toEqual([
      `registry: 1 line(s) of ${file} could not be read (the first: line 3, not a traffic line {"channel": …, "message": …}; \`registry generate\` writes one traffic line per message); the 2 message(s) read were loaded`,
    ]);
  });

  it('a file that is not traffic loaded into an existing registry leaves that registry in place', async () => {
    const db = join(dir, 'one-bad.sqlite');
    expect(existsSync(db)).toBe(true);
    const run = await registry(['load', join(REPO_ROOT, 'README.md'), '--db', db, '--no-progress']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('removed');
    expect(existsSync(db)).toBe(true);
  });

  it('verify right after load (no live views yet): exit code 1, saying exactly what builds them', async () => {
    const db = join(dir, 'loaded-only.sqlite');
    const [line] = [...generateTraffic({ mpans: 1, seed: 4, startDate: '2025-03-01', mistakeRate: 0 })];
    writeFileSync(join(dir, 'one.jsonl'), `${JSON.stringify(line)}\n`);
    expect((await registry(['load', join(dir, 'one.jsonl'), '--db', db, '--no-progress'])).code).toBe(0);
    const run = await registry(['verify', '--db', db, '--no-progress']);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `registry: no view database at ${join(dir, 'loaded-only-views.sqlite')} (check --views or REGISTRY_VIEWS_SQLITE_PATH): the live views are built by the service, not by \`registry load\` — run \`REGISTRY_SQLITE_PATH=${db} registry serve\` until GET /health/ready answers 200, stop it, then run this again`,
    ]);
  });

  it('day-start through a day already run: says nothing was done and through which day the days were run', async () => {
    const db = join(dir, 'day-start.sqlite');
    const lines = [...generateTraffic({ mpans: 1, seed: 6, startDate: '2025-03-01', mistakeRate: 0 })];
    writeFileSync(join(dir, 'day-start.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    expect((await registry(['load', join(dir, 'day-start.jsonl'), '--db', db, '--no-progress'])).code).toBe(0);
    const run = await registry(['day-start', '--date', '2020-01-01', '--db', db]);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual([
      expect.stringMatching(/^day-start 2020-01-01: nothing done — the days through \d{4}-\d\d-\d\d were run already \(give a later --date to run more\)$/),
    ]);
  });

  it('a registry that does not exist: exit code 1', async () => {
    const run = await registry(['state', '1900012374324', '--db', join(dir, 'none.sqlite')]);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([`registry: no registry at ${join(dir, 'none.sqlite')} (check --db or REGISTRY_SQLITE_PATH)`]);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });

  it('an unreachable store: exit code 1, no password, no stack; with --debug or REGISTRY_LOG_LEVEL=debug the stack follows', async () => {
    const env = { REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: 'postgres://registry:s3cret@127.0.0.1:1/registry' };
    const run = await registry(['history', '1900012374324'], env);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(/^registry: cannot open the event store \(PostgreSQL postgres:\/\/registry:\*\*\*@127\.0\.0\.1:1\/registry\): .*ECONNREFUSED/),
    ]);
    expect(run.stderr).not.toContain('s3cret');
    for (const debug of [await registry(['history', '1900012374324', '--debug'], env), await registry(['history', '1900012374324'], { ...env, REGISTRY_LOG_LEVEL: 'debug' })]) {
      expect(debug.code).toBe(1);
      expect(linesOf(debug.stderr)[0]).toBe(linesOf(run.stderr)[0]);
      expect(debug.stderr).toMatch(STACK_FRAME);
      expect(debug.stderr).not.toContain('s3cret');
    }
  });

  it('an invalid configuration (here from REGISTRY_CONFIG_FILE): exit code 1, every problem on the one line', async () => {
    const file = join(dir, 'registry.env');
    writeFileSync(file, 'REGISTRY_DAY_START=sometimes\nREGISTRY_APPOINTMENT_LAPSE_DAYS=0\n');
    const run = await registry(['state', '1900012374324'], { REGISTRY_CONFIG_FILE: file });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `registry: invalid configuration: REGISTRY_DAY_START (set in ${file}) must be auto or off, got "sometimes"; REGISTRY_APPOINTMENT_LAPSE_DAYS (set in ${file}) must be a whole number of days from 1 to 90, got "0"`,
    ]);
  });

  it('an invalid reference data file: exit code 1, one line naming the file and every problem (no stack), from `registry serve` and from the service entry point', async () => {
    const bad = join(dir, 'badref.json');
    writeFileSync(bad, '{"gspGroups": 5}');
    const env = { REGISTRY_REFERENCE_DATA: bad, REGISTRY_SQLITE_PATH: join(dir, 'ref.sqlite'), PORT: '3999' };
    const reason = `reference data file ${bad} is invalid: invalid reference data (4 problems): - $.gspGroups: unknown property (expected version, participants, distributors) - $.version: is missing - $.participants: is missing - $.distributors: is missing`;
    const serve = await registry(['serve'], env);
    expect(serve.code).toBe(1);
    expect(linesOf(serve.stderr)).toEqual([`registry: ${reason}`]);

    const service = await new Promise<Run>((done) => {
      execFile(
        process.execPath,
        ['-r', join(REPO_ROOT, 'test', 'support', 'register-ts.js'), join(REPO_ROOT, 'apps', 'registration-api', 'src', 'main.ts')],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
    expect(service.code).toBe(1);
    expect(linesOf(service.stderr)).toEqual([`the Registration Service did not start: ${reason}`]);

    writeFileSync(bad, '{"version": 1,');
    const unreadable = await registry(['serve'], env);
    expect(unreadable.code).toBe(1);
    expect(linesOf(unreadable.stderr)).toEqual([expect.stringMatching(new RegExp(`^registry: cannot read reference data file ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*JSON`))]);
    expect(unreadable.stderr).not.toMatch(STACK_FRAME);
  });

  it('a difference found by verify: exit code 1, the MPAN named on stdout, the reason on stderr; an existing --out: exit code 1', async () => {
    r = await startAuditRegistry('regs-cli-int-verify-');
    await r.load(generateTraffic({ mpans: 6, seed: 5, startDate: '2025-03-01', mistakeRate: 0 }), '2026-01-31T12:00:00.000Z');
    await r.project();
    await r.stop();
    const { sqlitePath: db, viewsSqlitePath: views } = r.config;

    // With progress (the bars stay off: stderr is not a terminal here).
    const agree = await registry(['verify', '--db', db, '--views', views]);
    expect(agree.code).toBe(0);
    expect(agree.stdout).toMatch(/^verify: OK — 6 MPANs /);

    const v = await ViewDatabase.openSqlite({ path: views });
    await v.writeTransaction((m) => m.query(`UPDATE mpan_view_addresses SET postcode = 'ZZ9 9ZZ' WHERE mpan_core = (SELECT MIN(mpan_core) FROM mpan_view_addresses)`));
    await v.close();
    const differ = await registry(['verify', '--db', db, '--views', views, '--no-progress']);
    expect(differ.code).toBe(1);
    expect(linesOf(differ.stdout)).toEqual([expect.stringMatching(/^MPAN \d{13} differs: mpan_view_addresses /)]);
    expect(linesOf(differ.stderr)).toEqual([expect.stringMatching(/^registry: the live views differ from a rebuild from the log at position \d+: 1 of 6 MPANs \(listed above\)$/)]);

    const out = join(dir, 'exists.sqlite');
    writeFileSync(out, '');
    const rebuild = await registry(['rebuild', '--db', db, '--out', out, '--no-progress']);
    expect(rebuild.code).toBe(1);
    expect(linesOf(rebuild.stderr)).toEqual([`registry: ${out} already exists; the rebuild writes a new file (remove it or choose another --out)`]);
  });
});
