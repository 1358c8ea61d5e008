import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { addressChgMessage, DipMessageJson, duosTariffIdChgMessage, mpanCreationMessage } from '@app/dip-wire/testing/fixtures';
import { PostgresEventStore, RecordedEvent } from '@app/event-store';
import { createThrowawayPostgresDatabase, describeWithPostgres, ThrowawayPostgresDatabase } from '@app/event-store/testing';
import { FixedClock, loadRegistryConfig } from '@app/registration-app';
import { createApiApp } from '../apps/registration-api/src/bootstrap';
import { PINNED_NOW, REPO_ROOT } from './support/app';
import { AckEntry, message, mpanCore, post, s1Of, withValues } from './support/dip';
import { signingAgent } from './support/signing';

/**
 * Two instances of the real HTTP app on ONE PostgreSQL event store (issue #7): concurrent writers
 * on both, on the same MPANs, lose nothing. Each instance keeps its own views (a SQLite file,
 * projected in-process); only the shared log matters here.
 *
 * 20 MPANs, each created on one instance, then 6 changes per MPAN (five DUoS tariff changes with
 * different effective dates and an address change: each valid in any order) split across the two
 * instances and all sent at once; one change per MPAN is sent to BOTH instances at the same moment
 * (a racing resend). Both instances' command loops meet each other's appends as revision conflicts
 * and retry. Integration tier (not e2e): it runs once, and needs PostgreSQL in every run.
 */
const MPANS = 20;
const LDSO = 'REGS-LDSO';

interface Instance {
  app: INestApplication;
  http: request.Agent;
}

interface Sent {
  msg: DipMessageJson;
  /** `<senderDIPID>:<senderUniqueReference>`: the idempotency key, `messageKey` in event metadata. */
  key: string;
  /** The instance it was (first) sent to. */
  to: 0 | 1;
  /** The acknowledgement entries received for it (two for a racing resend). */
  entries: AckEntry[];
}

function keyOf(msg: DipMessageJson): string {
  const s1 = s1Of(msg);
  return `${s1.senderDIPID}:${s1.senderUniqueReference}`;
}

function duosChange(core: string, tariff: string, effectiveFrom: string): DipMessageJson {
  return withValues(message(duosTariffIdChgMessage, { mpanCore: core }), {
    'payload.CustomBlock.B024.DUOSTariffID': tariff,
    'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': effectiveFrom,
  });
}

/** Posts one message; returns its acknowledgement entry (201, or 207 when the store gave up on it). */
async function postOne(instance: Instance, msg: DipMessageJson): Promise<AckEntry> {
  const res = await post(instance.http, LDSO, [msg]);
  if (res.status !== 201 && res.status !== 207) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { messageArray: AckEntry[] }).messageArray[0]!;
}

/**
 * Sends `sent` to its instance until it is processed (an answer `MSG5003` means the store gave up,
 * e.g. too many conflicts in a row: a real client resends it unchanged). At most 5 tries.
 */
async function deliver(instances: Instance[], sent: Sent, racing: boolean): Promise<void> {
  const first = racing ? await Promise.all(instances.map((i) => postOne(i, sent.msg))) : [await postOne(instances[sent.to]!, sent.msg)];
  sent.entries.push(...first);
  for (let attempt = 0; attempt < 5 && !sent.entries.some((e) => e.outcome !== null); attempt++) {
    sent.entries.push(await postOne(instances[sent.to]!, sent.msg));
  }
}

