import sampleJson from '../../../../../reference-data/participants.json';
import { MpanCore } from '../../mpan/mpan-core';
import { parseReferenceData } from '../../reference-data/load-reference-data';
import { LocalDate, UtcInstant } from '../../shared/local-date';
import {
  ChangeDuosTariffId,
  ChangeEnergyDirection,
  ChangeGspGroup,
  ChangeMpanAddress,
  CommandContext,
  CreateMpan,
  DecisionContext,
  MeteringPointAddress,
  RegisterSupplier,
} from '../commands';
import { MpanCreated, SupplierRegistered } from '../events';
import { deciderSpecification } from './given-when-then';

/** Fixtures for registration specs, on the sample reference data (reference-data/participants.json). */
export const ref = parseReferenceData(sampleJson);
export const ctx: DecisionContext = { now: '2025-04-01T09:00:00.000Z' as UtcInstant, today: '2025-04-01' as LocalDate };
export const { given, givenState } = deciderSpecification(ref, ctx);

export const d = (raw: string) => raw as LocalDate;

/** Distributor 10 (Eastern, DNO, GSP group _A): check digit 3 (mhhs-domain.md §1.3). */
export const DNO_MPAN = '1012345678903' as MpanCore;
/** Distributor 29 (Harlaxton, IDNO): check digit 6. */
export const IDNO_MPAN = '2900000000016' as MpanCore;

export const EASTERN_LDSO = '3000000010';
export const LONDON_LDSO = '3000000012';
export const HARLAXTON_LDSO = '3000000029';
export const CSS = '9000000001';
export const BRIGHTWATER = { dipId: '1000000001', mpid: 'BRWE' };
export const NORTHSTAR = { dipId: '1000000002', mpid: 'NSTP' };
export const GREENFIELD = { dipId: '1000000003', mpid: 'GFSL' };
/** Holds SUP only until 2025-06-30. */
export const LUMEN = { dipId: '1000000005', mpid: 'LUMN' };

export const ADDRESS: MeteringPointAddress = {
  postcode: 'CB1 2AB',
  lines: ['1 Mill Road', 'Cambridge', null, null, null, null, null, null, null],
};
export const NEW_ADDRESS: MeteringPointAddress = {
  postcode: 'CB2 3CD',
  lines: ['2 Mill Road', 'Cambridge', null, null, null, null, null, null, null],
};

interface Opts {
  mpanCore?: MpanCore;
  context?: Partial<CommandContext>;
}

/** The LDSO of the core's distributor (Eastern's for a distributor id the sample does not know). */
const ldsoOf = (core: MpanCore) => ref.distributor(core.slice(0, 2))?.ldsoDipId ?? EASTERN_LDSO;

/** An LDSO's message context: the MPAN's own LDSO sends, M0.distributorDIPID names it. */
export function ldsoContext(core: MpanCore, overrides: Partial<CommandContext> = {}): CommandContext {
  const ldso = ldsoOf(core);
  return {
    senderDipId: ldso,
    senderRoleId: 'LDSO',
    senderUniqueReference: 'S-0000000001',
    messageKey: `${ldso}:S-0000000001`,
    distributorDipId: ldso,
    ...overrides,
  };
}

/** The switching service's message context. */
export function cssContext(core: MpanCore, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    senderDipId: CSS,
    senderRoleId: 'CSS',
    senderUniqueReference: 'S-0000000002',
    messageKey: `${CSS}:S-0000000002`,
    distributorDipId: ldsoOf(core),
    ...overrides,
  };
}

const CREATE_DATA: CreateMpan['data'] = {
  effectiveFromDate: d('2025-04-01'),
  gspGroupId: '_A',
  gspGroupEffectiveFromDate: d('2025-04-01'),
  address: ADDRESS,
  connectionType: 'W',
  connectionTypeEffectiveFromDate: d('2025-04-01'),
  energyDirection: 'I',
  meteredIndicator: true,
  marketSegment: 'S',
  marketSegmentEffectiveFromDate: d('2025-04-01'),
  duosTariffId: '1A',
  duosTariffIdEffectiveFromDate: d('2025-04-01'),
  energisationStatus: 'E',
  energisationStatusEffectiveFromDate: d('2025-04-01'),
  rmpStatus: 'C',
};

