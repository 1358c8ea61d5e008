import { LocalDate, parseLocalDate } from '../shared/local-date';
import { LoadedReferenceData } from './loaded-reference-data';
import {
  Distributor,
  DistributorKind,
  isGspGroupId,
  isRoleCode,
  Participant,
  ParticipantRole,
  ROLE_CODES,
  RoleCode,
} from './reference-data';

/** One problem found in a reference-data document, with the JSON path of the offending value. */
export interface ReferenceDataProblem {
  /** JSONPath-style location, e.g. `$.participants[3].roles[0].effectiveTo`. */
  path: string;
  message: string;
}

/**
 * Thrown by {@link parseReferenceData} when the document is invalid. `message` lists every
 * problem, one per line, as `<path>: <message>`; `problems` carries them as data.
 */
export class ReferenceDataError extends Error {
  constructor(readonly problems: ReadonlyArray<ReferenceDataProblem>) {
    super(
      `invalid reference data (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `- ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'ReferenceDataError';
  }
}

const DIP_ID_RE = /^[0-9]{10}$/;
const MPID_RE = /^[A-Z]{4}$/;
const DISTRIBUTOR_ID_RE = /^[0-9]{2}$/;

type Json = Record<string, unknown>;

/**
 * Validates a whole reference-data document (the shape of `reference-data/participants.json`)
 * and returns it as {@link ReferenceData}.
 *
 * Checks: `version` a non-empty string; participants with unique 10-digit DIP ids (DT-006),
 * 4-uppercase-letter MPIDs (DT-027), a non-empty name, roles from {@link ROLE_CODES} with
 * calendar-valid `YYYY-MM-DD` dates and `effectiveFrom ≤ effectiveTo` (`null` = open-ended), and a
 * `distributorId` that is `null` or a listed distributor; distributors with unique two-digit ids,
 * `DNO` 10–23 with one of the 14 GSP groups (unique among DNOs), `IDNO` 24 upward with a `null`
 * GSP group, and an `ldsoDipId` naming a participant that holds `LDSO` under that distributor id.
 * Properties whose name starts with `$` (comments) are ignored; any other unknown property is a
 * problem (it is usually a misspelt field).
 *
 * @throws ReferenceDataError listing every problem with its JSON path (not just the first).
 */
export function parseReferenceData(json: unknown): LoadedReferenceData {
  const problems: ReferenceDataProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!isObject(json)) {
    throw new ReferenceDataError([{ path: '$', message: `expected an object, got ${describe(json)}` }]);
  }
  checkKeys(json, '$', ['version', 'participants', 'distributors'], add);
  const version = json['version'];
  if ('version' in json && (typeof version !== 'string' || version.trim() === '')) {
    add('$.version', `expected a non-empty string, got ${describe(version)}`);
  }

  const participants = arrayAt(json, 'participants', '$', add).map((raw, i) =>
    parseParticipant(raw, `$.participants[${i}]`, add),
  );
  const distributors = arrayAt(json, 'distributors', '$', add).map((raw, i) =>
    parseDistributor(raw, `$.distributors[${i}]`, add),
  );

  checkParticipantIdsUnique(participants, add);
  checkDistributorsUnique(distributors, add);
  checkLdsoLinks(participants, distributors, add);

  if (problems.length > 0) throw new ReferenceDataError(problems);
  return new LoadedReferenceData(
    version as string,
    participants.map((p) => p.value as Participant),
    distributors.map((d) => d.value as Distributor),
  );
}

type Add = (path: string, message: string) => void;
/** A parsed element with its path; `value` is complete only when the whole document is valid. */
interface Parsed<T> {
  path: string;
  value: Partial<T>;
}

