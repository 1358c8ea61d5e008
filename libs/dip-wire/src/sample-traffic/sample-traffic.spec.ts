import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mpanCheckDigit } from '@app/registration-domain';
import { validateInputMessage } from '../conformance/official-schemas';
import { MISTAKE_KINDS, MistakeKind, TrafficLine, generateTraffic } from './generate-traffic';
import { loadTrafficReference } from './traffic-reference';
import { dayNumber, dt003, isoDate, ukOffsetMinutes } from './uk-time';
import { writeTrafficFile } from './write-traffic-file';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const reference = loadTrafficReference();
/** Sender roles of the IF-034 events (channel catalogue). */
const ROLES_OF: Record<string, string[]> = { '[MSAppSPResponse]': ['MSS', 'MSA', 'UMSO'], '[DSAppSPResponse]': ['SDS', 'ADS', 'UMSDS'] };
const APPOINTMENT_KINDS: readonly MistakeKind[] = [
  'wrong-segment-provider', 'appointment-gap', 'unknown-provider', 'provider-rejects', 'no-provider-answer', 'not-local-midnight',
];
const METERING_KINDS: readonly MistakeKind[] = [
  'removal-before-install', 'meter-event-by-wrong-ms', 'meter-on-unmetered', 'supplier-data-too-retrospective', 'install-after-disconnection',
  'energisation-same-status',
];
const DT995 = /^S-((IF|REP)-)?\d{3}[A-B]?-[0-9a-fA-F]{10}-[A-Z]{3,5}-\d{8}-[a-zA-Z0-9]+$/;
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00\+0[01]:00$/;

function take<T>(iterable: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const item of iterable) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
}

/** `YYYY-MM-DD` of a DT-003 value at UK midnight, checking the offset is the UK one of that day. */
function ukDay(dt: string): string {
  const m = MIDNIGHT.exec(dt);
  if (!m || dt !== dt003(dayNumber(m[1]!), 0)) throw new Error(`not a DT-003 at UK midnight with the UK offset: ${dt}`);
  return m[1]!;
}

/** The latest day number of any DT-003 value in a custom block (nested blocks and lists included). */
function latestMidnight(value: unknown): number {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? dayNumber(value.slice(0, 10)) : -Infinity;
  if (Array.isArray(value)) return Math.max(-Infinity, ...value.map(latestMidnight));
  if (value && typeof value === 'object') return Math.max(-Infinity, ...Object.values(value).map(latestMidnight));
  return -Infinity;
}

