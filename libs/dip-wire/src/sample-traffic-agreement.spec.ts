import { generateTraffic } from './sample-traffic';
import { sampleReferenceData } from './testing/fixtures';
import { toRegistrationCommand } from './to-command';
import { formatWireError, validateDipMessage } from './validate-dip-message';

/**
 * The wire validator and the sample-traffic generator read ADR 0003 independently; this spec keeps
 * them in agreement: every generated line passes `validateDipMessage` except the deliberate
 * `schema` mistakes, and only the `bad-check-digit` mistake fails `toRegistrationCommand` (REG0000).
 */
describe('sample traffic against the wire validator', () => {
  const ref = sampleReferenceData();
  const lines = [...generateTraffic({ mpans: 400, seed: 3, mistakeRate: 0.3 })];

  it('covers every channel event and the wire-level mistakes', () => {
    const seen = new Set(lines.map((l) => `${l.channel} ${l.message.payload.CommonBlock.S0.eventCode}`));
    expect(seen.size).toBe(7);
    expect(lines.some((l) => l.mistake === 'schema')).toBe(true);
    expect(lines.some((l) => l.mistake === 'bad-check-digit')).toBe(true);
  });

  it('accepts every line but the schema mistakes, and maps all but the bad check digits', () => {
    for (const line of lines) {
      const validation = validateDipMessage(line.channel, line.message);
      if (line.mistake === 'schema') {
        expect(validation.ok).toBe(false);
        continue;
      }
      if (!validation.ok) throw new Error(`${line.mistake ?? 'clean'} line refused:\n${validation.errors.map(formatWireError).join('\n')}`);
      const mapped = toRegistrationCommand(validation.message, ref);
      if (line.mistake === 'bad-check-digit') expect(mapped).toMatchObject({ ok: false, reasons: [{ code: 'REG0000' }] });
      else expect(mapped.ok).toBe(true);
    }
  });
});
