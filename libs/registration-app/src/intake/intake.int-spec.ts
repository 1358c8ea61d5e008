import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MISTAKE_KINDS, TrafficLine, TrafficFileSummary, writeTrafficFile } from '@app/dip-wire';
import {
  addressChgMessage,
  duosTariffIdChgMessage,
  mpanCreationMessage,
  SAMPLE,
  senderUniqueReference,
  withValue,
} from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore, NewEvent } from '@app/event-store';
import { mpanCheckDigit } from '@app/registration-domain';
import { FixedClock } from '../clock/clock';
import { loadRegistryConfig } from '../config/registry-config';
import { messageHash } from '../messages/body-hash';
import { messageKeyOf, messageStreamName } from '../messages/message-outcome';
import { RegistrationAppModule } from '../registration-app.module';
import { TrafficLoader } from '../traffic/traffic-loader';
import { IntakeService, MessageResult } from './intake.service';

/**
 * Integration: IntakeService on a real SQLite file inside a real Nest application context
 * (RegistrationAppModule.forRoot, the same wiring as the API and the CLI).
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
const NOW = '2025-06-15T10:00:00Z';

interface Registry {
  app: INestApplicationContext;
  intake: IntakeService;
  store: EventStore;
  dir: string;
  close(): Promise<void>;
}

/** `multiStreamAppend: false`: the three-step path of a store without `appendToStreams` (EventStoreDB). */
async function openRegistry(options: { multiStreamAppend?: boolean } = {}): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'regs-intake-int-'));
  const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: join(dir, 'registry.sqlite'), REGISTRY_DAY_START: 'off' }, REPO_ROOT);
  const app = await NestFactory.createApplicationContext(
    RegistrationAppModule.forRoot(config, { clock: new FixedClock(NOW), multiStreamAppend: options.multiStreamAppend }),
    { logger: false },
  );
  return {
    app,
    intake: app.get(IntakeService),
    store: app.get<EventStore>(EVENT_STORE),
    dir,
    async close() {
      try {
        await app.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

type Kind = 'accepted' | 'rejected' | 'duplicate' | 'conflict' | 'schema-failure' | 'not-processed';

function kindOf(result: MessageResult): Kind {
  if (result.status === 'schema-failure') return 'schema-failure';
  if (result.status === 'conflict') return 'conflict';
  if (result.status === 'not-processed') return 'not-processed';
  if (result.duplicate) return 'duplicate';
  return result.outcome.responseCode === 'A' ? 'accepted' : 'rejected';
}

function codesOf(result: MessageResult): string[] {
  return result.status === 'processed' ? result.outcome.reasons.map((r) => r.code) : [];
}

function rulesOf(result: MessageResult): string[] {
  return result.status === 'processed' ? result.outcome.reasons.map((r) => r.rule) : [];
}

function keyOf(line: TrafficLine): string {
  const s1 = line.message.payload.CommonBlock.S1;
  return messageKeyOf(s1.senderDIPID, s1.senderUniqueReference);
}

describe('IntakeService loading generated traffic (300 MPANs, seed 11) on a SQLite file', () => {
  let registry: Registry;
  let lines: TrafficLine[];
  let summary: TrafficFileSummary;
  let first: MessageResult[];

  beforeAll(async () => {
    registry = await openRegistry();
    const file = join(registry.dir, 'traffic.jsonl');
    // mistakeRate 0.2 so that seed 11 plants every mistake kind (at 0.05 two kinds are absent).
    summary = await writeTrafficFile(file, { mpans: 300, seed: 11, mistakeRate: 0.2 });
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as TrafficLine);
    // Replayed as it happened: the clock follows each message's senderTimestamp and day-start runs
    // as time passes (activations, de-appointments, lapses), as `registry load` does.
    const loader = registry.app.get(TrafficLoader);
    first = [];
    for (const line of lines) first.push(await loader.load(line, { replayClock: true }));
    await loader.finish({ replayClock: true });
  }, 180_000);

  afterAll(async () => {
    await registry?.close();
  });

  it('read back every line the generator wrote, with every mistake kind planted', () => {
    expect(lines).toHaveLength(summary.lines);
    for (const kind of MISTAKE_KINDS) {
      expect({ kind, lines: lines.filter((l) => l.mistake === kind).length }).toEqual({ kind, lines: summary.mistakes[kind] });
      expect({ kind, planted: summary.mistakes[kind] > 0 }).toEqual({ kind, planted: true });
    }
  });

  it('accepts every untagged line', () => {
    const refused = lines
      .map((line, i) => ({ line, result: first[i]! }))
      .filter(({ line, result }) => line.mistake === undefined && kindOf(result) !== 'accepted')
      .map(({ line, result }) => ({ key: keyOf(line), event: line.message.payload.CommonBlock.S0.eventCode, kind: kindOf(result), reasons: result.status === 'processed' ? result.outcome.reasons : result }));
    expect(refused).toEqual([]);
  });

  it('answers each planted mistake the way its kind demands', () => {
    const byKey = new Map<string, MessageResult>();
    lines.forEach((line, i) => {
      if (!byKey.has(keyOf(line))) byKey.set(keyOf(line), first[i]!);
    });
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    lines.forEach((line, i) => {
      const result = first[i]!;
      const kind = kindOf(result);
      const codes = codesOf(result);
      const where = `${line.mistake} line ${i} (${keyOf(line)}): got ${kind} ${JSON.stringify(codes)}`;
      switch (line.mistake) {
        case undefined:
          return;
        case 'bad-check-digit':
          check(kind === 'rejected' && codes.join() === 'REG0000' && rulesOf(result).join() === 'MpanCoreCheckDigit', where);
          break;
        case 'wrong-gsp-group':
          check(kind === 'rejected' && codes.join() === 'LOC007', where);
          break;
        case 'supply-start-before-creation':
          check(kind === 'rejected' && codes.join() === 'LOC012', where);
          break;
        case 'cos-before-supply-start':
          // Dated before the current start: not after the latest start (LOC019), and nobody supplies
          // on the day before it (LOC020); LOC012 as well when it is also before the MPAN itself.
          check(
            kind === 'rejected' &&
              codes.includes('LOC019') &&
              codes.includes('LOC020') &&
              codes.every((c) => ['LOC012', 'LOC019', 'LOC020'].includes(c)),
            where,
          );
          break;
        case 'unknown-mpan':
          check(kind === 'rejected' && codes.join() === 'REG0000' && rulesOf(result).join() === 'MpanUnknown', where);
          break;
        case 'wrong-segment-provider':
          check(kind === 'rejected' && codes.length > 0 && codes.every((c) => c === 'REG1031' || c === 'REG1030'), where);
          break;
        case 'appointment-gap':
        case 'not-local-midnight':
          check(kind === 'rejected' && codes.includes('REG1032'), where);
          break;
        case 'unknown-provider':
          check(kind === 'rejected' && codes.length > 0 && codes.every((c) => c === 'REG1090' || c === 'REG1091'), where);
          break;
        case 'provider-rejects':
          check(kind === 'accepted' && result.status === 'processed' && result.outcome.eventTypes.includes('ServiceAppointmentRejected'), where);
          break;
        case 'no-provider-answer':
          check(kind === 'accepted' && result.status === 'processed' && result.outcome.eventTypes.includes('ServiceAppointmentRequested'), where);
          break;
        case 'duplicate-resend': {
          const original = byKey.get(keyOf(line))!;
          check(
            kind === 'duplicate' &&
              original !== result &&
              original.status === 'processed' &&
              result.status === 'processed' &&
              JSON.stringify(result.outcome) === JSON.stringify(original.outcome),
            where,
          );
          break;
        }
        case 'conflicting-resend': {
          const original = byKey.get(keyOf(line))!;
          check(
            kind === 'conflict' &&
              original.status === 'processed' &&
              result.status === 'conflict' &&
              result.original.bodyHash === original.outcome.bodyHash &&
              result.original.receivedAt === original.outcome.receivedAt,
            where,
          );
          break;
        }
        case 'schema':
          check(
            kind === 'schema-failure' &&
              result.status === 'schema-failure' &&
              result.errors.some((e) => e.path === 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate'),
            where,
          );
          break;
        case 'removal-before-install':
          check(kind === 'rejected' && codes.join() === 'REG1005' && rulesOf(result).join() === 'MeterRemovalBeforeInstallation', where);
          break;
        case 'meter-event-by-wrong-ms':
          check(kind === 'rejected' && codes.join() === 'REG1002' && rulesOf(result).join() === 'MeteringServiceNotAppointed', where);
          break;
        case 'meter-on-unmetered':
          check(kind === 'rejected' && [...codes].sort().join() === 'REG0003,REG0004', where);
          break;
        case 'supplier-data-too-retrospective':
          check(kind === 'rejected' && codes.join() === 'REG1024' && rulesOf(result).join() === 'SupplierDataTooRetrospective', where);
          break;
        case 'install-after-disconnection':
          check(
            kind === 'rejected' &&
              [...codes].sort().join() === 'REG1001,REG1007' &&
              [...rulesOf(result)].sort().join() === 'MeterInstallationWhileDisconnected,MpanDisconnected',
            where,
          );
          break;
        case 'energisation-same-status':
          check(kind === 'rejected' && codes.join() === 'LOC022' && rulesOf(result).join() === 'NoChange', where);
          break;
        default: {
          const never: never = line.mistake;
          throw new Error(`unknown mistake ${String(never)}`);
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it('the counts per outcome agree with the planted mistake tags', () => {
    const counts: Record<Kind, number> = { accepted: 0, rejected: 0, duplicate: 0, conflict: 0, 'schema-failure': 0, 'not-processed': 0 };
    for (const r of first) counts[kindOf(r)]++;
    const m = summary.mistakes;
    const untagged = lines.filter((l) => l.mistake === undefined).length;
    expect(counts).toEqual({
      accepted: untagged + m['provider-rejects'] + m['no-provider-answer'],
      rejected:
        m['bad-check-digit'] +
        m['wrong-gsp-group'] +
        m['supply-start-before-creation'] +
        m['cos-before-supply-start'] +
        m['unknown-mpan'] +
        m['wrong-segment-provider'] +
        m['appointment-gap'] +
        m['unknown-provider'] +
        m['not-local-midnight'] +
        m['removal-before-install'] +
        m['meter-event-by-wrong-ms'] +
        m['meter-on-unmetered'] +
        m['supplier-data-too-retrospective'] +
        m['install-after-disconnection'] +
        m['energisation-same-status'],
      duplicate: m['duplicate-resend'],
      conflict: m['conflicting-resend'],
      'schema-failure': m.schema,
      'not-processed': 0,
    } satisfies Record<Kind, number>);
    const total: number = Object.values(m).reduce((a, b) => a + b, 0);
    expect(total + untagged).toBe(lines.length);
    const rejectedByRule = first.filter((r) => kindOf(r) === 'rejected').flatMap((r) => [...new Set(rulesOf(r))]);
    expect(rejectedByRule.filter((r) => r === 'MpanCoreCheckDigit')).toHaveLength(m['bad-check-digit']);
    expect(rejectedByRule.filter((r) => r === 'MpanUnknown')).toHaveLength(m['unknown-mpan']);
    expect(rejectedByRule.filter((r) => r === 'GspGroupNotDnoGroup')).toHaveLength(m['wrong-gsp-group']);
    expect(rejectedByRule.filter((r) => r === 'SupplyStartNotAfterLatestStart')).toHaveLength(m['cos-before-supply-start']);
    expect(rejectedByRule.filter((r) => r === 'MeterRemovalBeforeInstallation')).toHaveLength(m['removal-before-install']);
    expect(rejectedByRule.filter((r) => r === 'MeteringServiceNotAppointed')).toHaveLength(m['meter-event-by-wrong-ms']);
    expect(rejectedByRule.filter((r) => r === 'ConnectionTypeUnmetered')).toHaveLength(m['meter-on-unmetered']);
    expect(rejectedByRule.filter((r) => r === 'MarketSegmentUnmetered')).toHaveLength(m['meter-on-unmetered']);
    expect(rejectedByRule.filter((r) => r === 'SupplierDataTooRetrospective')).toHaveLength(m['supplier-data-too-retrospective']);
    expect(rejectedByRule.filter((r) => r === 'MeterInstallationWhileDisconnected')).toHaveLength(m['install-after-disconnection']);
  });

  it('every request nobody answered has lapsed (IF-035 Lapsed), on the day after its answer time', async () => {
    const unanswered = lines
      .map((line, i) => ({ line, result: first[i]! }))
      .filter(({ line }) => line.mistake === 'no-provider-answer');
    expect(unanswered.length).toBeGreaterThan(0);
    for (const { result } of unanswered) {
      if (result.status !== 'processed') throw new Error('expected a processed request');
      const key = messageKeyOf(result.outcome.senderDipId, result.outcome.senderUniqueReference);
      const events = await registry.store.readStream(result.outcome.streamName!);
      const lapsed = events.find((e) => e.type === 'ServiceAppointmentLapsed' && e.data.appointmentId === key);
      expect({ key, lapsed: lapsed?.data.reason }).toEqual({ key, lapsed: 'NoProviderResponse' });
    }
  });

  it('loading the same file again appends nothing: every message is a duplicate or a conflict (schema failures stay schema failures)', async () => {
    const head = await registry.store.headPosition();
    const loader = registry.app.get(TrafficLoader);
    const second: MessageResult[] = [];
    for (const line of lines) second.push(await loader.load(line, { replayClock: true }));
    await loader.finish({ replayClock: true });

    // Only the day-start run's own checkpoint is new; no MPAN or message stream moved.
    const appended = await registry.store.readAll({ after: head, maxCount: 100 });
    expect(appended.map((e) => e.type)).toEqual(['DayStartCompleted']);
    const unexpected = lines
      .map((line, i) => ({ line, before: first[i]!, after: second[i]! }))
      .filter(({ before, after }) => {
        const was = kindOf(before);
        if (was === 'schema-failure') return kindOf(after) !== 'schema-failure';
        if (was === 'conflict') return kindOf(after) !== 'conflict';
        return !(
          kindOf(after) === 'duplicate' &&
          before.status === 'processed' &&
          after.status === 'processed' &&
          JSON.stringify(after.outcome) === JSON.stringify(before.outcome)
        );
      })
      .map(({ line, before, after }) => `${keyOf(line)}: ${kindOf(before)} then ${kindOf(after)}`);
    expect(unexpected).toEqual([]);
    const kinds = new Set(second.map(kindOf));
    expect([...kinds].sort()).toEqual(['conflict', 'duplicate', 'schema-failure']);
  }, 120_000);
});

// What a stop of the three-step path leaves behind (as on EventStoreDB, or a log written before one
// commit per message) must be completed by either path.
describe.each([
  ['one commit per message (SQLite with appendToStreams)', true],
  ['three steps (the store without appendToStreams, as EventStoreDB)', false],
])('IntakeService after a stop between the MPAN append and the outcome record: %s', (_path, multiStreamAppend) => {
  let registry: Registry;
  let n = 0;
  const ldso = SAMPLE.ldsoDipId;
  const ref = () => senderUniqueReference('018', ldso, 'LDSO', '20250615', `CRASH${++n}`);
  const coreOf = (i: number) => {
    const first12 = `19${String(700_000 + i).padStart(10, '0')}`;
    return `${first12}${mpanCheckDigit(first12)}`;
  };

  beforeAll(async () => {
    registry = await openRegistry({ multiStreamAppend });
    expect(registry.store.appendToStreams !== undefined).toBe(multiStreamAppend);
  });

  afterAll(async () => {
    await registry?.close();
  });

  /** Creates the MPAN: revision 0 `MpanCreated`, revision 1 its IF-050 `PublicationIssued`. */
  async function createMpan(core: string): Promise<void> {
    const created = await registry.intake.processOne(
      'REGS-LDSO',
      mpanCreationMessage({ mpanCore: core, uniqueReference: senderUniqueReference('050', ldso, 'LDSO', '20250615', `CREATE${++n}`) }),
    );
    expect(created).toMatchObject({ status: 'processed', outcome: { responseCode: 'A', streamRevision: '1', eventTypes: ['MpanCreated', 'PublicationIssued'] } });
  }

  /**
   * The IF-018 publication the domain issues with an LDSO data change of an MPAN nobody supplies
   * yet: to the MDS, the EES and the MPAN's LDSO.
   */
  function if018(core: string, eventCode: string, causedByEventType: string): Record<string, unknown> {
    return {
      mpanCore: core,
      interfaceId: 'IF-018',
      eventCode,
      recipients: [
        { role: 'MDS', dipId: '9000000004' },
        { role: 'EES', dipId: '9000000003' },
        { role: 'LDSO', dipId: ldso },
      ],
      causedByEventType,
      appointmentId: null,
    };
  }

  /** What the command loop appends for a message: its events, with messageKey and bodyHash in metadata. */
  function loopEvent(type: string, data: Record<string, unknown>, key: string, hash: string): NewEvent {
    return {
      type,
      data,
      metadata: {
        schemaVersion: 1,
        eventId: randomUUID(),
        correlationId: `CI-crash-${n}`,
        causationId: key,
        senderDipId: ldso,
        senderRoleId: 'LDSO',
        channelId: 'REGS-LDSO',
        receivedAt: NOW,
        messageKey: key,
        bodyHash: hash,
      },
    };
  }

  /** What a stop left behind: the key's reservation in the message stream (as the intake writes it). */
  async function reserve(message: { payload: { CommonBlock: Record<string, unknown> } }, hash: string): Promise<void> {
    const s1 = message.payload.CommonBlock.S1 as { senderUniqueReference: string };
    const receipt = {
      channelId: 'REGS-LDSO',
      eventCode: (message.payload.CommonBlock.S0 as { eventCode: string }).eventCode,
      schemaVersion: '011',
      senderDipId: ldso,
      senderRoleId: 'LDSO',
      senderUniqueReference: s1.senderUniqueReference,
      correlationId: `CI-crash-${n}`,
      mpanCore: (message.payload.CommonBlock.M0 as { MPANCore: string }).MPANCore,
      bodyHash: hash,
      receivedAt: NOW,
    };
    await registry.store.appendToStream(messageStreamName(ldso, s1.senderUniqueReference), 'no_stream', [
      loopEvent('InboundMessageReceived', receipt, messageKeyOf(ldso, s1.senderUniqueReference), hash),
    ]);
  }

  it('a resend after a stop between the MPAN append and the outcome: answered as accepted, nothing appended again, outcome recorded', async () => {
    const core = coreOf(1);
    await createMpan(core);
    const message = duosTariffIdChgMessage({ mpanCore: core, uniqueReference: ref() });
    const s1 = message.payload.CommonBlock.S1 as { senderUniqueReference: string };
    const key = messageKeyOf(ldso, s1.senderUniqueReference);
    await reserve(message, messageHash(message));
    const appended = await registry.store.appendToStream(`mpan-${core}`, 1n, [
      loopEvent('DuosTariffIdChanged', { mpanCore: core, duosTariffId: '802', effectiveFromDate: '2025-06-01' }, key, messageHash(message)),
      loopEvent('PublicationIssued', if018(core, '[DUOSTariffIDChg]', 'DuosTariffIdChanged'), key, messageHash(message)),
    ]);
    const head = await registry.store.headPosition();

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(result).toMatchObject({
      status: 'processed',
      duplicate: false,
      outcome: {
        responseCode: 'A',
        reasons: [],
        streamName: `mpan-${core}`,
        streamRevision: '3',
        positions: appended.positions.map(String),
        eventTypes: ['DuosTariffIdChanged', 'PublicationIssued'],
        correlationId: `CI-crash-${n}`,
      },
    });
    expect((await registry.store.readStream(`mpan-${core}`)).map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'DuosTariffIdChanged', 'PublicationIssued']);
    // Only the outcome record was appended.
    expect(await registry.store.headPosition()).toBe(head + 1n);
    const outcome = await registry.store.readStream(messageStreamName(ldso, s1.senderUniqueReference));
    expect(outcome.map((e) => e.type)).toEqual(['InboundMessageReceived', 'InboundMessageAccepted']);
    // And from now on it is an ordinary duplicate.
    const again = await registry.intake.processOne('REGS-LDSO', message);
    expect(again).toMatchObject({ status: 'processed', duplicate: true, outcome: { streamRevision: '3' } });
    expect(await registry.store.headPosition()).toBe(head + 1n);
  });

  it('a stop after the reservation only: the resend carries on and applies the message once', async () => {
    const core = coreOf(3);
    await createMpan(core);
    const message = duosTariffIdChgMessage({ mpanCore: core, uniqueReference: ref() });
    await reserve(message, messageHash(message));

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(result).toMatchObject({ status: 'processed', duplicate: false, outcome: { responseCode: 'A', streamRevision: '3', eventTypes: ['DuosTariffIdChanged', 'PublicationIssued'] } });
    const events = await registry.store.readStream(`mpan-${core}`);
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'DuosTariffIdChanged', 'PublicationIssued']);
    expect(events[3]!.data).toEqual(if018(core, '[DUOSTariffIDChg]', 'DuosTariffIdChanged'));
  });

  it('a different body under a reserved key is a conflict and stores nothing; the original body then completes', async () => {
    const core = coreOf(2);
    await createMpan(core);
    const original = addressChgMessage({ mpanCore: core, uniqueReference: ref() });
    const s1 = original.payload.CommonBlock.S1 as { senderUniqueReference: string };
    const key = messageKeyOf(ldso, s1.senderUniqueReference);
    const address = { postcode: 'TN1 1AA', lines: ['Flat 3', '14 Mount Pleasant Road', 'Tunbridge Wells', null, null, null, null, null, null] };
    await reserve(original, messageHash(original));
    await registry.store.appendToStream(`mpan-${core}`, 1n, [
      loopEvent('MpanAddressChanged', { mpanCore: core, address, effectiveFromDate: '2025-05-01' }, key, messageHash(original)),
      loopEvent('PublicationIssued', if018(core, '[AddressChg]', 'MpanAddressChanged'), key, messageHash(original)),
    ]);
    const different = withValue(original, 'payload.CustomBlock.B022.addressLine1', 'Flat 4');
    const head = await registry.store.headPosition();

    const result = await registry.intake.processOne('REGS-LDSO', different);

    expect(result).toMatchObject({
      status: 'conflict',
      senderDipId: ldso,
      senderUniqueReference: s1.senderUniqueReference,
      original: { bodyHash: messageHash(original), receivedAt: NOW },
    });
    expect(await registry.store.headPosition()).toBe(head);

    const resend = await registry.intake.processOne('REGS-LDSO', original);
    expect(resend).toMatchObject({ status: 'processed', duplicate: false, outcome: { responseCode: 'A', streamRevision: '3', eventTypes: ['MpanAddressChanged', 'PublicationIssued'] } });
    const again = await registry.intake.processOne('REGS-LDSO', different);
    expect(again.status).toBe('conflict');
    expect((await registry.store.readStream(`mpan-${core}`)).map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'MpanAddressChanged', 'PublicationIssued']);
  });

  it('events under the key with another body hash than the reservation are never taken as this message: conflict, nothing appended', async () => {
    const core = coreOf(5);
    await createMpan(core);
    const message = duosTariffIdChgMessage({ mpanCore: core, uniqueReference: ref() });
    const s1 = message.payload.CommonBlock.S1 as { senderUniqueReference: string };
    const key = messageKeyOf(ldso, s1.senderUniqueReference);
    await reserve(message, messageHash(message));
    await registry.store.appendToStream(`mpan-${core}`, await registry.store.streamRevision(`mpan-${core}`), [
      loopEvent('DuosTariffIdChanged', { mpanCore: core, duosTariffId: '803', effectiveFromDate: '2025-06-01' }, key, 'f'.repeat(64)),
    ]);
    const head = await registry.store.headPosition();

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(result).toMatchObject({ status: 'conflict', senderDipId: ldso, senderUniqueReference: s1.senderUniqueReference });
    expect(await registry.store.headPosition()).toBe(head);
  });

  it('a resend that differs only in senderTimestamp and A0 addressing is the same message (a duplicate)', async () => {
    const core = coreOf(4);
    await createMpan(core);
    const message = duosTariffIdChgMessage({ mpanCore: core, uniqueReference: ref() });
    const first = await registry.intake.processOne('REGS-LDSO', message);
    const later = withValue(
      withValue(message, 'payload.CommonBlock.S1.senderTimestamp', '2025-06-16T09:00:00+01:00'),
      'payload.CommonBlock.A0',
      { primaryRecipients: ['9000000002'], secondaryRecipients: [], always: [] },
    );
    const resend = await registry.intake.processOne('REGS-LDSO', later);
    expect(first).toMatchObject({ status: 'processed', duplicate: false });
    expect(resend).toMatchObject({ status: 'processed', duplicate: true });
  });
});

describe('IntakeService under concurrent calls in one process (real interleaving at every await)', () => {
  let registry: Registry;

  beforeAll(async () => {
    registry = await openRegistry();
  });

  afterAll(async () => {
    await registry?.close();
  });

  const ldso = SAMPLE.ldsoDipId;

  /** Creates MPAN `serial` of distributor 19, then sends `count` DUoS changes (distinct tariffs and dates) at once. */
  async function concurrentDuosChanges(serial: number, count: number) {
    const first12 = `19${String(800_000 + serial).padStart(10, '0')}`;
    const core = `${first12}${mpanCheckDigit(first12)}`;
    const created = await registry.intake.processOne(
      'REGS-LDSO',
      mpanCreationMessage({ mpanCore: core, uniqueReference: senderUniqueReference('050', ldso, 'LDSO', '20250615', `CONC${serial}x0`) }),
    );
    expect(kindOf(created)).toBe('accepted');
    const messages = Array.from({ length: count }, (_, i) => {
      const m = duosTariffIdChgMessage({ mpanCore: core, uniqueReference: senderUniqueReference('018', ldso, 'LDSO', '20250615', `CONC${serial}x${i + 1}`) });
      const withTariff = withValue(m, 'payload.CustomBlock.B024.DUOSTariffID', String(810 + i));
      return withValue(withTariff, 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate', `2025-07-${String(i + 1).padStart(2, '0')}T00:00:00+01:00`);
    });
    const settled = await Promise.allSettled(messages.map((m) => registry.intake.processOne('REGS-LDSO', m)));
    const answers = settled.map((s) => (s.status === 'fulfilled' ? kindOf(s.value) : `threw ${(s.reason as Error).name}`));
    const events = await registry.store.readStream(`mpan-${core}`);
    return { answers, events };
  }

  it('5 concurrent DUoS changes of one MPAN are all accepted', async () => {
    const { answers, events } = await concurrentDuosChanges(1, 5);
    expect(answers).toEqual(Array(5).fill('accepted'));
    // Each message appends its change and the change's IF-018 publication, in one append.
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)));
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', ...Array(5).fill(['DuosTariffIdChanged', 'PublicationIssued']).flat()]);
  });

  // Guards the jittered retry of the command loop: without it, writers that lose the same race retry
  // in lock step and the k-th needs k attempts, so writers past the attempt budget failed with
  // ConcurrencyRetriesExhaustedError (409 over HTTP) although nothing was wrong with their messages.
  it('10 concurrent DUoS changes of one MPAN are all accepted, none lost, revisions contiguous', async () => {
    const { answers, events } = await concurrentDuosChanges(2, 10);
    // What was appended is consistent in any case: contiguous revisions, and per message one
    // append of two adjacent events, its change then that change's IF-018 publication.
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: events.length }, (_, i) => BigInt(i)));
    const pairs = Array.from({ length: events.length / 2 }, (_, i) => events.slice(2 * i, 2 * i + 2));
    expect(pairs.map((p) => p[0]!.metadata.messageKey === p[1]!.metadata.messageKey)).toEqual(pairs.map(() => true));
    expect(new Set(events.map((e) => e.metadata.messageKey)).size).toBe(pairs.length);
    expect(pairs.slice(1).map((p) => p.map((e) => e.type))).toEqual(pairs.slice(1).map(() => ['DuosTariffIdChanged', 'PublicationIssued']));
    // And every message must have been accepted.
    expect(answers).toEqual(Array(10).fill('accepted'));
    expect(events).toHaveLength(22);
  });
});

