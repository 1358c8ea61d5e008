import { RegistrationCommand } from '@app/registration-domain';
import {
  addressChgMessage,
  changeOfSupplierMessage,
  DipMessageJson,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  gspChgMessage,
  initialRegistrationMessage,
  mpanCreationMessage,
  SAMPLE,
  sampleReferenceData,
  withValue,
} from './testing/fixtures';
import { toRegistrationCommand, ToCommandResult } from './to-command';
import { formatWireError, validateDipMessage } from './validate-dip-message';

const ref = sampleReferenceData();
const CU = 'payload.CustomBlock';

function mapped(channel: string, raw: DipMessageJson): ToCommandResult {
  const validation = validateDipMessage(channel, raw);
  if (!validation.ok) throw new Error(validation.errors.map(formatWireError).join('\n'));
  return toRegistrationCommand(validation.message, ref);
}

function commandOf(channel: string, raw: DipMessageJson): RegistrationCommand {
  const result = mapped(channel, raw);
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

  it('[InitialRegistration] → RegisterSupplier without an outgoing supplier', () => {
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
      },
    });
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
});
