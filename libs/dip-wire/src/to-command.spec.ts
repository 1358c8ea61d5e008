import { LocalDate } from '@app/registration-domain';
import {
  addressChgMessage,
  changeOfSupplierMessage,
  DipMessageJson,
  dsAppMessage,
  dsAppSpResponseMessage,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  gspChgMessage,
  initialRegistrationMessage,
  mpanCreationMessage,
  msAppMessage,
  msAppSpResponseMessage,
  SAMPLE,
  sampleReferenceData,
  withValue,
  without,
} from './testing/fixtures';
import { DipCommand, toRegistrationCommand, ToCommandResult } from './to-command';
import { formatWireError, validateDipMessage } from './validate-dip-message';

const ref = sampleReferenceData();
const CU = 'payload.CustomBlock';

/** The settlement day the fixtures' messages are received (their senderTimestamp is 2025-03-20 10:15 GMT). */
const TODAY = '2025-03-20' as LocalDate;

function mapped(channel: string, raw: DipMessageJson, today: LocalDate = TODAY): ToCommandResult {
  const validation = validateDipMessage(channel, raw);
  if (!validation.ok) throw new Error(validation.errors.map(formatWireError).join('\n'));
  return toRegistrationCommand(validation.message, ref, { today });
}

function commandOf(channel: string, raw: DipMessageJson, today: LocalDate = TODAY): DipCommand {
  const result = mapped(channel, raw, today);
  if (!result.ok) throw new Error(JSON.stringify(result.reasons));
  return result.command;
}

const ldsoContext = {
  senderDipId: '3000000019',
  senderRoleId: 'LDSO',
  distributorDipId: '3000000019',
};
const southEastAddress = {
  postcode: 'TN1 1AA',
  lines: ['Flat 2', '14 Mount Pleasant Road', 'Tunbridge Wells', null, null, null, null, null, null],
};

