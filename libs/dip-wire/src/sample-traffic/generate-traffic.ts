import { mpanCheckDigit } from '@app/registration-domain';
import { INPUT_SCHEMA_VERSION, InputChannelId } from '../conformance/input-channels';
import { deriveSeed, Prng } from './prng';
import { TrafficDistributor, TrafficReference, TrafficSupplier, loadTrafficReference } from './traffic-reference';
import { GSP_GROUP_IDS, PremisesKind, WireAddress, randomAddress } from './uk-addresses';
import { compactDate, dayNumber, dt003, dt003Midnight, ukOffsetMinutes } from './uk-time';

/**
 * Deterministic sample traffic for the two ADR-0003 input channels (REGS-LDSO, REGS-CSS): for each
 * MPAN, in time order, its creation by the LDSO, its initial registration by the switching service,
 * and for a share of MPANs a change of supplier and LDSO data changes; about `mistakeRate` of MPANs
 * carry one realistic mistake. Every message is built to pass the official-schema conformance check
 * (`validateInputMessage`), except lines tagged `schema`.
 */

/** Kinds of deliberate mistake; each mistaken MPAN has exactly one line tagged with its kind. */
export const MISTAKE_KINDS = [
  /** `[MPANCreation]` whose MPAN core fails the mod-11 check digit (the LDSO then resends it corrected). */
  'bad-check-digit',
  /** `[MPANCreation]` of a DNO MPAN with an `M0.GSPGroupID` other than the DNO's group (then resent corrected). */
  'wrong-gsp-group',
  /** `[InitialRegistration]` whose supply start is before the MPAN's creation date (then resent corrected). */
  'supply-start-before-creation',
  /** `[ChangeOfSupplier]` dated before the current supply start (not corrected: the MPAN keeps its supplier). */
  'cos-before-supply-start',
  /** An exact resend of an earlier message of the MPAN: same senderUniqueReference, same body. */
  'duplicate-resend',
  /** A resend of an earlier LDSO message with the same senderUniqueReference and a different CustomBlock. */
  'conflicting-resend',
  /** `[InitialRegistration]` for an MPAN core (valid check digit) that no LDSO ever created. */
  'unknown-mpan',
  /** A schema-invalid message: a `[DUOSTariffIDChg]` whose effective-from date is a UTC `toISOString()` value (24 characters, not DT-003). */
  'schema',
] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/** Relative frequency of each kind among mistaken MPANs (`schema` is rarer than the business mistakes). */
const MISTAKE_WEIGHTS: readonly (readonly [MistakeKind, number])[] = MISTAKE_KINDS.map((k) => [k, k === 'schema' ? 0.4 : 1]);

/** `S0`, `S1`, `M0` and optional `A0` of an input message (official block and field names). */
export interface TrafficCommonBlock {
  S0: { interfaceID: InputChannelId; schemaVersion: string; eventCode: string };
  S1: {
    environmentTag: 'DEV';
    subText: null;
    senderUniqueReference: string;
    senderTimestamp: string;
    senderDIPID: string;
    senderRoleID: 'LDSO' | 'CSS';
    senderCorrelationID: null;
    DIPConnectionProviderID: null;
  };
  A0?: { primaryRecipients: string[]; secondaryRecipients: string[]; always: string[] };
  M0: { MPANCore: string; distributorDIPID: string; GSPGroupID: string };
}

/** One message of the posted array: `{ payload: { CommonBlock, CustomBlock } }`. */
export interface TrafficMessage {
  payload: { CommonBlock: TrafficCommonBlock; CustomBlock: Record<string, unknown> };
}

/** One line of a traffic file. `mistake` is for tests and load summaries; the registry never reads it. */
export interface TrafficLine {
  /** Channel to post to (`POST /dip-channel/{channel}`); equals `S0.interfaceID`. */
  channel: InputChannelId;
  /** Set on the one line per mistaken MPAN that carries the mistake. */
  mistake?: MistakeKind;
  message: TrafficMessage;
}

