import {
  BRIGHTWATER,
  d,
  given,
  GREENFIELD,
  LUMEN,
  mpanCreated,
  NORTHSTAR,
  registerSupplier,
  supplierRegistered,
} from './testing/fixtures';

/** Brightwater from 2025-04-01 (initial registration). */
const initial = supplierRegistered();
/** Northstar from 2025-06-01 (change of supplier). */
const switchToNorthstar = supplierRegistered({
  registrationKind: 'ChangeOfSupplier',
  cssRegistrationId: 'CSS-REG-0002',
  supplierDipId: NORTHSTAR.dipId,
  supplierMpid: NORTHSTAR.mpid,
  supplyStartDate: '2025-06-01',
  outgoingSupplier: { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: '2025-05-31' },
});
const changeOfSupplier = (data: Parameters<typeof registerSupplier>[0] = {}) =>
  registerSupplier({
    registrationKind: 'ChangeOfSupplier',
    cssRegistrationId: 'CSS-REG-0002',
    supplierDipId: NORTHSTAR.dipId,
    supplierMpid: NORTHSTAR.mpid,
    supplyStartDate: d('2025-06-01'),
    ...data,
  });

describe('decideRegisterSupplier ([InitialRegistration] / [ChangeOfSupplier] from the CSS)', () => {
  it('initial registration: SupplierRegistered with no outgoing supplier', () => {
    given([mpanCreated()]).when(registerSupplier()).then([initial]);
  });

  it('change of supplier: SupplierRegistered names the supplier of the day before as outgoing, ending that day', () => {
    given([mpanCreated(), initial]).when(changeOfSupplier()).then([switchToNorthstar]);
  });

  it('change of supplier with a B003 outgoing supplier that agrees with the registry', () => {
    const outgoing = { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: d('2025-05-31') };
    given([mpanCreated(), initial]).when(changeOfSupplier({ outgoing })).then([switchToNorthstar]);
  });

  it('records the domestic premise indicator the switching service passed on (B004), on either registration', () => {
    given([mpanCreated()])
      .when(registerSupplier({ domesticPremiseIndicator: { value: true, effectiveFromDate: d('2025-04-01') } }))
      .then([supplierRegistered({ domesticPremiseIndicator: true })]);
    given([mpanCreated(), initial])
      .when(changeOfSupplier({ domesticPremiseIndicator: { value: false, effectiveFromDate: d('2025-06-01') } }))
      .then([{ ...switchToNorthstar, data: { ...switchToNorthstar.data, domesticPremiseIndicator: false } }]);
  });

  it('records a null domestic premise indicator when B004 was not sent', () => {
    given([mpanCreated()]).when(registerSupplier({ domesticPremiseIndicator: null })).then([supplierRegistered({ domesticPremiseIndicator: null })]);
  });

  it('DomesticPremiseIndicatorDateMismatch (LOC035): a B004 domestic premise indicator is effective from the supply start date', () => {
    given([mpanCreated(), initial])
      .when(changeOfSupplier({ domesticPremiseIndicator: { value: true, effectiveFromDate: d('2025-05-31') } }))
      .then([
        {
          code: 'LOC035',
          rule: 'DomesticPremiseIndicatorDateMismatch',
          message: 'domestic premise indicator effective-from date 2025-05-31 is not the supply start date 2025-06-01',
        },
      ]);
  });

  it('MpanUnknown (REG0000)', () => {
    given([]).when(registerSupplier()).then([
      { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' },
    ]);
  });

  it('InitialRegistrationWithSupplier (LOC014): initial registration only when no supplier is registered', () => {
    given([mpanCreated(), initial]).when(registerSupplier({ supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid, supplyStartDate: d('2025-07-01') })).then([
      {
        code: 'LOC014',
        rule: 'InitialRegistrationWithSupplier',
        message: 'InitialRegistration is only for an MPAN with no supplier, but 1000000001 (BRWE) is registered from 2025-04-01',
      },
    ]);
  });

  it('ChangeOfSupplierWithoutSupplier (LOC015): change of supplier only when a supplier is registered', () => {
    given([mpanCreated()]).when(changeOfSupplier()).then([
      { code: 'LOC015', rule: 'ChangeOfSupplierWithoutSupplier', message: 'ChangeOfSupplier needs a registered supplier, but MPAN 1012345678903 has none' },
    ]);
  });

  it("EffectiveFromBeforeMpanEffectiveFrom (LOC012): supply start date not before the MPAN's effective-from date", () => {
    given([mpanCreated()]).when(registerSupplier({ supplyStartDate: d('2025-03-02') })).then([
      { code: 'LOC012', rule: 'EffectiveFromBeforeMpanEffectiveFrom', message: "supply start date 2025-03-02 is before the MPAN's effective-from date 2025-04-01" },
    ]);
  });

  it('SupplierDoesNotHoldSup (LOC016): the incoming supplier holds SUP on the supply start date', () => {
    given([mpanCreated()]).when(registerSupplier({ supplierDipId: LUMEN.dipId, supplierMpid: LUMEN.mpid, supplyStartDate: d('2025-07-01') })).then([
      { code: 'LOC016', rule: 'SupplierDoesNotHoldSup', message: 'supplier 1000000005 (LUMN) does not hold role SUP on 2025-07-01' },
    ]);
    given([mpanCreated()]).when(registerSupplier({ supplierDipId: '1999999999', supplierMpid: 'NONE' })).then([
      { code: 'LOC016', rule: 'SupplierDoesNotHoldSup', message: 'supplier 1999999999 is not a known participant, so does not hold role SUP on 2025-04-01' },
    ]);
  });

  it('SupplierMpidDipIdMismatch (LOC017): the incoming supplier MPID is the one of its DIP id', () => {
    given([mpanCreated()]).when(registerSupplier({ supplierMpid: NORTHSTAR.mpid })).then([
      { code: 'LOC017', rule: 'SupplierMpidDipIdMismatch', message: 'supplier MPID NSTP does not match DIP id 1000000001, whose MPID is BRWE' },
    ]);
  });

  it('IncomingSupplierIsCurrent (LOC018): a change of supplier changes the supplier', () => {
    given([mpanCreated(), initial]).when(changeOfSupplier({ supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid })).then([
      {
        code: 'LOC018',
        rule: 'IncomingSupplierIsCurrent',
        message: 'incoming supplier 1000000001 (BRWE) is already the supplier on 2025-05-31, the day before the supply start date 2025-06-01',
      },
    ]);
  });

  it('SupplyStartNotAfterLatestStart (LOC019): a switch cannot be dated on or before the latest registered start', () => {
    given([mpanCreated(), initial, switchToNorthstar])
      .when(changeOfSupplier({ supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid, supplyStartDate: d('2025-05-15') }))
      .then([
        {
          code: 'LOC019',
          rule: 'SupplyStartNotAfterLatestStart',
          message: 'supply start date 2025-05-15 is not after the latest registered supply start date 2025-06-01',
        },
      ]);
    given([mpanCreated(), initial])
      .when(changeOfSupplier({ supplyStartDate: d('2025-04-01') }))
      .then([
        {
          code: 'LOC019',
          rule: 'SupplyStartNotAfterLatestStart',
          message: 'supply start date 2025-04-01 is not after the latest registered supply start date 2025-04-01',
        },
      ]);
  });

  it('OutgoingSupplierMismatch (LOC020): a B003 outgoing supplier names the supplier of the day before', () => {
    const outgoing = { supplierDipId: GREENFIELD.dipId, supplierMpid: GREENFIELD.mpid, supplyEndDate: d('2025-05-31') };
    given([mpanCreated(), initial]).when(changeOfSupplier({ outgoing })).then([
      {
        code: 'LOC020',
        rule: 'OutgoingSupplierMismatch',
        message: 'outgoing supplier 1000000003 (GFSL) is not the supplier on 2025-05-31, the day before the supply start date 2025-06-01: that is 1000000001 (BRWE)',
      },
    ]);
    given([mpanCreated()]).when(registerSupplier({ outgoing: { ...outgoing, supplyEndDate: d('2025-03-31') } })).then([
      {
        code: 'LOC020',
        rule: 'OutgoingSupplierMismatch',
        message: 'outgoing supplier 1000000003 (GFSL) is not the supplier on 2025-03-31, the day before the supply start date 2025-04-01: no supplier is registered on that day',
      },
    ]);
  });

  it('OutgoingSupplyEndDateMismatch (LOC021): the outgoing supply end date is the day before the start date', () => {
    const outgoing = { supplierDipId: BRIGHTWATER.dipId, supplierMpid: BRIGHTWATER.mpid, supplyEndDate: d('2025-06-01') };
    given([mpanCreated(), initial]).when(changeOfSupplier({ outgoing })).then([
      {
        code: 'LOC021',
        rule: 'OutgoingSupplyEndDateMismatch',
        message: 'outgoing supply end date 2025-06-01 is not 2025-05-31, the day before the supply start date 2025-06-01',
      },
    ]);
  });

  it('reports every broken rule, not the first', () => {
    given([])
      .when(
        registerSupplier(
          {
            supplierDipId: LUMEN.dipId,
            supplierMpid: 'LUMX',
            supplyStartDate: d('2025-08-01'),
            domesticPremiseIndicator: { value: true, effectiveFromDate: d('2025-08-02') },
          },
          { context: { senderRoleId: 'SUP' } },
        ),
      )
      .then([
        { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not CSS, the role that sends RegisterSupplier' },
        { code: 'REG0000', rule: 'MpanUnknown', message: 'MPAN 1012345678903 is not known to the registry' },
        { code: 'LOC016', rule: 'SupplierDoesNotHoldSup', message: 'supplier 1000000005 (LUMN) does not hold role SUP on 2025-08-01' },
        { code: 'LOC017', rule: 'SupplierMpidDipIdMismatch', message: 'supplier MPID LUMX does not match DIP id 1000000005, whose MPID is LUMN' },
        {
          code: 'LOC035',
          rule: 'DomesticPremiseIndicatorDateMismatch',
          message: 'domestic premise indicator effective-from date 2025-08-02 is not the supply start date 2025-08-01',
        },
      ]);
  });
});
