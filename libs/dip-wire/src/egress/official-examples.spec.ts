import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreatedMpanState,
  evolve,
  initialState,
  MpanEvent,
  MpanState,
  parseReferenceData,
  PublicationIssued,
  publicationsFor,
} from '@app/registration-domain';
import { loadOfficialSchemas } from '../conformance/official-schemas';
import { findRepoRoot, OFFICIAL_OPENAPI_RELATIVE_PATH } from '../conformance/repo-root';
import { settlementDayOf } from '../settlement-day';
import { egressSchemaName } from './egress-schemas';
import { EgressMessage } from './egress-types';
import { renderPublication } from './render-publication';
import { identityFor } from './testing/egress-story';

/**
 * The official examples of the interfaces we emit (components.examples of the DIP OpenAPI 2.2.1
 * document), reproduced: the same facts are folded into an MPAN's state with the real `evolve`,
 * `publicationsFor` issues the publication, `renderPublication` renders it, and its CustomBlock is
 * compared with the example's, block by block and value by value.
 *
 * Allowed differences, each named where it applies:
 * - the examples' known defects (reference/dip/README.md, conformance/official-schemas.spec.ts):
 *   `S0.InterfaceID`; B013 `CSSRegistrationRequestID` (schema: `CSSRegistrationID`); B002/B003
 *   dates named `incomingSupplierEffectiveFromDate` / `outgoingSupplierEffectiveToDate` (schema:
 *   `supplierEffectiveFromDate` / `supplierEffectiveToDate`); SSC `83` (four digits: `0083`); the
 *   invalid core 2000056535972 (we use 2000056535971) and GSP `_K` with distributor 20 (`_H`);
 * - date-times compare as the UK settlement day they denote: the examples use placeholder times
 *   (19:05), we send the start of the day;
 * - effective-to dates: the examples end a period at the successor's start instant, the registry
 *   sends the period's last day (inclusive, as the inbound B003 is read: docs/adr/0003), one day
 *   earlier;
 * - blocks for data the registry does not hold (direct contracts B006, annual consumption B027,
 *   DCC B029, MPAN relationships B035List/B037List) are not sent.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const schemas = loadOfficialSchemas();
const document = JSON.parse(readFileSync(join(findRepoRoot(), OFFICIAL_OPENAPI_RELATIVE_PATH), 'utf8')) as Json;
const example = (name: string): Json => {
  const value = document.components.examples[name].value;
  return structuredClone(Array.isArray(value) ? value[0] : value).payload;
};

const CORE = '2000056535971';
const LDSO = '1009012345';
/** Reference data with the examples' participants (distributor 20 = Southern, GSP `_H`). */
const ref = parseReferenceData({
  version: 'official-examples',
  distributors: [{ distributorId: '20', kind: 'DNO', name: 'Southern', gspGroupId: '_H', ldsoDipId: LDSO }],
  participants: [
    participant(LDSO, 'EMEB', ['LDSO', 'SUP', 'MSS', 'SDS'], '20'),
    participant('2209012345', 'EMEB', ['SUP']),
    participant('2309012345', 'EMEB', ['SUP']),
    participant('1209012346', 'MXNX', ['MSS']),
    participant('1209012345', 'DXXN', ['MSS']),
    participant('2300000900', 'MDSA', ['MDS']),
    participant('2300000901', 'EESA', ['EES']),
    participant('2300000902', 'DCCA', ['DCC']),
  ],
});

function participant(dipId: string, mpid: string, roles: string[], distributorId: string | null = null) {
  return { dipId, mpid, name: `Example ${dipId}`, distributorId, roles: roles.map((role) => ({ role, effectiveFrom: '2020-01-01', effectiveTo: null })) };
}