function parseParticipant(raw: unknown, path: string, add: Add): Parsed<Participant> {
  if (!isObject(raw)) {
    add(path, `expected a participant object, got ${describe(raw)}`);
    return { path, value: {} };
  }
  checkKeys(raw, path, ['dipId', 'mpid', 'name', 'roles', 'distributorId'], add);
  const dipId = raw['dipId'];
  if ('dipId' in raw && (typeof dipId !== 'string' || !DIP_ID_RE.test(dipId))) add(`${path}.dipId`, `${describe(dipId)} is not a 10-digit DIP id`);
  const mpid = raw['mpid'];
  if ('mpid' in raw && (typeof mpid !== 'string' || !MPID_RE.test(mpid))) add(`${path}.mpid`, `${describe(mpid)} is not an MPID of 4 uppercase letters`);
  const name = nonEmptyString(raw, 'name', path, add);
  const distributorId = raw['distributorId'];
  if ('distributorId' in raw && distributorId !== null && (typeof distributorId !== 'string' || !DISTRIBUTOR_ID_RE.test(distributorId))) {
    add(`${path}.distributorId`, `${describe(distributorId)} is neither null nor a two-digit distributor id`);
  }
  const roles = arrayAt(raw, 'roles', path, add).map((r, i) => parseRole(r, `${path}.roles[${i}]`, add));
  if (Array.isArray(raw['roles']) && raw['roles'].length === 0) add(`${path}.roles`, 'a participant must hold at least one role');
  return {
    path,
    value: {
      dipId: dipId as string,
      mpid: mpid as string,
      name,
      distributorId: distributorId as string | null,
      roles: roles as ParticipantRole[],
    },
  };
}

function parseRole(raw: unknown, path: string, add: Add): Partial<ParticipantRole> {
  if (!isObject(raw)) {
    add(path, `expected a role object, got ${describe(raw)}`);
    return {};
  }
  checkKeys(raw, path, ['role', 'effectiveFrom', 'effectiveTo'], add);
  const role = raw['role'];
  if ('role' in raw && !isRoleCode(role)) add(`${path}.role`, `${describe(role)} is not a role code (one of ${listOfRoles()})`);
  const from = dateAt(raw, 'effectiveFrom', path, false, add);
  const to = dateAt(raw, 'effectiveTo', path, true, add);
  if (from && to && to < from) add(`${path}.effectiveTo`, `effectiveTo ${to} is before effectiveFrom ${from}`);
  return { role: role as RoleCode, effectiveFrom: from as LocalDate, effectiveTo: to };
}

function parseDistributor(raw: unknown, path: string, add: Add): Parsed<Distributor> {
  if (!isObject(raw)) {
    add(path, `expected a distributor object, got ${describe(raw)}`);
    return { path, value: {} };
  }
  checkKeys(raw, path, ['distributorId', 'kind', 'name', 'gspGroupId', 'ldsoDipId'], add);
  const id = raw['distributorId'];
  const idOk = typeof id === 'string' && DISTRIBUTOR_ID_RE.test(id);
  if ('distributorId' in raw && !idOk) add(`${path}.distributorId`, `${describe(id)} is not a two-digit distributor id`);
  const kind = raw['kind'];
  const gsp = raw['gspGroupId'];
  if (kind === 'DNO') {
    if (idOk && (Number(id) < 10 || Number(id) > 23)) add(`${path}.distributorId`, `DNO distributor id must be 10 to 23, got ${id}`);
    if ('gspGroupId' in raw && !isGspGroupId(gsp)) add(`${path}.gspGroupId`, `${describe(gsp)} is not one of the 14 GSP groups (_A to _P without _I and _O)`);
  } else if (kind === 'IDNO') {
    if (idOk && Number(id) < 24) add(`${path}.distributorId`, `IDNO distributor id must be 24 or above, got ${id}`);
    if ('gspGroupId' in raw && gsp !== null) add(`${path}.gspGroupId`, `an IDNO has no GSP group of its own: expected null, got ${describe(gsp)}`);
  } else if ('kind' in raw) {
    add(`${path}.kind`, `${describe(kind)} is not a distributor kind (DNO or IDNO)`);
  }
  const name = nonEmptyString(raw, 'name', path, add);
  const ldsoDipId = raw['ldsoDipId'];
  if ('ldsoDipId' in raw && (typeof ldsoDipId !== 'string' || !DIP_ID_RE.test(ldsoDipId))) {
    add(`${path}.ldsoDipId`, `${describe(ldsoDipId)} is not a 10-digit DIP id`);
  }
  return {
    path,
    value: {
      distributorId: id as string,
      kind: kind as DistributorKind,
      name,
      gspGroupId: gsp as string | null,
      ldsoDipId: ldsoDipId as string,
    },
  };
}

