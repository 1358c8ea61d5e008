/** The phases of issue #9, in the order the report lists them. */
export const PHASES = ['W1', 'W2', 'R1', 'P1', 'Q1', 'F1', 'LIMIT'] as const;
export type Phase = (typeof PHASES)[number];

/** Which event store the run measures. */
export type BenchStore = 'sqlite' | 'postgres';

/**
 * Durability of every write of the run:
 * - `full`: SQLite WAL with `synchronous=FULL` (event store, and the view database's participant
 *   writes; the projector's batches commit at NORMAL, ADR 0022); PostgreSQL committed
 *   transactions with the server's `synchronous_commit` (on by default);
 * - `relaxed`: SQLite WAL with `synchronous=NORMAL`; PostgreSQL sessions with
 *   `synchronous_commit=off` (set per connection through the URL's `options`).
 */
export type Durability = 'full' | 'relaxed';

/** Everything a run is told; `npm run bench -- --help` lists the command-line forms. */
export interface BenchOptions {
  /** MPANs of generated traffic for W1 (about 10 messages each). */
  mpans: number;
  store: BenchStore;
  phases: Phase[];
  durability: Durability;
  /** Folder the JSON and Markdown reports are written to (created). */
  out: string;
  /** Seed of the traffic generator (same seed, same traffic). */
  seed: number;
  /** First MPAN creation day of the traffic (a fixed date, so a run does not depend on the day it runs). */
  trafficStartDate: string;
  /**
   * `true`: the app runs with the store's multi-stream append hidden, so each message is three
   * commits (receipt, MPAN events, outcome: the path of a store without `appendToStreams`, as
   * EventStoreDB); default `false`, one commit per message (ADR 0017). For comparison runs.
   */
  threeCommits: boolean;
  /** Messages in flight at once in W1 over HTTP (messages of one MPAN never overlap). */
  httpConcurrency: number;
  /**
   * Messages in flight at once in W1 in-process (messages of one MPAN never overlap; 1 = one at a
   * time, the sequential drive). With group commit, messages in flight share commits.
   */
  concurrency: number;
  /**
   * Group commit of the SQLite event store (`REGISTRY_GROUP_COMMIT`, ADR 0018) in every registry of
   * the run; default `true`. `false` for comparison runs.
   */
  groupCommit: boolean;
  /** Sequential changes to the one hot MPAN in W2. */
  w2Changes: number;
  /**
   * Time box of each long phase, seconds (0 = none): W1 in-process and W1 over HTTP stop sending
   * after it (HTTP never sends more messages than in-process did, so both cover the same prefix of
   * the traffic at most), P1 stops after the batch that crosses it, W2 stops sending changes. The
   * report says what each covered.
   */
  phaseSeconds: number;
  /** Size of the W2 windows compared (first and last). */
  w2Window: number;
  /** Q1 request rate (requests per second, open loop) and duration (seconds). */
  q1Rate: number;
  q1Seconds: number;
  /**
   * When Q1's reads are signed: `before` the timed reads (the default since round 3; see
   * docs/performance.md "Q1's requests are signed before they are timed"), or `on-path`, each when
   * it is sent, inside its timed span (the method of rounds 1 and 2, kept for paired comparisons;
   * reported under its own label).
   */
  q1Signing: 'before' | 'on-path';
  /** F1: accepted messages whose publication is waited for in the feed. */
  f1Samples: number;
  /** LIMIT: most seconds spent on the one-transaction-per-message raw writes (the rest of the log is not replayed). */
  limitSeconds: number;
  /** LIMIT: seconds of the write+fsync loop. */
  fsyncSeconds: number;
  /** Where the HTTP app runs: its own process (the default, like production) or inside the bench process (tests). */
  server: 'child' | 'inline';
  /**
   * Who keeps the views current while the HTTP server runs (W1 over HTTP, Q1, F1):
   * `in-process` (the default, as `npm start` with `REGISTRY_PROJECTOR=in-process`): the server's
   * own Node thread; `separate`: the server with `REGISTRY_PROJECTOR=off` and the real
   * `apps/registration-projector` in its own process on the same stores (a server deployment's topology).
   */
  projector: 'in-process' | 'separate';
  /**
   * W1 over HTTP: messages per `POST /dip-channel/{channel}` (1 = one a request, the default; k > 1:
   * up to k messages of different MPANs and one channel in one submission, the DIP's bulk pattern).
   */
  httpBatch: number;
  /**
   * Write a V8 CPU profile of each phase into this folder: `<phase>.cpuprofile` for the phases that
   * run in the bench process, `server-<phase>.cpuprofile` for the server's side of the HTTP phases
   * (child server only).
   */
  profileDir: string | null;
  /** PostgreSQL maintenance URL through which throw-away databases are created and dropped. */
  postgresUrl: string;
  /** Progress lines go here (stderr by default); `null` for silence. */
  log: ((line: string) => void) | null;
}

/** The defaults of issue #9 (`npm run bench` with no options). */
export function defaultOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  return {
    mpans: 10_000,
    store: 'sqlite',
    phases: [...PHASES],
    durability: 'full',
    out: 'bench/results',
    seed: 1,
    trafficStartDate: '2023-01-01',
    threeCommits: false,
    httpConcurrency: 8,
    concurrency: 8,
    groupCommit: true,
    w2Changes: 5000,
    phaseSeconds: 150,
    w2Window: 500,
    q1Rate: 500,
    q1Seconds: 10,
    q1Signing: 'before',
    f1Samples: 200,
    limitSeconds: 20,
    fsyncSeconds: 3,
    server: 'child',
    projector: 'in-process',
    httpBatch: 1,
    profileDir: null,
    postgresUrl: env.REGISTRY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

/**
 * Parses a comma-separated phase list (`W1,R1,P1`), case-insensitive, keeping the canonical order.
 * @throws RangeError naming an unknown phase or an empty list.
 */
export function parsePhases(raw: string): Phase[] {
  const asked = raw.split(',').map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
  const unknown = asked.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new RangeError(`unknown phase(s) ${unknown.join(', ')}; phases are ${PHASES.join(', ')}`);
  if (asked.length === 0) throw new RangeError(`no phase given; phases are ${PHASES.join(', ')}`);
  return PHASES.filter((p) => asked.includes(p));
}
