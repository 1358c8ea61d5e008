import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { initialRegistrationMessage, mpanCreationMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FixedClock } from '../clock/clock';
import { loadRegistryConfig } from '../config/registry-config';
import { DayStartService } from '../day-start/day-start.service';
import { RegistrationAppModule } from '../registration-app.module';
import { TrafficLoader } from './traffic-loader';

/** Integration: the replaying loader on a real SQLite file (clock following senderTimestamp). */
describe('TrafficLoader replaying sender time', () => {
  let dir: string;
  let app: INestApplicationContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-loader-int-'));
    const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'r.sqlite'), REGISTRY_DAY_START: 'off' }, resolve(__dirname, '../../../..'));
    app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') }), { logger: false });
  });

  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const creation = () => mpanCreationMessage();
  const stampOf = (m: { payload: { CommonBlock: Record<string, unknown> } }) => (m.payload.CommonBlock.S1 as { senderTimestamp: string }).senderTimestamp;

  it('records each message at its senderTimestamp', async () => {
    const loader = app.get(TrafficLoader);
    const message = creation();
    const result = await loader.load({ channel: 'REGS-LDSO', message }, { replayClock: true });
    expect(result).toMatchObject({ status: 'processed', outcome: { responseCode: 'A', receivedAt: new Date(stampOf(message)).toISOString() } });
    const [created] = await app.get<EventStore>(EVENT_STORE).readStream(`mpan-${SAMPLE.mpanCores[0]}`);
    expect(created?.recordedAt).toBe(new Date(stampOf(message)).toISOString());
  });

  it('never runs past notAfter: a later message is judged at notAfter, and finish runs day-start no later', async () => {
    const loader = app.get(TrafficLoader);
    const notAfter = '2025-03-01T12:00:00.000Z';
    const message = creation();
    expect(new Date(stampOf(message)).toISOString() > notAfter).toBe(true);
    const result = await loader.load({ channel: 'REGS-LDSO', message }, { replayClock: true, notAfter });
    expect(result).toMatchObject({ status: 'processed', outcome: { receivedAt: notAfter } });
    await loader.load({ channel: 'REGS-CSS', message: initialRegistrationMessage() }, { replayClock: true, notAfter });
    await loader.finish({ replayClock: true, notAfter });
    expect(await app.get(DayStartService).lastCompletedDay()).toBe('2025-03-01');
  });
});
