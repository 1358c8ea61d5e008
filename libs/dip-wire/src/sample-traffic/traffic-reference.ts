import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARTICIPANTS_RELATIVE_PATH, findRepoRoot } from '../conformance/repo-root';

/** A distributor as the generator needs it (from `reference-data/participants.json`). */
export interface TrafficDistributor {
  distributorId: string;
  kind: 'DNO' | 'IDNO';
  /** The DNO's GSP group; `null` for an IDNO (any group). */
  gspGroupId: string | null;
  /** DIP id of the distributor's LDSO: sender of LDSO messages and `M0.distributorDIPID`. */
  ldsoDipId: string;
}

/** A supplier: DIP id (DT-006) and MPID (DT-027). */
export interface TrafficSupplier {
  dipId: string;
  mpid: string;
}

/** A metering or data service (or meter data retriever): DIP id (DT-006) and MPID (DT-027). */
export interface TrafficProvider {
  dipId: string;
  mpid: string;
}

/** Market segment (DI-050). */
export type TrafficSegment = 'S' | 'A' | 'U';
/** The two services a supplier appoints: metering service and data service. */
export type TrafficService = 'MS' | 'DS';

/** The providers that fit one segment for one service, and the role they act in. */
export interface SegmentProviders {
  /** MSS/SDS for Smart, MSA/ADS for Advanced, UMSO/UMSDS for Unmetered. */
  role: string;
  providers: TrafficProvider[];
}

/** The reference data the traffic generator draws on. */
export interface TrafficReference {
  version: string;
  dnos: TrafficDistributor[];
  /** The few IDNOs traffic is spread across. */
  idnos: TrafficDistributor[];
  suppliers: TrafficSupplier[];
  /** DIP id of the Central Switching Service (role CSS). */
  cssDipId: string;
  /** DIP id of the Registration Service (role REGS), the primary recipient in `A0`. */
  regsDipId: string;
  /** The service providers that fit each segment, per service (REG1031's compatibility matrix). */
  providers: Record<TrafficSegment, Record<TrafficService, SegmentProviders>>;
  /**
   * Per segment, a provider of a service (holding a role of that service) without the role the
   * segment needs — the `wrong-segment-provider` mistake: MSA-only MSAC as MS on Smart, MSS-only
   * MSSA as MS on Advanced, SDS-only SDSA as DS on Unmetered (an MS there would be a UMSO question,
   * REG1030, not REG1031).
   */
  wrongSegmentProviders: Record<TrafficSegment, { service: TrafficService; provider: TrafficProvider }>;
  /** Per service, a DIP id and MPID that no participant has (the `unknown-provider` mistake). */
  unknownProviders: Record<TrafficService, TrafficProvider>;
  /** The meter data retriever Smart data-service proposals nominate (B071). */
  meterDataRetriever: TrafficProvider;
}

/** Supplier DIP ids of the sample data that hold SUP for the whole sample period. */
export const SAMPLE_SUPPLIER_DIP_IDS = ['1000000001', '1000000002', '1000000003', '1000000004'] as const;
/** IDNO distributor ids the traffic uses ("a few IDNOs"). */
export const SAMPLE_IDNO_IDS = ['24', '25', '26', '27'] as const;

/** Roles a provider must hold per segment and service (mhhs-domain.md §2: SDS+MSS, ADS+MSA, UMSDS+UMSO). */
export const SEGMENT_ROLES: Record<TrafficSegment, Record<TrafficService, string>> = {
  S: { MS: 'MSS', DS: 'SDS' },
  A: { MS: 'MSA', DS: 'ADS' },
  U: { MS: 'UMSO', DS: 'UMSDS' },
};

/** The sample providers the traffic appoints, per segment and service (each holds the segment's role). */
export const SAMPLE_PROVIDER_DIP_IDS: Record<TrafficSegment, Record<TrafficService, readonly string[]>> = {
  S: { MS: ['2000000001', '2000000002'], DS: ['2000000011', '2000000012'] },
  A: { MS: ['2000000002', '2000000003'], DS: ['2000000012', '2000000013'] },
  U: { MS: ['2000000004'], DS: ['2000000014'] },
};

/** Per segment, a sample provider without the role the segment needs for its service (see `wrongSegmentProviders`). */
const WRONG_SEGMENT_PROVIDERS: Record<TrafficSegment, { service: TrafficService; dipId: string; holds: string }> = {
  S: { service: 'MS', dipId: '2000000003', holds: 'MSA' },
  A: { service: 'MS', dipId: '2000000001', holds: 'MSS' },
  U: { service: 'DS', dipId: '2000000011', holds: 'SDS' },
};

