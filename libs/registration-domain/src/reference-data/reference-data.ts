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
  /**
   * Every participant, in file order ({@link LoadedReferenceData} has it). Optional so that
   * look-up-only test doubles stay valid; `publicationsFor` needs it to find the MDS and EES.
   */
  participants?(): ReadonlyArray<Participant>;
}

/**
 * The 14 GSP group ids (DI-037 `GSPGroupID`): `_A`…`_P` without `_I` and `_O`
 * (mhhs-domain.md §1.4; also the DIP catalogue's enumeration of DI-037).
 */
export const GSP_GROUP_IDS = [
  '_A', '_B', '_C', '_D', '_E', '_F', '_G', '_H', '_J', '_K', '_L', '_M', '_N', '_P',
] as const;
export type GspGroupId = (typeof GSP_GROUP_IDS)[number];

/** True when `value` is one of the 14 {@link GSP_GROUP_IDS}. */
export function isGspGroupId(value: unknown): value is GspGroupId {
  return typeof value === 'string' && (GSP_GROUP_IDS as readonly string[]).includes(value);
}

/** True when `value` is one of the {@link ROLE_CODES}. */
export function isRoleCode(value: unknown): value is RoleCode {
  return typeof value === 'string' && (ROLE_CODES as readonly string[]).includes(value);
}

/**
 * The distributor-id predicate {@link MpanCore.parse} needs, answered from reference data:
 * `MpanCore.parse(raw, distributorKnownIn(ref))`.
 */
export function distributorKnownIn(ref: ReferenceData): (distributorId: string) => boolean {
  return (distributorId) => ref.distributor(distributorId) !== undefined;
}