/** Options of {@link generateTraffic}. */
export interface TrafficOptions {
  /** Number of MPANs to create (integer, 0 … 1,000,000,000). */
  mpans: number;
  /** PRNG seed (32-bit integer); the same seed and options give byte-identical traffic. Default 1. */
  seed?: number;
  /**
   * First possible creation date, `YYYY-MM-DD` (a UK settlement day, not an instant); creations are
   * spread over the 365 days from it. Default `2025-04-01`.
   */
  startDate?: string;
  /** Share of MPANs (0 … 1) that get one mistake. Default 0.05. */
  mistakeRate?: number;
}

/** Days over which MPAN creation dates are spread. */
export const CREATION_SPREAD_DAYS = 365;

/** DUoS tariff ids (DI-128, 1–3 characters) by connection type. */
const DUOS_TARIFFS: Readonly<Record<ConnectionType, readonly string[]>> = {
  W: ['1', '2', '4', '101', '102', '110', '201', '210', '801'],
  L: ['305', '306', '451', 'A30'],
  H: ['601', '602', 'H61'],
  E: ['701'],
  U: ['U01', '500', '501'],
};

type ConnectionType = 'W' | 'L' | 'H' | 'E' | 'U';

/** What the registry holds for one MPAN while its traffic is generated. */
interface MpanState {
  index: number;
  core: string;
  distributor: TrafficDistributor;
  gsp: string;
  created: number;
  address: WireAddress;
  premises: PremisesKind;
  connectionType: ConnectionType;
  energyDirection: 'I' | 'E';
  metered: boolean;
  segment: 'S' | 'A' | 'U';
  duos: string;
  duosFrom: number;
  domestic: boolean;
  supplier: TrafficSupplier;
  supplyStart: number;
  cssRegistrationId: string;
}

type PlannedKind = 'registration' | 'cos' | 'address' | 'duos' | 'energy' | 'gsp' | 'schema';

/** UK local send time of a message: day number and minute of the day. */
interface Stamp {
  day: number;
  minute: number;
}

const TEN_TO_THE_TEN = 10_000_000_000n;
/** Unknown-MPAN cores come from index + this offset, so they never collide with created cores. */
const UNKNOWN_CORE_OFFSET = 5_000_000_000n;
const MAX_MPANS = 1_000_000_000;

/**
 * Generates the traffic lazily: one MPAN at a time, so memory stays constant however many MPANs
 * are asked for (a 1,000,000-MPAN run yields its first line at once).
 *
 * Lines are grouped by MPAN, in MPAN order; within an MPAN they are in time order (send
 * timestamps never go back, except for the resend mistakes, which repeat an earlier header).
 * `senderTimestamp` is a DT-003 instant in UK local time with its offset (+01:00 in BST, +00:00 in
 * GMT); effective-from dates are DT-003 values at UK local midnight of the effective day.
 * `senderUniqueReference` is `S-<mirrored interface 050|018|001>-<sender DIP id>-<LDSO|CSS>-<send
 * date yyyymmdd>-<per-sender counter>`, unique per sender except on resend mistakes.
 *
 * @param options see {@link TrafficOptions}.
 * @param reference participants and distributors to draw on (default: `reference-data/participants.json`).
 * @returns a generator; iterate it (or pass it to {@link writeTrafficFile}) to produce lines.
 * @throws RangeError (at the call, not on iteration) for `mpans` not an integer in 0 … 1e9,
 *   `seed` not an integer, `startDate` not a calendar `YYYY-MM-DD`, or `mistakeRate` outside 0 … 1.
 * @throws Error when the sample reference data cannot be read.
 */
