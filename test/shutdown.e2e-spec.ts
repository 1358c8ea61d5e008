import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedHeadersFor } from '@app/dip-auth';
import { DipMessageJson, mpanCreationMessage } from '@app/dip-wire/testing/fixtures';
import { EventStore, PostgresEventStore, readLogPages, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { createThrowawayPostgresDatabase, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { messageStreamName } from '@app/registration-app';
import { e2eStore, REPO_ROOT } from './support/app';
import { Acknowledgement, message, mpanCore, s1Of } from './support/dip';

/**
 * Clean shutdown (issue #10 item 7; docs/operations.md "Clean shutdown"), against the service as a
 * REAL child process started the way `npm start` starts it (apps/registration-api/src/main.ts →
 * serveApi; run from the sources through test/support/register-ts.js instead of a build), on a
 * SQLite file (project e2e) or a throw-away PostgreSQL database (project e2e-postgres).
 *
 * Four clients post signed submissions of 10 MPAN creations each, one after another; the service
 * gets SIGTERM after a few answers, with submissions in flight. Then: (a) every message that got a
 * success answer has its outcome in the log; (b) the process exited with code 0 after logging a
 * clean stop; (c) after a restart, sending every submission again completes the set: the
 * messages answered before come back as duplicates, and the log holds each message (receipt,
 * outcome, MPAN creation) exactly once.
 *
 * How many submissions the server itself has in flight when the signal is handled depends on the
 * store: on PostgreSQL (network round trips) usually several; on SQLite (synchronous calls) often
 * none, the signal being handled between requests. That part is pinned down deterministically by
 * apps/registration-api/src/shutdown/graceful-shutdown.int-spec.ts.
 */

const CHANNEL = 'REGS-LDSO';
const LDSO = '3000000019';
const SUBMISSIONS = 24;
const PER_SUBMISSION = 10;
const CLIENTS = 4;
/** SIGTERM once this many submissions have been answered. */
const SIGTERM_AFTER = 5;

interface Service {
  child: ChildProcess;
  baseUrl: string;
  /** Every log line (parsed JSON) the child wrote to stdout. */
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir: string;
let database: ThrowawayPostgresDatabase | undefined;
let env: Record<string, string>;
const started: Service[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regs-shutdown-'));
  database = e2eStore() === 'postgres' ? await createThrowawayPostgresDatabase('regs_shutdown_') : undefined;
  env = {
    ...(database ? { REGISTRY_STORE: 'postgres', REGISTRY_POSTGRES_URL: database.url } : { REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite') }),
    REGISTRY_REFERENCE_DATA: join(REPO_ROOT, 'reference-data', 'participants.json'),
    REGISTRY_DIP_KEYRING: join(REPO_ROOT, 'reference-data', 'participant-keys.json'),
    REGISTRY_LOG_LEVEL: 'info',
    REGISTRY_SHUTDOWN_TIMEOUT_MS: '60000',
  };
});

afterAll(async () => {
  for (const service of started) if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `node -r register-ts apps/registration-api/src/main.ts` and resolves once it listens. */
async function startService(): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'test', 'support', 'register-ts.js'), join(REPO_ROOT, 'apps', 'registration-api', 'src', 'main.ts')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: Service = {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    logs: [],
    stderr: [],
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  started.push(service);
  let buffered = '';
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        service.logs.push(parsed);
        if (typeof parsed.msg === 'string' && parsed.msg.startsWith('Registration Service listening')) resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => service.stderr.push(chunk.toString('utf8')));
    void service.exited.then(({ code }) => reject(new Error(`the service exited (code ${code}) before listening: ${service.stderr.join('')}`)));
  });
  await listening;
  return service;
}

/** Posts one submission, signed by the LDSO; `null` when the service refused or dropped it (no success answer). */
async function post(service: Service, submission: DipMessageJson[]): Promise<Acknowledgement | null> {
  const url = `/dip-channel/${CHANNEL}`;
  const body = JSON.stringify(submission);
  try {
    const response = await fetch(`${service.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signedHeadersFor(LDSO, { method: 'POST', url, body }) },
      body,
    });
    const text = await response.text();
    if (response.status !== 201) return null;
    return JSON.parse(text) as Acknowledgement;
  } catch {
    return null; // connection refused or closed: no answer
  }
}

async function openLog(): Promise<EventStore> {
  return database ? PostgresEventStore.open({ connectionString: database.url }) : SqliteEventStore.open({ path: env.REGISTRY_SQLITE_PATH! });
}

async function wholeLog(): Promise<RecordedEvent[]> {
  const store = await openLog();
  try {
    const events: RecordedEvent[] = [];
    for await (const page of readLogPages(store)) events.push(...page);
    return events;
  } finally {
    await store.close();
  }
}

const keyOf = (m: DipMessageJson) => messageStreamName(LDSO, s1Of(m).senderUniqueReference);

describe('clean shutdown of the service process', () => {
  const submissions: DipMessageJson[][] = Array.from({ length: SUBMISSIONS }, (_, s) =>
    Array.from({ length: PER_SUBMISSION }, (_, i) => message(mpanCreationMessage, { mpanCore: mpanCore('19', 8_800_000 + s * PER_SUBMISSION + i) })),
  );
  const answered = new Map<string, { responseCode: string }>();

  it('SIGTERM mid-load: every answered message is in the log, and the process exits 0', async () => {
    const service = await startService();
    let next = 0;
    let answers = 0;
    let signalled = false;
    const client = async () => {
      while (next < submissions.length) {
        const submission = submissions[next++]!;
        const ack = await post(service, submission);
        if (ack === null) continue;
        ack.messageArray.forEach((entry, i) => {
          expect(entry.outcome).not.toBeNull();
          answered.set(keyOf(submission[i]!), { responseCode: entry.outcome!.responseCode });
        });
        answers += 1;
        if (answers === SIGTERM_AFTER && !signalled) {
          signalled = true;
          service.child.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const exit = await service.exited;

    // (b) a clean exit, after the steps of a clean stop.
    expect(service.stderr.join('')).toBe('');
    expect(exit).toEqual({ code: 0, signal: null });
    const shutdownLines = service.logs.filter((l) => l.context === 'Shutdown').map((l) => String(l.msg));
    expect(shutdownLines[0]).toMatch(/^SIGTERM: shutting down — no new requests; finishing \d+ in flight/);
    expect(shutdownLines).toEqual(expect.arrayContaining([expect.stringMatching(/^views flushed to log position \d+$/), expect.stringMatching(/^stopped cleanly in \d+ ms$/)]));
    // The load was cut short: some submissions got no answer.
    expect(answered.size).toBeGreaterThanOrEqual(SIGTERM_AFTER * PER_SUBMISSION);
    expect(answered.size).toBeLessThan(SUBMISSIONS * PER_SUBMISSION);

    // (a) every answered message has its receipt and its outcome in the log.
    const log = await wholeLog();
    const outcomes = new Map(log.filter((e) => e.type === 'InboundMessageAccepted' || e.type === 'InboundMessageRejected').map((e) => [e.streamName, e]));
    for (const [key, { responseCode }] of answered) {
      expect(outcomes.get(key)?.type).toBe(responseCode === 'A' ? 'InboundMessageAccepted' : 'InboundMessageRejected');
    }
  });

  it('sending every submission again after a restart completes the set, with no duplicates in the log', async () => {
    expect(answered.size).toBeGreaterThan(0);
    const service = await startService();
    let next = 0;
    const client = async () => {
      while (next < submissions.length) {
        const submission = submissions[next++]!;
        const ack = await post(service, submission);
        expect(ack).not.toBeNull();
        ack!.messageArray.forEach((entry, i) => {
          const before = answered.get(keyOf(submission[i]!));
          // What was answered before is answered again, as a duplicate with the same outcome.
          if (before) expect(entry.outcome).toMatchObject({ duplicate: true, responseCode: before.responseCode });
        });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });

    const log = await wholeLog();
    const count = (type: string) => {
      const byStream = new Map<string, number>();
      for (const e of log.filter((x) => x.type === type)) byStream.set(e.streamName, (byStream.get(e.streamName) ?? 0) + 1);
      return byStream;
    };
    const receipts = count('InboundMessageReceived');
    const accepted = count('InboundMessageAccepted');
    const rejected = count('InboundMessageRejected');
    const created = count('MpanCreated');
    for (const submission of submissions) {
      for (const m of submission) {
        const key = keyOf(m);
        expect(receipts.get(key)).toBe(1);
        expect((accepted.get(key) ?? 0) + (rejected.get(key) ?? 0)).toBe(1);
        if (accepted.has(key)) expect(created.get(`mpan-${(m.payload.CommonBlock.M0 as { MPANCore: string }).MPANCore}`)).toBe(1);
      }
    }
    expect([...created.values()].every((n) => n === 1)).toBe(true);
    expect(accepted.size).toBeGreaterThan(0);
  });
});
