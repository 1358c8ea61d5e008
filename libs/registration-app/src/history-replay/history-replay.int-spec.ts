import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic } from '@app/dip-wire';
import { EVENT_STORE, EventStore, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { ReferenceData } from '@app/registration-domain';
import { FixedClock } from '../clock/clock';
import { loadRegistryConfig } from '../config/registry-config';
import { InvalidMpanCoreError, MpanNotFoundError } from '../queries/mpan-query.service';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { RegistrationAppModule } from '../registration-app.module';
import { TrafficLoader } from '../traffic/traffic-loader';
import { eventEffectiveDate } from './entitlement';
import { HistoryAccessDeniedError, HistoryReplayService, UnknownParticipantError } from './history-replay.service';

/**
 * History replay (issue #6 item 5) over a real SQLite event store filled by the registry's own
 * intake with generated traffic: for every MPAN and every party it has (LDSO, suppliers, proposed
 * providers) the replay equals the rule applied, independently, to the whole stream; starting
 * points by revision and by position; the stream is read page by page as the lines are consumed.
 */
const REPO_ROOT = resolve(__dirname, '../../../..');
let dir: string;
let app: INestApplicationContext;
let store: EventStore;
let ref: ReferenceData;
let streams: Map<string, RecordedEvent[]>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regs-history-replay-int-'));
  const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off' }, REPO_ROOT);
  app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock: new FixedClock('2025-01-01T00:00:00Z') }), { logger: false });
  const loader = app.get(TrafficLoader);
  const replay = { replayClock: true, notAfter: '2026-06-30T12:00:00Z' };
  for (const line of generateTraffic({ mpans: 50, seed: 5, startDate: '2025-03-01' })) await loader.load({ channel: line.channel, message: line.message }, replay);
  await loader.finish(replay);
  store = app.get<EventStore>(EVENT_STORE);
  ref = app.get<ReferenceData>(REFERENCE_DATA);
  streams = new Map();
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 5000, streamPrefix: 'mpan-' });
    if (page.length === 0) break;
    for (const e of page) streams.set(e.streamName, [...(streams.get(e.streamName) ?? []), e]);
    after = page.at(-1)!.position;
  }
}, 600_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rule of docs/audit.md applied to a whole stream at once: the revisions participant `p` may see, or `null` (403). */
function expectedRevisions(core: string, events: RecordedEvent[], p: string): string[] | null {
  const isLdso = ref.distributor(core.slice(0, 2))?.ldsoDipId === p;
  const firstSup = events.find((e) => e.type === 'SupplierRegistered' && e.data.supplierDipId === p)?.revision;
  const firstProvider = events.find((e) => e.type === 'ServiceAppointmentRequested' && e.data.providerDipId === p)?.revision;
  const starts = [isLdso ? 0n : undefined, firstSup, firstProvider].filter((x): x is bigint => x !== undefined);
  if (starts.length === 0) return null;
  const from = starts.reduce((a, b) => (b < a ? b : a));
  // Supply periods straight from the registrations: each runs to the day before the next supplier's start.
  const registrations = events.filter((e) => e.type === 'SupplierRegistered').map((e) => ({ dip: String(e.data.supplierDipId), start: String(e.data.supplyStartDate) }));
  const starts2 = [...new Map(registrations.map((x) => [x.start, x])).values()].sort((a, b) => (a.start < b.start ? -1 : 1));
  const mine = starts2.flatMap((x, i) => (x.dip === p ? [{ from: x.start, before: starts2[i + 1]?.start ?? '9999-12-31' }] : []));
  return events
    .filter((e) => {
      if (e.type === 'PublicationIssued') return (e.data.recipients as Array<{ dipId: string }>).some((x) => x.dipId === p);
      if (e.revision >= from) return true;
      if (firstSup === undefined) return false;
      const day = eventEffectiveDate(e.type, e.data);
      return day !== null && mine.some((m) => m.from <= day && day < m.before);
    })
    .map((e) => e.revision.toString());
}

async function replayed(service: HistoryReplayService, core: string, p: string, from = {}): Promise<string[]> {
  const replay = await service.open(core, p, from);
  const out: string[] = [];
  for await (const line of replay.lines()) out.push(line.revision);
  return out;
}

