import { generateTraffic } from '@app/dip-wire';
import { TrafficLoader } from '@app/registration-app';
import { addDays, evolve, initialState, LocalDate, MpanEvent, MpanState, snapshotOn, timelinesOf } from '@app/registration-domain';
import { startTestApp, TestApp } from './support/app';

/**
 * Issue #6 "done when": a generated workload (libs/dip-wire sample traffic, with its ~10% mistakes)
 * replayed through the real intake by the TrafficLoader, the registry's clock following each
 * message's senderTimestamp so `recordedAt` spreads over months; then, for every MPAN, the state at
 * several (effective date D, known-at instant T) points over HTTP is checked against a fold done
 * here, independently: the raw events of `GET /mpans/{core}/events`, filtered by `recordedAt <= T`,
 * folded with the domain's `evolve` and read with `snapshotOn(state, D)`.
 */

type RawEvent = { revision: string; position: string; recordedAt: string; type: string; data: Record<string, unknown> };

/** Every record of an MPAN's stream over HTTP, following `nextFromRevision`. */
async function rawEvents(t: TestApp, core: string): Promise<RawEvent[]> {
  const events: RawEvent[] = [];
  for (let from: string | null = '0'; from !== null; ) {
    const res = await t.http.get(`/mpans/${core}/events`).query({ fromRevision: from, limit: 1000 });
    expect(res.status).toBe(200);
    events.push(...(res.body.events as RawEvent[]));
    from = res.body.nextFromRevision as string | null;
  }
  return events;
}

/** The independent fold: records recorded at or before `knownAt`, publications skipped, the domain's evolve. */
function foldKnownAt(events: RawEvent[], knownAt: string): { state: MpanState; folded: RawEvent[] } {
  const folded = events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(knownAt));
  const state = folded
    .filter((e) => e.type !== 'PublicationIssued')
    .reduce((s, e) => evolve(s, { type: e.type, data: e.data } as unknown as MpanEvent), initialState());
  return { state, folded };
}

/** A few settlement days worth asking about an MPAN: around its creation and the dates its events carry. */
function daysOf(events: RawEvent[]): string[] {
  const dates = new Set<string>();
  for (const e of events) {
    for (const key of ['effectiveFromDate', 'supplyStartDate', 'exchangeDate', 'meterRemovalDate']) {
      const v = e.data[key];
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) dates.add(v);
    }
  }
  const sorted = [...dates].sort();
  const first = sorted[0]!;
  const pick = [addDays(first as LocalDate, -1), first, sorted[Math.floor(sorted.length / 2)]!, sorted[sorted.length - 1]!];
  return [...new Set(pick)];
}

/** Instants worth asking at: before the first record, at a third and two thirds of the stream (and 1 ms before), at the last record. */
function instantsOf(events: RawEvent[]): string[] {
  const at = (i: number) => events[Math.min(events.length - 1, Math.max(0, i))]!.recordedAt;
  const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();
  const third = Math.floor(events.length / 3);
  return [...new Set([before(at(0)), at(third), before(at(2 * third)), at(2 * third), at(events.length - 1)])];
}

describe('state at (D, T) points of a generated workload agrees with an independent fold of the raw events (issue #6)', () => {
  let t: TestApp;
  let cores: string[];
  let checked = 0;
  let notKnown = 0;
  /** (MPAN, D) pairs whose snapshot differs between two of the instants asked: the recorded-time axis matters there. */
  let axisMatters = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-02-01T00:00:00Z' });
    const loader = t.app.get(TrafficLoader);
    const replay = { replayClock: true, notAfter: '2026-06-30T00:00:00Z' };
    const created = new Set<string>();
    for (const line of generateTraffic({ mpans: 30, seed: 23, startDate: '2025-03-01', mistakeRate: 0.1 })) {
      await loader.load({ channel: line.channel, message: line.message }, replay);
      if (line.message.payload.CommonBlock.S0.eventCode === '[MPANCreation]') created.add(line.message.payload.CommonBlock.M0.MPANCore);
    }
    await loader.finish(replay);
    cores = [];
    for (const core of created) if ((await t.http.get(`/mpans/${core}/events`).query({ limit: 1 })).status === 200) cores.push(core);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('loads a workload whose records spread over months of recorded time', () => {
    expect(cores.length).toBeGreaterThanOrEqual(25);
  });

  it('every MPAN, at every (D, T) point: the snapshot, the last revision and position folded and the count ignored match', async () => {
    for (const core of cores) {
      const events = await rawEvents(t, core);
      expect(new Set(events.map((e) => e.recordedAt)).size).toBeGreaterThan(1);
      const seen = new Map<string, Set<string>>();
      for (const knownAt of instantsOf(events)) {
        const { state, folded } = foldKnownAt(events, knownAt);
        for (const effectiveAt of daysOf(events)) {
          const res = await t.http.get(`/mpans/${core}/state`).query({ effectiveAt, knownAt });
          if (state.status !== 'Created') {
            expect({ core, knownAt, status: res.status }).toEqual({ core, knownAt, status: 404 });
            notKnown++;
            continue;
          }
          if (!seen.has(effectiveAt)) seen.set(effectiveAt, new Set());
          seen.get(effectiveAt)!.add(JSON.stringify(res.body.snapshot));
          const last = folded[folded.length - 1]!;
          expect({ core, knownAt, effectiveAt, status: res.status, body: res.body }).toEqual({
            core,
            knownAt,
            effectiveAt,
            status: 200,
            body: {
              mpanCore: core,
              effectiveAt,
              knownAt,
              lastRevision: last.revision,
              lastPosition: last.position,
              lastRecordedAt: last.recordedAt,
              eventsFolded: folded.length,
              laterEventsIgnored: events.length - folded.length,
              snapshot: snapshotOn(state, effectiveAt),
            },
          });
          checked++;
        }
      }
      axisMatters += [...seen.values()].filter((snapshots) => snapshots.size > 1).length;
    }
    expect(checked).toBeGreaterThan(300);
    expect(notKnown).toBeGreaterThanOrEqual(cores.length);
    expect(axisMatters).toBeGreaterThan(cores.length);
  });

  it('every MPAN: the timeline as known at each T has exactly the periods of the independent fold', async () => {
    const keys: Record<string, string> = { supplier: 'suppliers', meteringService: 'meteringServices', dataService: 'dataServices' };
    for (const core of cores) {
      const events = await rawEvents(t, core);
      for (const knownAt of instantsOf(events)) {
        const { state } = foldKnownAt(events, knownAt);
        const res = await t.http.get(`/mpans/${core}/timeline`).query({ knownAt });
        if (state.status !== 'Created') {
          expect(res.status).toBe(404);
          continue;
        }
        expect(res.status).toBe(200);
        const expected = timelinesOf(state) as unknown as Record<string, unknown>;
        const items = res.body.items as Record<string, Array<{ value: unknown; effectiveFromDate: string; effectiveToDate: string | null }>>;
        for (const [name, periods] of Object.entries(items)) {
          if (name === 'meters') {
            expect(periods.map((p) => p.value)).toEqual(state.meters.map(({ history: _h, ...m }) => m));
            continue;
          }
          expect({ core, knownAt, name, periods: periods.map(({ value, effectiveFromDate, effectiveToDate }) => ({ value, effectiveFromDate, effectiveToDate })) }).toEqual({
            core,
            knownAt,
            name,
            periods: expected[keys[name] ?? name],
          });
        }
      }
    }
  });
});