describe('toRegistrationCommand', () => {
  it('[MPANCreation] → CreateMpan, every item with its own settlement day', () => {
    const raw = withValue(
      withValue(mpanCreationMessage(), `${CU}.B025.energisationStatusEffectiveFromDate`, '2025-04-30T23:00:00+00:00'),
      `${CU}.B026.marketSegmentIndicatorEffectiveFromDate`,
      '2025-06-30T23:30:00-05:00',
    );
    expect(commandOf('REGS-LDSO', raw)).toEqual({
      type: 'CreateMpan',
      mpanCore: '1900012374324',
      context: {
        ...ldsoContext,
        senderUniqueReference: 'S-IF-050-3000000019-LDSO-20250320-MPANCreation0001',
        messageKey: '3000000019:S-IF-050-3000000019-LDSO-20250320-MPANCreation0001',
      },
      data: {
        effectiveFromDate: '2025-04-01',
        gspGroupId: '_J',
        gspGroupEffectiveFromDate: '2025-04-01',
        address: southEastAddress,
        connectionType: 'W',
        connectionTypeEffectiveFromDate: '2025-04-01',
        energyDirection: 'I',
        meteredIndicator: true,
        marketSegment: 'S',
        marketSegmentEffectiveFromDate: '2025-07-01',
        duosTariffId: '801',
        duosTariffIdEffectiveFromDate: '2025-04-01',
        energisationStatus: 'D',
        energisationStatusEffectiveFromDate: '2025-05-01',
        rmpStatus: 'C',
      },
    });
  });

  it('[MPANCreation] takes the MPAN effective-from date from B079.RMPStatusEffectiveFromDate and passes RMPStatus as sent', () => {
    const raw = withValue(
      withValue(mpanCreationMessage(), `${CU}.B079.RMPStatusEffectiveFromDate`, '2025-01-01T00:00:00+01:00'),
      `${CU}.B079.RMPStatus`,
      'O',
    );
    const command = commandOf('REGS-LDSO', raw);
    expect(command.type === 'CreateMpan' && [command.data.effectiveFromDate, command.data.rmpStatus]).toEqual(['2024-12-31', 'O']);
  });

  it('[AddressChg] → ChangeMpanAddress, effective from B001', () => {
    expect(commandOf('REGS-LDSO', addressChgMessage())).toEqual({
      type: 'ChangeMpanAddress',
      mpanCore: '1900012374324',
      context: {
        ...ldsoContext,
        senderUniqueReference: 'S-IF-018-3000000019-LDSO-20250320-AddressChg0001',
        messageKey: '3000000019:S-IF-018-3000000019-LDSO-20250320-AddressChg0001',
      },
      data: {
        address: { postcode: 'TN1 1AA', lines: ['Flat 3', ...southEastAddress.lines.slice(1)] },
        effectiveFromDate: '2025-05-01',
      },
    });
  });

  it('[AddressChg] keeps empty lines as sent, null lines as null, and a null postcode as "" (the domain rejects it)', () => {
    const raw = withValue(
      withValue(addressChgMessage(), `${CU}.B022.meteringPointPostcode`, null),
      `${CU}.B022.addressLine4`,
      '',
    );
    const command = commandOf('REGS-LDSO', raw);
    expect(command.type === 'ChangeMpanAddress' && command.data.address).toEqual({
      postcode: '',
      lines: ['Flat 3', '14 Mount Pleasant Road', 'Tunbridge Wells', '', null, null, null, null, null],
    });
  });

  it('[GSPChg] → ChangeGspGroup with M0.GSPGroupID, effective from B001', () => {
    expect(commandOf('REGS-LDSO', gspChgMessage({ gspGroupId: '_H' }))).toEqual({
      type: 'ChangeGspGroup',
      mpanCore: '1900012374324',
      context: {
        ...ldsoContext,
        senderUniqueReference: 'S-IF-018-3000000019-LDSO-20250320-GSPChg0001',
        messageKey: '3000000019:S-IF-018-3000000019-LDSO-20250320-GSPChg0001',
      },
      data: { gspGroupId: '_H', effectiveFromDate: '2025-05-01' },
    });
  });

  it('[DUOSTariffIDChg] → ChangeDuosTariffId, effective from B024', () => {
    expect(commandOf('REGS-LDSO', duosTariffIdChgMessage({ mpanCore: SAMPLE.mpanCores[1] }))).toEqual({
      type: 'ChangeDuosTariffId',
      mpanCore: '1900012374333',
      context: {
        ...ldsoContext,
        senderUniqueReference: 'S-IF-018-3000000019-LDSO-20250320-DUOSTariffIDChg0001',
        messageKey: '3000000019:S-IF-018-3000000019-LDSO-20250320-DUOSTariffIDChg0001',
      },
      data: { duosTariffId: '802', effectiveFromDate: '2025-06-01' },
    });
  });

  it('[EnergyDirection] → ChangeEnergyDirection, effective from B023.connectionTypeEffectiveFromDate', () => {
    expect(commandOf('REGS-LDSO', energyDirectionMessage())).toEqual({
      type: 'ChangeEnergyDirection',
      mpanCore: '1900012374324',
      context: {
        ...ldsoContext,
        senderUniqueReference: 'S-IF-018-3000000019-LDSO-20250320-EnergyDirection0001',
        messageKey: '3000000019:S-IF-018-3000000019-LDSO-20250320-EnergyDirection0001',
      },
      data: { energyDirection: 'E', effectiveFromDate: '2025-10-26' },
    });
  });

  it('[InitialRegistration] → RegisterSupplier without an outgoing supplier, with the B004 domestic premise indicator', () => {
    expect(commandOf('REGS-CSS', initialRegistrationMessage())).toEqual({
      type: 'RegisterSupplier',
      mpanCore: '1900012374324',
      context: {
        senderDipId: '9000000001',
        senderRoleId: 'CSS',
        senderUniqueReference: 'S-IF-001-9000000001-CSS-20250320-InitialRegistration0001',
        messageKey: '9000000001:S-IF-001-9000000001-CSS-20250320-InitialRegistration0001',
        distributorDipId: '3000000019',
      },
      data: {
        registrationKind: 'InitialRegistration',
        cssRegistrationId: 'a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c',
        supplierDipId: '1000000001',
        supplierMpid: 'BRWE',
        supplyStartDate: '2025-04-02',
        outgoing: null,
        domesticPremiseIndicator: { value: true, effectiveFromDate: '2025-04-02' },
      },
    });
  });

  it('[ChangeOfSupplier] → RegisterSupplier with the outgoing supplier of B003', () => {
    expect(commandOf('REGS-CSS', changeOfSupplierMessage())).toEqual({
      type: 'RegisterSupplier',
      mpanCore: '1900012374324',
      context: {
        senderDipId: '9000000001',
        senderRoleId: 'CSS',
        senderUniqueReference: 'S-IF-001-9000000001-CSS-20250320-ChangeOfSupplier0001',
        messageKey: '9000000001:S-IF-001-9000000001-CSS-20250320-ChangeOfSupplier0001',
        distributorDipId: '3000000019',
      },
      data: {
        registrationKind: 'ChangeOfSupplier',
        cssRegistrationId: 'b7d2f3a5-1c8e-4d9f-8a6b-2e3f4a5b6c7d',
        supplierDipId: '1000000002',
        supplierMpid: 'NSTP',
        supplyStartDate: '2025-05-15',
        outgoing: { supplierDipId: '1000000001', supplierMpid: 'BRWE', supplyEndDate: '2025-05-14' },
        domesticPremiseIndicator: { value: true, effectiveFromDate: '2025-05-15' },
      },
    });
  });

  it.each([
    ['[InitialRegistration]', initialRegistrationMessage],
    ['[ChangeOfSupplier]', changeOfSupplierMessage],
  ])('%s without B004 → domesticPremiseIndicator null', (_code, build) => {
    const command = commandOf('REGS-CSS', without(build(), `${CU}.B004`));
    expect(command.type === 'RegisterSupplier' && command.data.domesticPremiseIndicator).toBeNull();
  });

  it('B004 → its value and its own effective-from date as the UK settlement day (the domain compares it with the supply start)', () => {
    let raw = withValue(changeOfSupplierMessage(), `${CU}.B004.domesticPremiseIndicator`, false);
    raw = withValue(raw, `${CU}.B004.domesticPremiseIndicatorEffectiveFromDate`, '2025-05-13T23:00:00+00:00');
    const command = commandOf('REGS-CSS', raw);
    expect(command.type === 'RegisterSupplier' && command.data.domesticPremiseIndicator).toEqual({ value: false, effectiveFromDate: '2025-05-14' });
  });

  it('converts a supply start written in GMT on the BST change day to the UK day', () => {
    const raw = withValue(initialRegistrationMessage(), `${CU}.B002.supplierEffectiveFromDate`, '2025-03-29T23:30:00-01:00');
    const command = commandOf('REGS-CSS', raw);
    expect(command.type === 'RegisterSupplier' && command.data.supplyStartDate).toBe('2025-03-30');
  });

  it('refuses an MPAN core with a wrong check digit with REG0000', () => {
    expect(mapped('REGS-LDSO', mpanCreationMessage({ mpanCore: SAMPLE.mpanCoreBadCheckDigit }))).toEqual({
      ok: false,
      reasons: [
        {
          code: 'REG0000',
          rule: 'MpanCoreCheckDigit',
          message: 'MPAN core 1900012374325 fails the check digit: expected 4, got 5',
        },
      ],
    });
  });

  it('refuses an MPAN core of an unknown distributor with REG0000', () => {
    expect(mapped('REGS-CSS', initialRegistrationMessage({ mpanCore: SAMPLE.mpanCoreUnknownDistributor }))).toEqual({
      ok: false,
      reasons: [
        {
          code: 'REG0000',
          rule: 'MpanCoreDistributorUnknown',
          message: 'MPAN core 9900012374320 has distributor id 99, which is not a known DNO or IDNO',
        },
      ],
    });
  });

  it('refuses the MPAN core of an appointment message like any other (REG0000)', () => {
    expect(mapped('IF-034', msAppSpResponseMessage({ mpanCore: SAMPLE.mpanCoreBadCheckDigit }))).toMatchObject({
      ok: false,
      reasons: [{ code: 'REG0000', rule: 'MpanCoreCheckDigit' }],
    });
  });
});