/** Local wall-clock date-time of an instant in Europe/London, `YYYY-MM-DDTHH:mm:ss`. */
const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
function londonWallClock(instant: Date): string {
  const p = Object.fromEntries(london.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

describe('UK time (DT-003 with the UK offset)', () => {
  it('agrees with Europe/London for midnight and for day times on every day of 2024–2027', () => {
    for (let day = dayNumber('2024-01-01'); day <= dayNumber('2027-12-31'); day++) {
      for (const minute of [0, 7 * 60, 9 * 60 + 15, 23 * 60 + 59]) {
        const value = dt003(day, minute);
        expect(value).toHaveLength(25);
        expect(londonWallClock(new Date(value))).toBe(value.slice(0, 19));
      }
    }
  });

  it('switches on the last Sundays of March and October', () => {
    expect(dt003(dayNumber('2025-03-30'), 0)).toBe('2025-03-30T00:00:00+00:00');
    expect(dt003(dayNumber('2025-03-30'), 9 * 60)).toBe('2025-03-30T09:00:00+01:00');
    expect(dt003(dayNumber('2025-03-31'), 0)).toBe('2025-03-31T00:00:00+01:00');
    expect(dt003(dayNumber('2025-10-26'), 0)).toBe('2025-10-26T00:00:00+01:00');
    expect(dt003(dayNumber('2025-10-26'), 9 * 60)).toBe('2025-10-26T09:00:00+00:00');
    expect(ukOffsetMinutes(dayNumber('2025-10-27'), 0)).toBe(0);
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError);
  });
});

describe('generateTraffic', () => {
  const mpans = 2000;
  const lines: TrafficLine[] = [...generateTraffic({ mpans, seed: 42 }, reference)];

  it('is deterministic for a seed and differs between seeds', () => {
    const again = [...generateTraffic({ mpans: 50, seed: 42 }, reference)];
    expect(JSON.stringify(again)).toBe(JSON.stringify(take(lines, again.length)));
    const other = [...generateTraffic({ mpans: 50, seed: 43 }, reference)];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(again));
  });

  it('every message passes the official-schema conformance check, except the tagged schema mistakes', () => {
    const failures: string[] = [];
    let schemaMistakes = 0;
    for (const line of lines) {
      const result = validateInputMessage(line.message, line.channel);
      if (line.mistake === 'schema') {
        schemaMistakes++;
        expect(result.valid).toBe(false);
        expect(result.errors).toEqual([
          expect.stringMatching(
            /^\/payload\/CustomBlock\/B024\/DUOSTariffIDEffectiveFromDate: must NOT have fewer than 25 characters \(got "\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z"\)$/,
          ),
        ]);
      } else if (!result.valid) {
        failures.push(`${line.message.payload.CommonBlock.S1.senderUniqueReference}: ${result.errors.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(schemaMistakes).toBeGreaterThan(0);
  });

  it('every MPAN core passes the check digit, except on the tagged bad-check-digit lines', () => {
    const wrong = lines.filter((line) => {
      const core = line.message.payload.CommonBlock.M0.MPANCore;
      const valid = mpanCheckDigit(core.slice(0, 12)) === Number(core[12]);
      return valid !== (line.mistake !== 'bad-check-digit');
    });
    expect(wrong).toEqual([]);
  });

  it('gives about mistakeRate of the MPANs exactly one mistake, of every kind', () => {
    const counts = Object.fromEntries(MISTAKE_KINDS.map((k) => [k, 0])) as Record<MistakeKind, number>;
    for (const line of lines) if (line.mistake) counts[line.mistake]++;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total / mpans).toBeGreaterThan(0.035);
    expect(total / mpans).toBeLessThan(0.065);
    for (const kind of MISTAKE_KINDS) expect(counts[kind]).toBeGreaterThan(0);
    expect(counts.schema).toBeLessThan(total / MISTAKE_KINDS.length);

    expect([...generateTraffic({ mpans: 300, seed: 5, mistakeRate: 0 }, reference)].filter((l) => l.mistake)).toEqual([]);
    const all = [...generateTraffic({ mpans: 300, seed: 5, mistakeRate: 1 }, reference)];
    expect(all.filter((l) => l.mistake)).toHaveLength(300);
  });

  it('uses the right senders, envelope values and unique sender references', () => {
    const ldsoOf = new Map([...reference.dnos, ...reference.idnos].map((d) => [d.distributorId, d.ldsoDipId]));
    const supplierIds = new Set(reference.suppliers.map((s) => s.dipId));
    const toRegs = { primaryRecipients: [reference.regsDipId], secondaryRecipients: [], always: [] };
    const meteringServices = new Set(
      Object.values(reference.providers).flatMap(({ MS }) => MS.providers.map((p) => `${p.dipId} ${MS.role}`)),
    );
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { channel, message, mistake } of lines) {
      const { S0, S1, M0, A0 } = message.payload.CommonBlock;
      const custom = message.payload.CustomBlock as Json;
      const ldso = ldsoOf.get(M0.MPANCore.slice(0, 2));
      const proposal = custom.B070 ?? custom.B071;
      const proposedDipId = proposal?.proposedMeteringServiceDIPID ?? proposal?.proposedDataServiceDIPID;
      const sender =
        channel === 'REGS-LDSO'
          ? { ok: S1.senderDIPID === ldso && S1.senderRoleID === 'LDSO', a0: undefined, prefix: /^S-0(50|18|44|09)-/ }
          : channel === 'REGS-CSS'
            ? { ok: S1.senderDIPID === reference.cssDipId && S1.senderRoleID === 'CSS', a0: toRegs, prefix: /^S-001-/ }
            : channel === 'IF-031' || channel === 'IF-025'
              ? { ok: supplierIds.has(S1.senderDIPID) && S1.senderRoleID === 'SUP', a0: toRegs, prefix: new RegExp(`^S-${channel}-\\d{10}-SUP-`) }
              : channel === 'IF-005' || channel === 'IF-007'
                ? {
                    ok: meteringServices.has(`${S1.senderDIPID} ${S1.senderRoleID}`),
                    a0: toRegs,
                    prefix: new RegExp(`^S-${channel}-\\d{10}-(MSS|MSA|UMSO)-`),
                  }
                : {
                    ok: S1.senderDIPID === proposedDipId && ROLES_OF[S0.eventCode]!.includes(S1.senderRoleID),
                    a0: toRegs,
                    prefix: /^S-IF-034-\d{10}-(MSS|MSA|UMSO|SDS|ADS|UMSDS)-/,
                  };
      const key = `${S1.senderDIPID} ${S1.senderUniqueReference}`;
      const resend = mistake === 'duplicate-resend' || mistake === 'conflicting-resend';
      const checks: [boolean, string][] = [
        [S0.interfaceID === channel && S0.schemaVersion === '011', 'S0'],
        [S1.environmentTag === 'DEV' && S1.subText === null && S1.senderCorrelationID === null && S1.DIPConnectionProviderID === null, 'S1 constants'],
        [DT995.test(S1.senderUniqueReference), 'DT-995 pattern'],
        [sender.prefix.test(S1.senderUniqueReference), 'reference names the interface and the sender'],
        [S1.senderUniqueReference.includes(`-${S1.senderDIPID}-${S1.senderRoleID}-`), 'reference names the sender DIP id and role'],
        [londonWallClock(new Date(S1.senderTimestamp)) === S1.senderTimestamp.slice(0, 19), 'UK offset of senderTimestamp'],
        [/-(\d{8})-[a-zA-Z0-9]+$/.exec(S1.senderUniqueReference)?.[1] === S1.senderTimestamp.slice(0, 10).replace(/-/g, ''), 'reference date = send date'],
        [M0.distributorDIPID === ldso, 'M0.distributorDIPID'],
        [sender.ok, 'sender'],
        [JSON.stringify(A0) === JSON.stringify(sender.a0), 'A0'],
        [seen.has(key) === resend, resend ? 'resend of an unseen reference' : 'reference reused'],
      ];
      for (const [ok, what] of checks) if (!ok) problems.push(`${what}: ${JSON.stringify(message.payload.CommonBlock)}`);
      seen.add(key);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the lines of every MPAN, mistakes included, in senderTimestamp order (the loader replays them on that clock)', () => {
    const last = new Map<string, number>();
    const backwards: string[] = [];
    for (const line of lines) {
      const { M0, S1 } = line.message.payload.CommonBlock;
      const at = new Date(S1.senderTimestamp).getTime();
      if (at < (last.get(M0.MPANCore) ?? -Infinity)) backwards.push(`${M0.MPANCore} ${S1.senderUniqueReference} (${line.mistake ?? 'clean'})`);
      last.set(M0.MPANCore, at);
    }
    expect(backwards).toEqual([]);
  });

  it('tells each MPAN story in time order, consistently, in line with the ADR readings', () => {
    const byCore = new Map<string, TrafficLine[]>();
    for (const line of lines) {
      if (line.mistake) continue;
      const core = line.message.payload.CommonBlock.M0.MPANCore;
      byCore.set(core, [...(byCore.get(core) ?? []), line]);
    }
    expect(byCore.size).toBe(mpans);
    const dnoGroup = new Map(reference.dnos.map((d) => [d.distributorId, d.gspGroupId]));
    const seenEvents = new Set<string>();
    const profiles = new Map<string, number>();
    for (const [core, story] of byCore) {
      const codes = story.map((l) => l.message.payload.CommonBlock.S0.eventCode);
      codes.forEach((c) => seenEvents.add(c));
      expect(codes.filter((c) => c === '[MPANCreation]')).toHaveLength(1);
      expect(codes.filter((c) => c === '[InitialRegistration]')).toHaveLength(1);
      expect(codes[0]).toBe('[MPANCreation]');
      const stamps = story.map((l) => new Date(l.message.payload.CommonBlock.S1.senderTimestamp).getTime());
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));

      const creation = story[0]!.message.payload as Json;
      const created = ukDay(creation.CustomBlock.B079.RMPStatusEffectiveFromDate);
      expect(creation.CustomBlock.B079).toMatchObject({ RMPStatus: 'C', MPStatus: 'N' });
      expect(creation.CustomBlock.B025.energisationStatus).toBe('D');
      expect(created >= '2025-04-01' && created < isoDate(dayNumber('2025-04-01') + 365)).toBe(true);
      const { connectionTypeIndicator: ct, meteredIndicator } = creation.CustomBlock.B023;
      const segment = creation.CustomBlock.B026.marketSegmentIndicator;
      const profile = `${ct}/${segment}/${meteredIndicator}`;
      profiles.set(profile, (profiles.get(profile) ?? 0) + 1);
      expect(['W/S/true', 'L/A/true', 'H/A/true', 'U/U/false']).toContain(profile);
      expect(creation.CustomBlock.B024.DUOSTariffID).toMatch(/^[A-Z0-9]{1,3}$/);
      expect(creation.CustomBlock.B022.meteringPointPostcode).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
      const group = dnoGroup.get(core.slice(0, 2));
      if (group) expect(creation.CommonBlock.M0.GSPGroupID).toBe(group);

      let supplier = '';
      let supplyStart = '';
      for (const { message } of story.slice(1)) {
        const { CommonBlock: cb, CustomBlock: custom } = message.payload as Json;
        for (const block of Object.values(custom) as Json[]) {
          // throws if not UK midnight (null only where DT-003N allows it: no nominated MDR)
          for (const [k, v] of Object.entries(block)) if (/Date$/.test(k) && v !== null) ukDay(v as string);
        }
        switch (cb.S0.eventCode) {
          case '[InitialRegistration]':
            supplier = custom.B002.incomingSupplierDIPID;
            supplyStart = ukDay(custom.B002.supplierEffectiveFromDate);
            expect(supplyStart >= created).toBe(true);
            expect(reference.suppliers).toContainEqual({ dipId: supplier, mpid: custom.B002.incomingSupplierMPID });
            break;
          case '[ChangeOfSupplier]': {
            const from = ukDay(custom.B002.supplierEffectiveFromDate);
            expect(from > supplyStart).toBe(true);
            expect(custom.B003.outgoingSupplierDIPID).toBe(supplier);
            expect(custom.B002.incomingSupplierDIPID).not.toBe(supplier);
            expect(ukDay(custom.B003.supplierEffectiveToDate)).toBe(isoDate(dayNumber(from) - 1));
            supplier = custom.B002.incomingSupplierDIPID;
            break;
          }
          case '[GSPChg]':
            expect(group).toBeUndefined(); // only IDNO MPANs change GSP group
            break;
        }
      }
    }
    expect(seenEvents).toEqual(
      new Set([
        '[MPANCreation]', '[InitialRegistration]', '[ChangeOfSupplier]', '[AddressChg]', '[DUOSTariffIDChg]', '[EnergyDirection]', '[GSPChg]',
        '[MSApp]', '[DSApp]', '[MSAppSPResponse]', '[DSAppSPResponse]',
        '[MeterInstall]', '[MeterExchange]', '[MeterRemoval]', '[EnergisationStatusChange]', '[EnergisationStatusFailure]',
        '[ConsentGranularity]', '[SSCandProfileClass]', '[DomPremInd]', '[MarketSegmentChange]', '[MPANDisconnection]',
      ]),
    );
    expect(profiles.get('W/S/true')! / mpans).toBeGreaterThan(0.75);
    expect(profiles.get('U/U/false')).toBeGreaterThan(0);
  });

  it('plants each mistake kind as described', () => {
    const tagged = lines.filter((l) => l.mistake);
    const createdCores = new Set(
      lines.filter((l) => !l.mistake && l.message.payload.CommonBlock.S0.eventCode === '[MPANCreation]').map((l) => l.message.payload.CommonBlock.M0.MPANCore),
    );
    const bySur = new Map(lines.filter((l) => !l.mistake).map((l) => [l.message.payload.CommonBlock.S1.senderUniqueReference, l]));
    for (const line of tagged) {
      const { CommonBlock: cb, CustomBlock: custom } = line.message.payload as Json;
      switch (line.mistake) {
        case 'wrong-gsp-group': {
          const dno = reference.dnos.find((d) => d.distributorId === cb.M0.MPANCore.slice(0, 2))!;
          expect(cb.M0.GSPGroupID).not.toBe(dno.gspGroupId);
          expect(createdCores.has(cb.M0.MPANCore)).toBe(true); // the LDSO resends it corrected
          break;
        }
        case 'bad-check-digit':
          expect(cb.S0.eventCode).toBe('[MPANCreation]');
          break;
        case 'supply-start-before-creation': {
          const creation = lines.find((l) => !l.mistake && l.message.payload.CommonBlock.M0.MPANCore === cb.M0.MPANCore)!;
          const created = (creation.message.payload.CustomBlock as Json).B079.RMPStatusEffectiveFromDate;
          expect(ukDay(custom.B002.supplierEffectiveFromDate) < ukDay(created)).toBe(true);
          break;
        }
        case 'cos-before-supply-start': {
          const registration = lines.find(
            (l) => !l.mistake && l.message.payload.CommonBlock.M0.MPANCore === cb.M0.MPANCore && l.message.payload.CommonBlock.S0.eventCode === '[InitialRegistration]',
          )!;
          const start = (registration.message.payload.CustomBlock as Json).B002.supplierEffectiveFromDate;
          expect(cb.S0.eventCode).toBe('[ChangeOfSupplier]');
          expect(ukDay(custom.B002.supplierEffectiveFromDate) < ukDay(start)).toBe(true);
          break;
        }
        case 'duplicate-resend':
          expect(JSON.stringify(line.message)).toBe(JSON.stringify(bySur.get(cb.S1.senderUniqueReference)!.message));
          break;
        case 'conflicting-resend': {
          const original = bySur.get(cb.S1.senderUniqueReference)!.message;
          expect(line.message.payload.CommonBlock).toEqual(original.payload.CommonBlock);
          expect(line.message.payload.CustomBlock).not.toEqual(original.payload.CustomBlock);
          break;
        }
        case 'unknown-mpan':
          expect(cb.S0.eventCode).toBe('[InitialRegistration]');
          expect(createdCores.has(cb.M0.MPANCore)).toBe(false);
          break;
      }
    }
  });

  describe('service appointments (IF-031, IF-034)', () => {
    type Msg = { line: TrafficLine; cb: Json; custom: Json; day: string; at: number };
    const byCore = new Map<string, Msg[]>();
    for (const line of lines) {
      const { CommonBlock: cb, CustomBlock: custom } = line.message.payload as Json;
      const msg = { line, cb, custom, day: cb.S1.senderTimestamp.slice(0, 10) as string, at: new Date(cb.S1.senderTimestamp).getTime() };
      const list = byCore.get(cb.M0.MPANCore);
      if (list) list.push(msg);
      else byCore.set(cb.M0.MPANCore, [msg]);
    }
    const service = (m: Msg): 'MS' | 'DS' => (m.custom.B070 && m.cb.S0.eventCode !== '[DSAppSPResponse]' ? 'MS' : 'DS');
    const proposalOf = (m: Msg): Json => (service(m) === 'MS' ? m.custom.B070 : m.custom.B071);
    const providerOf = (m: Msg): string => proposalOf(m).proposedMeteringServiceDIPID ?? proposalOf(m).proposedDataServiceDIPID;
    const effectiveOf = (m: Msg): string => proposalOf(m).proposedMeteringServiceDIPEffectiveFromDate ?? proposalOf(m).proposedDataServiceDIPEffectiveFromDate;
    const days = (from: string, to: string) => dayNumber(to) - dayNumber(from);
    const isRequest = (m: Msg) => m.cb.S0.interfaceID === 'IF-031';
    const isAnswer = (m: Msg) => m.cb.S0.interfaceID === 'IF-034';
    /** The IF-034 answers to request `r`: same MPAN, same proposal block, sent by its provider. */
    const answersTo = (story: Msg[], r: Msg) =>
      story.filter((m) => isAnswer(m) && service(m) === service(r) && JSON.stringify(proposalOf(m)) === JSON.stringify(proposalOf(r)));
    const segmentOf = (story: Msg[]): 'S' | 'A' | 'U' => story.find((m) => m.cb.S0.eventCode === '[MPANCreation]')!.custom.B026.marketSegmentIndicator;
    // The MPANs that were created (not the cores of the unknown-mpan and bad-check-digit mistakes).
    for (const [core, story] of byCore) if (!story.some((m) => m.cb.S0.eventCode === '[MPANCreation]' && !m.line.mistake)) byCore.delete(core);

    it('follows each registration with the supplier\'s COS requests and the providers\' acceptances, before the supply start', () => {
      const problems: string[] = [];
      let registrations = 0;
      for (const [core, story] of byCore) {
        const clean = story.filter((m) => !m.line.mistake);
        const segment = segmentOf(story);
        for (const reg of clean.filter((m) => ['[InitialRegistration]', '[ChangeOfSupplier]'].includes(m.cb.S0.eventCode))) {
          registrations++;
          const start = ukDay(reg.custom.B002.supplierEffectiveFromDate);
          const cssId = reg.custom.B013.CSSRegistrationID;
          // The requests that stand: untagged, or the valid request nobody answers (tagged no-provider-answer).
          const requests = story.filter(
            (m) => isRequest(m) && m.custom.B013?.CSSRegistrationID === cssId && (!m.line.mistake || m.line.mistake === 'no-provider-answer'),
          );
          const where = `${core} registration ${reg.cb.S1.senderUniqueReference}`;
          if (JSON.stringify(requests.map((r) => r.cb.S0.eventCode).sort()) !== JSON.stringify(['[DSApp]', '[MSApp]'])) {
            problems.push(`${where}: requests ${requests.map((r) => r.cb.S0.eventCode)}`);
            continue;
          }
          for (const r of requests) {
            const p = proposalOf(r);
            const fits = reference.providers[segment][service(r)].providers.some((x) => x.dipId === providerOf(r));
            const checks: [boolean, string][] = [
              [r.cb.S1.senderDIPID === reg.custom.B002.incomingSupplierDIPID, 'sent by the registered supplier'],
              [p.appointmentScenario === 'COS', 'scenario COS'],
              [effectiveOf(r) === dt003(dayNumber(start), 0), 'effective from the supply start at UK midnight'],
              [r.at >= reg.at, 'not before the registration message'],
              [days(r.day, start) >= 1 && days(r.day, start) <= 28, 'sent before the start, at most 28 days ahead'],
              [fits, `provider fits segment ${segment}`],
              [/^[A-Z]{4}-[A-Z]{4}-\d{4}$/.test(p.contractReferenceMeteringService ?? p.contractReferenceDataService), 'contract reference'],
            ];
            const answers = answersTo(story, r);
            if (story.some((m) => m.line.mistake === 'no-provider-answer') && answers.length === 0) {
              checks.push([story.some((m) => m.line.mistake === 'no-provider-answer' && m.line === r.line), 'unanswered only when tagged']);
            } else {
              const a = answers[0];
              checks.push([answers.length === 1, 'exactly one answer']);
              if (a) {
                const rejected = a.line.mistake === 'provider-rejects';
                checks.push(
                  [a.cb.S1.senderDIPID === providerOf(r), 'answered by the proposed provider'],
                  [a.cb.S1.senderRoleID === reference.providers[segment][service(r)].role, 'in the role of the segment'],
                  [days(r.day, a.day) >= 1 && days(r.day, a.day) <= 2, 'answered 1–2 days later'],
                  [a.day < start, 'answered before the start'],
                  [a.custom.B012.serviceProviderAppointmentRequestingSupplierDIPID === r.cb.S1.senderDIPID, 'B012 is the requesting supplier'],
                  [a.custom.B013?.CSSRegistrationID === cssId, 'B013 quoted'],
                  [
                    JSON.stringify(a.custom.B007) ===
                      JSON.stringify(
                        rejected
                          ? { responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid' }
                          : { responseCode: 'A', proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' },
                      ),
                    'B007',
                  ],
                );
              }
            }
            for (const [ok, what] of checks) if (!ok) problems.push(`${where} ${r.cb.S0.eventCode}: ${what}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(registrations).toBeGreaterThan(mpans);
    });

    it('gives a share of MPANs a later CSP by the current supplier, to another provider of the segment, with its acceptance', () => {
      const problems: string[] = [];
      let csps = 0;
      for (const [core, story] of byCore) {
        const segment = segmentOf(story);
        const appointed: Record<string, string | undefined> = {};
        let supplier = '';
        for (const m of story) {
          if (m.line.mistake) continue;
          if (m.cb.S0.eventCode === '[InitialRegistration]' || m.cb.S0.eventCode === '[ChangeOfSupplier]') supplier = m.custom.B002.incomingSupplierDIPID;
          if (isAnswer(m) && m.custom.B007.responseCode === 'A') appointed[service(m)] = providerOf(m);
          if (!isRequest(m) || proposalOf(m).appointmentScenario !== 'CSP') continue;
          csps++;
          const answers = answersTo(story, m);
          const effective = ukDay(effectiveOf(m));
          const checks: [boolean, string][] = [
            [segment !== 'U', 'not on an Unmetered MPAN (one provider each)'],
            [m.cb.S1.senderDIPID === supplier, 'sent by the current supplier'],
            [m.custom.B013 === undefined, 'no B013'],
            [providerOf(m) !== appointed[service(m)], 'a different provider'],
            [reference.providers[segment][service(m)].providers.some((x) => x.dipId === providerOf(m)), 'fits the segment'],
            [days(m.day, effective) >= 5 && days(m.day, effective) <= 20, 'effective 5–20 days after sending'],
            [answers.length === 1 && answers[0]!.custom.B007.responseCode === 'A', 'accepted'],
            [answers.length === 1 && days(m.day, answers[0]!.day) >= 1 && days(m.day, answers[0]!.day) <= 2, 'answered 1–2 days later'],
          ];
          for (const [ok, what] of checks) if (!ok) problems.push(`${core} ${m.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      expect(csps / mpans).toBeGreaterThan(0.07);
      expect(csps / mpans).toBeLessThan(0.2);
    });

    it('plants each appointment mistake as described', () => {
      const problems: string[] = [];
      const counts: Record<string, number> = {};
      for (const [core, story] of byCore) {
        const segment = segmentOf(story);
        for (const m of story.filter((x) => x.line.mistake && APPOINTMENT_KINDS.includes(x.line.mistake))) {
          const kind = m.line.mistake!;
          counts[kind] = (counts[kind] ?? 0) + 1;
          const later = story.filter((x) => isRequest(x) && !x.line.mistake && x.at >= m.at && service(x) === service(m) && x.custom.B013?.CSSRegistrationID === m.custom.B013?.CSSRegistrationID);
          const corrected = later[0];
          const correctedFits = corrected !== undefined && answersTo(story, corrected).length === 1;
          const registration = story.find((x) => x.custom.B013?.CSSRegistrationID === m.custom.B013?.CSSRegistrationID && x.cb.S0.interfaceID === 'REGS-CSS');
          const start = registration ? ukDay(registration.custom.B002.supplierEffectiveFromDate) : '';
          const cspGap = kind === 'appointment-gap' && proposalOf(m).appointmentScenario === 'CSP';
          const checks: [boolean, string][] = [
            [cspGap || (m.custom.B013 !== undefined && proposalOf(m).appointmentScenario === 'COS'), 'on a COS request'],
          ];
          switch (kind) {
            case 'wrong-segment-provider':
              checks.push(
                [m.cb.S0.eventCode === (segment === 'U' ? '[DSApp]' : '[MSApp]'), 'an [MSApp] ([DSApp] on Unmetered)'],
                [!reference.providers[segment][service(m)].providers.some((x) => x.dipId === providerOf(m)), 'provider without the segment role'],
                [segment !== 'S' || providerOf(m) === '2000000003', 'MSA-only MSAC on a Smart MPAN'],
                [answersTo(story, m).length === 0 && correctedFits, 'unanswered, then corrected and answered'],
              );
              break;
            case 'unknown-provider':
              checks.push(
                [['2000000099', '2000000098'].includes(providerOf(m)), 'unknown DIP id'],
                [answersTo(story, m).length === 0 && correctedFits, 'unanswered, then corrected and answered'],
              );
              break;
            case 'appointment-gap': {
              if (cspGap) {
                // The same CSP again, sent after the first was accepted, dated before the accepted date.
                const first = story.find((x) => !x.line.mistake && isRequest(x) && service(x) === service(m) && proposalOf(x).appointmentScenario === 'CSP')!;
                const accepted = answersTo(story, first)[0]!;
                const supplyStart = ukDay(story.find((x) => x.cb.S0.eventCode === '[InitialRegistration]' && !x.line.mistake)!.custom.B002.supplierEffectiveFromDate);
                const effective = ukDay(effectiveOf(m));
                checks.push(
                  [providerOf(m) === providerOf(first) && m.custom.B013 === undefined, 'the same CSP provider'],
                  [m.at > accepted.at, 'sent after the acceptance'],
                  [effective > supplyStart && effective < ukDay(effectiveOf(first)), `dated ${effective}, between the supply start and the accepted CSP`],
                );
              } else {
                const gap = days(start, ukDay(effectiveOf(m)));
                checks.push([gap >= 1 && gap <= 5, `1–5 days after the supply start (${gap})`], [correctedFits, 'then corrected']);
              }
              counts[cspGap ? 'appointment-gap (CSP)' : 'appointment-gap (COS)'] = (counts[cspGap ? 'appointment-gap (CSP)' : 'appointment-gap (COS)'] ?? 0) + 1;
              break;
            }
            case 'not-local-midnight':
              checks.push(
                [effectiveOf(m) === dt003(dayNumber(start), 12 * 60), 'the supply start at 12:00 UK time'],
                [correctedFits, 'then corrected'],
              );
              break;
            case 'no-provider-answer':
              checks.push([isRequest(m) && answersTo(story, m).length === 0, 'a request nobody answers'], [later.length === 0, 'not sent again']);
              break;
            case 'provider-rejects':
              checks.push(
                [isAnswer(m), 'an IF-034'],
                [
                  JSON.stringify(m.custom.B007) === JSON.stringify({ responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid' }),
                  'R with SP002',
                ],
              );
              break;
          }
          for (const [ok, what] of checks) if (!ok) problems.push(`${core} ${kind} ${m.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      for (const kind of [...APPOINTMENT_KINDS, 'appointment-gap (CSP)', 'appointment-gap (COS)']) {
        expect({ kind, planted: (counts[kind] ?? 0) > 0 }).toEqual({ kind, planted: true });
      }
    });
  });

  describe('the metering story (IF-005, IF-007, IF-025) and the LDSO network events', () => {
    type Msg = { line: TrafficLine; cb: Json; custom: Json; code: string; sent: string; at: number };
    type Appointment = { from: string; dipId: string; role: string };
    interface Story {
      core: string;
      msgs: Msg[];
      segment: 'S' | 'A' | 'U';
      supplyStart: string;
      /** Accepted MS appointments (clean IF-034 `A` answers), by effective-from date. */
      ms: Appointment[];
      /** Registered suppliers (clean CSS messages) by supply start, with their CSS registration ids. */
      suppliers: { from: string; dipId: string; cssId: string }[];
    }
    const stories: Story[] = [];
    {
      const byCore = new Map<string, Msg[]>();
      for (const line of lines) {
        const { CommonBlock: cb, CustomBlock: custom } = line.message.payload as Json;
        const msg: Msg = { line, cb, custom, code: cb.S0.eventCode, sent: cb.S1.senderTimestamp.slice(0, 10), at: new Date(cb.S1.senderTimestamp).getTime() };
        byCore.set(cb.M0.MPANCore, [...(byCore.get(cb.M0.MPANCore) ?? []), msg]);
      }
      for (const [core, msgs] of byCore) {
        const creation = msgs.find((m) => m.code === '[MPANCreation]' && !m.line.mistake);
        const registration = msgs.find((m) => m.code === '[InitialRegistration]' && !m.line.mistake);
        if (!creation || !registration) continue;
        const ms = msgs
          .filter((m) => !m.line.mistake && m.code === '[MSAppSPResponse]' && m.custom.B007.responseCode === 'A')
          .map((m) => ({ from: ukDay(m.custom.B070.proposedMeteringServiceDIPEffectiveFromDate), dipId: m.cb.S1.senderDIPID, role: m.cb.S1.senderRoleID }))
          .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        const suppliers = msgs
          .filter((m) => !m.line.mistake && m.cb.S0.interfaceID === 'REGS-CSS')
          .map((m) => ({ from: ukDay(m.custom.B002.supplierEffectiveFromDate), dipId: m.custom.B002.incomingSupplierDIPID, cssId: m.custom.B013.CSSRegistrationID }));
        stories.push({
          core,
          msgs,
          segment: creation.custom.B026.marketSegmentIndicator,
          supplyStart: ukDay(registration.custom.B002.supplierEffectiveFromDate),
          ms,
          suppliers,
        });
      }
    }
    const lastBy = <T extends { from: string }>(list: T[], day: string): T | undefined => list.filter((x) => x.from <= day).at(-1);
    const days = (from: string, to: string) => dayNumber(to) - dayNumber(from);
    /** The date an IF-005 / IF-007 message is about (the sender must be the MS appointed then). */
    const eventDateOf = (m: Msg): string => {
      switch (m.code) {
        case '[MeterInstall]':
          return ukDay(m.custom.B906.existingMeter.meterInstallationDate);
        case '[MeterRemoval]':
        case '[MeterExchange]':
          return ukDay(m.custom.B039.meterRemovalDate);
        case '[EnergisationStatusChange]':
          return ukDay(m.custom.B025.energisationStatusEffectiveFromDate);
        default:
          return m.sent;
      }
    };
    const isMeteringService = (m: Msg) => m.cb.S0.interfaceID === 'IF-005' || m.cb.S0.interfaceID === 'IF-007';

    it('has every clean IF-005 and IF-007 message sent by the metering service appointed on its date, in its role, after that appointment began', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const st of stories) {
        for (const m of st.msgs.filter((x) => isMeteringService(x) && (!x.line.mistake || x.line.mistake === 'install-after-disconnection'))) {
          if (m.line.mistake) continue;
          checked++;
          const date = eventDateOf(m);
          const appointed = lastBy(st.ms, date);
          const checks: [boolean, string][] = [
            [appointed?.dipId === m.cb.S1.senderDIPID && appointed?.role === m.cb.S1.senderRoleID, `the MS appointed on ${date}`],
            [date <= m.sent, 'not dated after the day it is sent'],
            [appointed !== undefined && m.sent > appointed.from, 'sent after the day the appointment began'],
          ];
          for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${m.code} ${m.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(stories.length * 1.5);
    });

    it('installs a meter 1–4 days after the supply start on each metered MPAN with a metering service, then energises it from the installation day', () => {
      const problems: string[] = [];
      let installs = 0;
      for (const st of stories) {
        const initialMs = st.ms.find((a) => a.from === st.supplyStart);
        const clean = st.msgs.filter((m) => !m.line.mistake);
        const installsOf = clean.filter((m) => m.code === '[MeterInstall]');
        const energisations = clean.filter((m) => m.code === '[EnergisationStatusChange]');
        if (!initialMs) {
          if (installsOf.length + energisations.length > 0) problems.push(`${st.core}: metering messages without a metering service`);
          continue;
        }
        const firstE = energisations[0];
        if (st.segment === 'U') {
          const from = firstE && ukDay(firstE.custom.B025.energisationStatusEffectiveFromDate);
          if (installsOf.length > 0) problems.push(`${st.core}: a clean meter installation on an Unmetered MPAN`);
          if (!from || firstE.custom.B025.energisationStatus !== 'E' || days(st.supplyStart, from) < 0 || days(st.supplyStart, from) > 2) {
            problems.push(`${st.core}: the UMSO energises within 2 days of the supply start`);
          }
          continue;
        }
        installs++;
        const install = installsOf[0];
        if (!install) {
          problems.push(`${st.core}: no meter installation`);
          continue;
        }
        const meter = install.custom.B906.existingMeter;
        const installed = ukDay(meter.meterInstallationDate);
        const smart = st.segment === 'S';
        const checks: [boolean, string][] = [
          [days(st.supplyStart, install.sent) >= 1 && days(st.supplyStart, install.sent) <= 4, 'reported 1–4 days after the supply start'],
          [installed >= st.supplyStart && days(installed, install.sent) <= 2, 'installed 0–2 days before it is reported, not before the supply start'],
          [/^\d{2}[A-Z]\d{7}$/.test(meter.meterID) && meter.modifiedMeterID === null, 'meter id'],
          [smart ? /^S2A/.test(meter.meterType) : ['RCAMR', 'RCAMY', 'NCAMR', 'H'].includes(meter.meterType), `meter type ${meter.meterType}`],
          [smart ? /^([0-9A-F]{2}-){7}[0-9A-F]{2}$/.test(meter.ESMEGUID) : meter.ESMEGUID === null, 'ESME GUID on a smart meter only'],
          [smart ? [5, 6].includes(meter.numberOfDisplayedRegisterDigits) : meter.numberOfDisplayedRegisterDigits >= 5, 'displayed digits'],
          [
            install.custom.B906.historyMAP.length === 1 &&
              install.custom.B906.historyMAP[0].meterAssetProviderEffectiveFromDate === meter.meterInstallationDate &&
              /^MAP[A-C]$/.test(install.custom.B906.historyMAP[0].meterAssetProviderID),
            'one MAP from the installation day',
          ],
          [install.custom.B030 === undefined || (smart && install.custom.B030.IHDEffectiveFromDate === meter.meterInstallationDate), 'IHD with a smart installation'],
          [
            firstE !== undefined &&
              firstE.custom.B025.energisationStatus === 'E' &&
              firstE.custom.B025.energisationStatusEffectiveFromDate === meter.meterInstallationDate &&
              firstE.at > install.at,
            'energised from the installation day, after the installation',
          ],
        ];
        for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${install.cb.S1.senderUniqueReference}: ${what}`);
      }
      expect(problems).toEqual([]);
      expect(installs / stories.length).toBeGreaterThan(0.8);
    });

    it('keeps each meter and energisation history consistent: removals and exchanges of the installed meter, alternating statuses', () => {
      const problems: string[] = [];
      const counts = { exchanges: 0, offOn: 0, failures: 0, metered: 0 };
      for (const st of stories) {
        if (st.segment !== 'U') counts.metered++;
        let installed: { id: string; on: string } | undefined;
        let status = 'D';
        let offs = 0;
        for (const m of st.msgs.filter((x) => !x.line.mistake && isMeteringService(x))) {
          if (m.code === '[MeterInstall]') installed = { id: m.custom.B906.existingMeter.meterID, on: ukDay(m.custom.B906.existingMeter.meterInstallationDate) };
          if (m.code === '[MeterExchange]' || m.code === '[MeterRemoval]') {
            const removal = ukDay(m.custom.B039.meterRemovalDate);
            if (!installed || m.custom.B039.meterIDRemoved !== installed.id || removal < installed.on) problems.push(`${st.core} ${m.code}: removes the installed meter, not before its installation`);
            installed = undefined;
          }
          if (m.code === '[MeterExchange]') {
            counts.exchanges++;
            const meter = m.custom.B906.existingMeter;
            if (meter.meterInstallationDate !== m.custom.B039.meterRemovalDate) problems.push(`${st.core} [MeterExchange]: one date for removal and installation`);
            installed = { id: meter.meterID, on: ukDay(meter.meterInstallationDate) };
          }
          if (m.code === '[EnergisationStatusChange]') {
            const next = m.custom.B025.energisationStatus;
            if (next === status) problems.push(`${st.core} ${m.cb.S1.senderUniqueReference}: energisation status ${next} twice in a row`);
            if (next === 'D') offs++;
            status = next;
          }
          if (m.code === '[EnergisationStatusFailure]') {
            counts.failures++;
            if (status !== 'D' || m.custom.B040.natureofMaintenanceEnergisationStatus === null) problems.push(`${st.core}: a failed visit before energisation`);
          }
        }
        if (offs > 0 && !st.msgs.some((m) => m.code === '[MPANDisconnection]')) counts.offOn++;
      }
      expect(problems).toEqual([]);
      expect(counts.exchanges / counts.metered).toBeGreaterThan(0.04);
      expect(counts.exchanges / counts.metered).toBeLessThan(0.15);
      expect(counts.offOn / stories.length).toBeGreaterThan(0.03);
      expect(counts.offOn / stories.length).toBeLessThan(0.12);
      expect(counts.failures).toBeGreaterThan(0);
    });

    it('has IF-025 from the supplier registered on its date, effective 0–5 days before it is sent, quoting that registration when B013 is sent', () => {
      const problems: string[] = [];
      let sent = 0;
      for (const st of stories) {
        for (const m of st.msgs.filter((x) => !x.line.mistake && x.cb.S0.interfaceID === 'IF-025')) {
          sent++;
          const block = m.custom.B068 ?? m.custom.B032;
          const from = ukDay(block.consentGranularityEffectiveFromDate ?? block.profileClassEffectiveFromDate);
          const supplier = lastBy(st.suppliers, from);
          const checks: [boolean, string][] = [
            [supplier?.dipId === m.cb.S1.senderDIPID && lastBy(st.suppliers, m.sent)?.dipId === m.cb.S1.senderDIPID, 'the supplier registered then and when sent'],
            [days(from, m.sent) >= 0 && days(from, m.sent) <= 5, `effective ${days(from, m.sent)} days before it is sent`],
            [m.custom.B013 === undefined || m.custom.B013.CSSRegistrationID === supplier?.cssId, 'B013 of that registration'],
            [st.segment !== 'U', 'on a metered MPAN'],
            [
              m.code === '[ConsentGranularity]'
                ? st.segment === 'S' && ['H', 'D', 'M'].includes(m.custom.B068.consentGranularity)
                : /^0[3-8]$/.test(m.custom.B032.profileClass) && m.custom.B032.SSCEffectiveFromDate === m.custom.B032.profileClassEffectiveFromDate,
              'consent granularity on Smart MPANs, profile class and SSC otherwise',
            ],
          ];
          for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${m.code} ${m.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      expect(sent / stories.length).toBeGreaterThan(0.05);
    });

    it('changes a few Smart MPANs to Advanced, followed by the supplier\'s SEG re-appointments and their acceptances before the day', () => {
      const problems: string[] = [];
      let changes = 0;
      for (const st of stories) {
        for (const change of st.msgs.filter((m) => m.code === '[MarketSegmentChange]')) {
          changes++;
          const day = ukDay(change.custom.B026.marketSegmentIndicatorEffectiveFromDate);
          const seg = st.msgs.filter((m) => m.cb.S0.interfaceID === 'IF-031' && (m.custom.B070 ?? m.custom.B071).appointmentScenario === 'SEG');
          const checks: [boolean, string][] = [
            [st.segment === 'S' && change.custom.B026.marketSegmentIndicator === 'A', 'Smart to Advanced'],
            [
              JSON.stringify([change.custom.B023.connectionTypeIndicator, change.custom.B023.meteredIndicator, ukDay(change.custom.B023.connectionTypeEffectiveFromDate)]) ===
                JSON.stringify(['L', true, day]),
              'with the LV CT connection from the same day',
            ],
            [days(change.sent, day) >= 8 && days(change.sent, day) <= 14, 'sent 8–14 days ahead'],
            [!st.msgs.some((m) => m.code === '[ChangeOfSupplier]'), 'no change of supplier'],
            [JSON.stringify(seg.map((m) => m.code).sort()) === JSON.stringify(['[DSApp]', '[MSApp]']), 'one SEG request per service'],
          ];
          for (const r of seg) {
            const proposal = r.custom.B070 ?? r.custom.B071;
            const provider = proposal.proposedMeteringServiceDIPID ?? proposal.proposedDataServiceDIPID;
            const service = r.code === '[MSApp]' ? 'MS' : 'DS';
            const answer = st.msgs.find((m) => m.cb.S0.interfaceID === 'IF-034' && JSON.stringify(m.custom.B070 ?? m.custom.B071) === JSON.stringify(proposal));
            const previous = lastBy(st.ms, isoDate(dayNumber(day) - 1));
            checks.push(
              [r.custom.B013 === undefined && r.cb.S1.senderDIPID === st.suppliers[0]!.dipId && r.at > change.at, `${service}: by the supplier, after the change, no B013`],
              [ukDay(proposal.proposedMeteringServiceDIPEffectiveFromDate ?? proposal.proposedDataServiceDIPEffectiveFromDate) === day, `${service}: effective from the change`],
              [reference.providers.A[service].providers.some((p) => p.dipId === provider), `${service}: a provider of the Advanced segment`],
              [service === 'DS' || provider !== previous?.dipId, `${service}: not the current provider`],
              [answer?.custom.B007.responseCode === 'A' && answer.sent < isoDate(dayNumber(day)) && answer.cb.S1.senderRoleID === (service === 'MS' ? 'MSA' : 'ADS'), `${service}: accepted before the day`],
            );
          }
          for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${change.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      expect(changes).toBeGreaterThan(5);
      expect(changes / stories.length).toBeLessThan(0.05);
    });

    it('changes the domestic premise indicator of a few MPANs, and disconnects a few after everything else', () => {
      const problems: string[] = [];
      let disconnections = 0;
      const dom = stories.filter((st) => st.msgs.some((m) => m.code === '[DomPremInd]')).length;
      for (const st of stories) {
        const disconnection = st.msgs.find((m) => m.code === '[MPANDisconnection]');
        if (!disconnection) continue;
        disconnections++;
        const day = ukDay(disconnection.custom.B041.disconnectionEffectiveFromDate);
        const before = st.msgs.filter((m) => m.at < disconnection.at);
        const after = st.msgs.filter((m) => m.at > disconnection.at);
        const latestBefore = Math.max(...before.map((m) => Math.max(dayNumber(m.sent), latestMidnight(m.custom))));
        const checks: [boolean, string][] = [
          [dayNumber(day) > latestBefore, 'dated after every earlier date and send day'],
          [days(disconnection.sent, day) >= 0 && days(disconnection.sent, day) <= 3, 'sent 0–3 days ahead'],
          [after.every((m) => isMeteringService(m) && m.sent >= day), 'followed only by the metering service, from the disconnection day'],
          [
            after.filter((m) => !m.line.mistake).every((m) => m.code === '[MeterRemoval]' || (m.code === '[EnergisationStatusChange]' && m.custom.B025.energisationStatus === 'D')),
            'which removes the meter and de-energises',
          ],
          [st.segment === 'U' || after.some((m) => m.code === '[MeterRemoval]' && !m.line.mistake), 'the meter removed'],
        ];
        for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${disconnection.cb.S1.senderUniqueReference}: ${what}`);
      }
      expect(problems).toEqual([]);
      expect(disconnections).toBeGreaterThan(5);
      expect(disconnections / stories.length).toBeLessThan(0.05);
      expect(dom).toBeGreaterThan(10);
    });

    it('plants each metering mistake as described', () => {
      const problems: string[] = [];
      const counts: Record<string, number> = {};
      for (const st of stories) {
        for (const m of st.msgs.filter((x) => x.line.mistake && METERING_KINDS.includes(x.line.mistake))) {
          const kind = m.line.mistake!;
          counts[kind] = (counts[kind] ?? 0) + 1;
          const clean = st.msgs.filter((x) => !x.line.mistake);
          const date = eventDateOf(m);
          const appointed = lastBy(st.ms, date);
          const install = clean.find((x) => x.code === '[MeterInstall]');
          const checks: [boolean, string][] = [];
          switch (kind) {
            case 'removal-before-install': {
              const installed = install && ukDay(install.custom.B906.existingMeter.meterInstallationDate);
              checks.push(
                [m.code === '[MeterRemoval]' && m.custom.B039.meterIDRemoved === install?.custom.B906.existingMeter.meterID, 'removes the installed meter'],
                [installed !== undefined && date < installed && date >= st.supplyStart && m.at > install!.at, 'dated before its installation, reported after it'],
                [appointed?.dipId === m.cb.S1.senderDIPID, 'by the appointed MS'],
              );
              break;
            }
            case 'meter-event-by-wrong-ms':
              checks.push(
                [m.code === '[MeterInstall]' && st.segment !== 'U', 'a meter installation on a metered MPAN'],
                [appointed !== undefined && appointed.dipId !== m.cb.S1.senderDIPID && appointed.role === m.cb.S1.senderRoleID, 'by another MS of the same role'],
                [install !== undefined && install.at > m.at && install.cb.S1.senderDIPID === appointed?.dipId, 'then the appointed MS installs'],
              );
              break;
            case 'meter-on-unmetered':
              checks.push(
                [m.code === '[MeterInstall]' && st.segment === 'U' && m.custom.B906.existingMeter.ESMEGUID === null, 'a non-smart meter on an Unmetered MPAN'],
                [appointed?.dipId === m.cb.S1.senderDIPID && m.cb.S1.senderRoleID === 'UMSO', 'by the appointed UMSO'],
              );
              break;
            case 'supplier-data-too-retrospective': {
              const block = m.custom.B068 ?? m.custom.B032;
              const from = ukDay(block.consentGranularityEffectiveFromDate ?? block.profileClassEffectiveFromDate);
              const corrected = clean.find((x) => x.code === m.code && x.at > m.at);
              checks.push(
                [days(from, m.sent) >= 6 && days(from, m.sent) <= 25, `effective ${days(from, m.sent)} days back`],
                [lastBy(st.suppliers, from)?.dipId === m.cb.S1.senderDIPID, 'by the supplier registered then'],
                [corrected !== undefined && corrected.sent === m.sent, 'sent again the same day'],
              );
              break;
            }
            case 'install-after-disconnection': {
              const disconnection = st.msgs.find((x) => x.code === '[MPANDisconnection]');
              const disconnected = disconnection && ukDay(disconnection.custom.B041.disconnectionEffectiveFromDate);
              checks.push(
                [m.code === '[MeterInstall]' && disconnected !== undefined && date > disconnected && m.at > disconnection!.at, 'installed after the disconnection'],
                [appointed?.dipId === m.cb.S1.senderDIPID, 'by the appointed MS'],
              );
              break;
            }
            case 'energisation-same-status': {
              const energised = clean.find((x) => x.code === '[EnergisationStatusChange]');
              checks.push(
                [m.code === '[EnergisationStatusChange]' && m.custom.B025.energisationStatus === 'E', 'an energisation'],
                [energised !== undefined && m.at > energised.at && days(eventDateOf(energised), date) >= 1 && days(eventDateOf(energised), date) <= 15, '1–15 days after the energisation'],
                [clean.filter((x) => x.code === '[EnergisationStatusChange]' && x.at < m.at).every((x) => x.custom.B025.energisationStatus === 'E'), 'while energised'],
                [appointed?.dipId === m.cb.S1.senderDIPID, 'by the appointed MS'],
              );
              break;
            }
          }
          for (const [ok, what] of checks) if (!ok) problems.push(`${st.core} ${kind} ${m.cb.S1.senderUniqueReference}: ${what}`);
        }
      }
      expect(problems).toEqual([]);
      for (const kind of METERING_KINDS) expect({ kind, planted: (counts[kind] ?? 0) > 0 }).toEqual({ kind, planted: true });
    });
  });

  it('is lazy: the first 10 lines of a 1,000,000-MPAN run come at once', () => {
    const started = process.hrtime.bigint();
    const first = take(generateTraffic({ mpans: 1_000_000, seed: 9 }, reference), 10);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(first).toHaveLength(10);
    expect(ms).toBeLessThan(500);
  });

  it('validates its options at the call', () => {
    expect(() => generateTraffic({ mpans: -1 }, reference)).toThrow(RangeError);
    expect(() => generateTraffic({ mpans: 1.5 }, reference)).toThrow(RangeError);
    expect(() => generateTraffic({ mpans: 1, startDate: '2025-02-30' }, reference)).toThrow(RangeError);
    expect(() => generateTraffic({ mpans: 1, mistakeRate: 2 }, reference)).toThrow(RangeError);
    expect(() => generateTraffic({ mpans: 1, seed: 0.5 }, reference)).toThrow(RangeError);
  });

  it('uses no Math.random anywhere in the generator', () => {
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      expect(readFileSync(join(__dirname, file), 'utf8')).not.toMatch(/Math\.random\s*\(/);
    }
  });
});

describe('writeTrafficFile', () => {
  it('streams the same lines to disk and summarises them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'traffic-'));
    try {
      const path = join(dir, 'traffic.jsonl');
      const options = { mpans: 400, seed: 3, startDate: '2025-10-20', mistakeRate: 0.2 };
      const summary = await writeTrafficFile(path, options);
      const written = readFileSync(path, 'utf8');
      const expected = [...generateTraffic(options, reference)];
      expect(written).toBe(expected.map((l) => `${JSON.stringify(l)}\n`).join(''));
      expect(summary.lines).toBe(expected.length);
      const mistakes = Object.fromEntries(MISTAKE_KINDS.map((k) => [k, expected.filter((l) => l.mistake === k).length]));
      expect(summary.mistakes).toEqual(mistakes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects when the file cannot be written, and on bad options before opening it', async () => {
    await expect(writeTrafficFile('/nonexistent-dir/x/traffic.jsonl', { mpans: 5 })).rejects.toThrow(/ENOENT/);
    await expect(writeTrafficFile('/nonexistent-dir/x/traffic.jsonl', { mpans: -5 })).rejects.toThrow(RangeError);
  });
});
