import { DEFAULT_REQUEST_LIMITS } from './request-limits';
import { ConfigError, DEFAULT_WEBHOOK_DELIVERY, describeEventStore, describeViewStore, loadRegistryConfig, redactConnectionStringPassword, redactUrlPassword } from './registry-config';

describe('loadRegistryConfig', () => {
  it('has documented defaults, with paths resolved against the working directory', () => {
    expect(loadRegistryConfig({}, '/srv/registry')).toEqual({
      port: 3000,
      store: 'sqlite',
      postgresUrl: '',
      eventstoreUrl: '',
      sqlitePath: '/srv/registry/data/registry.sqlite',
      sqliteSynchronous: 'NORMAL',
      groupCommit: true,
      referenceDataPath: '/srv/registry/reference-data/participants.json',
      registryDipId: '9000000002',
      dayStart: 'auto',
      appointmentLapseDays: 7,
      viewsStore: 'sqlite',
      viewsPostgresUrl: '',
      viewsSqlitePath: '/srv/registry/data/registry-views.sqlite',
      projector: 'in-process',
      viewWaitMaxMs: 10000,
      stateCacheSize: 10000,
      environmentTag: 'PRD',
      webhook: { batchSize: 100, retryBaseMs: 1000, retryMaxMs: 300000, parkAfter: 8, timeoutMs: 10000, pollMs: 500, allowPrivateNetworks: false },
      auth: { keyringPath: '/srv/registry/reference-data/participant-keys.json', maxSkewMs: 300000, production: false, publicOrigin: null },
      health: { readyMaxLagEvents: 10000, readyMaxLagSeconds: 60, timeoutMs: 3000 },
      limits: DEFAULT_REQUEST_LIMITS,
    });
    expect(loadRegistryConfig({}).webhook).toEqual(DEFAULT_WEBHOOK_DELIVERY);
  });

  it('reads every variable', () => {
    const config = loadRegistryConfig(
      {
        PORT: '8080',
        REGISTRY_SQLITE_PATH: '/var/lib/r.sqlite',
        REGISTRY_SQLITE_SYNCHRONOUS: 'full',
        REGISTRY_GROUP_COMMIT: 'OFF',
        REGISTRY_REFERENCE_DATA: 'ref.json',
        REGISTRY_DIP_ID: '1234567890',
        REGISTRY_DAY_START: 'off',
        REGISTRY_APPOINTMENT_LAPSE_DAYS: '10',
        REGISTRY_VIEWS_SQLITE_PATH: 'views/v.db',
        REGISTRY_PROJECTOR: 'OFF',
        REGISTRY_VIEW_WAIT_MAX_MS: '250',
        REGISTRY_STATE_CACHE_SIZE: '0',
        REGISTRY_ENVIRONMENT_TAG: 'DEV',
        REGISTRY_WEBHOOK_BATCH_SIZE: '5',
        REGISTRY_WEBHOOK_RETRY_BASE_MS: '20',
        REGISTRY_WEBHOOK_RETRY_MAX_MS: '200',
        REGISTRY_WEBHOOK_PARK_AFTER: '3',
        REGISTRY_WEBHOOK_TIMEOUT_MS: '2000',
        REGISTRY_WEBHOOK_POLL_MS: '10',
        REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'TRUE',
        REGISTRY_READY_MAX_LAG_EVENTS: '0',
        REGISTRY_READY_MAX_LAG_SECONDS: '5',
        REGISTRY_HEALTH_TIMEOUT_MS: '250',
      },
      '/srv',
    );
    expect(config).toEqual({
      port: 8080,
      store: 'sqlite',
      postgresUrl: '',
      eventstoreUrl: '',
      sqlitePath: '/var/lib/r.sqlite',
      sqliteSynchronous: 'FULL',
      groupCommit: false,
      referenceDataPath: '/srv/ref.json',
      registryDipId: '1234567890',
      dayStart: 'off',
      appointmentLapseDays: 10,
      viewsStore: 'sqlite',
      viewsPostgresUrl: '',
      viewsSqlitePath: '/srv/views/v.db',
      projector: 'off',
      viewWaitMaxMs: 250,
      stateCacheSize: 0,
      environmentTag: 'DEV',
      webhook: { batchSize: 5, retryBaseMs: 20, retryMaxMs: 200, parkAfter: 3, timeoutMs: 2000, pollMs: 10, allowPrivateNetworks: true },
      auth: { keyringPath: '/srv/reference-data/participant-keys.json', maxSkewMs: 300000, production: false, publicOrigin: null },
      health: { readyMaxLagEvents: 0, readyMaxLagSeconds: 5, timeoutMs: 250 },
      limits: DEFAULT_REQUEST_LIMITS,
    });
  });

  it('refuses readiness bounds out of range, naming each variable and its range', () => {
    expect(() =>
      loadRegistryConfig({ REGISTRY_READY_MAX_LAG_EVENTS: '100001', REGISTRY_READY_MAX_LAG_SECONDS: '-1', REGISTRY_HEALTH_TIMEOUT_MS: '99' }),
    ).toThrow(
      new ConfigError([
        'REGISTRY_READY_MAX_LAG_EVENTS must be a whole number of events from 0 to 100000, got "100001"',
        'REGISTRY_READY_MAX_LAG_SECONDS must be a whole number of seconds from 0 to 86400, got "-1"',
        'REGISTRY_HEALTH_TIMEOUT_MS must be a whole number of ms from 100 to 60000, got "99"',
      ]),
    );
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadRegistryConfig({
        PORT: '70000',
        REGISTRY_SQLITE_SYNCHRONOUS: 'off',
        REGISTRY_GROUP_COMMIT: 'sometimes',
        REGISTRY_DIP_ID: 'REGS',
        REGISTRY_APPOINTMENT_LAPSE_DAYS: '0',
        REGISTRY_VIEWS_SQLITE_PATH: ':memory:',
        REGISTRY_PROJECTOR: 'elsewhere',
        REGISTRY_VIEW_WAIT_MAX_MS: '60001',
        REGISTRY_STATE_CACHE_SIZE: '-1',
        REGISTRY_WEBHOOK_BATCH_SIZE: '0',
        REGISTRY_WEBHOOK_RETRY_BASE_MS: '1.5',
        REGISTRY_WEBHOOK_RETRY_MAX_MS: '86400001',
        REGISTRY_WEBHOOK_PARK_AFTER: 'eight',
        REGISTRY_WEBHOOK_TIMEOUT_MS: '',
        REGISTRY_WEBHOOK_POLL_MS: '60001',
        REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be a whole number from 1 to 65535, got "70000"',
      'REGISTRY_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "off"',
      'REGISTRY_GROUP_COMMIT must be on or off, got "sometimes"',
      'REGISTRY_DIP_ID must be a 10-digit DIP id, got "REGS"',
      'REGISTRY_APPOINTMENT_LAPSE_DAYS must be a whole number of days from 1 to 90, got "0"',
      'REGISTRY_VIEWS_SQLITE_PATH must name a file, got ":memory:"',
      'REGISTRY_PROJECTOR must be in-process or off, got "elsewhere"',
      'REGISTRY_VIEW_WAIT_MAX_MS must be a whole number of milliseconds from 0 to 60000, got "60001"',
      'REGISTRY_STATE_CACHE_SIZE must be a whole number of MPAN streams from 0 to 1000000, got "-1"',
      'REGISTRY_WEBHOOK_BATCH_SIZE must be a whole number of messages from 1 to 1000, got "0"',
      'REGISTRY_WEBHOOK_RETRY_BASE_MS must be a whole number of ms from 1 to 3600000, got "1.5"',
      'REGISTRY_WEBHOOK_RETRY_MAX_MS must be a whole number of ms from 1 to 86400000, got "86400001"',
      'REGISTRY_WEBHOOK_PARK_AFTER must be a whole number of failures from 1 to 100, got "eight"',
      'REGISTRY_WEBHOOK_TIMEOUT_MS must be a whole number of ms from 1 to 600000, got ""',
      'REGISTRY_WEBHOOK_POLL_MS must be a whole number of ms from 1 to 60000, got "60001"',
      'REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, got "yes"',
    ]);
    expect((error as ConfigError).message.split('\n')[0]).toBe('invalid configuration:');
  });

  it('refuses a webhook retry maximum below the base, with the other problems', () => {
    let error: unknown;
    try {
      loadRegistryConfig({ REGISTRY_WEBHOOK_RETRY_BASE_MS: '5000', REGISTRY_WEBHOOK_RETRY_MAX_MS: '1000', PORT: 'x' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'PORT must be a whole number from 1 to 65535, got "x"',
      'REGISTRY_WEBHOOK_RETRY_MAX_MS (1000) must not be below REGISTRY_WEBHOOK_RETRY_BASE_MS (5000)',
    ]);
  });

  it('needs REGISTRY_VIEWS_SQLITE_PATH when the event store is in memory', () => {
    expect(() => loadRegistryConfig({ REGISTRY_SQLITE_PATH: ':memory:' })).toThrow(
      /REGISTRY_VIEWS_SQLITE_PATH must be set when REGISTRY_SQLITE_PATH is :memory:/,
    );
  });

  describe('the event store (REGISTRY_STORE)', () => {
    const URL_WITH_PASSWORD = 'postgres://regs:s3cret@db.example:5432/registry';

    it('opens PostgreSQL with a URL; the views follow it into the same database', () => {
      const config = loadRegistryConfig({ REGISTRY_STORE: 'Postgres', REGISTRY_POSTGRES_URL: URL_WITH_PASSWORD }, '/srv');
      expect(config.store).toBe('postgres');
      expect(config.postgresUrl).toBe(URL_WITH_PASSWORD);
      expect(config).toMatchObject({ viewsStore: 'postgres', viewsPostgresUrl: URL_WITH_PASSWORD, viewsSqlitePath: '' });
      expect(describeEventStore(config)).toBe('PostgreSQL postgres://regs:***@db.example:5432/registry');
      expect(describeViewStore(config)).toBe('PostgreSQL postgres://regs:***@db.example:5432/registry');
    });

    it('keeps the views in SQLite with REGISTRY_VIEWS_STORE=sqlite (REGISTRY_VIEWS_SQLITE_PATH, or ./data/registry-views.sqlite), and accepts postgresql://', () => {
      const config = loadRegistryConfig(
        {
          REGISTRY_STORE: 'postgres',
          REGISTRY_POSTGRES_URL: 'postgresql://db/registry',
          REGISTRY_VIEWS_STORE: 'SQLite',
          REGISTRY_VIEWS_SQLITE_PATH: 'v/views.db',
          REGISTRY_SQLITE_PATH: ':memory:',
        },
        '/srv',
      );
      expect(config).toMatchObject({ viewsStore: 'sqlite', viewsPostgresUrl: '', viewsSqlitePath: '/srv/v/views.db' });
      expect(describeEventStore(config)).toBe('PostgreSQL postgresql://db/registry');
      expect(describeViewStore(config)).toBe('SQLite /srv/v/views.db');
      const byDefault = loadRegistryConfig({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: 'postgresql://db/registry', REGISTRY_VIEWS_STORE: 'sqlite' }, '/srv');
      expect(byDefault.viewsSqlitePath).toBe('/srv/data/registry-views.sqlite');
    });

    it('ignores REGISTRY_POSTGRES_URL with the default sqlite store', () => {
      const config = loadRegistryConfig({ REGISTRY_POSTGRES_URL: 'not a url' }, '/srv');
      expect(config.store).toBe('sqlite');
      expect(config.postgresUrl).toBe('');
      expect(describeEventStore(config)).toBe('SQLite /srv/data/registry.sqlite');
    });

    it('needs a URL with postgres', () => {
      for (const env of [{ REGISTRY_STORE: 'postgres' }, { REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: ' ' }]) {
        expect(() => loadRegistryConfig(env)).toThrow(/REGISTRY_POSTGRES_URL must be set when REGISTRY_STORE is postgres/);
      }
    });

    it.each(['mysql://u:pw@db/registry', 'db.example:5432', 'postgres://', 'postgres:///registry'])('refuses REGISTRY_POSTGRES_URL=%j', (url) => {
      expect(() => loadRegistryConfig({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: url })).toThrow(
        /REGISTRY_POSTGRES_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
      );
    });

    it('never shows the password of a refused URL', () => {
      let error: unknown;
      try {
        loadRegistryConfig({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: 'mysql://regs:s3cret@db/registry' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual(['REGISTRY_POSTGRES_URL must be a postgres:// or postgresql:// URL naming a host, got "mysql://regs:***@db/registry"']);
      expect((error as ConfigError).message).not.toContain('s3cret');
    });

    it('refuses an unknown store', () => {
      expect(() => loadRegistryConfig({ REGISTRY_STORE: 'mongodb' })).toThrow(/REGISTRY_STORE must be sqlite, postgres or eventstoredb, got "mongodb"/);
    });

    it('redacts only the password', () => {
      expect(redactUrlPassword('postgres://u:p@h:1/d?sslmode=require')).toBe('postgres://u:***@h:1/d?sslmode=require');
      expect(redactUrlPassword('postgres://u@h/d')).toBe('postgres://u@h/d');
      expect(redactUrlPassword('no url at all')).toBe('<unparseable URL>');
    });
  });

  describe('the view database (REGISTRY_VIEWS_STORE)', () => {
    const LOG_URL = 'postgres://regs:s3cret@db.example:5432/registry';
    const VIEWS_URL = 'postgres://views:v13ws@views.example:5432/views';

    it('puts the views in their own PostgreSQL database with REGISTRY_VIEWS_POSTGRES_URL', () => {
      const config = loadRegistryConfig({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: LOG_URL, REGISTRY_VIEWS_POSTGRES_URL: VIEWS_URL }, '/srv');
      expect(config).toMatchObject({ postgresUrl: LOG_URL, viewsStore: 'postgres', viewsPostgresUrl: VIEWS_URL, viewsSqlitePath: '' });
      expect(describeViewStore(config)).toBe('PostgreSQL postgres://views:***@views.example:5432/views');
    });

    it('puts the views on PostgreSQL beside a SQLite event store with REGISTRY_VIEWS_STORE=postgres and a URL', () => {
      const config = loadRegistryConfig({ REGISTRY_VIEWS_STORE: 'postgres', REGISTRY_VIEWS_POSTGRES_URL: VIEWS_URL }, '/srv');
      expect(config).toMatchObject({ store: 'sqlite', sqlitePath: '/srv/data/registry.sqlite', viewsStore: 'postgres', viewsPostgresUrl: VIEWS_URL, viewsSqlitePath: '' });
    });

    it('needs a URL for PostgreSQL views beside a SQLite event store', () => {
      expect(() => loadRegistryConfig({ REGISTRY_VIEWS_STORE: 'postgres' })).toThrow(
        /REGISTRY_VIEWS_POSTGRES_URL must be set when REGISTRY_VIEWS_STORE is postgres and the event store is not \(REGISTRY_STORE=sqlite\)/,
      );
    });

    it('refuses a setting the default would ignore, and says which variable decides', () => {
      const problems = (env: NodeJS.ProcessEnv) => {
        try {
          loadRegistryConfig(env);
        } catch (e) {
          return (e as ConfigError).problems;
        }
        return [];
      };
      expect(problems({ REGISTRY_VIEWS_POSTGRES_URL: VIEWS_URL })).toEqual([
        'REGISTRY_VIEWS_POSTGRES_URL is set but the views are in SQLite (they follow REGISTRY_STORE=sqlite): set REGISTRY_VIEWS_STORE=postgres to use it, or unset it',
      ]);
      expect(problems({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: LOG_URL, REGISTRY_VIEWS_SQLITE_PATH: '/srv/v.db' })).toEqual([
        'REGISTRY_VIEWS_SQLITE_PATH is set but the views are on PostgreSQL (they follow REGISTRY_STORE=postgres): set REGISTRY_VIEWS_STORE=sqlite to keep them in that file, or unset it',
      ]);
      // An explicit REGISTRY_VIEWS_STORE wins: the other dialect's setting is ignored.
      expect(problems({ REGISTRY_VIEWS_STORE: 'sqlite', REGISTRY_VIEWS_POSTGRES_URL: VIEWS_URL })).toEqual([]);
      expect(problems({ REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: LOG_URL, REGISTRY_VIEWS_STORE: 'postgres', REGISTRY_VIEWS_SQLITE_PATH: '/srv/v.db' })).toEqual([]);
    });

    it('refuses an unknown view store', () => {
      expect(() => loadRegistryConfig({ REGISTRY_VIEWS_STORE: 'mongo' })).toThrow(/REGISTRY_VIEWS_STORE must be sqlite or postgres, got "mongo"/);
    });

    it('never shows the password of a refused views URL', () => {
      let error: unknown;
      try {
        loadRegistryConfig({ REGISTRY_VIEWS_STORE: 'postgres', REGISTRY_VIEWS_POSTGRES_URL: 'mysql://views:v13ws@db/views' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual([
        'REGISTRY_VIEWS_POSTGRES_URL must be a postgres:// or postgresql:// URL naming a host, got "mysql://views:***@db/views"',
      ]);
      expect((error as ConfigError).message).not.toContain('v13ws');
    });

    it('does not need a views file when the event store is in memory and the views are on PostgreSQL', () => {
      const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: ':memory:', REGISTRY_VIEWS_STORE: 'postgres', REGISTRY_VIEWS_POSTGRES_URL: VIEWS_URL });
      expect(config).toMatchObject({ sqlitePath: ':memory:', viewsStore: 'postgres', viewsSqlitePath: '' });
    });
  });

  it.each(['abc', '0', '3000.5', '-1', ''])('refuses PORT=%j', (port) => {
    expect(() => loadRegistryConfig({ PORT: port })).toThrow(/PORT must be a whole number/);
  });

  describe('the EventStoreDB event store (REGISTRY_STORE=eventstoredb)', () => {
    it('takes the connection string from REGISTRY_EVENTSTORE_URL and shows it without its password', () => {
      const url = 'esdb://admin:changeit@esdb.example:2113?tlsVerifyCert=false';
      const config = loadRegistryConfig({ REGISTRY_STORE: 'EventStoreDB', REGISTRY_EVENTSTORE_URL: url, REGISTRY_POSTGRES_URL: 'ignored' }, '/srv');
      expect(config.store).toBe('eventstoredb');
      expect(config.eventstoreUrl).toBe(url);
      expect(config.postgresUrl).toBe('');
      expect(describeEventStore(config)).toBe('EventStoreDB esdb://admin:***@esdb.example:2113?tlsVerifyCert=false');
    });

    it('accepts insecure single nodes, clusters of several hosts and DNS discovery', () => {
      for (const url of ['esdb://127.0.0.1:2113?tls=false', 'esdb://n1:2113,n2:2113,n3:2113?nodePreference=leader', 'esdb+discover://cluster.example:2113']) {
        expect(loadRegistryConfig({ REGISTRY_STORE: 'eventstoredb', REGISTRY_EVENTSTORE_URL: url }).eventstoreUrl).toBe(url);
      }
    });

    it('keeps the views in SQLite beside the configured path by default', () => {
      const config = loadRegistryConfig({ REGISTRY_STORE: 'eventstoredb', REGISTRY_EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' }, '/srv');
      expect(config.viewsSqlitePath).toBe('/srv/data/registry-views.sqlite');
    });

    it('needs a connection string, and refuses anything but esdb:// or esdb+discover:// without showing its password', () => {
      expect(() => loadRegistryConfig({ REGISTRY_STORE: 'eventstoredb' })).toThrow(/REGISTRY_EVENTSTORE_URL must be set when REGISTRY_STORE is eventstoredb/);
      let error: unknown;
      try {
        loadRegistryConfig({ REGISTRY_STORE: 'eventstoredb', REGISTRY_EVENTSTORE_URL: 'tcp://admin:changeit@esdb:1113' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual([
        'REGISTRY_EVENTSTORE_URL must be an esdb:// or esdb+discover:// connection string naming a host, got "tcp://admin:***@esdb:1113"',
      ]);
      expect(() => loadRegistryConfig({ REGISTRY_STORE: 'eventstoredb', REGISTRY_EVENTSTORE_URL: 'esdb://' })).toThrow(/naming a host/);
    });

    it('redacts connection strings that are no parseable URL', () => {
      expect(redactConnectionStringPassword('esdb://admin:changeit@n1:2113,n2:2113')).toBe('esdb://admin:***@n1:2113,n2:2113');
      expect(redactConnectionStringPassword('esdb://n1:2113,n2:2113?tls=false')).toBe('esdb://n1:2113,n2:2113?tls=false');
    });
  });

  describe('DIP authentication (REGISTRY_DIP_KEYRING, REGISTRY_DIP_MAX_SKEW_MS, REGISTRY_PRODUCTION, REGISTRY_PUBLIC_ORIGIN)', () => {
    it('reads the keyring path (resolved), the skew window, production mode and the public origin', () => {
      const config = loadRegistryConfig(
        { REGISTRY_DIP_KEYRING: 'keys/ring.json', REGISTRY_DIP_MAX_SKEW_MS: '60000', REGISTRY_PRODUCTION: 'TRUE', REGISTRY_PUBLIC_ORIGIN: 'https://Registry.example.org:8443/' },
        '/srv/registry',
      );
      expect(config.auth).toEqual({ keyringPath: '/srv/registry/keys/ring.json', maxSkewMs: 60000, production: true, publicOrigin: 'https://registry.example.org:8443' });
    });

    it('lists every invalid setting', () => {
      let error: unknown;
      try {
        loadRegistryConfig({ REGISTRY_DIP_KEYRING: ' ', REGISTRY_DIP_MAX_SKEW_MS: '999', REGISTRY_PRODUCTION: 'yes', REGISTRY_PUBLIC_ORIGIN: 'https://registry.example.org/dip' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual([
        'REGISTRY_DIP_KEYRING must name the keyring file (JSON; docs/security.md)',
        'REGISTRY_DIP_MAX_SKEW_MS must be a whole number of milliseconds from 1000 to 3600000, got "999"',
        'REGISTRY_PRODUCTION must be true or false, got "yes"',
        'REGISTRY_PUBLIC_ORIGIN must be an origin such as https://registry.example.org (scheme, host, optional port; no path, query or credentials), got "https://registry.example.org/dip"',
      ]);
    });

    it.each(['ftp://registry.example.org', 'https://user:pw@registry.example.org', 'registry.example.org', 'https://registry.example.org?x=1'])('refuses %s as a public origin', (origin) => {
      expect(() => loadRegistryConfig({ REGISTRY_PUBLIC_ORIGIN: origin })).toThrow(/REGISTRY_PUBLIC_ORIGIN must be an origin/);
    });
  });
});