/** Folds `events`; renders the publication `interfaceId eventCode` of the last one for its first recipient. */
function reproduce(events: MpanEvent[], interfaceId: string, eventCode: string): EgressMessage {
  let state: MpanState = initialState();
  let issued: { publication: PublicationIssued; event: MpanEvent; stateAfter: CreatedMpanState } | undefined;
  for (const event of events) {
    state = evolve(state, event);
    const p = publicationsFor(event, state as CreatedMpanState, ref).find((x) => x.data.interfaceId === interfaceId && x.data.eventCode === eventCode);
    if (p) issued = { publication: p, event, stateAfter: state as CreatedMpanState };
  }
  if (!issued) throw new Error(`no ${interfaceId} ${eventCode} was issued`);
  const message = renderPublication({
    publication: issued.publication.data,
    causedBy: { event: issued.event, stateAfter: issued.stateAfter },
    recipient: issued.publication.data.recipients[0]!,
    referenceData: ref,
    identity: identityFor(interfaceId, 1n, 0),
  });
  expect(schemas.validate(egressSchemaName(message), message)).toEqual({ valid: true, errors: [] });
  return message;
}

/** Every DT-003 value → the UK settlement day it denotes; everything else as is. */
function days(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(value)) return settlementDayOf(value);
  if (Array.isArray(value)) return value.map(days);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, days(v)]));
  return value;
}

/** The example's CustomBlock with its documented defects corrected (see the file comment). */
function corrected(customBlock: Json): Json {
  const cb = structuredClone(customBlock);
  if (cb.B013) cb.B013 = { CSSRegistrationID: cb.B013.CSSRegistrationRequestID };
  if (cb.B002?.incomingSupplierEffectiveFromDate) {
    cb.B002.supplierEffectiveFromDate = cb.B002.incomingSupplierEffectiveFromDate;
    delete cb.B002.incomingSupplierEffectiveFromDate;
  }
  if (cb.B003?.outgoingSupplierEffectiveToDate) {
    cb.B003.supplierEffectiveToDate = cb.B003.outgoingSupplierEffectiveToDate;
    delete cb.B003.outgoingSupplierEffectiveToDate;
  }
  if (cb.B032?.SSC) cb.B032.SSC = cb.B032.SSC.padStart(4, '0');
  return cb;
}

const NOT_HELD = ['B006', 'B027', 'B029', 'B035List', 'B037List'];

