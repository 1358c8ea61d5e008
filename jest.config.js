// Three test tiers (docs/testing.md): unit specs next to the code, integration specs against real
// stores (a SQLite file; PostgreSQL in its own throw-away database), e2e specs over HTTP against the real app
// (on SQLite, and again with the log and the views on PostgreSQL as project e2e-postgres).
const os = require('node:os');

const moduleNameMapper = {
  '^@app/registration-domain(|/.*)$': '<rootDir>/libs/registration-domain/src$1',
  '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
  '^@app/dip-wire(|/.*)$': '<rootDir>/libs/dip-wire/src$1',
  '^@app/registration-app(|/.*)$': '<rootDir>/libs/registration-app/src$1',
  '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
  '^@app/dip-auth(|/.*)$': '<rootDir>/libs/dip-auth/src$1',
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  moduleNameMapper,
  setupFilesAfterEnv: ['<rootDir>/test/support/async-context-reset.setup.js'],
};
// Hang guards, not speed checks (speed is measured by `npm run bench`, never by timed tests).
// Integration and e2e tests rebuild views, replay logs and start apps: on a busy 2-core CI machine
// one of them took over 5 s (jest's default), so the slow tiers get room (a per-project
// `testTimeout` is ignored by jest-circus, hence a setup file calling jest.setTimeout).
const slowTier = { setupFilesAfterEnv: [...common.setupFilesAfterEnv, '<rootDir>/test/support/slow-tier.setup.js'] };
const e2eTestMatch = ['<rootDir>/test/**/*.e2e-spec.ts'];

/**
 * The e2e suite a second time with the event store AND the views on PostgreSQL (issue #7: "the same
 * tests, store chosen by configuration"): project `e2e-postgres`, whose setup sets
 * REGISTRY_E2E_STORE=postgres so that startTestApp gives every app a throw-away database on
 * REGISTRY_TEST_POSTGRES_URL (the views follow the log into it).
 * Decided here, once, before any test runs: a reachable server adds the project; an unreachable
 * one leaves it out with a message, or stops the run when CI=true. Not probed when
 * --selectProjects leaves the project out anyway.
 */
function postgresE2eProject() {
  const argv = process.argv.join(' ');
  if (/--selectProjects/.test(argv) && !/e2e-postgres/.test(argv)) return [];
  const url = process.env.REGISTRY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const shown = redactPassword(url);
  const script =
    "const { Client } = require('pg');" +
    'const c = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 5000 });' +
    "c.connect().then(() => c.query('SELECT 1')).then(() => c.end())" +
    '.then(() => process.exit(0), (e) => { process.stderr.write(String((e && e.message) || e)); process.exit(1); });';
  const probe = require('node:child_process').spawnSync(process.execPath, ['-e', script], {
    cwd: __dirname,
    env: { ...process.env, PROBE_URL: url },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.status !== 0) {
    const why = (probe.stderr || '').trim() || (probe.error && probe.error.message) || `probe exited with ${probe.status}`;
    if (process.env.CI === 'true') {
      throw new Error(`e2e-postgres: PostgreSQL at ${shown} is unreachable (${why}); CI=true requires it (set REGISTRY_TEST_POSTGRES_URL)`);
    }
    process.stderr.write(`\ne2e-postgres SKIPPED: PostgreSQL at ${shown} is unreachable (${why}); set REGISTRY_TEST_POSTGRES_URL or start a server (CI=true makes this a failure)\n\n`);
    return [];
  }
  return [{ ...common, displayName: 'e2e-postgres', testMatch: e2eTestMatch, ...slowTier, setupFiles: ['<rootDir>/test/support/e2e-postgres.setup.js'] }];
}

function redactPassword(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/**
 * Two workers at least. jest's default is one less than the cores, which on a 2-core CI machine is
 * one worker, and jest then runs every file in band, one after another, in its own process: the
 * second core sat idle while a test waited for PostgreSQL, a child process or a timer. Every test
 * keeps to its own temporary directory, its own throw-away PostgreSQL database and an ephemeral
 * port (docs/testing.md "Run time"), so two files at a time share nothing. Bigger machines
 * keep jest's default; `--maxWorkers`/`-i` on the command line still override it.
 */
const maxWorkers = Math.max(2, (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) - 1);

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30_000,
  maxWorkers,
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], ...slowTier },
    { ...common, displayName: 'e2e', testMatch: e2eTestMatch, ...slowTier },
    ...postgresE2eProject(),
  ],
};
