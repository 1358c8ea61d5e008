import { channelEventOf, channelIds, channelOf, DIP_CHANNELS, eventCodesOf, isKnownChannel } from './channels';

describe('channel catalogue', () => {
  it('lists the ADR 0003 channels and the DIP interfaces IF-005, IF-007, IF-025, IF-031 and IF-034, with sender roles and schema version', () => {
    expect(channelIds()).toEqual(['REGS-LDSO', 'REGS-CSS', 'IF-005', 'IF-007', 'IF-025', 'IF-031', 'IF-034']);
    expect(channelOf('IF-005')).toMatchObject({ kind: 'dip-interface', senderRoles: ['MSS', 'MSA', 'UMSO'], schemaVersions: ['011'] });
    expect(channelOf('IF-007')).toMatchObject({ kind: 'dip-interface', senderRoles: ['MSS', 'MSA', 'UMSO'], schemaVersions: ['011'] });
    expect(channelOf('IF-025')).toMatchObject({ kind: 'dip-interface', senderRoles: ['SUP'], schemaVersions: ['011'] });
    expect(channelOf('REGS-LDSO')).toMatchObject({ kind: 'adr-0003', senderRoles: ['LDSO'], schemaVersions: ['011'] });
    expect(channelOf('REGS-CSS')).toMatchObject({ kind: 'adr-0003', senderRoles: ['CSS'], schemaVersions: ['011'] });
    expect(channelOf('IF-031')).toMatchObject({ kind: 'dip-interface', senderRoles: ['SUP'], schemaVersions: ['011'] });
    expect(channelOf('IF-034')).toMatchObject({
      kind: 'dip-interface',
      senderRoles: ['MSS', 'MSA', 'UMSO', 'SDS', 'ADS', 'UMSDS'],
      schemaVersions: ['011'],
    });
  });

  it('gives the event codes of each channel in catalogue order', () => {
    expect(eventCodesOf('REGS-LDSO')).toEqual([
      '[MPANCreation]', '[AddressChg]', '[GSPChg]', '[DUOSTariffIDChg]', '[EnergyDirection]',
      '[MarketSegmentChange]', '[ConnectionTypeChange]', '[DomPremInd]', '[MPANDisconnection]', '[MPANReconnection]',
    ]);
    expect(eventCodesOf('REGS-CSS')).toEqual(['[InitialRegistration]', '[ChangeOfSupplier]']);
    expect(eventCodesOf('IF-005')).toEqual(['[MeterInstall]', '[MeterRemoval]', '[MeterExchange]', '[MeterUpdate]', '[MeterHistoryUpdate]']);
    expect(eventCodesOf('IF-007')).toEqual(['[EnergisationStatusChange]', '[EnergisationStatusFailure]']);
    expect(eventCodesOf('IF-025')).toEqual(['[SSCandProfileClass]', '[ConsentGranularity]', '[IHDInfo]', '[SMSO]']);
    expect(eventCodesOf('IF-031')).toEqual(['[MSApp]', '[DSApp]']);
    expect(eventCodesOf('IF-034')).toEqual(['[MSAppSPResponse]', '[DSAppSPResponse]']);
    expect(eventCodesOf('IF-006')).toEqual([]);
  });

  it('names the official schema each event mirrors (on a DIP interface, its own schema)', () => {
    const mirrors = Object.values(DIP_CHANNELS).flatMap((c) => Object.values(c.events).map((e) => e.mirrors));
    expect(mirrors).toEqual([
      'IF-050-MPANCreation',
      'IF-018-AddressChg',
      'IF-018-GSPChg',
      'IF-018-DUOSTariffIDChg',
      'IF-018-EnergyDirection',
      'IF-044-Payload',
      'IF-043-Payload',
      'IF-018-DomPremInd',
      'IF-009-MPANDisconnection',
      'IF-009-MPANReconnection',
      'IF-001-InitialRegistration',
      'IF-001-ChangeOfSupplier',
      'IF-005-MeterInstall',
      'IF-005-MeterRemoval',
      'IF-005-MeterExchange',
      'IF-005-MeterUpdate',
      'IF-005-MeterHistoryUpdate',
      'IF-007-EnergisationStatusChange',
      'IF-007-EnergisationStatusFailure',
      'IF-025-SSCandProfileClass',
      'IF-025-ConsentGranularity',
      'IF-025-IHDInfo',
      'IF-025-SMSO',
      'IF-031-MSApp',
      'IF-031-DSApp',
      'IF-034-MSAppSPResponse',
      'IF-034-DSAppSPResponse',
    ]);
  });

  it('gives the sender roles of each event, within the roles of its channel', () => {
    expect(channelEventOf('IF-031', '[MSApp]')?.senderRoles).toEqual(['SUP']);
    expect(channelEventOf('IF-031', '[DSApp]')?.senderRoles).toEqual(['SUP']);
    expect(channelEventOf('IF-034', '[MSAppSPResponse]')?.senderRoles).toEqual(['MSS', 'MSA', 'UMSO']);
    expect(channelEventOf('IF-034', '[DSAppSPResponse]')?.senderRoles).toEqual(['SDS', 'ADS', 'UMSDS']);
    for (const code of eventCodesOf('IF-005')) expect(channelEventOf('IF-005', code)?.senderRoles).toEqual(['MSS', 'MSA', 'UMSO']);
    for (const code of eventCodesOf('IF-007')) expect(channelEventOf('IF-007', code)?.senderRoles).toEqual(['MSS', 'MSA', 'UMSO']);
    for (const code of eventCodesOf('IF-025')) expect(channelEventOf('IF-025', code)?.senderRoles).toEqual(['SUP']);
    for (const code of eventCodesOf('REGS-LDSO')) expect(channelEventOf('REGS-LDSO', code)?.senderRoles).toEqual(['LDSO']);
    for (const channel of Object.values(DIP_CHANNELS)) {
      for (const event of Object.values(channel.events)) {
        for (const role of event.senderRoles) expect(channel.senderRoles).toContain(role);
      }
    }
  });

  it('names [SDS-MDRUpdate] as an IF-034 event not accepted yet, not as an event of the channel', () => {
    expect(channelEventOf('IF-034', '[SDS-MDRUpdate]')).toBeUndefined();
    expect(DIP_CHANNELS['IF-034'].notAccepted['[SDS-MDRUpdate]']).toMatch(/does not accept yet/);
  });

  it.each(['IF-006', 'IF-018', '', 'regs-ldso', 'if-031', 'if-005', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])('does not know %p', (id) => {
    expect(isKnownChannel(id)).toBe(false);
    expect(channelOf(id)).toBeUndefined();
  });

  it('finds an event only on its own channel', () => {
    expect(channelEventOf('REGS-CSS', '[ChangeOfSupplier]')?.mirrors).toBe('IF-001-ChangeOfSupplier');
    expect(channelEventOf('REGS-LDSO', '[ChangeOfSupplier]')).toBeUndefined();
    expect(channelEventOf('IF-031', '[MSAppSPResponse]')).toBeUndefined();
    expect(channelEventOf('IF-007', '[MeterInstall]')).toBeUndefined();
    expect(channelEventOf('REGS-LDSO', '[DomPremInd]')?.mirrors).toBe('IF-018-DomPremInd');
    expect(channelEventOf('REGS-LDSO', 'constructor')).toBeUndefined();
  });
});
