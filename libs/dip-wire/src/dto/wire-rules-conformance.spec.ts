import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { channelOf, eventCodesOf } from '../channels';
import { generateTraffic } from '../sample-traffic';
import { MalformedMessageGenerator } from '../testing/malformed-messages';
import { VALID_MESSAGES } from '../testing/fixtures';
import { validateDipMessage } from '../validate-dip-message';
import { dipMessageDtoFor } from './envelope.dto';
import { conformsToWireRules } from './wire-rules';

/** The options validateDipMessage gives class-validator. */
const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true, validationError: { target: true, value: false } };

/** The message DTO validateDipMessage picks for `raw` on `channel`. */
function dtoFor(channel: string, raw: unknown): new () => object {
  const eventCode = (raw as { payload?: { CommonBlock?: { S0?: { eventCode?: unknown } } } })?.payload?.CommonBlock?.S0?.eventCode;
  const known = typeof eventCode === 'string' && eventCodesOf(channel).includes(eventCode) ? eventCode : null;
  return dipMessageDtoFor(channel, channelOf(channel)!, known);
}

/** What class-validator says (the definition): no error for `plainToInstance(dto, raw)`. */
function classValidatorAccepts(channel: string, raw: unknown): boolean {
  return validateSync(plainToInstance(dtoFor(channel, raw), raw) as object, VALIDATOR_OPTIONS).length === 0;
}

/** A deep copy of a JSON value. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('conformsToWireRules (the short cut of validateDipMessage, ADR 0021)', () => {
  it('accepts every valid fixture of every channel and event, as class-validator does', () => {
    let count = 0;
    for (const [channel, events] of Object.entries(VALID_MESSAGES)) {
      for (const [eventCode, build] of Object.entries(events as Record<string, () => unknown>)) {
        const raw = copy(build());
        expect([channel, eventCode, classValidatorAccepts(channel, raw)]).toEqual([channel, eventCode, true]);
        expect([channel, eventCode, conformsToWireRules(dtoFor(channel, raw), raw)]).toEqual([channel, eventCode, true]);
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it('agrees with class-validator on every message of generated traffic (its mistakes included)', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const line of generateTraffic({ mpans: 120, seed: 11, mistakeRate: 0.2 })) {
      const raw = copy(line.message);
      const fast = conformsToWireRules(dtoFor(line.channel, raw), raw);
      if (fast !== classValidatorAccepts(line.channel, raw)) disagreements.push(`${line.channel} ${JSON.stringify(raw).slice(0, 200)}`);
      if (fast) accepted++;
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(500);
  });

  it('never accepts what class-validator refuses: 3 000 one-mutation messages of every kind (seeded)', () => {
    const generator = new MalformedMessageGenerator(20261130);
    const wrong: string[] = [];
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const m = generator.message();
      const raw = m.message;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
      const fast = conformsToWireRules(dtoFor(m.channel, raw), raw);
      const definition = classValidatorAccepts(m.channel, raw);
      if (fast && !definition) wrong.push(`${m.kind}: ${m.description}`);
      if (!definition) refused++;
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses, for class-validator to report: a null block, an object or array in a scalar field, an unknown key, an absent required block', () => {
    const channel = 'REGS-LDSO';
    const base = VALID_MESSAGES[channel]['[MPANCreation]']();
    const cases: Array<(m: { payload: { CommonBlock: Record<string, Record<string, unknown> | null> } }) => void> = [
      (m) => (m.payload.CommonBlock.A0 = null),
      (m) => (m.payload.CommonBlock.S1!.senderDIPID = { x: 1 }),
      (m) => (m.payload.CommonBlock.S1!.senderDIPID = ['1234567890']),
      (m) => (m.payload.CommonBlock.S1!.extra = 'x'),
      (m) => delete m.payload.CommonBlock.M0,
      (m) => (m.payload.CommonBlock.D0 = {}),
    ];
    for (const mutate of cases) {
      const raw = copy(base) as unknown as Parameters<(typeof cases)[number]>[0];
      mutate(raw);
      expect(conformsToWireRules(dtoFor(channel, raw), raw)).toBe(false);
      expect(classValidatorAccepts(channel, raw)).toBe(false);
      expect(validateDipMessage(channel, raw).ok).toBe(false);
    }
  });

  it('says false, not throw, for a class it has no rules for or a value that is not an object', () => {
    class Unknown {}
    expect(conformsToWireRules(Unknown, {})).toBe(false);
    const dto = dtoFor('REGS-LDSO', {});
    for (const value of [null, undefined, 'x', 1, [], new Date(0)]) expect(conformsToWireRules(dto, value)).toBe(false);
  });
});