export function generateTraffic(options: TrafficOptions, reference?: TrafficReference): Generator<TrafficLine, void, undefined> {
  const { mpans, seed = 1, startDate = '2025-04-01', mistakeRate = 0.05 } = options;
  if (!Number.isInteger(mpans) || mpans < 0 || mpans > MAX_MPANS) {
    throw new RangeError(`mpans must be an integer from 0 to ${MAX_MPANS}, got ${mpans}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(mistakeRate >= 0 && mistakeRate <= 1)) throw new RangeError(`mistakeRate must be within 0 … 1, got ${mistakeRate}`);
  const startDay = dayNumber(startDate);
  const run = new TrafficRun(reference ?? loadTrafficReference(), seed, startDay, mistakeRate);
  return run.lines(mpans);
}

class TrafficRun {
  private readonly counters = new Map<string, number>();
  private readonly multiplier: bigint;
  private readonly increment: bigint;

  constructor(
    private readonly ref: TrafficReference,
    private readonly seed: number,
    private readonly startDay: number,
    private readonly mistakeRate: number,
  ) {
    // Unique references: index -> (a * index + b) mod 10^10 is a bijection when a is coprime with
    // 10 (odd, not a multiple of 5), so distinct indexes give distinct MPAN cores without a set.
    let a = (BigInt(deriveSeed(seed, 0xa11ce)) * 2n + 1n) % TEN_TO_THE_TEN;
    if (a % 5n === 0n) a += 2n;
    this.multiplier = a;
    this.increment = (BigInt(deriveSeed(seed, 0xb0b)) * 2_654_435_761n) % TEN_TO_THE_TEN;
  }

  /** Lines of MPANs 0 … mpans-1, one MPAN at a time. */
  *lines(mpans: number): Generator<TrafficLine, void, undefined> {
    for (let i = 0; i < mpans; i++) yield* this.mpan(i);
  }

  /** All lines of MPAN `index` (a handful), in time order. */
  private mpan(index: number): TrafficLine[] {
    const rng = new Prng(deriveSeed(this.seed, index));
    const roll = rng.next();
    const kind = rng.weighted(MISTAKE_WEIGHTS);
    const mistake: MistakeKind | undefined = roll < this.mistakeRate ? kind : undefined;

    const useDno = rng.chance(0.92) || mistake === 'wrong-gsp-group';
    const distributor = useDno ? rng.pick(this.ref.dnos) : rng.pick(this.ref.idnos);
    const gsp = distributor.gspGroupId ?? rng.pick(GSP_GROUP_IDS);
    const core = this.core(distributor.distributorId, BigInt(index));

    const p = rng.next();
    const connectionType: ConnectionType = p < 0.85 ? 'W' : p < 0.95 ? (rng.chance(0.8) ? 'L' : 'H') : 'U';
    const segment = connectionType === 'W' ? 'S' : connectionType === 'U' ? 'U' : 'A';
    const exportShare = connectionType === 'W' ? 0.03 : connectionType === 'U' ? 0 : 0.15;
    const energyDirection = rng.chance(exportShare) ? 'E' : 'I';
    const premises: PremisesKind =
      connectionType === 'U' ? 'unmetered' : connectionType === 'W' && rng.chance(0.9) ? 'domestic' : 'commercial';
    const created = this.startDay + rng.int(0, CREATION_SPREAD_DAYS - 1);
    const supplyStart = created + rng.int(0, 28);
    const state: MpanState = {
      index,
      core,
      distributor,
      gsp,
      created,
      address: randomAddress(rng, gsp, premises),
      premises,
      connectionType,
      energyDirection,
      metered: connectionType !== 'U',
      segment,
      duos: rng.pick(DUOS_TARIFFS[connectionType]),
      duosFrom: created,
      domestic: premises === 'domestic',
      supplier: rng.pick(this.ref.suppliers),
      supplyStart,
      cssRegistrationId: uuid(rng),
    };

    const planned: { kind: PlannedKind; day: number; order: number }[] = [
      { kind: 'registration', day: supplyStart, order: 0 },
    ];
    const plan = (kind: PlannedKind, day: number) => planned.push({ kind, day, order: planned.length });
    const wantsCos = rng.chance(0.25);
    const cosDay = supplyStart + rng.int(28, 400);
    if (wantsCos || mistake === 'cos-before-supply-start') plan('cos', cosDay);
    if (rng.chance(0.08)) plan('address', created + rng.int(1, 400));
    if (rng.chance(0.1)) plan('duos', created + rng.int(1, 400));
    if (rng.chance(0.02)) plan('energy', created + rng.int(1, 400));
    if (distributor.kind === 'IDNO' && rng.chance(0.25)) plan('gsp', created + rng.int(1, 400));
    if (mistake === 'schema') plan('schema', created + rng.int(1, 400));
    planned.sort((x, y) => x.day - y.day || x.order - y.order);

    const lines: TrafficLine[] = [];
    let cursor: Stamp = { day: this.startDay - 30, minute: 0 };
    const send = (effectiveDay: number, leadDays: number): Stamp => {
      let day = Math.max(effectiveDay - rng.int(0, leadDays), cursor.day);
      let minute: number;
      if (day === cursor.day) {
        minute = cursor.minute + rng.int(5, 120);
        if (minute > 22 * 60) {
          day += 1;
          minute = 7 * 60 + rng.int(0, 600);
        }
      } else {
        minute = 7 * 60 + rng.int(0, 660);
      }
      cursor = { day, minute };
      return cursor;
    };

    // LDSO creates the MPAN (sent up to 3 days ahead, never before the start date).
    const createdStamp = () => send(Math.max(this.startDay, state.created), Math.min(3, state.created - this.startDay));
    if (mistake === 'bad-check-digit') {
      const bad = `${core.slice(0, 12)}${(Number(core[12]) + rng.int(1, 9)) % 10}`;
      lines.push({ ...this.creation(state, createdStamp(), { core: bad }), mistake });
    } else if (mistake === 'wrong-gsp-group') {
      const wrong = rng.pick(GSP_GROUP_IDS.filter((g) => g !== state.gsp));
      lines.push({ ...this.creation(state, createdStamp(), { gsp: wrong }), mistake });
    }
    lines.push(this.creation(state, createdStamp()));

    for (const event of planned) {
      switch (event.kind) {
        case 'registration': {
          if (mistake === 'supply-start-before-creation') {
            const early = state.created - rng.int(1, 60);
            lines.push({ ...this.registration(state, send(event.day, 5), { supplyStart: early }), mistake });
          }
          lines.push(this.registration(state, send(event.day, 5)));
          if (mistake === 'unknown-mpan') {
            const unknown = this.core(distributor.distributorId, BigInt(index) + UNKNOWN_CORE_OFFSET);
            lines.push({
              ...this.registration(state, send(event.day, 0), { core: unknown, cssRegistrationId: uuid(rng) }),
              mistake,
            });
          }
          break;
        }
        case 'cos': {
          const incoming = rng.pick(this.ref.suppliers.filter((s) => s.dipId !== state.supplier.dipId));
          const stamp = send(event.day, 5);
          if (mistake === 'cos-before-supply-start') {
            const early = state.supplyStart - rng.int(1, 60);
            lines.push({ ...this.changeOfSupplier(state, stamp, incoming, early, uuid(rng)), mistake });
          } else {
            lines.push(this.changeOfSupplier(state, stamp, incoming, event.day, uuid(rng)));
            state.supplier = incoming;
          }
          break;
        }
        case 'address': {
          state.address = randomAddress(rng, state.gsp, state.premises);
          lines.push(this.ldsoChange(state, send(event.day, 2), '[AddressChg]', {
            B001: { GSPGroupEffectiveFromDate: dt003Midnight(event.day) },
            B022: state.address,
          }));
          break;
        }
        case 'duos': {
          state.duos = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== state.duos));
          state.duosFrom = event.day;
          lines.push(this.ldsoChange(state, send(event.day, 2), '[DUOSTariffIDChg]', { B024: b024(state) }));
          break;
        }
        case 'energy': {
          state.energyDirection = state.energyDirection === 'I' ? 'E' : 'I';
          lines.push(this.ldsoChange(state, send(event.day, 2), '[EnergyDirection]', {
            B023: { ...b023(state), connectionTypeEffectiveFromDate: dt003Midnight(event.day) },
          }));
          break;
        }
        case 'gsp': {
          state.gsp = rng.pick(GSP_GROUP_IDS.filter((g) => g !== state.gsp));
          lines.push(this.ldsoChange(state, send(event.day, 2), '[GSPChg]', {
            B001: { GSPGroupEffectiveFromDate: dt003Midnight(event.day) },
            B022: state.address,
          }));
          break;
        }
        case 'schema': {
          // A sender serialising the effective date with toISOString(): the UTC instant of UK midnight.
          const utcMidnight = new Date(event.day * 86_400_000 - ukOffsetMinutes(event.day, 0) * 60_000).toISOString();
          const tariff = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== state.duos));
          lines.push({
            ...this.ldsoChange(state, send(event.day, 2), '[DUOSTariffIDChg]', {
              B024: { DUOSTariffID: tariff, DUOSTariffIDEffectiveFromDate: utcMidnight },
            }),
            mistake,
          });
          break;
        }
      }
    }

    if (mistake === 'duplicate-resend') {
      const at = rng.int(0, lines.length - 1);
      insertAfterNext(lines, at, { ...structuredClone(lines[at]!), mistake });
    } else if (mistake === 'conflicting-resend') {
      const original = lines[0]!; // the [MPANCreation]: an LDSO message every MPAN has
      const copy = structuredClone(original);
      const custom = copy.message.payload.CustomBlock as { B022: WireAddress; B024: { DUOSTariffID: string } };
      if (rng.chance(0.5) && custom.B022.addressLine1 !== null) {
        custom.B022.addressLine1 = `${custom.B022.addressLine1.slice(0, 30)} (rear)`;
      } else {
        custom.B024.DUOSTariffID = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== custom.B024.DUOSTariffID));
      }
      insertAfterNext(lines, 0, { ...copy, mistake });
    }
    return lines;
  }

  /** MPAN core of `distributorId` and a unique-reference index, with its check digit. */
  private core(distributorId: string, refIndex: bigint): string {
    const ref = ((this.multiplier * refIndex + this.increment) % TEN_TO_THE_TEN).toString().padStart(10, '0');
    const first12 = `${distributorId}${ref}`;
    return `${first12}${mpanCheckDigit(first12)}`;
  }

  private nextCounter(senderDipId: string): number {
    const n = (this.counters.get(senderDipId) ?? 0) + 1;
    this.counters.set(senderDipId, n);
    return n;
  }

  private commonBlock(
    channel: InputChannelId,
    eventCode: string,
    mirroredInterface: '050' | '018' | '001',
    stamp: Stamp,
    state: MpanState,
    overrides: { core?: string; gsp?: string } = {},
  ): TrafficCommonBlock {
    const ldso = channel === 'REGS-LDSO';
    const senderDIPID = ldso ? state.distributor.ldsoDipId : this.ref.cssDipId;
    const senderRoleID = ldso ? 'LDSO' : 'CSS';
    const block: TrafficCommonBlock = {
      S0: { interfaceID: channel, schemaVersion: INPUT_SCHEMA_VERSION, eventCode },
      S1: {
        environmentTag: 'DEV',
        subText: null,
        senderUniqueReference: `S-${mirroredInterface}-${senderDIPID}-${senderRoleID}-${compactDate(stamp.day)}-${this.nextCounter(senderDIPID)}`,
        senderTimestamp: dt003(stamp.day, stamp.minute),
        senderDIPID,
        senderRoleID,
        senderCorrelationID: null,
        DIPConnectionProviderID: null,
      },
      M0: {
        MPANCore: overrides.core ?? state.core,
        distributorDIPID: state.distributor.ldsoDipId,
        GSPGroupID: overrides.gsp ?? state.gsp,
      },
    };
    if (!ldso) block.A0 = { primaryRecipients: [this.ref.regsDipId], secondaryRecipients: [], always: [] };
    return block;
  }

  private creation(state: MpanState, stamp: Stamp, overrides: { core?: string; gsp?: string } = {}): TrafficLine {
    const from = dt003Midnight(state.created);
    return line('REGS-LDSO', this.commonBlock('REGS-LDSO', '[MPANCreation]', '050', stamp, state, overrides), {
      B001: { GSPGroupEffectiveFromDate: from },
      B022: state.address,
      B023: b023(state),
      B024: b024(state),
      B025: { energisationStatus: 'D', energisationStatusEffectiveFromDate: from },
      B026: { marketSegmentIndicator: state.segment, marketSegmentIndicatorEffectiveFromDate: from },
      B079: { RMPStatus: 'C', RMPStatusEffectiveFromDate: from, MPStatus: 'N', MPStatusEffectiveFromDate: from },
    });
  }

  private ldsoChange(state: MpanState, stamp: Stamp, eventCode: string, custom: Record<string, unknown>): TrafficLine {
    return line('REGS-LDSO', this.commonBlock('REGS-LDSO', eventCode, '018', stamp, state), custom);
  }

  private registration(
    state: MpanState,
    stamp: Stamp,
    overrides: { supplyStart?: number; core?: string; cssRegistrationId?: string } = {},
  ): TrafficLine {
    const start = overrides.supplyStart ?? state.supplyStart;
    return line(
      'REGS-CSS',
      this.commonBlock('REGS-CSS', '[InitialRegistration]', '001', stamp, state, { core: overrides.core }),
      {
        B013: { CSSRegistrationID: overrides.cssRegistrationId ?? state.cssRegistrationId },
        B002: {
          incomingSupplierDIPID: state.supplier.dipId,
          incomingSupplierMPID: state.supplier.mpid,
          supplierEffectiveFromDate: dt003Midnight(start),
        },
      },
    );
  }

  private changeOfSupplier(
    state: MpanState,
    stamp: Stamp,
    incoming: TrafficSupplier,
    startDay: number,
    cssRegistrationId: string,
  ): TrafficLine {
    return line('REGS-CSS', this.commonBlock('REGS-CSS', '[ChangeOfSupplier]', '001', stamp, state), {
      B013: { CSSRegistrationID: cssRegistrationId },
      B002: {
        incomingSupplierDIPID: incoming.dipId,
        incomingSupplierMPID: incoming.mpid,
        supplierEffectiveFromDate: dt003Midnight(startDay),
      },
      B003: {
        outgoingSupplierDIPID: state.supplier.dipId,
        outgoingSupplierMPID: state.supplier.mpid,
        supplierEffectiveToDate: dt003Midnight(startDay - 1),
      },
    });
  }
}

function line(channel: InputChannelId, CommonBlock: TrafficCommonBlock, CustomBlock: Record<string, unknown>): TrafficLine {
  return { channel, message: { payload: { CommonBlock, CustomBlock } } };
}

function b023(state: MpanState) {
  return {
    connectionTypeIndicator: state.connectionType,
    connectionTypeEffectiveFromDate: dt003Midnight(state.created),
    energyDirection: state.energyDirection,
    meteredIndicator: state.metered,
  };
}

function b024(state: MpanState) {
  return { DUOSTariffID: state.duos, DUOSTariffIDEffectiveFromDate: dt003Midnight(state.duosFrom) };
}

/** Inserts `item` after the line following `index` (a resend arrives a little later), or at the end. */
function insertAfterNext<T>(items: T[], index: number, item: T): void {
  items.splice(Math.min(index + 2, items.length), 0, item);
}

/** A random (version 4 layout) UUID from the seeded generator: 36 characters, fits DI-849. */
function uuid(rng: Prng): string {
  const h = rng.hex(32);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
