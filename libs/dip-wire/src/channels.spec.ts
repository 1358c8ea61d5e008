import { channelEventOf, channelIds, channelOf, DIP_CHANNELS, eventCodesOf, isKnownChannel } from './channels';

describe('channel catalogue', () => {
  it('lists REGS-LDSO and REGS-CSS with their sender roles and schema version (ADR 0003)', () => {
    expect(channelIds()).toEqual(['REGS-LDSO', 'REGS-CSS']);
    expect(channelOf('REGS-LDSO')).toMatchObject({ senderRoles: ['LDSO'], schemaVersions: ['011'] });
    expect(channelOf('REGS-CSS')).toMatchObject({ senderRoles: ['CSS'], schemaVersions: ['011'] });
  });

  it('gives the event codes of each channel in ADR order', () => {
    expect(eventCodesOf('REGS-LDSO')).toEqual(['[MPANCreation]', '[AddressChg]', '[GSPChg]', '[DUOSTariffIDChg]', '[EnergyDirection]']);
    expect(eventCodesOf('REGS-CSS')).toEqual(['[InitialRegistration]', '[ChangeOfSupplier]']);
    expect(eventCodesOf('IF-031')).toEqual([]);
  });

  it('names the official schema each event mirrors', () => {
    const mirrors = Object.values(DIP_CHANNELS).flatMap((c) => Object.values(c.events).map((e) => e.mirrors));
    expect(mirrors).toEqual([
      'IF-050-MPANCreation',
      'IF-018-AddressChg',
      'IF-018-GSPChg',
      'IF-018-DUOSTariffIDChg',
      'IF-018-EnergyDirection',
      'IF-001-InitialRegistration',
      'IF-001-ChangeOfSupplier',
    ]);
  });

  it.each(['IF-031', '', 'regs-ldso', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])('does not know %p', (id) => {
    expect(isKnownChannel(id)).toBe(false);
    expect(channelOf(id)).toBeUndefined();
  });

  it('finds an event only on its own channel', () => {
    expect(channelEventOf('REGS-CSS', '[ChangeOfSupplier]')?.mirrors).toBe('IF-001-ChangeOfSupplier');
    expect(channelEventOf('REGS-LDSO', '[ChangeOfSupplier]')).toBeUndefined();
    expect(channelEventOf('REGS-LDSO', 'constructor')).toBeUndefined();
  });
});
