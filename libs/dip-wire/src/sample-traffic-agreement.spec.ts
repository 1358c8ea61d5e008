import { generateTraffic } from './sample-traffic';
import { settlementDayOf } from './settlement-day';
import { sampleReferenceData } from './testing/fixtures';
import { toRegistrationCommand } from './to-command';
import { formatWireError, validateDipMessage } from './validate-dip-message';

/**
 * The wire validator and the sample-traffic generator read ADR 0003 independently; this spec keeps
 * them in agreement: every generated line passes `validateDipMessage` except the deliberate
 * `schema` mistakes, and only the `bad-check-digit` mistake fails `toRegistrationCommand` (REG0000);
 * appointment, metering, energisation and supplier-data lines map to their commands, received on the
 * UK day of their senderTimestamp.
 */
describe('sample traffic against the wire validator', () => {
  const ref = sampleReferenceData();
  const lines = [...generateTraffic({ mpans: 400, seed: 3, mistakeRate: 0.3 })];

  it('covers the channel events the traffic tells and the wire-level mistakes', () => {
    const seen = new Set(lines.map((l) => `${l.channel} ${l.message.payload.CommonBlock.S0.eventCode}`));
    expect(seen).toEqual(
      new Set([
        'REGS-LDSO [MPANCreation]', 'REGS-LDSO [AddressChg]', 'REGS-LDSO [GSPChg]', 'REGS-LDSO [DUOSTariffIDChg]', 'REGS-LDSO [EnergyDirection]',
        'REGS-LDSO [MarketSegmentChange]', 'REGS-LDSO [DomPremInd]', 'REGS-LDSO [MPANDisconnection]',
        'REGS-CSS [InitialRegistration]', 'REGS-CSS [ChangeOfSupplier]',
        'IF-005 [MeterInstall]', 'IF-005 [MeterRemoval]', 'IF-005 [MeterExchange]',
        'IF-007 [EnergisationStatusChange]', 'IF-007 [EnergisationStatusFailure]',
        'IF-025 [SSCandProfileClass]', 'IF-025 [ConsentGranularity]',
        'IF-031 [MSApp]', 'IF-031 [DSApp]', 'IF-034 [MSAppSPResponse]', 'IF-034 [DSAppSPResponse]',
      ]),
    );
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
      const mapped = toRegistrationCommand(validation.message, ref, { today: settlementDayOf(validation.message.sender.timestamp) });
      if (line.mistake === 'bad-check-digit') expect(mapped).toMatchObject({ ok: false, reasons: [{ code: 'REG0000' }] });
      else expect(mapped.ok).toBe(true);
      if (mapped.ok && line.channel === 'IF-031') {
        expect(mapped.command).toMatchObject({ type: 'RequestServiceAppointment', data: { requestedOn: line.message.payload.CommonBlock.S1.senderTimestamp.slice(0, 10) } });
        const midnight = mapped.command.type === 'RequestServiceAppointment' && mapped.command.data.effectiveFromIsLocalMidnight;
        expect(midnight).toBe(line.mistake !== 'not-local-midnight');
      }
      if (mapped.ok && ['IF-005', 'IF-007', 'IF-025'].includes(line.channel)) {
        expect((mapped.command as { data: { receivedOn?: string } }).data.receivedOn).toBe(line.message.payload.CommonBlock.S1.senderTimestamp.slice(0, 10));
      }
      if (mapped.ok && line.channel === 'IF-034') {
        expect(mapped.command).toMatchObject({
          type: 'RespondToServiceAppointment',
          data: { responseCode: line.mistake === 'provider-rejects' ? 'R' : 'A', respondedOn: line.message.payload.CommonBlock.S1.senderTimestamp.slice(0, 10) },
        });
      }
    }
  });
});