describe('toRegistrationCommand: service appointments (IF-031, IF-034)', () => {
  const supplierContext = (suffix: string) => ({
    senderDipId: '1000000001',
    senderRoleId: 'SUP',
    senderUniqueReference: `S-IF-031-1000000001-SUP-20250320-${suffix}`,
    messageKey: `1000000001:S-IF-031-1000000001-SUP-20250320-${suffix}`,
    distributorDipId: '3000000019',
  });

  it('IF-031 [MSApp] → RequestServiceAppointment for MS, with B013 and the day received', () => {
    expect(commandOf('IF-031', msAppMessage(), '2025-03-21' as LocalDate)).toEqual({
      type: 'RequestServiceAppointment',
      mpanCore: '1900012374324',
      context: supplierContext('MSApp0001'),
      data: {
        serviceType: 'MS',
        providerDipId: '2000000001',
        providerMpid: 'MSSA',
        effectiveFromDate: '2025-04-02',
        effectiveFromIsLocalMidnight: true,
        contractReference: 'BRWE-MSSA-0001',
        appointmentScenario: 'COS',
        cssRegistrationId: 'a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c',
        requestedOn: '2025-03-21',
        dataServiceProposal: null,
      },
    });
  });

  it('IF-031 [DSApp] → RequestServiceAppointment for DS, with the B071 proposal details (consent, domestic indicator, nominated MDR, read frequency)', () => {
    expect(commandOf('IF-031', dsAppMessage())).toEqual({
      type: 'RequestServiceAppointment',
      mpanCore: '1900012374324',
      context: supplierContext('DSApp0001'),
      data: {
        serviceType: 'DS',
        providerDipId: '2000000011',
        providerMpid: 'SDSA',
        effectiveFromDate: '2025-04-02',
        effectiveFromIsLocalMidnight: true,
        contractReference: 'BRWE-SDSA-0001',
        appointmentScenario: 'COS',
        cssRegistrationId: 'a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c',
        requestedOn: '2025-03-20',
        dataServiceProposal: {
          supplierProposedConsentGranularity: 'H',
          supplierProposedDomesticIndicator: true,
          supplierNominatedMdr: { dipId: '2000000021', mpid: 'MDRA', effectiveFromDate: '2025-04-02' },
          traditionalFallBackReadFrequency: 'Q',
        },
      },
    });
  });

  it('IF-031 [DSApp] without a nominated MDR (its three items null) → supplierNominatedMdr null; null read frequency and placeholders x kept as sent', () => {
    let raw = dsAppMessage();
    for (const item of ['supplierNominatedMDRDIPID', 'supplierNominatedMDRMPID', 'supplierNominatedMDREffectiveFromDate']) {
      raw = withValue(raw, `${CU}.B071.${item}`, null);
    }
    raw = withValue(raw, `${CU}.B071.traditionalFallBackReadFrequency`, null);
    raw = withValue(raw, `${CU}.B071.supplierProposedDomesticIndicator`, false);
    let command = commandOf('IF-031', raw);
    expect(command.type === 'RequestServiceAppointment' && command.data.dataServiceProposal).toEqual({
      supplierProposedConsentGranularity: 'H',
      supplierProposedDomesticIndicator: false,
      supplierNominatedMdr: null,
      traditionalFallBackReadFrequency: null,
    });
    raw = withValue(raw, `${CU}.B071.supplierProposedConsentGranularity`, 'x');
    raw = withValue(raw, `${CU}.B071.traditionalFallBackReadFrequency`, 'x');
    command = commandOf('IF-031', raw);
    expect(command.type === 'RequestServiceAppointment' && command.data.dataServiceProposal).toMatchObject({
      supplierProposedConsentGranularity: 'x',
      traditionalFallBackReadFrequency: 'x',
    });
  });

  it('IF-031 [DSApp] with a partly nominated MDR keeps each item as sent (the date as the UK settlement day)', () => {
    let raw = withValue(dsAppMessage(), `${CU}.B071.supplierNominatedMDRMPID`, null);
    raw = withValue(raw, `${CU}.B071.supplierNominatedMDREffectiveFromDate`, '2025-04-01T23:00:00+00:00');
    const command = commandOf('IF-031', raw);
    expect(command.type === 'RequestServiceAppointment' && command.data.dataServiceProposal?.supplierNominatedMdr).toEqual({
      dipId: '2000000021',
      mpid: null,
      effectiveFromDate: '2025-04-02',
    });
  });

  it('IF-031 without B013 (a CSP) has a null CSS registration id; a null contract reference becomes ""', () => {
    let raw = without(msAppMessage(), `${CU}.B013`);
    raw = withValue(raw, `${CU}.B070.appointmentScenario`, 'CSP');
    raw = withValue(raw, `${CU}.B070.contractReferenceMeteringService`, null);
    const command = commandOf('IF-031', raw);
    expect(command.type === 'RequestServiceAppointment' && command.data).toMatchObject({
      appointmentScenario: 'CSP',
      cssRegistrationId: null,
      contractReference: '',
    });
  });

  it.each([
    ['2025-04-02T00:00:00+01:00', '2025-04-02', true],
    ['2025-04-01T23:00:00+00:00', '2025-04-02', true],
    ['2025-05-01T12:00:00+01:00', '2025-05-01', false],
    ['2025-04-02T00:00:00+00:00', '2025-04-02', false],
    ['2025-10-26T00:00:00+01:00', '2025-10-26', true],
    ['2025-10-26T00:00:00+00:00', '2025-10-26', false],
  ])('IF-031 effective from %s → day %s, UK local midnight %p', (value, day, midnight) => {
    const command = commandOf('IF-031', withValue(dsAppMessage(), `${CU}.B071.proposedDataServiceDIPEffectiveFromDate`, value));
    expect(command.type === 'RequestServiceAppointment' && [command.data.effectiveFromDate, command.data.effectiveFromIsLocalMidnight]).toEqual([
      day,
      midnight,
    ]);
  });

  it('IF-034 [MSAppSPResponse] → RespondToServiceAppointment: provider from B070, supplier from B012, B007 outcome', () => {
    expect(commandOf('IF-034', msAppSpResponseMessage(), '2025-03-22' as LocalDate)).toEqual({
      type: 'RespondToServiceAppointment',
      mpanCore: '1900012374324',
      context: {
        senderDipId: '2000000001',
        senderRoleId: 'MSS',
        senderUniqueReference: 'S-IF-034-2000000001-MSS-20250320-MSAppSPResponse0001',
        messageKey: '2000000001:S-IF-034-2000000001-MSS-20250320-MSAppSPResponse0001',
        distributorDipId: '3000000019',
      },
      data: {
        serviceType: 'MS',
        providerDipId: '2000000001',
        providerMpid: 'MSSA',
        effectiveFromDate: '2025-04-02',
        requestingSupplierDipId: '1000000001',
        requestingSupplierMpid: 'BRWE',
        responseCode: 'A',
        proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED',
        respondedOn: '2025-03-22',
      },
    });
  });

  it('IF-034 [DSAppSPResponse] → RespondToServiceAppointment for DS from B071; a rejection keeps its SP code', () => {
    let raw = withValue(dsAppSpResponseMessage(), `${CU}.B007`, { responseCode: 'R', proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid' });
    raw = withValue(raw, `${CU}.B070`, msAppMessage().payload.CustomBlock.B070);
    raw = withValue(raw, `${CU}.B018`, {
      SDSNominatedMDRDIPID: SAMPLE.providers.MDRA,
      SDSNominatedMDRMPID: 'MDRA',
      SDSNominatedMDRRequestedEffectiveFromDate: '2025-04-02T00:00:00+01:00',
    });
    expect(commandOf('IF-034', raw)).toEqual({
      type: 'RespondToServiceAppointment',
      mpanCore: '1900012374324',
      context: {
        senderDipId: '2000000011',
        senderRoleId: 'SDS',
        senderUniqueReference: 'S-IF-034-2000000011-SDS-20250320-DSAppSPResponse0001',
        messageKey: '2000000011:S-IF-034-2000000011-SDS-20250320-DSAppSPResponse0001',
        distributorDipId: '3000000019',
      },
      data: {
        serviceType: 'DS',
        providerDipId: '2000000011',
        providerMpid: 'SDSA',
        effectiveFromDate: '2025-04-02',
        requestingSupplierDipId: '1000000001',
        requestingSupplierMpid: 'BRWE',
        responseCode: 'R',
        proposedAppointmentResponseCode: 'SP002 - Contract Reference not valid',
        respondedOn: '2025-03-20',
      },
    });
  });

  it('IF-034 with a null DI-143 response code maps it to ""', () => {
    const command = commandOf('IF-034', withValue(msAppSpResponseMessage(), `${CU}.B007.proposedAppointmentResponseCode`, null));
    expect(command.type === 'RespondToServiceAppointment' && command.data.proposedAppointmentResponseCode).toBe('');
  });
});
