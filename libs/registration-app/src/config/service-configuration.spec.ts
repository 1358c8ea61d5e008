import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './registry-config';
import { environmentWithConfigFile, loadServiceConfiguration, readConfigFile } from './service-configuration';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

describe('loadServiceConfiguration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'regs-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('defaults: the registry settings of loadRegistryConfig, log level info, 30 s shutdown, no file, no warnings', () => {
    const loaded = loadServiceConfiguration({}, '/srv');
    expect(loaded.registry.sqlitePath).toBe('/srv/data/registry.sqlite');
    expect(loaded.operations).toEqual({ logLevel: 'info', shutdownTimeoutMs: 30_000, configFile: null });
    expect(loaded.warnings).toEqual([]);
  });

  it('reads the log level and the shutdown grace period, and refuses bad ones naming variable, value and what is expected', () => {
    expect(loadServiceConfiguration({ REGISTRY_LOG_LEVEL: 'DEBUG', REGISTRY_SHUTDOWN_TIMEOUT_MS: '5000' }, '/srv').operations).toMatchObject({
      logLevel: 'debug',
      shutdownTimeoutMs: 5000,
    });
    expect(problemsOf(() => loadServiceConfiguration({ REGISTRY_LOG_LEVEL: 'loud', REGISTRY_SHUTDOWN_TIMEOUT_MS: '10', PORT: 'x' }, '/srv'))).toEqual([
      'PORT must be a whole number from 1 to 65535, got "x"',
      'REGISTRY_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'REGISTRY_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 600000, got "10"',
    ]);
  });

  it('reads a JSON file of settings; the environment overrides it; relative paths resolve against the working directory', () => {
    writeFileSync(join(dir, 'registry.json'), JSON.stringify({ PORT: 8080, REGISTRY_DAY_START: 'off', REGISTRY_LOG_LEVEL: 'warn' }));
    const loaded = loadServiceConfiguration({ REGISTRY_CONFIG_FILE: 'registry.json', REGISTRY_LOG_LEVEL: 'error' }, dir);
    expect(loaded.registry).toMatchObject({ port: 8080, dayStart: 'off' });
    expect(loaded.operations).toMatchObject({ logLevel: 'error', configFile: join(dir, 'registry.json') });
  });

  it('reads a .env file of settings', () => {
    writeFileSync(join(dir, 'registry.env'), '# the registry\nREGISTRY_STORE=postgres\nREGISTRY_POSTGRES_URL="postgres://registry:s3cret@db:5432/registry"\n');
    const loaded = loadServiceConfiguration({ REGISTRY_CONFIG_FILE: join(dir, 'registry.env') }, dir);
    expect(loaded.registry).toMatchObject({ store: 'postgres', postgresUrl: 'postgres://registry:s3cret@db:5432/registry', viewsStore: 'postgres' });
  });

  it("says which invalid settings came from the file, and never shows a URL's password", () => {
    writeFileSync(join(dir, 'registry.env'), 'REGISTRY_STORE=postgres\nREGISTRY_POSTGRES_URL=mysql://registry:s3cret@db/registry\nREGISTRY_DAY_START=sometimes\n');
    const problems = problemsOf(() => loadServiceConfiguration({ REGISTRY_CONFIG_FILE: join(dir, 'registry.env'), REGISTRY_DAY_START: 'never' }, dir));
    expect(problems).toEqual([
      `REGISTRY_POSTGRES_URL (set in ${join(dir, 'registry.env')}) must be a postgres:// or postgresql:// URL naming a host, got "mysql://registry:***@db/registry"`,
      'REGISTRY_DAY_START must be auto or off, got "never"',
    ]);
    expect(problems.join('\n')).not.toContain('s3cret');
  });

  it('refuses an unusable file, naming REGISTRY_CONFIG_FILE and the file', () => {
    const file = join(dir, 'registry.json');
    expect(problemsOf(() => loadServiceConfiguration({ REGISTRY_CONFIG_FILE: file }, dir))).toEqual([
      `REGISTRY_CONFIG_FILE "${file}": no such file (it must name a JSON or .env file of settings)`,
    ]);
    writeFileSync(file, '{"PORT": 80,');
    expect(problemsOf(() => readConfigFile(file))[0]).toMatch(/^REGISTRY_CONFIG_FILE ".*registry\.json": not valid JSON \(/);
    writeFileSync(file, '["PORT"]');
    expect(problemsOf(() => readConfigFile(file))).toEqual([`REGISTRY_CONFIG_FILE "${file}": must be a JSON object of settings ({"REGISTRY_STORE": "sqlite", …})`]);
    writeFileSync(file, JSON.stringify({ REGISTRY_WEBHOOK: { batchSize: 5 }, HOME: '/root' }));
    expect(problemsOf(() => readConfigFile(file))).toEqual([`REGISTRY_CONFIG_FILE "${file}": REGISTRY_WEBHOOK must be a string, number or boolean, got object`]);
    writeFileSync(file, JSON.stringify({ HOME: '/root', PORT: 1 }));
    expect(problemsOf(() => readConfigFile(file))).toEqual([`REGISTRY_CONFIG_FILE "${file}": HOME is not a registry setting (PORT or REGISTRY_*)`]);
  });

  it('warns about settings given but never read (misspelt, or irrelevant with these settings); test-harness variables are not settings', () => {
    writeFileSync(join(dir, 'r.env'), 'REGISTRY_LOGLEVEL=debug\n');
    const loaded = loadServiceConfiguration(
      { REGISTRY_CONFIG_FILE: join(dir, 'r.env'), REGISTRY_POSTGRES_URL: 'postgres://db/registry', REGISTRY_E2E_STORE: 'postgres', HOME: '/root' },
      dir,
    );
    expect(loaded.warnings).toEqual([
      `REGISTRY_LOGLEVEL is set (in ${join(dir, 'r.env')}) but not used by this configuration: misspelt, or not needed with these settings`,
      'REGISTRY_POSTGRES_URL is set but not used by this configuration: misspelt, or not needed with these settings',
    ]);
  });

  it('environmentWithConfigFile: without REGISTRY_CONFIG_FILE the environment as is', () => {
    const env = { PORT: '1' };
    expect(environmentWithConfigFile(env, dir)).toEqual({ env, configFile: null, fromFile: new Set() });
  });
});