/** DIP ids (and MPIDs) no participant has, for the `unknown-provider` mistake. */
export const UNKNOWN_PROVIDERS: Record<TrafficService, TrafficProvider> = {
  MS: { dipId: '2000000099', mpid: 'MSZZ' },
  DS: { dipId: '2000000098', mpid: 'DSZZ' },
};

/** The sample meter data retriever (MDRA). */
const MDR_DIP_ID = '2000000021';

interface ParticipantsFile {
  version: string;
  distributors: TrafficDistributor[];
  participants: { dipId: string; mpid: string; roles: { role: string; effectiveTo: string | null }[] }[];
}

/**
 * Reads the sample reference data (`reference-data/participants.json` under the repository root).
 * @throws Error when the file is missing, or lacks a supplier, IDNO, CSS, REGS, service provider or
 *   MDR the traffic needs, or has a participant with a DIP id the traffic uses as unknown.
 */
export function loadTrafficReference(path = join(findRepoRoot(), PARTICIPANTS_RELATIVE_PATH)): TrafficReference {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ParticipantsFile;
  const byDipId = new Map(file.participants.map((p) => [p.dipId, p]));
  const withRole = (role: string) => {
    const p = file.participants.find((x) => x.roles.some((r) => r.role === role));
    if (!p) throw new Error(`${path}: no participant with role ${role}`);
    return p.dipId;
  };
  const suppliers = SAMPLE_SUPPLIER_DIP_IDS.map((dipId) => {
    const p = byDipId.get(dipId);
    if (!p || !p.roles.some((r) => r.role === 'SUP')) throw new Error(`${path}: ${dipId} is not a supplier`);
    return { dipId, mpid: p.mpid };
  });
  const idnos = SAMPLE_IDNO_IDS.map((id) => {
    const d = file.distributors.find((x) => x.distributorId === id && x.kind === 'IDNO');
    if (!d) throw new Error(`${path}: no IDNO ${id}`);
    return d;
  });
  const dnos = file.distributors.filter((d) => d.kind === 'DNO' && d.gspGroupId);
  if (dnos.length === 0) throw new Error(`${path}: no DNOs`);
  /** The participant `dipId`, which must hold `role` with no end date. */
  const holding = (dipId: string, role: string): TrafficProvider => {
    const p = byDipId.get(dipId);
    if (!p || !p.roles.some((r) => r.role === role && r.effectiveTo === null)) throw new Error(`${path}: ${dipId} does not hold role ${role}`);
    return { dipId, mpid: p.mpid };
  };
  const segmentProviders = (segment: TrafficSegment, service: TrafficService): SegmentProviders => {
    const role = SEGMENT_ROLES[segment][service];
    return { role, providers: SAMPLE_PROVIDER_DIP_IDS[segment][service].map((id) => holding(id, role)) };
  };
  const segments = ['S', 'A', 'U'] as const;
  const providers = Object.fromEntries(
    segments.map((seg) => [seg, { MS: segmentProviders(seg, 'MS'), DS: segmentProviders(seg, 'DS') }]),
  ) as TrafficReference['providers'];
  const wrongSegmentProviders = Object.fromEntries(
    segments.map((seg) => {
      const { service, dipId, holds } = WRONG_SEGMENT_PROVIDERS[seg];
      const provider = holding(dipId, holds);
      if (byDipId.get(dipId)!.roles.some((r) => r.role === SEGMENT_ROLES[seg][service])) {
        throw new Error(`${path}: ${dipId} must not hold role ${SEGMENT_ROLES[seg][service]}`);
      }
      return [seg, { service, provider }];
    }),
  ) as TrafficReference['wrongSegmentProviders'];
  for (const unknown of Object.values(UNKNOWN_PROVIDERS)) {
    if (byDipId.has(unknown.dipId)) throw new Error(`${path}: ${unknown.dipId} is a participant; the traffic uses it as an unknown provider`);
  }
  return {
    version: file.version,
    dnos,
    idnos,
    suppliers,
    cssDipId: withRole('CSS'),
    regsDipId: withRole('REGS'),
    providers,
    wrongSegmentProviders,
    unknownProviders: UNKNOWN_PROVIDERS,
    meterDataRetriever: holding(MDR_DIP_ID, 'MDR'),
  };
}
