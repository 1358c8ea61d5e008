import { MpanCore } from '../mpan/mpan-core';
import { RoleCode } from '../reference-data/reference-data';
import { LocalDate, UtcInstant } from '../shared/local-date';

/**
 * Commands of the MPAN registration process (first slice: creation by the LDSO, supplier
 * registration from the switching service, LDSO-maintained data changes).
 *
 * Commands are built at the edge from a validated DIP message: wire dates (DT-003 date-times with
 * offset) are already converted to UK settlement days ({@link LocalDate}), the MPAN core is parsed.
 */

/** Who sent the message and how it is identified (idempotency key = senderDipId + senderUniqueReference). */
export interface CommandContext {
  /** `S1.senderDIPID`. */
  senderDipId: string;
  /** `S1.senderRoleID`. */
  senderRoleId: RoleCode | string;
  /** `S1.senderUniqueReference`. */
  senderUniqueReference: string;
  /** `${senderDipId}:${senderUniqueReference}`. */
  messageKey: string;
  /** `M0.distributorDIPID` as sent. */
  distributorDipId: string;
}

/** Address of a metering point (B022): postcode (DT-007) and up to nine lines (DT-001, ≤ 40 chars). */
export interface MeteringPointAddress {
  postcode: string;
  /** Exactly nine entries, `null` where the line is empty (as on the wire). */
  lines: (string | null)[];
}

export type ConnectionType = 'W' | 'L' | 'H' | 'E' | 'U';
export type EnergyDirection = 'I' | 'E';
export type MarketSegment = 'S' | 'A' | 'U';
export type EnergisationStatus = 'E' | 'D' | 'U';

/** LDSO creates an MPAN (our LDSO input `[MPANCreation]`, shaped as IF-050 MPANCreation). */
export interface CreateMpan {
  type: 'CreateMpan';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    /** RMP status effective-from date (B079): the day the MPAN comes into being. */
    effectiveFromDate: LocalDate;
    gspGroupId: string;
    gspGroupEffectiveFromDate: LocalDate;
    address: MeteringPointAddress;
    connectionType: ConnectionType;
    connectionTypeEffectiveFromDate: LocalDate;
    energyDirection: EnergyDirection;
    meteredIndicator: boolean;
    marketSegment: MarketSegment;
    marketSegmentEffectiveFromDate: LocalDate;
    duosTariffId: string;
    duosTariffIdEffectiveFromDate: LocalDate;
    energisationStatus: EnergisationStatus;
    energisationStatusEffectiveFromDate: LocalDate;
    /** B079 RMPStatus as sent (must be `C` created). */
    rmpStatus: string;
  };
}

/** Switching service registers a supplier: initial registration or change of supplier. */
export interface RegisterSupplier {
  type: 'RegisterSupplier';
  mpanCore: MpanCore;
  context: CommandContext;
  data: {
    registrationKind: 'InitialRegistration' | 'ChangeOfSupplier';
    /** B013 `CSSRegistrationID`. */
    cssRegistrationId: string;
    /** B002. */
    supplierDipId: string;
    supplierMpid: string;
    supplyStartDate: LocalDate;
    /** B003 (change of supplier only; optional): what the switching service believes is ending. */
    outgoing: { supplierDipId: string; supplierMpid: string; supplyEndDate: LocalDate } | null;
    /**
     * B004 (optional on REGS-CSS, ADR 0003): the domestic premise indicator (DI-030) the supplier
     * stated in its switch request, passed on by the switching service, with the B004 effective-from
     * date as a settlement day (it must be the supply start date, LOC035); `null` when not sent.
     */
    domesticPremiseIndicator: { value: boolean; effectiveFromDate: LocalDate } | null;
  };
}

/** LDSO changes the metering point address (`[AddressChg]`, B022 with B001 as effective-from). */
export interface ChangeMpanAddress {
  type: 'ChangeMpanAddress';
  mpanCore: MpanCore;
  context: CommandContext;
  data: { address: MeteringPointAddress; effectiveFromDate: LocalDate };
}

/** LDSO changes the GSP group (`[GSPChg]`, M0.GSPGroupID with B001 effective-from). */
export interface ChangeGspGroup {
  type: 'ChangeGspGroup';
  mpanCore: MpanCore;
  context: CommandContext;
  data: { gspGroupId: string; effectiveFromDate: LocalDate };
}

/** LDSO changes the DUoS tariff id (`[DUOSTariffIDChg]`, B024). */
export interface ChangeDuosTariffId {
  type: 'ChangeDuosTariffId';
  mpanCore: MpanCore;
  context: CommandContext;
  data: { duosTariffId: string; effectiveFromDate: LocalDate };
}

/** LDSO changes the energy direction (`[EnergyDirection]`, B023; effective-from = connectionTypeEffectiveFromDate). */
export interface ChangeEnergyDirection {
  type: 'ChangeEnergyDirection';
  mpanCore: MpanCore;
  context: CommandContext;
  data: { energyDirection: EnergyDirection; effectiveFromDate: LocalDate };
}

export type RegistrationCommand =
  | CreateMpan
  | RegisterSupplier
  | ChangeMpanAddress
  | ChangeGspGroup
  | ChangeDuosTariffId
  | ChangeEnergyDirection;

/** What the decider is given besides the command and state: time and reference data as data. */
export interface DecisionContext {
  /** The instant the registry received the message (UTC). */
  now: UtcInstant;
  /** The UK settlement day containing `now`. */
  today: LocalDate;
}