/**
 * The README's configuration table cannot go stale: every variable the code reads (`env.NAME`,
 * `env['NAME']`, or a `'NAME'` string literal such as the webhook table's, in any non-test source
 * of apps/ and libs/) has a row, and every row names a variable the code reads.
 */
describe('README configuration table', () => {
  const VARIABLE = /^(PORT|REGISTRY_[A-Z0-9_]+)$/;

  function sourceFiles(folder: string): string[] {
    return readdirSync(folder).flatMap((name) => {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sourceFiles(full);
      return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [full] : [];
    });
  }

  function variablesReadByTheCode(): Set<string> {
    const names = new Set<string>();
    for (const file of [...sourceFiles(join(REPO_ROOT, 'apps')), ...sourceFiles(join(REPO_ROOT, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)) names.add(m[1] ?? m[2]!);
      // A whole string literal that is a variable name (not an injection token's description).
      for (const m of text.matchAll(/(Symbol\()?(['"`])([A-Z][A-Z0-9_]*)\2/g)) if (m[1] === undefined) names.add(m[3]!);
    }
    return new Set([...names].filter((name) => VARIABLE.test(name)));
  }

  function variablesInTheReadme(): Set<string> {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 5));
    const names = new Set<string>();
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const firstCell = line.split('|')[1]!;
      for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!);
    }
    return names;
  }

  it('lists every variable the code reads, and only those', () => {
    const read = variablesReadByTheCode();
    const documented = variablesInTheReadme();
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect([...documented].filter((name) => !read.has(name)).sort()).toEqual([]);
  });
});
