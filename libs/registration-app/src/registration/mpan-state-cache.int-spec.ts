import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateTraffic } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { MpanState } from '@app/registration-domain';
import { FixedClock } from '../clock/clock';
import { FoldedStreamCache } from '../command-loop/folded-stream-cache';
import { loadRegistryConfig } from '../config/registry-config';
import { MessageResult } from '../intake/intake.service';
import { RegistrationAppModule } from '../registration-app.module';
import { TrafficLoader } from '../traffic/traffic-loader';
import { foldMpanStream, MPAN_STATE_CACHE, MPAN_STREAM_FOLD, MpanStreamEvent } from './mpan-stream';

/** Freezes `value` and everything reachable from it (a state held by the cache must never change). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** What one message's answer says, for comparison between runs. */
function answerOf(result: MessageResult): unknown {
  if (result.status !== 'processed') return result;
  const { receivedAt: _r, ...outcome } = result.outcome;
  return { duplicate: result.duplicate, ...outcome };
}

/**
 * Integration: the generated traffic (with its mistakes) through the real intake on SQLite, once
 * with no cache and once with the folded-state cache holding deep-frozen states: every answer and
 * every MPAN stream is the same, and nothing in decide/evolve/publications changes a held state
 * (a write to a frozen object throws in strict mode, which would fail the message).
 */
describe('MPAN folded-state cache on the real command path', () => {
  const dirs: string[] = [];
  const apps: INestApplicationContext[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function run(cacheSize: number, freeze: boolean): Promise<{ answers: unknown[]; streams: Map<string, MpanState>; store: EventStore; cache: FoldedStreamCache<MpanState, MpanStreamEvent> }> {
    const dir = mkdtempSync(join(tmpdir(), 'regs-state-cache-int-'));
    dirs.push(dir);
    const config = loadRegistryConfig(
      { REGISTRY_SQLITE_PATH: join(dir, 'r.sqlite'), REGISTRY_DAY_START: 'off', REGISTRY_STATE_CACHE_SIZE: String(cacheSize) },
      resolve(__dirname, '../../../..'),
    );
    const fold = freeze
      ? { initialState: () => deepFreeze(MPAN_STREAM_FOLD.initialState()), evolve: (s: MpanState, e: MpanStreamEvent) => deepFreeze(MPAN_STREAM_FOLD.evolve(s, e)) }
      : MPAN_STREAM_FOLD;
    const cache = new FoldedStreamCache(fold, cacheSize);
    const moduleRef = await Test.createTestingModule({
      imports: [RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') })],
    })
      .overrideProvider(MPAN_STATE_CACHE)
      .useValue(cache)
      .compile();
    moduleRef.useLogger(false);
    const app = await moduleRef.init();
    apps.push(app);
    const loader = app.get(TrafficLoader);
    const answers: unknown[] = [];
    const cores = new Set<string>();
    for (const line of generateTraffic({ mpans: 40, seed: 5, startDate: '2024-01-01', mistakeRate: 0.3 })) {
      answers.push(answerOf(await loader.load({ channel: line.channel, message: line.message }, { replayClock: true })));
      cores.add(line.message.payload.CommonBlock.M0.MPANCore);
    }
    await loader.finish({ replayClock: true });
    const store = app.get<EventStore>(EVENT_STORE);
    const streams = new Map<string, MpanState>();
    for (const core of cores) streams.set(core, foldMpanStream(await store.readStream(`mpan-${core}`)));
    return { answers, streams, store, cache };
  }

  it('gives the same answers and streams as folding every stream whole, and never changes a held state', async () => {
    const plain = await run(0, false);
    const cached = await run(1000, true);
    expect(cached.cache.stats().hits).toBeGreaterThan(100);
    expect(cached.answers).toEqual(plain.answers);
    expect(cached.answers.some((a) => (a as { responseCode?: string }).responseCode === 'R')).toBe(true);
    expect(cached.streams).toEqual(plain.streams);
    for (const [core, state] of cached.streams) {
      const held = await cached.cache.load(cached.store, `mpan-${core}`);
      expect(held.state).toEqual(state);
    }
  });
});