export function createMpan(data: Partial<CreateMpan['data']> = {}, opts: Opts = {}): CreateMpan {
  const mpanCore = opts.mpanCore ?? DNO_MPAN;
  return { type: 'CreateMpan', mpanCore, context: ldsoContext(mpanCore, opts.context), data: { ...CREATE_DATA, ...data } };
}

/** The event the default {@link createMpan} produces (same overrides). */
export function mpanCreated(data: Partial<CreateMpan['data']> = {}, mpanCore: MpanCore = DNO_MPAN): MpanCreated {
  const { rmpStatus: _rmp, ...rest } = { ...CREATE_DATA, ...data };
  return { type: 'MpanCreated', data: { mpanCore, distributorId: mpanCore.slice(0, 2), ...rest } };
}

export function registerSupplier(data: Partial<RegisterSupplier['data']> = {}, opts: Opts = {}): RegisterSupplier {
  const mpanCore = opts.mpanCore ?? DNO_MPAN;
  return {
    type: 'RegisterSupplier',
    mpanCore,
    context: cssContext(mpanCore, opts.context),
    data: {
      registrationKind: 'InitialRegistration',
      cssRegistrationId: 'CSS-REG-0001',
      supplierDipId: BRIGHTWATER.dipId,
      supplierMpid: BRIGHTWATER.mpid,
      supplyStartDate: d('2025-04-01'),
      outgoing: null,
      domesticPremiseIndicator: null,
      ...data,
    },
  };
}

/** A `SupplierRegistered` event, defaulting to Brightwater's initial registration on 2025-04-01. */
export function supplierRegistered(data: Partial<SupplierRegistered['data']> = {}): SupplierRegistered {
  return {
    type: 'SupplierRegistered',
    data: {
      mpanCore: DNO_MPAN,
      registrationKind: 'InitialRegistration',
      cssRegistrationId: 'CSS-REG-0001',
      supplierDipId: BRIGHTWATER.dipId,
      supplierMpid: BRIGHTWATER.mpid,
      supplyStartDate: '2025-04-01',
      outgoingSupplier: null,
      domesticPremiseIndicator: null,
      ...data,
    },
  };
}

export function changeMpanAddress(data: Partial<ChangeMpanAddress['data']> = {}, opts: Opts = {}): ChangeMpanAddress {
  const mpanCore = opts.mpanCore ?? DNO_MPAN;
  return {
    type: 'ChangeMpanAddress',
    mpanCore,
    context: ldsoContext(mpanCore, opts.context),
    data: { address: NEW_ADDRESS, effectiveFromDate: d('2025-06-01'), ...data },
  };
}

export function changeGspGroup(data: Partial<ChangeGspGroup['data']> = {}, opts: Opts = {}): ChangeGspGroup {
  const mpanCore = opts.mpanCore ?? IDNO_MPAN;
  return {
    type: 'ChangeGspGroup',
    mpanCore,
    context: ldsoContext(mpanCore, opts.context),
    data: { gspGroupId: '_B', effectiveFromDate: d('2025-06-01'), ...data },
  };
}

export function changeDuosTariffId(data: Partial<ChangeDuosTariffId['data']> = {}, opts: Opts = {}): ChangeDuosTariffId {
  const mpanCore = opts.mpanCore ?? DNO_MPAN;
  return {
    type: 'ChangeDuosTariffId',
    mpanCore,
    context: ldsoContext(mpanCore, opts.context),
    data: { duosTariffId: '2B', effectiveFromDate: d('2025-06-01'), ...data },
  };
}

export function changeEnergyDirection(data: Partial<ChangeEnergyDirection['data']> = {}, opts: Opts = {}): ChangeEnergyDirection {
  const mpanCore = opts.mpanCore ?? DNO_MPAN;
  return {
    type: 'ChangeEnergyDirection',
    mpanCore,
    context: ldsoContext(mpanCore, opts.context),
    data: { energyDirection: 'E', effectiveFromDate: d('2025-06-01'), ...data },
  };
}