describe('IntakeService on a store with appendToStreams: one commit per message (ADR 0017)', () => {
  let registry: Registry;
  let n = 0;
  const ldso = SAMPLE.ldsoDipId;
  const ref = (tag: string) => senderUniqueReference('018', ldso, 'LDSO', '20250615', `ONE${tag}${++n}`);
  const newCore = () => {
    const first12 = `19${String(900_000 + ++n).padStart(10, '0')}`;
    return `${first12}${mpanCheckDigit(first12)}`;
  };

  beforeAll(async () => {
    registry = await openRegistry();
  });

  afterAll(async () => {
    await registry?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  async function createMpan(): Promise<string> {
    const core = newCore();
    const created = await registry.intake.processOne(
      'REGS-LDSO',
      mpanCreationMessage({ mpanCore: core, uniqueReference: senderUniqueReference('050', ldso, 'LDSO', '20250615', `ONEC${++n}`) }),
    );
    expect(kindOf(created)).toBe('accepted');
    return core;
  }

  function duosChange(core: string, tariff: string) {
    return withValue(duosTariffIdChgMessage({ mpanCore: core, uniqueReference: ref('D') }), 'payload.CustomBlock.B024.DUOSTariffID', tariff);
  }

  const messageStreamOf = (message: { payload: { CommonBlock: Record<string, unknown> } }) =>
    messageStreamName(ldso, (message.payload.CommonBlock.S1 as { senderUniqueReference: string }).senderUniqueReference);

  it('an acceptance is one commit: receipt, MPAN events and outcome at contiguous positions; the outcome names the events', async () => {
    const core = await createMpan();
    const message = duosChange(core, '811');
    const head = await registry.store.headPosition();
    const single = jest.spyOn(registry.store, 'appendToStream');
    const multi = jest.spyOn(registry.store as Required<EventStore>, 'appendToStreams');

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(single).not.toHaveBeenCalled();
    expect(multi).toHaveBeenCalledTimes(1);
    const log = await registry.store.readAll({ after: head });
    expect(log.map((e) => [e.streamName, e.revision, e.type])).toEqual([
      [messageStreamOf(message), 0n, 'InboundMessageReceived'],
      [`mpan-${core}`, 2n, 'DuosTariffIdChanged'],
      [`mpan-${core}`, 3n, 'PublicationIssued'],
      [messageStreamOf(message), 1n, 'InboundMessageAccepted'],
    ]);
    expect(log.map((e) => e.position)).toEqual([head + 1n, head + 2n, head + 3n, head + 4n]);
    expect(new Set(log.map((e) => e.recordedAt)).size).toBe(1);
    expect(result).toMatchObject({
      status: 'processed',
      duplicate: false,
      outcomePosition: head + 4n,
      outcome: { responseCode: 'A', streamName: `mpan-${core}`, streamRevision: '3', positions: [String(head + 2n), String(head + 3n)] },
    });
    expect(log[3]!.data).toEqual((result as { outcome: unknown }).outcome);

    // A resend is answered from the record and appends nothing.
    const again = await registry.intake.processOne('REGS-LDSO', message);
    expect(again).toMatchObject({ status: 'processed', duplicate: true, outcomePosition: head + 4n });
    expect(multi).toHaveBeenCalledTimes(1);
    expect(single).not.toHaveBeenCalled();
  });

  it('a rejection records only the message stream, receipt and outcome in one append', async () => {
    const message = duosChange(newCore(), '812'); // an MPAN nobody created
    const head = await registry.store.headPosition();
    const single = jest.spyOn(registry.store, 'appendToStream');
    const multi = jest.spyOn(registry.store as Required<EventStore>, 'appendToStreams');

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(kindOf(result)).toBe('rejected');
    expect(multi).not.toHaveBeenCalled();
    expect(single).toHaveBeenCalledTimes(1);
    expect(single.mock.calls[0]!.slice(0, 2)).toEqual([messageStreamOf(message), 'no_stream']);
    const log = await registry.store.readAll({ after: head });
    expect(log.map((e) => [e.streamName, e.revision, e.type])).toEqual([
      [messageStreamOf(message), 0n, 'InboundMessageReceived'],
      [messageStreamOf(message), 1n, 'InboundMessageRejected'],
    ]);
    expect(result).toMatchObject({ outcomePosition: log[1]!.position });
  });

  it('a conflict on the MPAN stream writes nothing (no receipt left behind) and the decision is retried on a fresh read', async () => {
    const core = await createMpan();
    const message = duosChange(core, '813');
    const rival = duosChange(core, '814');
    const store = registry.store as Required<EventStore>;
    const original = store.appendToStreams.bind(store);
    let rivalSent = false;
    const multi = jest.spyOn(store, 'appendToStreams').mockImplementation(async (batches) => {
      if (!rivalSent) {
        // Another writer changes the MPAN between this message's read and its commit.
        rivalSent = true;
        expect(kindOf(await registry.intake.processOne('REGS-LDSO', rival))).toBe('accepted');
      }
      return original(batches);
    });
    const head = await registry.store.headPosition();

    const result = await registry.intake.processOne('REGS-LDSO', message);

    expect(result).toMatchObject({ status: 'processed', duplicate: false, outcome: { responseCode: 'A', streamRevision: '5' } });
    expect(multi).toHaveBeenCalledTimes(3); // the rival's commit, the stale one (refused), the retry
    const log = await registry.store.readAll({ after: head });
    expect(log.map((e) => [e.streamName, e.revision, e.type])).toEqual([
      [messageStreamOf(rival), 0n, 'InboundMessageReceived'],
      [`mpan-${core}`, 2n, 'DuosTariffIdChanged'],
      [`mpan-${core}`, 3n, 'PublicationIssued'],
      [messageStreamOf(rival), 1n, 'InboundMessageAccepted'],
      [messageStreamOf(message), 0n, 'InboundMessageReceived'],
      [`mpan-${core}`, 4n, 'DuosTariffIdChanged'],
      [`mpan-${core}`, 5n, 'PublicationIssued'],
      [messageStreamOf(message), 1n, 'InboundMessageAccepted'],
    ]);
    expect(log[5]!.data).toMatchObject({ duosTariffId: '813' });
  });

  it('two copies of one message at once: one applies it, the other answers it as a duplicate', async () => {
    const core = await createMpan();
    const message = duosChange(core, '815');

    const answers = await Promise.all([registry.intake.processOne('REGS-LDSO', message), registry.intake.processOne('REGS-LDSO', message)]);

    expect(answers.map(kindOf).sort()).toEqual(['accepted', 'duplicate']);
    expect((await registry.store.readStream(`mpan-${core}`)).map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'DuosTariffIdChanged', 'PublicationIssued']);
    expect((await registry.store.readStream(messageStreamOf(message))).map((e) => e.type)).toEqual(['InboundMessageReceived', 'InboundMessageAccepted']);
  });

  it('one reference with two bodies at once: one is applied, the other is a conflict (MSG1009) and changes nothing', async () => {
    const core = await createMpan();
    const message = duosChange(core, '816');
    const other = withValue(message, 'payload.CustomBlock.B024.DUOSTariffID', '817');

    const answers = await Promise.all([registry.intake.processOne('REGS-LDSO', message), registry.intake.processOne('REGS-LDSO', other)]);

    expect(answers.map(kindOf).sort()).toEqual(['accepted', 'conflict']);
    const events = await registry.store.readStream(`mpan-${core}`);
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'DuosTariffIdChanged', 'PublicationIssued']);
    const winner = answers.findIndex((a) => kindOf(a) === 'accepted');
    expect(events[2]!.data).toMatchObject({ duosTariffId: winner === 0 ? '816' : '817' });
    expect((await registry.store.readStream(messageStreamOf(message))).map((e) => e.type)).toEqual(['InboundMessageReceived', 'InboundMessageAccepted']);
  });
});