describeWithPostgres('two API instances on one PostgreSQL event store', (maintenanceUrl) => {
  let database: ThrowawayPostgresDatabase;
  let dir: string;
  const instances: Instance[] = [];
  let log: RecordedEvent[];
  const creations: Sent[] = [];
  const changes: Sent[] = [];

  beforeAll(async () => {
    database = await createThrowawayPostgresDatabase('regs_two_', maintenanceUrl);
    dir = mkdtempSync(join(tmpdir(), 'regs-two-instances-'));
    // Started at once: both migrate the new database (serialised by the migration lock).
    const apps = await Promise.all(
      [0, 1].map(async (i) => {
        const config = loadRegistryConfig(
          {
            REGISTRY_STORE: 'postgres',
            REGISTRY_POSTGRES_URL: database.url,
            // One projector per view database (ADR 0006): each instance keeps its own views file.
            REGISTRY_VIEWS_STORE: 'sqlite',
            REGISTRY_VIEWS_SQLITE_PATH: join(dir, `views-${i}.sqlite`),
            REGISTRY_DAY_START: 'off',
          },
          REPO_ROOT,
        );
        const app = await createApiApp(config, { clock: new FixedClock(PINNED_NOW) }, { logger: false });
        await app.listen(0, '127.0.0.1');
        return app;
      }),
    );
    // Each request signed as the party it implies (the messages' sender …), dated by the pinned clock.
    for (const app of apps) instances.push({ app, http: signingAgent(app.getHttpServer() as Server, 'infer', () => PINNED_NOW, { operatorDipId: '9000000002' }) });

    const cores = Array.from({ length: MPANS }, (_, i) => mpanCore('19', 900 + i));
    creations.push(...cores.map((core, i): Sent => {
      const msg = message(mpanCreationMessage, { mpanCore: core });
      return { msg, key: keyOf(msg), to: (i % 2) as 0 | 1, entries: [] };
    }));
    await Promise.all(creations.map((sent) => deliver(instances, sent, false)));

    cores.forEach((core, i) => {
      const messages = [
        ...Array.from({ length: 5 }, (_, d) => duosChange(core, String(810 + d), `2025-07-${String(d + 1).padStart(2, '0')}T00:00:00+01:00`)),
        message(addressChgMessage, { mpanCore: core }),
      ];
      messages.forEach((msg, m) => changes.push({ msg, key: keyOf(msg), to: ((i + m) % 2) as 0 | 1, entries: [] }));
    });
    // Everything in flight at once; the first change of each MPAN goes to both instances together.
    await Promise.all(changes.map((sent, n) => deliver(instances, sent, n % 6 === 0)));

    const reader = await PostgresEventStore.open({ connectionString: database.url });
    try {
      log = [];
      for (let page = await reader.readAll({ maxCount: 1000 }); page.length > 0; page = await reader.readAll({ after: page[page.length - 1]!.position, maxCount: 1000 })) {
        log.push(...page);
      }
    } finally {
      await reader.close();
    }
  }, 600_000);

  afterAll(async () => {
    for (const { app } of instances) await app.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every message with an outcome, and accepts every change (each is valid in any order)', () => {
    for (const sent of [...creations, ...changes]) {
      const answered = sent.entries.filter((e) => e.outcome !== null);
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.map((e) => e.outcome!.responseCode)).toEqual(answered.map(() => 'A'));
      // All answers of one message (a racing resend, a retry after MSG5003) tell the same outcome.
      expect(new Set(answered.map((e) => e.outcome!.position)).size).toBe(1);
      expect(answered.filter((e) => !e.outcome!.duplicate)).toHaveLength(1);
    }
  });

  it("records each message's receipt and outcome exactly once, and its MPAN events exactly once", () => {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of log) byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e]);
    for (const sent of [...creations, ...changes]) {
      const [dipId, reference] = sent.key.split(':');
      const own = byStream.get(`message-${dipId}-${reference}`) ?? [];
      expect(own.map((e) => e.type)).toEqual(['InboundMessageReceived', 'InboundMessageAccepted']);
      const outcome = own[1]!.data as { eventTypes: string[]; positions: string[]; streamName: string };
      const applied = (byStream.get(outcome.streamName) ?? []).filter((e) => e.metadata.messageKey === sent.key);
      expect(applied.map((e) => e.type)).toEqual(outcome.eventTypes);
      expect(applied.map((e) => e.position.toString())).toEqual(outcome.positions);
      const answered = sent.entries.find((e) => e.outcome !== null)!;
      expect(answered.outcome!.position).toBe(outcome.positions[outcome.positions.length - 1]);
    }
    expect(byStream.size).toBe(MPANS + creations.length + changes.length);
  });

  it('keeps every stream gapless (revisions 0..n-1) and the global positions 1..N strictly increasing', () => {
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => BigInt(i + 1)));
    const revisions = new Map<string, bigint[]>();
    for (const e of log) revisions.set(e.streamName, [...(revisions.get(e.streamName) ?? []), e.revision]);
    for (const [, seen] of revisions) expect(seen).toEqual(seen.map((_, i) => BigInt(i)));
    const mpanStreams = [...revisions.keys()].filter((s) => s.startsWith('mpan-'));
    expect(mpanStreams).toHaveLength(MPANS);
    // Creation (2 events) and six changes with their publications (2 each): 14 events per MPAN.
    for (const stream of mpanStreams) expect(revisions.get(stream)).toHaveLength(14);
  });

  it('answers every message resent to the other instance as a duplicate with its original outcome, appending nothing', async () => {
    const head = log[log.length - 1]!.position.toString();
    const resent = [...creations, ...changes];
    const answers = await Promise.all(resent.map((sent) => postOne(instances[1 - sent.to]!, sent.msg)));
    answers.forEach((entry, i) => {
      const original = resent[i]!.entries.find((e) => e.outcome !== null)!;
      expect(entry.outcome).toMatchObject({ duplicate: true, responseCode: 'A', position: original.outcome!.position, streamRevision: original.outcome!.streamRevision });
    });
    const reader = await PostgresEventStore.open({ connectionString: database.url });
    try {
      expect((await reader.headPosition()).toString()).toBe(head);
    } finally {
      await reader.close();
    }
  });
});