/** The corrected example, in settlement days, without the blocks we do not hold; `lastDays` are effective-to paths moved to the last day. */
function expectedFrom(name: string, lastDays: Array<[string, string]> = []): Json {
  const cb = days(corrected(example(name).CustomBlock)) as Json;
  for (const block of NOT_HELD) delete cb[block];
  for (const [block, item] of lastDays) cb[block][item] = dayBefore(cb[block][item]);
  return cb;
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The common block of our message against the example's, allowing for the defects named. */
function expectCommonBlockLike(ours: EgressMessage, name: string) {
  const theirs = example(name).CommonBlock;
  const s0 = { interfaceID: theirs.S0.interfaceID ?? theirs.S0.InterfaceID, schemaVersion: theirs.S0.schemaVersion, eventCode: theirs.S0.eventCode };
  expect(ours.CommonBlock.S0).toEqual(s0);
  expect(Object.keys(ours.CommonBlock.S1 as Json).sort()).toEqual(Object.keys(theirs.S1).sort());
  expect((ours.CommonBlock.S1 as Json).senderRoleID).toBe('REGS');
  expect(ours.CommonBlock.M0).toEqual({ ...theirs.M0, MPANCore: CORE, GSPGroupID: '_H' });
}

// ——— The facts behind the examples ———

const created = (on: string, connection: { type: 'W' | 'L'; direction: 'I' | 'E' } = { type: 'W', direction: 'I' }): MpanEvent => ({
  type: 'MpanCreated',
  data: {
    mpanCore: CORE,
    distributorId: '20',
    effectiveFromDate: on,
    gspGroupId: '_H',
    gspGroupEffectiveFromDate: on,
    address: { postcode: 'SW1A 2AA', lines: ['10 Downing Street', 'Westminster', 'London', '', '', '', '', '', ''] },
    connectionType: connection.type,
    connectionTypeEffectiveFromDate: on,
    energyDirection: connection.direction,
    meteredIndicator: true,
    marketSegment: 'S',
    marketSegmentEffectiveFromDate: on,
    duosTariffId: '999',
    duosTariffIdEffectiveFromDate: on,
    energisationStatus: 'D',
    energisationStatusEffectiveFromDate: on,
  },
});

/** Domestic premise indicator, IHD `D`, SMSO `TRIL`, profile class 02 / SSC 0083, all from `on`. */
const siteFacts = (on: string, supplierDipId: string): MpanEvent[] => [
  { type: 'DomesticPremiseIndicatorChanged', data: { mpanCore: CORE, domesticPremiseIndicator: true, effectiveFromDate: on } },
  { type: 'IhdInfoChanged', data: { mpanCore: CORE, ihdInstallStatus: 'D', effectiveFromDate: on, supplierDipId } },
  { type: 'SmsoChanged', data: { mpanCore: CORE, smsoId: 'TRIL', effectiveFromDate: on, supplierDipId } },
  {
    type: 'SscAndProfileClassChanged',
    data: { mpanCore: CORE, profileClass: '02', profileClassEffectiveFromDate: on, ssc: '0083', sscEffectiveFromDate: on, supplierDipId },
  },
];

const registered = (css: string, supplierDipId: string, on: string, outgoing: { supplierDipId: string; supplyEndDate: string } | null = null): MpanEvent => ({
  type: 'SupplierRegistered',
  data: {
    mpanCore: CORE,
    registrationKind: outgoing ? 'ChangeOfSupplier' : 'InitialRegistration',
    cssRegistrationId: css,
    supplierDipId,
    supplierMpid: 'EMEB',
    supplyStartDate: on,
    outgoingSupplier: outgoing && { supplierDipId: outgoing.supplierDipId, supplierMpid: 'EMEB', supplyEndDate: outgoing.supplyEndDate },
  },
});

/** A COS appointment of `provider` by `supplier` from `on`, requested, accepted and activated. */
function appointed(serviceType: 'MS' | 'DS', id: string, provider: { dipId: string; mpid: string }, supplierDipId: string, on: string, css: string): MpanEvent[] {
  return [
    {
      type: 'ServiceAppointmentRequested',
      data: {
        mpanCore: CORE,
        appointmentId: id,
        serviceType,
        providerRole: serviceType === 'MS' ? 'MSS' : 'SDS',
        providerDipId: provider.dipId,
        providerMpid: provider.mpid,
        requestingSupplierDipId: supplierDipId,
        requestingSupplierMpid: 'EMEB',
        effectiveFromDate: on,
        contractReference: `CON-${id}`,
        appointmentScenario: 'COS',
        cssRegistrationId: css,
        requestedOn: on,
        supersedesAppointmentId: null,
      },
    },
    { type: 'ServiceAppointmentAccepted', data: { mpanCore: CORE, appointmentId: id, serviceType, proposedAppointmentResponseCode: 'SP000 - Proposed Appointment ACCEPTED' } },
    { type: 'ServiceAppointmentActivated', data: { mpanCore: CORE, appointmentId: id, serviceType, effectiveFromDate: on, activatedOn: on } },
  ];
}

const EMEB_AS_PROVIDER = { dipId: LDSO, mpid: 'EMEB' };

describe('renderPublication reproduces the official examples of the interfaces we emit', () => {
  it('IF-001-InitialRegistration', () => {
    const message = reproduce(
      [created('2022-03-21'), ...siteFacts('2022-03-21', '2209012345'), registered('XTRE', '2209012345', '2022-03-21')],
      'IF-001',
      '[InitialRegistration]',
    );
    expectCommonBlockLike(message, 'IF-001-InitialRegistration');
    expect(days(message.CustomBlock)).toEqual(expectedFrom('IF-001-InitialRegistration'));
  });

  it('IF-001-ChangeOfSupplier (the example names one DIP id, 1009012345, for both suppliers and both providers)', () => {
    const message = reproduce(
      [
        created('2022-01-21'),
        ...siteFacts('2022-03-21', LDSO),
        registered('OLD1', LDSO, '2022-01-21'),
        ...appointed('MS', 'MS-OLD', EMEB_AS_PROVIDER, LDSO, '2022-01-21', 'OLD1'),
        ...appointed('DS', 'DS-OLD', EMEB_AS_PROVIDER, LDSO, '2022-01-21', 'OLD1'),
        registered('XTRE', LDSO, '2022-03-21', { supplierDipId: LDSO, supplyEndDate: '2022-03-20' }),
      ],
      'IF-001',
      '[ChangeOfSupplier]',
    );
    expectCommonBlockLike(message, 'IF-001-ChangeOfSupplier');
    // The example's creation-time items are dated 2022-03-21 (placeholders); ours keep the MPAN's own dates.
    const expected = expectedFrom('IF-001-ChangeOfSupplier', [['B003', 'supplierEffectiveToDate']]);
    for (const [block, item] of [['B023', 'connectionTypeEffectiveFromDate'], ['B024', 'DUOSTariffIDEffectiveFromDate'], ['B025', 'energisationStatusEffectiveFromDate'], ['B026', 'marketSegmentIndicatorEffectiveFromDate']] as const) {
      expected[block][item] = '2022-01-21';
    }
    expect(days(message.CustomBlock)).toEqual(expected);
  });

  it('IF-002 (GainMPANInfo; the example also carries B035List / B037List, which IF-002 does not have)', () => {
    const events = [
      created('2022-03-21'),
      ...siteFacts('2022-03-21', LDSO),
      registered('OLD1', LDSO, '2022-03-01'),
      ...appointed('MS', 'MS-OLD', EMEB_AS_PROVIDER, LDSO, '2022-03-21', 'OLD1'),
      ...appointed('DS', 'DS-OLD', EMEB_AS_PROVIDER, LDSO, '2022-03-21', 'OLD1'),
      registered('DXVRE132', '2309012345', '2022-03-22', { supplierDipId: LDSO, supplyEndDate: '2022-03-21' }),
    ];
    const message = reproduce(events, 'IF-002', '[GainMPANInfo]');
    expectCommonBlockLike(message, 'IF-002');
    expect(days(message.CustomBlock)).toEqual(expectedFrom('IF-002'));
  });

  it('IF-037-MSDeApp (change of supplier: MS MXNX de-appointed, DXXN and supplier 2309012345 incoming)', () => {
    const incoming = '2309012345';
    const message = reproduce(
      [
        created('2022-01-21'),
        registered('OLD1', LDSO, '2022-01-21'),
        ...appointed('MS', 'MS-OLD', { dipId: '1209012346', mpid: 'MXNX' }, LDSO, '2022-01-21', 'OLD1'),
        registered('XTRE', incoming, '2022-03-21', { supplierDipId: LDSO, supplyEndDate: '2022-03-20' }),
        ...appointed('MS', 'MS-NEW', { dipId: '1209012345', mpid: 'DXXN' }, incoming, '2022-03-21', 'XTRE').slice(0, 2),
        {
          type: 'ServiceProviderDeappointed',
          data: {
            mpanCore: CORE,
            serviceType: 'MS',
            appointmentId: 'MS-OLD',
            providerDipId: '1209012346',
            providerMpid: 'MXNX',
            effectiveFromDate: '2022-01-21',
            effectiveToDate: '2022-03-20',
            reason: 'CSUPP',
            replacedByAppointmentId: 'MS-NEW',
          },
        },
      ],
      'IF-037',
      '[MSDeApp]',
    );
    expectCommonBlockLike(message, 'IF-037-MSDeApp');
    expect(days(message.CustomBlock)).toEqual(expectedFrom('IF-037-MSDeApp', [['B008', 'meteringServiceEffectiveToDate']]));
  });

  const may2022: MpanEvent[] = [
    created('2022-05-01', { type: 'W', direction: 'E' }),
    { type: 'ConnectionTypeChanged', data: { mpanCore: CORE, connectionType: 'L', meteredIndicator: true, effectiveFromDate: '2022-05-28', previousConnectionType: 'W' } },
  ];

  it('IF-043 (connection type L from 2022-05-28, to the DCC)', () => {
    const message = reproduce(may2022, 'IF-043', '[ConnectionTypeChange]');
    expectCommonBlockLike(message, 'IF-043');
    expect(days(message.CustomBlock)).toEqual(expectedFrom('IF-043'));
  });

  it('IF-044 (segment A from 2022-05-28, with the connection as at that day)', () => {
    const message = reproduce(
      [
        ...may2022,
        { type: 'MarketSegmentChanged', data: { mpanCore: CORE, marketSegment: 'A', effectiveFromDate: '2022-05-28', previousMarketSegment: 'S', incompatibleAppointments: [] } },
      ],
      'IF-044',
      '[MarketSegmentChange]',
    );
    expectCommonBlockLike(message, 'IF-044');
    expect(days(message.CustomBlock)).toEqual(expectedFrom('IF-044'));
  });
});
