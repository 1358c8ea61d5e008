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
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { channel, message, mistake } of lines) {
      const { S0, S1, M0, A0 } = message.payload.CommonBlock;
      const ldso = ldsoOf.get(M0.MPANCore.slice(0, 2));
      const sender =
        channel === 'REGS-LDSO'
          ? { dip: ldso, role: 'LDSO', a0: undefined }
          : { dip: reference.cssDipId, role: 'CSS', a0: { primaryRecipients: [reference.regsDipId], secondaryRecipients: [], always: [] } };
      const key = `${S1.senderDIPID} ${S1.senderUniqueReference}`;
      const resend = mistake === 'duplicate-resend' || mistake === 'conflicting-resend';
      const checks: [boolean, string][] = [
        [S0.interfaceID === channel && S0.schemaVersion === '011', 'S0'],
        [S1.environmentTag === 'DEV' && S1.subText === null && S1.senderCorrelationID === null && S1.DIPConnectionProviderID === null, 'S1 constants'],
        [DT995.test(S1.senderUniqueReference), 'DT-995 pattern'],
        [londonWallClock(new Date(S1.senderTimestamp)) === S1.senderTimestamp.slice(0, 19), 'UK offset of senderTimestamp'],
        [S1.senderUniqueReference.split('-')[4] === S1.senderTimestamp.slice(0, 10).replace(/-/g, ''), 'reference date = send date'],
        [M0.distributorDIPID === ldso, 'M0.distributorDIPID'],
        [S1.senderDIPID === sender.dip && S1.senderRoleID === sender.role, 'sender'],
        [JSON.stringify(A0) === JSON.stringify(sender.a0), 'A0'],
        [seen.has(key) === resend, resend ? 'resend of an unseen reference' : 'reference reused'],
      ];
      for (const [ok, what] of checks) if (!ok) problems.push(`${what}: ${JSON.stringify(message.payload.CommonBlock)}`);
      seen.add(key);
    }
    expect(problems).toEqual([]);
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
          for (const [k, v] of Object.entries(block)) if (/Date$/.test(k)) ukDay(v as string); // throws if not UK midnight
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
      new Set(['[MPANCreation]', '[InitialRegistration]', '[ChangeOfSupplier]', '[AddressChg]', '[DUOSTariffIDChg]', '[EnergyDirection]', '[GSPChg]']),
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
