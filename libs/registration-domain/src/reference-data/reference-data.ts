import { LocalDate } from '../shared/local-date';

/**
 * DIP participant role codes (DT-009 `senderRoleID`). `CSS` is the Central Switching Service,
 * which reaches the registry through our documented switching-service input (docs/adr/0003).
 */
export const ROLE_CODES = [
  'SUP', 'REGS', 'LDSO', 'CSS', 'SDS', 'ADS', 'UMSDS', 'MSS', 'MSA', 'UMSO', 'MDR', 'MDS', 'LSS', 'EES', 'DCC',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

/** A role a participant holds from `effectiveFrom` to `effectiveTo` inclusive (`null`: open-ended). */
export interface ParticipantRole {
  role: RoleCode;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
}

/**
 * A market participant: 10-digit DIP id (DT-006), 4-letter MPID (DT-027), its roles with dates,
 * and for an LDSO the 2-digit distributor id it issues MPAN cores under.
 */
export interface Participant {
  dipId: string;
  mpid: string;
  name: string;
  roles: ParticipantRole[];
  distributorId: string | null;
}

/** DNO (distributor ids 10–23, one GSP group each) or IDNO (24 upward, any GSP group). */
export type DistributorKind = 'DNO' | 'IDNO';

/** A distributor id with its kind, the GSP group of a DNO's licence area, and its LDSO's DIP id. */
export interface Distributor {
  distributorId: string;
  kind: DistributorKind;
  name: string;
  /** GSP group of the DNO's licence area (DI-037); `null` for IDNOs. */
  gspGroupId: string | null;
  /** DIP id of the LDSO participant for this distributor id. */
  ldsoDipId: string;
}

/**
 * Read-only reference data the domain consults (participants and distributors, from a versioned
 * file; see `reference-data/` in the repository root and docs/reference-data.md).
 */
export interface ReferenceData {
  /** Version label of the loaded file, recorded in event metadata. */
  readonly version: string;
  participant(dipId: string): Participant | undefined;
  distributor(distributorId: string): Distributor | undefined;
  /** True when `dipId` holds `role` on `date` (inclusive bounds). */
  holdsRole(dipId: string, role: RoleCode, date: LocalDate): boolean;
}