function checkParticipantIdsUnique(participants: Parsed<Participant>[], add: Add): void {
  const firstPath = new Map<string, string>();
  for (const p of participants) {
    const dipId = p.value.dipId;
    if (typeof dipId !== 'string') continue;
    const seen = firstPath.get(dipId);
    if (seen) add(`${p.path}.dipId`, `DIP id ${dipId} is already used by ${seen}`);
    else firstPath.set(dipId, p.path);
  }
}

function checkDistributorsUnique(distributors: Parsed<Distributor>[], add: Add): void {
  const byId = new Map<string, string>();
  const byGsp = new Map<string, string>();
  for (const d of distributors) {
    const { distributorId: id, kind, gspGroupId: gsp } = d.value;
    if (typeof id === 'string') {
      const seen = byId.get(id);
      if (seen) add(`${d.path}.distributorId`, `distributor id ${id} is already used by ${seen}`);
      else byId.set(id, d.path);
    }
    if (kind === 'DNO' && isGspGroupId(gsp)) {
      const seen = byGsp.get(gsp);
      if (seen) add(`${d.path}.gspGroupId`, `GSP group ${gsp} is already the group of the DNO at ${seen}`);
      else byGsp.set(gsp, d.path);
    }
  }
}

/** Every distributor's LDSO is a listed participant holding LDSO under that distributor id, and back. */
function checkLdsoLinks(participants: Parsed<Participant>[], distributors: Parsed<Distributor>[], add: Add): void {
  const participantsById = new Map<string, Parsed<Participant>>();
  for (const p of participants) if (typeof p.value.dipId === 'string') participantsById.set(p.value.dipId, p);
  const distributorIds = new Set(distributors.map((d) => d.value.distributorId));

  for (const d of distributors) {
    const { ldsoDipId, distributorId } = d.value;
    if (typeof ldsoDipId !== 'string' || !DIP_ID_RE.test(ldsoDipId)) continue;
    const ldso = participantsById.get(ldsoDipId);
    if (!ldso) {
      add(`${d.path}.ldsoDipId`, `LDSO DIP id ${ldsoDipId} is not a listed participant`);
      continue;
    }
    if (!(ldso.value.roles ?? []).some((r) => r.role === 'LDSO')) {
      add(`${d.path}.ldsoDipId`, `participant ${ldsoDipId} (${ldso.path}) does not hold role LDSO`);
    }
    if (ldso.value.distributorId !== distributorId) {
      add(
        `${d.path}.ldsoDipId`,
        `participant ${ldsoDipId} (${ldso.path}) has distributorId ${describe(ldso.value.distributorId)}, not ${describe(distributorId)}`,
      );
    }
  }
  for (const p of participants) {
    const id = p.value.distributorId;
    if (typeof id === 'string' && DISTRIBUTOR_ID_RE.test(id) && !distributorIds.has(id)) {
      add(`${p.path}.distributorId`, `distributor id ${id} is not a listed distributor`);
    }
  }
}

function checkKeys(obj: Json, path: string, allowed: readonly string[], add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!key.startsWith('$') && !allowed.includes(key)) add(`${path}.${key}`, `unknown property (expected ${allowed.join(', ')})`);
  }
  for (const key of allowed) {
    if (!(key in obj)) add(`${path}.${key}`, 'is missing');
  }
}

function arrayAt(obj: Json, key: string, path: string, add: Add): unknown[] {
  const value = obj[key];
  if (Array.isArray(value)) return value;
  if (key in obj) add(`${path}.${key}`, `expected an array, got ${describe(value)}`);
  return [];
}

function nonEmptyString(obj: Json, key: string, path: string, add: Add): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    if (key in obj) add(`${path}.${key}`, `expected a non-empty string, got ${describe(value)}`);
    return '';
  }
  return value;
}

/** A calendar-valid `YYYY-MM-DD`, or (when `nullable`) `null`. Returns the date or null. */
function dateAt(obj: Json, key: string, path: string, nullable: boolean, add: Add): LocalDate | null {
  const value = obj[key];
  if (value === null && nullable) return null;
  const date = typeof value === 'string' ? parseLocalDate(value) : null;
  if (date === null && key in obj) {
    add(`${path}.${key}`, `${describe(value)} is not a calendar-valid YYYY-MM-DD date${nullable ? ' or null' : ''}`);
  }
  return date;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return JSON.stringify(value);
}

function listOfRoles(): string {
  return ROLE_CODES.join(', ');
}
