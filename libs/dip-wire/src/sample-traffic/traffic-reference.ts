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
}

/** Supplier DIP ids of the sample data that hold SUP for the whole sample period. */
export const SAMPLE_SUPPLIER_DIP_IDS = ['1000000001', '1000000002', '1000000003', '1000000004'] as const;
/** IDNO distributor ids the traffic uses ("a few IDNOs"). */
export const SAMPLE_IDNO_IDS = ['24', '25', '26', '27'] as const;

interface ParticipantsFile {
  version: string;
  distributors: TrafficDistributor[];
  participants: { dipId: string; mpid: string; roles: { role: string }[] }[];
}

/**
 * Reads the sample reference data (`reference-data/participants.json` under the repository root).
 * @throws Error when the file is missing, or lacks a supplier, IDNO, CSS or REGS the traffic needs.
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
  return { version: file.version, dnos, idnos, suppliers, cssDipId: withRole('CSS'), regsDipId: withRole('REGS') };
}