describe('HistoryReplayService', () => {
  it('replays, for every MPAN and every party to it, exactly what the rule lets it see; everyone else is refused', async () => {
    const service = new HistoryReplayService(store, ref, 7);
    let replays = 0;
    let refusals = 0;
    for (const [stream, events] of streams) {
      const core = stream.slice('mpan-'.length);
      const parties = new Set<string>([ref.distributor(core.slice(0, 2))!.ldsoDipId, '9000000003', '1000000005']);
      for (const e of events) {
        if (e.type === 'SupplierRegistered') parties.add(String(e.data.supplierDipId));
        if (e.type === 'ServiceAppointmentRequested') parties.add(String(e.data.providerDipId));
      }
      for (const p of parties) {
        const expected = expectedRevisions(core, events, p);
        if (expected === null) {
          await expect(service.open(core, p)).rejects.toBeInstanceOf(HistoryAccessDeniedError);
          refusals += 1;
        } else {
          expect({ core, p, revisions: await replayed(service, core, p) }).toEqual({ core, p, revisions: expected });
          replays += 1;
        }
      }
    }
    expect(streams.size).toBeGreaterThan(40);
    expect(replays).toBeGreaterThan(200);
    expect(refusals).toBeGreaterThan(40);
  });

  it('starts at a revision, or at the first event at or after a position (the MPAN’s own or any other), both inclusive', async () => {
    const service = new HistoryReplayService(store, ref, 4);
    const [stream, events] = [...streams].find(([, e]) => e.length > 30)!;
    const core = stream.slice('mpan-'.length);
    const ldso = ref.distributor(core.slice(0, 2))!.ldsoDipId;
    const all = expectedRevisions(core, events, ldso)!;
    const at = (rev: bigint) => all.filter((r) => BigInt(r) >= rev);
    expect(await replayed(service, core, ldso, { fromRevision: 10n })).toEqual(at(10n));
    const e10 = events[10]!;
    expect(await replayed(service, core, ldso, { fromPosition: e10.position })).toEqual(at(10n));
    // A position between two of the MPAN's events starts at the next one.
    expect(await replayed(service, core, ldso, { fromPosition: e10.position + 1n })).toEqual(at(events.find((e) => e.position > e10.position)!.revision));
    expect(await replayed(service, core, ldso, { fromPosition: 0n })).toEqual(all);
    expect(await replayed(service, core, ldso, { fromPosition: events.at(-1)!.position + 1n })).toEqual([]);
    expect(await replayed(service, core, ldso, { fromRevision: BigInt(events.length) })).toEqual([]);
  });

  it('reads the stream page by page while the lines are consumed, and stops at the revision it had when opened', async () => {
    const counting = new CountingStore(store);
    const service = new HistoryReplayService(counting, ref, 5);
    const [stream, events] = [...streams].sort(([, a], [, b]) => b.length - a.length)[0]!;
    const core = stream.slice('mpan-'.length);
    const ldso = ref.distributor(core.slice(0, 2))!.ldsoDipId;
    const replay = await service.open(core, ldso);
    const afterOpen = counting.streamReads;
    const lines = replay.lines();
    const first = await lines.next();
    expect(first.value).toMatchObject({ revision: '0', type: 'MpanCreated', position: events[0]!.position.toString(), recordedAt: events[0]!.recordedAt });
    expect(counting.streamReads - afterOpen).toBe(1); // one page of 5, not the whole stream
    // A new event after opening is not part of this replay.
    await store.appendToStream(stream, replay.throughRevision, [{ type: 'GspGroupChanged', data: { mpanCore: core, gspGroupId: '_A', effectiveFromDate: '2026-07-01' }, metadata: { schemaVersion: 1, eventId: 'x', correlationId: 'c', causationId: 'c' } }]);
    let count = 1;
    for await (const line of lines) {
      expect(BigInt(line.revision) <= replay.throughRevision).toBe(true);
      count += 1;
    }
    expect(count).toBe(events.filter((e) => e.type !== 'PublicationIssued' || (e.data.recipients as Array<{ dipId: string }>).some((x) => x.dipId === ldso)).length);
    expect(counting.streamReads - afterOpen).toBe(Math.ceil(events.length / 5));
  });

  it('refuses a malformed core, an unknown participant, an unknown MPAN and a participant with no role on it, each with its own error', async () => {
    const service = new HistoryReplayService(store, ref);
    const core = [...streams.keys()][0]!.slice('mpan-'.length);
    await expect(service.open('1234', '3000000010')).rejects.toBeInstanceOf(InvalidMpanCoreError);
    await expect(service.open(core, '1999999999')).rejects.toThrow(UnknownParticipantError);
    await expect(service.open('1900000999990', '3000000019')).rejects.toThrow(/fails the check digit/);
    await expect(service.open('1900000999995', '3000000019')).rejects.toBeInstanceOf(MpanNotFoundError);
    await expect(service.open(core, '9000000003')).rejects.toThrow(/participant 9000000003 may not replay the history of MPAN/);
  });
});

/** The real store, counting `readStream` calls (a pass-through, not a fake). */
class CountingStore implements EventStore {
  streamReads = 0;
  constructor(private readonly inner: EventStore) {}
  appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    return this.inner.appendToStream(...args);
  }
  readStream(name: string, options?: ReadStreamOptions) {
    this.streamReads += 1;
    return this.inner.readStream(name, options);
  }
  streamRevision(name: string) {
    return this.inner.streamRevision(name);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.inner.readAll(...args);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>) {
    return this.inner.subscribeToAll(...args);
  }
  close() {
    return this.inner.close();
  }
}
