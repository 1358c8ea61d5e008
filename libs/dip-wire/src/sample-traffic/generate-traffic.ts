import { mpanCheckDigit } from '@app/registration-domain';
import { INPUT_SCHEMA_VERSION, InputChannelId } from '../conformance/input-channels';
import { deriveSeed, Prng } from './prng';
import {
  TrafficDistributor,
  TrafficProvider,
  TrafficReference,
  TrafficSegment,
  TrafficService,
  TrafficSupplier,
  loadTrafficReference,
} from './traffic-reference';
import { GSP_GROUP_IDS, PremisesKind, WireAddress, randomAddress } from './uk-addresses';
import { compactDate, dayNumber, dt003, dt003Midnight, isoDate, ukOffsetMinutes } from './uk-time';

/**
 * Deterministic sample traffic for the ADR-0003 input channels (REGS-LDSO, REGS-CSS) and the DIP
 * interfaces IF-005, IF-007, IF-025, IF-031 and IF-034: for each MPAN, in time order, its creation
 * by the LDSO, its initial registration by the switching service (with the domestic premise
 * indicator, B004) followed by the supplier's service appointments (IF-031 `[MSApp]` and `[DSApp]`,
 * scenario COS) and the providers' acceptances (IF-034); once the metering service's appointment is active, its meter installation (IF-005) and
 * energisation (IF-007); and for a share of MPANs a change of supplier (with the new supplier's
 * appointments), a later change of service provider (CSP), LDSO data changes, a meter exchange, a
 * de-energisation and re-energisation, supplier data (IF-025), a domestic premise indicator change,
 * a Smart → Advanced segment change with the supplier's SEG re-appointments, and a disconnection;
 * about `mistakeRate` of MPANs carry one realistic mistake. Every message is built to pass the
 * official-schema conformance check (`validateInputMessage`), except lines tagged `schema`.
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
  /**
   * IF-031 (COS) proposing a provider without the role the segment needs (REG1031): `[MSApp]` with
   * MSA-only MSAC on a Smart MPAN or MSS-only MSSA on an Advanced one, `[DSApp]` with SDS-only SDSA
   * on an Unmetered one; the supplier then sends the request again with a fitting provider.
   */
  'wrong-segment-provider',
  /**
   * REG1032, one of two: IF-031 (COS, `[MSApp]` or `[DSApp]`) effective 1–5 days after the supply
   * start, leaving a gap between the supply start and the appointment, then sent again from the
   * supply start; or (on a Smart or Advanced MPAN with a CSP) a second CSP, sent the day after the
   * first was accepted, for the same provider but dated between the supply start and the accepted
   * CSP's date, i.e. before the current appointment (not sent again).
   */
  'appointment-gap',
  /** IF-031 (COS) proposing a DIP id no participant has (2000000099 MSZZ / 2000000098 DSZZ); then sent again with a known provider. */
  'unknown-provider',
  /** The provider's IF-034 answer is `R` with `SP002 - Contract Reference not valid` (no new request follows). */
  'provider-rejects',
  /** IF-031 (COS) the provider never answers: the request lapses (the tagged line itself is accepted). */
  'no-provider-answer',
  /**
   * IF-031 (COS) whose effective-from is the supply start at 12:00 UK time, not local midnight
   * (e.g. `2025-05-01T12:00:00+01:00`; REG1032); then sent again at local midnight.
   */
  'not-local-midnight',
  /**
   * IF-005 `[MeterRemoval]` by the appointed metering service, a few days after the meter's
   * installation, of that meter dated before its installation date (and not before the supply
   * start): REG1005, the message naming the meter and both dates. The meter stays installed.
   */
  'removal-before-install',
  /**
   * IF-005 `[MeterInstall]` sent by a metering service of the right role that is not the one
   * appointed (the other MSS on a Smart MPAN, the other MSA on an Advanced one): REG1002; the
   * appointed metering service then sends the installation.
   */
  'meter-event-by-wrong-ms',
  /**
   * IF-005 `[MeterInstall]` (a non-smart meter) from the appointed UMSO of an Unmetered MPAN, after
   * its energisation: REG0003 (connection type U) and REG0004 (market segment U).
   */
  'meter-on-unmetered',
  /**
   * IF-025 (`[ConsentGranularity]` or `[SSCandProfileClass]`) from the current supplier, effective
   * 6–25 days before the day it is sent (within its supply): REG1024; sent again the same day
   * effective within the last 5 days.
   */
  'supplier-data-too-retrospective',
  /**
   * The MPAN is disconnected (REGS-LDSO `[MPANDisconnection]`, its last LDSO message), the metering
   * service removes the meter and de-energises, then sends IF-005 `[MeterInstall]` of a new meter
   * dated after the disconnection: REG1001 (disconnected on the day received) and REG1007
   * (installation not before the disconnection date).
   */
  'install-after-disconnection',
  /**
   * IF-007 `[EnergisationStatusChange]` to `E` from the appointed metering service 1–15 days after
   * it energised the MPAN, while it is still energised: LOC022 (the status is already E then).
   */
  'energisation-same-status',
] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/**
 * The deck mistaken MPANs draw their kind from, in turn: every business kind twice and `schema`
 * once (so `schema` is rarer), shuffled per run and reshuffled when used up. Every kind is planted
 * once the first deck is dealt (39 mistaken MPANs), whatever the seed.
 */
const MISTAKE_DECK: readonly MistakeKind[] = MISTAKE_KINDS.flatMap((k) => (k === 'schema' ? [k] : [k, k]));

/** Mistakes of the metering story (IF-005, IF-007, IF-025) that need a metered, or an unmetered, MPAN. */
const METERING_MISTAKES: readonly MistakeKind[] = [
  'removal-before-install',
  'meter-event-by-wrong-ms',
  'meter-on-unmetered',
  'supplier-data-too-retrospective',
  'install-after-disconnection',
  'energisation-same-status',
];

/** Invented meter asset providers (DI-055, 4 characters) of the generated meters. */
const METER_ASSET_PROVIDERS = ['MAPA', 'MAPB', 'MAPC'] as const;
/** Makes and types (DI-048) of generated smart meters and of advanced (AMR / half-hourly) meters. */
const SMART_MAKES = ['Landis+Gyr E470 5424', 'Secure Liberty 100', 'Aclara SGM1412-B', 'EDMI ES-10A', 'Honeywell AS302P'] as const;
const ADVANCED_MAKES = ['Elster A1700', 'Landis+Gyr E650', 'EDMI Mk10E', 'Secure Premier Plus'] as const;
/** Notes (DI-120) the LDSO gives with a disconnection. */
const DISCONNECTION_NOTES = [
  'Premises demolished; service cable removed at the cut-out.',
  'Supply no longer required: site cleared for redevelopment.',
  'Service terminated at the customer\'s request; cable made dead at the pole.',
] as const;

/** `S0`, `S1`, `M0` and optional `A0` of an input message (official block and field names). */
export interface TrafficCommonBlock {
  S0: { interfaceID: InputChannelId; schemaVersion: string; eventCode: string };
  S1: {
    environmentTag: 'DEV';
    subText: null;
    senderUniqueReference: string;
    senderTimestamp: string;
    senderDIPID: string;
    senderRoleID: string;
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
  /** The appointed (or last accepted) metering and data services; `null` when none. */
  providers: Record<TrafficService, TrafficProvider | null>;
  /** B071 consent granularity (DI-838) and fall-back read frequency (DI-126) the suppliers propose. */
  consentGranularity: 'H' | 'D' | 'M' | 'N';
  readFrequency: 'Q' | 'M' | null;
  /** The appointed metering services over time (accepted appointments, from their effective day). */
  msPeriods: Period<{ provider: TrafficProvider; role: string }>[];
  /** The registered suppliers over time, with their CSS registration ids. */
  supplierPeriods: Period<{ supplier: TrafficSupplier; cssRegistrationId: string }>[];
  /** The meter installed now (by IF-005), if any. */
  meter: InstalledMeter | null;
  /** Energisation status changes sent by the metering service (the MPAN is created de-energised). */
  energisation: Period<{ status: 'E' | 'D' }>[];
}

/** Something that holds from a day until the next one of its list. */
type Period<T> = T & { from: number };

/** A meter the generator installed: its id and installation day. */
interface InstalledMeter {
  id: string;
  installed: number;
}

/** Mistakes planted in the appointment flow that follows a registration. */
type AppointmentMistake = Extract<
  MistakeKind,
  'wrong-segment-provider' | 'appointment-gap' | 'unknown-provider' | 'provider-rejects' | 'no-provider-answer' | 'not-local-midnight'
>;
const APPOINTMENT_MISTAKES: readonly MistakeKind[] = [
  'wrong-segment-provider',
  'appointment-gap',
  'unknown-provider',
  'provider-rejects',
  'no-provider-answer',
  'not-local-midnight',
];

/** B007 `proposedAppointmentResponseCode` of an acceptance and of the planted rejection (DI-143 is free text). */
export const SP_ACCEPTED = 'SP000 - Proposed Appointment ACCEPTED';
export const SP_CONTRACT_REFERENCE_NOT_VALID = 'SP002 - Contract Reference not valid';

/** An appointment request: who proposes which provider for which service, from when. */
interface AppointmentRequest {
  service: TrafficService;
  supplier: TrafficSupplier;
  provider: TrafficProvider;
  /** The provider's role for the MPAN's segment (MSS, MSA, UMSO, SDS, ADS, UMSDS). */
  providerRole: string;
  /** DT-003 effective-from (normally UK midnight of the effective day). */
  effectiveFrom: string;
  scenario: 'COS' | 'CSP' | 'SEG';
  /** B013 (COS only). */
  cssRegistrationId: string | null;
  contractReference: string;
}

type PlannedKind = 'registration' | 'cos' | 'address' | 'duos' | 'energy' | 'gsp' | 'schema' | 'dompremind' | 'segment';

/** UK local send time of a message: day number and minute of the day. */
interface Stamp {
  day: number;
  minute: number;
}

/** A line with its send time, before the MPAN's lines are put in time order. */
interface Timed {
  stamp: Stamp;
  line: TrafficLine;
}

const TEN_TO_THE_TEN = 10_000_000_000n;
/** Unknown-MPAN cores come from index + this offset, so they never collide with created cores. */
const UNKNOWN_CORE_OFFSET = 5_000_000_000n;
const MAX_MPANS = 1_000_000_000;

/**
 * Generates the traffic lazily: one MPAN at a time, so memory stays constant however many MPANs
 * are asked for (a 1,000,000-MPAN run yields its first line at once).
 *
 * Lines are grouped by MPAN, in MPAN order; within an MPAN they are in `senderTimestamp` order,
 * never going back (a resend mistake repeats an earlier header and follows its original at once),
 * so an MPAN's history can be replayed with a clock set to each message's `senderTimestamp`.
 * `senderTimestamp` is a DT-003 instant in UK local time with its offset (+01:00 in BST, +00:00 in
 * GMT); effective-from dates are DT-003 values at UK local midnight of the effective day (except
 * the `not-local-midnight` mistake).
 * `senderUniqueReference` is `S-<mirrored interface 050|018|044|009|001>-<sender DIP id>-<LDSO|CSS>-<send
 * date yyyymmdd>-<per-sender counter>` on the ADR-0003 channels and `S-IF-031-<supplier DIP
 * id>-SUP-…`, `S-IF-025-<supplier DIP id>-SUP-…`, `S-IF-034-<provider DIP id>-<provider role>-…`,
 * `S-IF-005-` / `S-IF-007-<metering service DIP id>-<MSS|MSA|UMSO>-…` on the DIP interfaces,
 * unique per sender except on resend mistakes.
 *
 * Appointments: after each registration (initial or change of supplier) the supplier sends IF-031
 * `[MSApp]` and `[DSApp]` (scenario COS, B013 = its CSS registration id, effective from its supply
 * start) 4–12 days before the start and after the registration message, proposing providers that
 * fit the segment (Smart: MSS + SDS, Advanced: MSA + ADS, Unmetered: UMSO + UMSDS); each provider
 * accepts with IF-034 (`A`, `SP000 - Proposed Appointment ACCEPTED`) 1–2 days later, before the
 * start. About 15% of Smart and Advanced MPANs also get a change of service provider (CSP) by the
 * first supplier: a different provider of one service, effective 5–20 days after the request, and
 * its acceptance.
 *
 * Metering (`TrafficRun.meteringStory`): once the metering service's appointment is active, it
 * installs a meter (IF-005 `[MeterInstall]`: Smart a SMETS2 meter with ESME GUID and MAP, Advanced
 * an AMR or half-hourly meter) and energises (IF-007 `E`); Unmetered MPANs are only energised. Some
 * MPANs later get a `[MeterExchange]`, a de-energisation and re-energisation, IF-025 supplier data
 * (effective 0–5 days back), a `[DomPremInd]` change; a few Smart MPANs become Advanced
 * (`[MarketSegmentChange]`, then the supplier's SEG requests and the new providers' acceptances);
 * a few are disconnected after everything else (then the meter is removed and the MPAN
 * de-energised). Every IF-005/IF-007 message comes from the metering service appointed on its date.
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
  /** The kinds still to deal to mistaken MPANs (see {@link MISTAKE_DECK}); refilled from {@link deckRng}. */
  private deck: MistakeKind[] = [];
  private readonly deckRng: Prng;

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
    this.deckRng = new Prng(deriveSeed(seed, 0xdec4));
  }

  /** The next mistake kind of the deck (a fresh shuffle of {@link MISTAKE_DECK} when it is used up). */
  private nextMistake(): MistakeKind {
    if (this.deck.length === 0) {
      const deck = [...MISTAKE_DECK];
      for (let i = deck.length - 1; i > 0; i--) {
        const j = this.deckRng.int(0, i);
        [deck[i], deck[j]] = [deck[j]!, deck[i]!];
      }
      this.deck = deck;
    }
    return this.deck.pop()!;
  }

  /** Lines of MPANs 0 … mpans-1, one MPAN at a time. */
  *lines(mpans: number): Generator<TrafficLine, void, undefined> {
    for (let i = 0; i < mpans; i++) yield* this.mpan(i);
  }

  /** All lines of MPAN `index` (a handful to a dozen or so), in time order (senderTimestamp never goes back). */
  private mpan(index: number): TrafficLine[] {
    const rng = new Prng(deriveSeed(this.seed, index));
    const roll = rng.next();
    const mistake: MistakeKind | undefined = roll < this.mistakeRate ? this.nextMistake() : undefined;
    const meteringMistake = mistake !== undefined && METERING_MISTAKES.includes(mistake);

    const useDno = rng.chance(0.92) || mistake === 'wrong-gsp-group';
    const distributor = useDno ? rng.pick(this.ref.dnos) : rng.pick(this.ref.idnos);
    const gsp = distributor.gspGroupId ?? rng.pick(GSP_GROUP_IDS);
    const core = this.core(distributor.distributorId, BigInt(index));

    const p = rng.next();
    let connectionType: ConnectionType = p < 0.85 ? 'W' : p < 0.95 ? (rng.chance(0.8) ? 'L' : 'H') : 'U';
    // The metering mistakes need an unmetered MPAN (meter-on-unmetered) or a metered one (the others).
    if (mistake === 'meter-on-unmetered') connectionType = 'U';
    else if (meteringMistake && mistake !== 'energisation-same-status' && connectionType === 'U') connectionType = 'W';
    const segment = connectionType === 'W' ? 'S' : connectionType === 'U' ? 'U' : 'A';
    const exportShare = connectionType === 'W' ? 0.03 : connectionType === 'U' ? 0 : 0.15;
    const energyDirection = rng.chance(exportShare) ? 'E' : 'I';
    const premises: PremisesKind =
      connectionType === 'U' ? 'unmetered' : connectionType === 'W' && rng.chance(0.9) ? 'domestic' : 'commercial';
    const created = this.startDay + rng.int(0, CREATION_SPREAD_DAYS - 1);
    // At least 10 days between creation and supply start: the registration is sent a week or two
    // ahead, and the supplier's appointments are requested and answered before the start.
    const supplyStart = created + rng.int(10, 38);
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
      providers: { MS: null, DS: null },
      consentGranularity: 'H',
      readFrequency: null,
      msPeriods: [],
      supplierPeriods: [],
      meter: null,
      energisation: [],
    };
    if (segment === 'U') state.consentGranularity = 'N';
    else if (segment === 'S' && state.domestic) state.consentGranularity = rng.weighted([['H', 6], ['D', 3], ['M', 1]] as const);
    if (segment === 'S') state.readFrequency = rng.pick(['Q', 'M'] as const);
    else if (segment === 'A') state.readFrequency = 'M';

    const planned: { kind: PlannedKind; day: number; order: number }[] = [
      { kind: 'registration', day: supplyStart, order: 0 },
    ];
    const plan = (kind: PlannedKind, day: number) => planned.push({ kind, day, order: planned.length });
    const wantsCos = rng.chance(0.25);
    const cosDay = supplyStart + rng.int(28, 400);
    const hasCos = wantsCos || mistake === 'cos-before-supply-start';
    // The switching service tells the registry 7–14 days ahead; the old supplier's CSP (if any) is done by then.
    const cosSendDay = cosDay - rng.int(7, 14);
    if (hasCos) plan('cos', cosDay);
    if (rng.chance(0.08)) plan('address', created + rng.int(1, 400));
    if (rng.chance(0.1)) plan('duos', created + rng.int(1, 400));
    if (rng.chance(0.02)) plan('energy', created + rng.int(1, 400));
    if (distributor.kind === 'IDNO' && rng.chance(0.25)) plan('gsp', created + rng.int(1, 400));
    if (mistake === 'schema') plan('schema', created + rng.int(1, 400));
    // The optional parts of the metering story are for MPANs without a metering mistake.
    const optional = !meteringMistake;
    if (optional && segment !== 'U' && rng.chance(0.04)) plan('dompremind', created + rng.int(1, 400));
    // A few Smart MPANs without a change of supplier (or any mistake) become Advanced, after any CSP.
    const segmentChangeDay = mistake === undefined && segment === 'S' && !hasCos && rng.chance(0.03) ? supplyStart + rng.int(240, 400) : null;
    if (segmentChangeDay !== null) plan('segment', segmentChangeDay);
    // A CSP by the first supplier fits between its supply start and the change of supplier (if any).
    const cspLatest = hasCos ? cosSendDay - 22 : supplyStart + 300;
    const cspPossible = segment !== 'U' && cspLatest >= supplyStart + 1 && !meteringMistake;
    const cspBeforeCurrent = mistake === 'appointment-gap' && cspPossible && rng.chance(0.5);
    const wantsCsp =
      cspPossible && (cspBeforeCurrent || (rng.chance(0.15) && mistake !== 'provider-rejects' && mistake !== 'no-provider-answer'));
    planned.sort((x, y) => x.day - y.day || x.order - y.order);

    const timed: Timed[] = [];
    const push = (stamp: Stamp, line: TrafficLine) => timed.push({ stamp, line });
    // LDSO messages are sent a little ahead of their effective day, in the order planned.
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
      const stamp = createdStamp();
      push(stamp, { ...this.creation(state, stamp, { core: bad }), mistake });
    } else if (mistake === 'wrong-gsp-group') {
      const wrong = rng.pick(GSP_GROUP_IDS.filter((g) => g !== state.gsp));
      const stamp = createdStamp();
      push(stamp, { ...this.creation(state, stamp, { gsp: wrong }), mistake });
    }
    const creationStamp = createdStamp();
    push(creationStamp, this.creation(state, creationStamp));

    const appointmentMistake =
      mistake && APPOINTMENT_MISTAKES.includes(mistake) && !cspBeforeCurrent ? (mistake as AppointmentMistake) : undefined;
    for (const event of planned) {
      switch (event.kind) {
        case 'registration': {
          // The switching service registers the supplier 7–14 days before the supply start.
          let stamp = stampOn(rng, event.day - rng.int(7, 14), creationStamp);
          if (mistake === 'supply-start-before-creation') {
            const early = state.created - rng.int(1, 60);
            push(stamp, { ...this.registration(state, stamp, { supplyStart: early }), mistake });
            stamp = stampOn(rng, stamp.day, stamp);
          }
          push(stamp, this.registration(state, stamp));
          state.supplierPeriods.push({ from: state.supplyStart, supplier: state.supplier, cssRegistrationId: state.cssRegistrationId });
          if (mistake === 'unknown-mpan') {
            const unknown = this.core(distributor.distributorId, BigInt(index) + UNKNOWN_CORE_OFFSET);
            const at = stampOn(rng, stamp.day, stamp);
            push(at, { ...this.registration(state, at, { core: unknown, cssRegistrationId: uuid(rng) }), mistake });
          }
          this.appointments(rng, state, stamp, state.supplyStart, state.cssRegistrationId, appointmentMistake, push);
          if (wantsCsp) {
            const sendDay = state.supplyStart + rng.int(1, Math.min(cspLatest - state.supplyStart, 200));
            this.changeOfServiceProvider(rng, state, sendDay, cspBeforeCurrent, push);
          }
          break;
        }
        case 'cos': {
          const incoming = rng.pick(this.ref.suppliers.filter((s) => s.dipId !== state.supplier.dipId));
          const stamp = stampOn(rng, cosSendDay, creationStamp);
          const cssRegistrationId = uuid(rng);
          if (mistake === 'cos-before-supply-start') {
            const early = state.supplyStart - rng.int(1, 60);
            push(stamp, { ...this.changeOfSupplier(state, stamp, incoming, early, cssRegistrationId), mistake });
          } else {
            push(stamp, this.changeOfSupplier(state, stamp, incoming, event.day, cssRegistrationId));
            state.supplier = incoming;
            state.cssRegistrationId = cssRegistrationId;
            state.supplierPeriods.push({ from: event.day, supplier: incoming, cssRegistrationId });
            this.appointments(rng, state, stamp, event.day, cssRegistrationId, undefined, push);
          }
          break;
        }
        case 'address': {
          state.address = randomAddress(rng, state.gsp, state.premises);
          const stamp = send(event.day, 2);
          push(stamp, this.ldsoChange(state, stamp, '[AddressChg]', {
            B001: { GSPGroupEffectiveFromDate: dt003Midnight(event.day) },
            B022: state.address,
          }));
          break;
        }
        case 'duos': {
          state.duos = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== state.duos));
          state.duosFrom = event.day;
          const stamp = send(event.day, 2);
          push(stamp, this.ldsoChange(state, stamp, '[DUOSTariffIDChg]', { B024: b024(state) }));
          break;
        }
        case 'energy': {
          state.energyDirection = state.energyDirection === 'I' ? 'E' : 'I';
          const stamp = send(event.day, 2);
          push(stamp, this.ldsoChange(state, stamp, '[EnergyDirection]', {
            B023: { ...b023(state), connectionTypeEffectiveFromDate: dt003Midnight(event.day) },
          }));
          break;
        }
        case 'gsp': {
          state.gsp = rng.pick(GSP_GROUP_IDS.filter((g) => g !== state.gsp));
          const stamp = send(event.day, 2);
          push(stamp, this.ldsoChange(state, stamp, '[GSPChg]', {
            B001: { GSPGroupEffectiveFromDate: dt003Midnight(event.day) },
            B022: state.address,
          }));
          break;
        }
        case 'dompremind': {
          state.domestic = !state.domestic;
          const stamp = send(event.day, 2);
          push(stamp, this.ldsoChange(state, stamp, '[DomPremInd]', {
            B028: { domesticPremiseIndicator: state.domestic, domesticPremiseIndicatorEffectiveFromDate: dt003Midnight(event.day) },
          }));
          break;
        }
        case 'segment': {
          // The LDSO tells the registry 8–14 days ahead; the supplier re-appoints (SEG) before the day.
          const ahead = event.day - rng.int(8, 14);
          if (cursor.day > event.day - 8 || !state.providers.MS || !state.providers.DS) break;
          const stamp = send(ahead, 0);
          this.segmentChange(rng, state, stamp, event.day, push);
          break;
        }
        case 'schema': {
          // A sender serialising the effective date with toISOString(): the UTC instant of UK midnight.
          const utcMidnight = new Date(event.day * 86_400_000 - ukOffsetMinutes(event.day, 0) * 60_000).toISOString();
          const tariff = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== state.duos));
          const stamp = send(event.day, 2);
          push(stamp, {
            ...this.ldsoChange(state, stamp, '[DUOSTariffIDChg]', {
              B024: { DUOSTariffID: tariff, DUOSTariffIDEffectiveFromDate: utcMidnight },
            }),
            mistake,
          });
          break;
        }
      }
    }

    // The metering service's (and supplier's) story once the appointments are active, then the
    // disconnection, if any, after everything else.
    this.meteringStory(rng, state, segment, mistake, optional, segmentChangeDay, push);
    if (mistake === 'install-after-disconnection' || (optional && rng.chance(0.015))) {
      this.disconnection(rng, state, timed, mistake, push);
    }

    // The MPAN's lines in send order (stable: lines sent at the same minute keep their order).
    const lines = timed
      .map((t, i) => ({ ...t, i }))
      .sort((x, y) => x.stamp.day - y.stamp.day || x.stamp.minute - y.stamp.minute || x.i - y.i)
      .map((t) => t.line);

    // Resends repeat an earlier message, header and senderTimestamp included: they follow the original at once.
    if (mistake === 'duplicate-resend') {
      const at = rng.int(0, lines.length - 1);
      lines.splice(at + 1, 0, { ...structuredClone(lines[at]!), mistake });
    } else if (mistake === 'conflicting-resend') {
      const original = lines[0]!; // the [MPANCreation]: an LDSO message every MPAN has
      const copy = structuredClone(original);
      const custom = copy.message.payload.CustomBlock as { B022: WireAddress; B024: { DUOSTariffID: string } };
      if (rng.chance(0.5) && custom.B022.addressLine1 !== null) {
        custom.B022.addressLine1 = `${custom.B022.addressLine1.slice(0, 30)} (rear)`;
      } else {
        custom.B024.DUOSTariffID = rng.pick(DUOS_TARIFFS[state.connectionType].filter((t) => t !== custom.B024.DUOSTariffID));
      }
      lines.splice(1, 0, { ...copy, mistake });
    }
    return lines;
  }

  /**
   * The supplier's IF-031 `[MSApp]` and `[DSApp]` (scenario COS, quoting its CSS registration id,
   * effective from its supply start `startDay`) and the providers' IF-034 acceptances, with the
   * appointment mistake of the MPAN if it has one.
   *
   * Timing: the registration is sent on `registered.day` ≤ startDay − 6; both requests go on one
   * day from the day after it to 4 days before the start (at most 12 days before it), between
   * 07:00 and 13:00, a corrected request 20–120 minutes after the mistaken one; each answer 1–2
   * days after its request, so before the start.
   */
  private appointments(
    rng: Prng,
    state: MpanState,
    registered: Stamp,
    startDay: number,
    cssRegistrationId: string,
    mistake: AppointmentMistake | undefined,
    push: (stamp: Stamp, line: TrafficLine) => void,
  ): void {
    const day = Math.max(registered.day + 1, startDay - rng.int(4, 12));
    const msMinute = 7 * 60 + rng.int(0, 300);
    const minutes: Record<TrafficService, number> = { MS: msMinute, DS: msMinute + rng.int(10, 60) };
    const wrongSegment = this.ref.wrongSegmentProviders[state.segment];
    const mistaken: TrafficService = mistake === 'wrong-segment-provider' ? wrongSegment.service : rng.pick(['MS', 'DS'] as const);
    for (const service of ['MS', 'DS'] as const) {
      const { role, providers } = this.ref.providers[state.segment][service];
      const provider = rng.pick(providers);
      const request: AppointmentRequest = {
        service,
        supplier: state.supplier,
        provider,
        providerRole: role,
        effectiveFrom: dt003Midnight(startDay),
        scenario: 'COS',
        cssRegistrationId,
        contractReference: contractReference(rng, state.supplier, provider),
      };
      let sent: Stamp = { day, minute: minutes[service] };
      const own = service === mistaken ? mistake : undefined;
      if (own === 'wrong-segment-provider' || own === 'unknown-provider' || own === 'appointment-gap' || own === 'not-local-midnight') {
        const wrong: AppointmentRequest = { ...request };
        if (own === 'wrong-segment-provider') wrong.provider = wrongSegment.provider;
        if (own === 'unknown-provider') wrong.provider = this.ref.unknownProviders[service];
        if (own === 'appointment-gap') wrong.effectiveFrom = dt003Midnight(startDay + rng.int(1, 5));
        if (own === 'not-local-midnight') wrong.effectiveFrom = dt003(startDay, 12 * 60);
        if (wrong.provider !== request.provider) wrong.contractReference = contractReference(rng, state.supplier, wrong.provider);
        push(sent, { ...this.appointmentRequest(state, sent, wrong), mistake: own });
        sent = { day, minute: sent.minute + rng.int(20, 120) };
      }
      if (own === 'no-provider-answer') {
        // The tagged line is the request nobody answers: the registry accepts it; it lapses later.
        push(sent, { ...this.appointmentRequest(state, sent, request), mistake: own });
        continue;
      }
      push(sent, this.appointmentRequest(state, sent, request));
      const answered: Stamp = { day: day + rng.int(1, 2), minute: 7 * 60 + rng.int(0, 780) };
      const rejects = own === 'provider-rejects';
      push(answered, {
        ...this.appointmentResponse(state, answered, request, rejects ? 'R' : 'A'),
        ...(rejects ? { mistake: own } : {}),
      });
      if (!rejects) this.appointed(state, service, provider, role, startDay);
    }
  }
  /**
   * A change of service provider by the current supplier: IF-031 (scenario CSP, no B013) sent on
   * `sendDay` for a different provider of the same segment, effective 5–20 days later at UK
   * midnight, and the new provider's IF-034 acceptance 1–2 days after the request. With
   * `plantBeforeCurrent`, the supplier then sends the same CSP again, the day after the acceptance,
   * dated between the supply start (exclusive) and the accepted date: the tagged `appointment-gap`.
   */
  private changeOfServiceProvider(
    rng: Prng,
    state: MpanState,
    sendDay: number,
    plantBeforeCurrent: boolean,
    push: (stamp: Stamp, line: TrafficLine) => void,
  ): void {
    const service = rng.pick(['MS', 'DS'] as const);
    const { role, providers } = this.ref.providers[state.segment][service];
    const current = state.providers[service];
    const provider = rng.pick(providers.filter((p) => p.dipId !== current?.dipId));
    const request: AppointmentRequest = {
      service,
      supplier: state.supplier,
      provider,
      providerRole: role,
      effectiveFrom: dt003Midnight(sendDay + rng.int(5, 20)),
      scenario: 'CSP',
      cssRegistrationId: null,
      contractReference: contractReference(rng, state.supplier, provider),
    };
    const sent: Stamp = { day: sendDay, minute: 7 * 60 + rng.int(0, 600) };
    push(sent, this.appointmentRequest(state, sent, request));
    const answered: Stamp = { day: sendDay + rng.int(1, 2), minute: 7 * 60 + rng.int(0, 780) };
    push(answered, this.appointmentResponse(state, answered, request, 'A'));
    this.appointed(state, service, provider, role, dayOfDt003(request.effectiveFrom));
    if (plantBeforeCurrent) {
      const accepted = dayOfDt003(request.effectiveFrom);
      const early: AppointmentRequest = {
        ...request,
        effectiveFrom: dt003Midnight(rng.int(state.supplyStart + 1, accepted - 1)),
        contractReference: contractReference(rng, state.supplier, provider),
      };
      const resent: Stamp = { day: answered.day + 1, minute: 7 * 60 + rng.int(0, 600) };
      push(resent, { ...this.appointmentRequest(state, resent, early), mistake: 'appointment-gap' });
    }
  }

  /** Records an accepted appointment: the provider of `service` from `from` (the metering services' timeline too). */
  private appointed(state: MpanState, service: TrafficService, provider: TrafficProvider, role: string, from: number): void {
    state.providers[service] = provider;
    if (service === 'MS') {
      state.msPeriods.push({ from, provider, role });
      state.msPeriods.sort((a, b) => a.from - b.from);
    }
  }

  /**
   * Smart → Advanced from `day`: the LDSO's `[MarketSegmentChange]` (B026 `A`, B023 LV with CT,
   * both from `day`) sent at `stamp` (8–14 days ahead), then the current supplier's IF-031 `[MSApp]`
   * and `[DSApp]` with scenario SEG (no B013), effective from `day`, for a provider of the Advanced
   * segment other than the current one, 1–3 days later, and the providers' IF-034 acceptances 1–2
   * days after that (all before `day`; the registry de-appoints the old providers, CSEGM, on it).
   */
  private segmentChange(rng: Prng, state: MpanState, stamp: Stamp, day: number, push: (stamp: Stamp, line: TrafficLine) => void): void {
    state.segment = 'A';
    state.connectionType = 'L';
    state.consentGranularity = 'H';
    state.readFrequency = 'M';
    push(
      stamp,
      this.ldsoChange(
        state,
        stamp,
        '[MarketSegmentChange]',
        {
          B026: { marketSegmentIndicator: 'A', marketSegmentIndicatorEffectiveFromDate: dt003Midnight(day) },
          B023: { ...b023(state), connectionTypeEffectiveFromDate: dt003Midnight(day) },
        },
        '044',
      ),
    );
    const requestDay = stamp.day + rng.int(1, 3);
    let minute = 7 * 60 + rng.int(0, 300);
    for (const service of ['MS', 'DS'] as const) {
      const { role, providers } = this.ref.providers.A[service];
      const current = state.providers[service];
      const provider = rng.pick(providers.filter((p) => p.dipId !== current?.dipId));
      const request: AppointmentRequest = {
        service,
        supplier: state.supplier,
        provider,
        providerRole: role,
        effectiveFrom: dt003Midnight(day),
        scenario: 'SEG',
        cssRegistrationId: null,
        contractReference: contractReference(rng, state.supplier, provider),
      };
      const sent: Stamp = { day: requestDay, minute };
      push(sent, this.appointmentRequest(state, sent, request));
      const answered: Stamp = { day: requestDay + rng.int(1, 2), minute: 7 * 60 + rng.int(0, 780) };
      push(answered, this.appointmentResponse(state, answered, request, 'A'));
      this.appointed(state, service, provider, role, day);
      minute += rng.int(10, 60);
    }
  }

  /**
   * What the metering service and the supplier send once the appointments are active (the MPAN's
   * mistake, if a metering one, planted here):
   * - metered MPANs: the appointed MS installs a meter 0–2 days before it reports it, 1–4 days after
   *   the supply start (Smart: a SMETS2 meter with ESME GUID, 5–6 displayed digits, often an IHD;
   *   Advanced: an AMR or half-hourly meter), with its MAP from the installation day; then it
   *   energises (IF-007 `E`) from the installation day. Unmetered: the UMSO energises within 2 days
   *   of the supply start. About 4% first report a failed visit (IF-007 `[EnergisationStatusFailure]`).
   * - optional (`optional`, not after `segmentChangeDay`): a meter exchange (~10%), a de-energisation
   *   and re-energisation (~8%), and IF-025 from the current supplier (~12% of metered MPANs:
   *   `[ConsentGranularity]` on Smart domestic import MPANs, `[SSCandProfileClass]` otherwise),
   *   effective 0–5 days before it is sent.
   * Every message is sent by the MS appointed on its date, within that appointment, after the day
   * the appointment took effect; every date is UK midnight and not after the day it is sent.
   */
  private meteringStory(
    rng: Prng,
    state: MpanState,
    segment: TrafficSegment,
    mistake: MistakeKind | undefined,
    optional: boolean,
    segmentChangeDay: number | null,
    push: (stamp: Stamp, line: TrafficLine) => void,
  ): void {
    const start = state.supplyStart;
    const first = msPeriodFor(state, start, start + 1);
    const windowEnd = segmentChangeDay !== null ? segmentChangeDay - 3 : start + 420;
    if (first) {
      const metered = segment !== 'U';
      let sendDay = start + rng.int(1, 4);
      let energisedFrom = metered ? Math.max(start, sendDay - rng.int(0, 2)) : start + rng.int(0, 2);
      if (mistake === 'removal-before-install' && energisedFrom === start) energisedFrom = start + 1;
      sendDay = Math.max(sendDay, energisedFrom, start + 1);
      let last: Stamp = { day: sendDay, minute: 8 * 60 + rng.int(0, 480) };
      if (sendDay >= start + 2 && rng.chance(0.04)) {
        const failed: Stamp = { day: rng.int(start + 1, sendDay - 1), minute: 9 * 60 + rng.int(0, 420) };
        push(failed, this.energisationFailure(rng, state, failed, first));
      }
      if (metered) {
        if (mistake === 'meter-event-by-wrong-ms') {
          const other = this.ref.providers[segment].MS.providers.filter((p) => p.dipId !== first.provider.dipId);
          const wrong = { provider: rng.pick(other), role: first.role };
          const meter = this.newMeter(rng, state, segment, energisedFrom);
          push(last, { ...this.meterInstall(state, last, wrong, meter, segment, energisedFrom, rng), mistake });
          last = stampOn(rng, last.day, last);
        }
        const meter = this.newMeter(rng, state, segment, energisedFrom);
        push(last, this.meterInstall(state, last, first, meter, segment, energisedFrom, rng));
        state.meter = meter;
        last = stampOn(rng, last.day, last);
      }
      push(last, this.energisation(state, last, first, 'E', energisedFrom));
      state.energisation = [{ from: energisedFrom, status: 'E' }];

      if (mistake === 'meter-on-unmetered') {
        const at = stampOn(rng, last.day + rng.int(0, 5), last);
        const meter: InstalledMeter = { id: meterId(rng, at.day), installed: at.day };
        push(at, { ...this.meterInstall(state, at, first, meter, 'U', at.day, rng), mistake });
      } else if (mistake === 'removal-before-install' && state.meter) {
        const at = stampOn(rng, last.day + rng.int(1, 3), last);
        const removal = rng.int(start, state.meter.installed - 1);
        push(at, { ...this.meterRemoval(state, at, first, state.meter, removal), mistake });
      } else if (mistake === 'energisation-same-status') {
        const date = energisedFrom + rng.int(1, 15);
        const at = stampOn(rng, date + rng.int(0, 2), last);
        push(at, { ...this.energisation(state, at, msPeriodAt(state, date)!, 'E', date), mistake });
      }
    }

    if (mistake === 'supplier-data-too-retrospective') this.supplierData(rng, state, segment, true, windowEnd, push);
    if (!optional || !first) return;
    if (segment !== 'U' && state.meter && rng.chance(0.1)) {
      const day = state.meter.installed + rng.int(20, 360);
      const sent = day + rng.int(0, 2);
      const ms = msPeriodFor(state, day, sent);
      if (ms && sent <= windowEnd) {
        const at: Stamp = { day: sent, minute: 8 * 60 + rng.int(0, 540) };
        const meter = this.newMeter(rng, state, segment, day);
        push(at, this.meterExchange(state, at, ms, state.meter, meter, segment, day, rng));
        state.meter = meter;
      }
    }
    const energised = state.energisation[0];
    if (energised && rng.chance(0.08)) {
      const off = energised.from + rng.int(20, 300);
      const on = off + rng.int(3, 60);
      const [offSent, onSent] = [off + rng.int(0, 2), on + rng.int(0, 2)];
      const [msOff, msOn] = [msPeriodFor(state, off, offSent), msPeriodFor(state, on, onSent)];
      if (msOff && msOn && onSent <= windowEnd) {
        const offAt: Stamp = { day: offSent, minute: 8 * 60 + rng.int(0, 540) };
        push(offAt, this.energisation(state, offAt, msOff, 'D', off));
        const onAt: Stamp = { day: onSent, minute: 8 * 60 + rng.int(0, 540) };
        push(onAt, this.energisation(state, onAt, msOn, 'E', on));
        state.energisation.push({ from: off, status: 'D' }, { from: on, status: 'E' });
      }
    }
    if (segment !== 'U' && rng.chance(0.12)) this.supplierData(rng, state, segment, false, windowEnd, push);
  }

  /**
   * IF-025 from the supplier registered on the day it is sent (between 10 and 300 days after the
   * supply start, not after `windowEnd`), effective 0–5 days before that day and in the same supply:
   * `[ConsentGranularity]` (H, D or M, other than proposed) on a Smart domestic import MPAN,
   * `[SSCandProfileClass]` otherwise; B013 quoted half the time. With `tooRetrospective`, first the
   * same message effective 6–25 days back (the tagged REG1024 mistake), then the corrected one.
   */
  private supplierData(
    rng: Prng,
    state: MpanState,
    segment: TrafficSegment,
    tooRetrospective: boolean,
    windowEnd: number,
    push: (stamp: Stamp, line: TrafficLine) => void,
  ): void {
    const supply = state.supplierPeriods[0];
    if (!supply) return;
    const supplyEnd = Math.min((state.supplierPeriods[1]?.from ?? Infinity) - 1, windowEnd);
    const earliest = supply.from + (tooRetrospective ? 30 : 10);
    const sendDay = Math.min(supply.from + rng.int(tooRetrospective ? 30 : 10, 300), supplyEnd);
    if (sendDay < Math.min(earliest, supplyEnd) || sendDay - supply.from < 6) return;
    const consent = segment === 'S' && state.domestic && state.energyDirection === 'I';
    const value = consent
      ? rng.pick((['H', 'D', 'M'] as const).filter((g) => g !== state.consentGranularity))
      : segment === 'A'
        ? { profileClass: rng.pick(['05', '06', '07', '08']), ssc: '0393' }
        : rng.pick([{ profileClass: '03', ssc: '0393' }, { profileClass: '04', ssc: '0151' }]);
    const withB013 = rng.chance(0.5);
    let at: Stamp = { day: sendDay, minute: 9 * 60 + rng.int(0, 420) };
    const message = (stamp: Stamp, effective: number): TrafficLine => {
      const custom: Record<string, unknown> = {};
      if (withB013) custom.B013 = { CSSRegistrationID: supply.cssRegistrationId };
      const from = dt003Midnight(effective);
      if (typeof value === 'string') custom.B068 = { consentGranularity: value, consentGranularityEffectiveFromDate: from };
      else custom.B032 = { profileClass: value.profileClass, profileClassEffectiveFromDate: from, SSC: value.ssc, SSCEffectiveFromDate: from };
      const eventCode = typeof value === 'string' ? '[ConsentGranularity]' : '[SSCandProfileClass]';
      return line('IF-025', this.dipCommonBlock('IF-025', eventCode, stamp, state, { dipId: supply.supplier.dipId, role: 'SUP' }), custom);
    };
    if (tooRetrospective) {
      push(at, { ...message(at, sendDay - rng.int(6, Math.min(25, sendDay - supply.from))), mistake: 'supplier-data-too-retrospective' });
      at = stampOn(rng, sendDay, at);
    }
    push(at, message(at, sendDay - rng.int(0, 5)));
  }

  /**
   * The MPAN's last LDSO message, `[MPANDisconnection]`, effective 5–30 days after every other date
   * and send day of the MPAN, sent 0–3 days ahead; then the metering service appointed then removes
   * the meter (`[MeterRemoval]`) and de-energises (`D`), 0–5 days after the disconnection date. With
   * the `install-after-disconnection` mistake it then reports a new meter installed after it.
   */
  private disconnection(rng: Prng, state: MpanState, timed: readonly Timed[], mistake: MistakeKind | undefined, push: (stamp: Stamp, line: TrafficLine) => void): void {
    let latest: Stamp = { day: -Infinity, minute: 0 };
    let lastDay = -Infinity;
    for (const { stamp, line: l } of timed) {
      if (stamp.day > latest.day || (stamp.day === latest.day && stamp.minute > latest.minute)) latest = stamp;
      lastDay = Math.max(lastDay, stamp.day, latestDateIn(l.message.payload.CustomBlock));
    }
    const day = lastDay + rng.int(5, 30);
    let at = stampOn(rng, day - rng.int(0, 3), latest);
    const note = rng.chance(0.8) ? rng.pick(DISCONNECTION_NOTES) : null;
    push(at, this.ldsoChange(state, at, '[MPANDisconnection]', { B041: { disconnectionEffectiveFromDate: dt003Midnight(day), additionalInformation: note } }, '009'));
    const visit = day + rng.int(0, 5);
    const ms = msPeriodAt(state, visit);
    if (!ms) return;
    at = stampOn(rng, visit + rng.int(0, 1), at);
    if (state.meter) {
      push(at, this.meterRemoval(state, at, ms, state.meter, visit));
      at = stampOn(rng, at.day, at);
    }
    if (state.energisation[state.energisation.length - 1]?.status === 'E') {
      push(at, this.energisation(state, at, ms, 'D', visit));
      at = stampOn(rng, at.day, at);
    }
    if (mistake === 'install-after-disconnection' && state.segment !== 'U') {
      const installed = at.day + rng.int(1, 10);
      at = stampOn(rng, installed + rng.int(0, 2), at);
      const meter = this.newMeter(rng, state, state.segment, installed);
      push(at, { ...this.meterInstall(state, at, ms, meter, state.segment, installed, rng), mistake });
    }
  }

  /** A new meter's id (DT-029, 10 characters: year, a manufacturer letter, 7 digits) installed on `day`. */
  private newMeter(rng: Prng, _state: MpanState, _segment: TrafficSegment, day: number): InstalledMeter {
    return { id: meterId(rng, day), installed: day };
  }

  /** B906 of `meter` on a `segment` MPAN: Smart a SMETS2 meter with ESME GUID, Advanced an AMR / HH meter, Unmetered (a mistake) a traditional one. */
  private b906(rng: Prng, meter: InstalledMeter, segment: TrafficSegment) {
    const installed = dt003Midnight(meter.installed);
    const smart = segment === 'S';
    const existingMeter = {
      meterID: meter.id,
      modifiedMeterID: null,
      meterType: smart ? rng.pick(['S2A', 'S2A', 'S2A', 'S2AD']) : segment === 'A' ? rng.pick(['RCAMR', 'RCAMY', 'NCAMR', 'H']) : 'N',
      manufacturersMakeAndType: smart ? rng.pick(SMART_MAKES) : segment === 'A' ? rng.pick(ADVANCED_MAKES) : null,
      ESMEGUID: smart ? esmeGuid(rng) : null,
      meterLocation: rng.pick(['A', 'B', 'C', 'D', 'E', 'H', 'K', 'X']),
      numberOfDisplayedRegisterDigits: smart ? rng.int(5, 6) : rng.int(5, 8),
      meterInstallationDate: installed,
    };
    return { existingMeter, historyMAP: [{ meterAssetProviderID: rng.pick(METER_ASSET_PROVIDERS), meterAssetProviderEffectiveFromDate: installed }] };
  }

  /** IF-005 `[MeterInstall]` of `meter` from `ms`; a Smart domestic installation usually comes with an IHD (B030 `I`). */
  private meterInstall(
    state: MpanState,
    stamp: Stamp,
    ms: { provider: TrafficProvider; role: string },
    meter: InstalledMeter,
    segment: TrafficSegment,
    day: number,
    rng: Prng,
  ): TrafficLine {
    const custom: Record<string, unknown> = { B906: this.b906(rng, meter, segment) };
    if (segment === 'S' && state.domestic && rng.chance(0.7)) custom.B030 = { IHDInstallStatus: 'I', IHDEffectiveFromDate: dt003Midnight(day) };
    return line('IF-005', this.dipCommonBlock('IF-005', '[MeterInstall]', stamp, state, { dipId: ms.provider.dipId, role: ms.role }), custom);
  }

  /** IF-005 `[MeterExchange]`: `old` removed and `meter` installed on `day`, by `ms`. */
  private meterExchange(
    state: MpanState,
    stamp: Stamp,
    ms: { provider: TrafficProvider; role: string },
    old: InstalledMeter,
    meter: InstalledMeter,
    segment: TrafficSegment,
    day: number,
    rng: Prng,
  ): TrafficLine {
    return line('IF-005', this.dipCommonBlock('IF-005', '[MeterExchange]', stamp, state, { dipId: ms.provider.dipId, role: ms.role }), {
      B906: this.b906(rng, meter, segment),
      B039: { meterIDRemoved: old.id, meterRemovalDate: dt003Midnight(day) },
    });
  }

  /** IF-005 `[MeterRemoval]` of `meter` on `day`, by `ms`. */
  private meterRemoval(state: MpanState, stamp: Stamp, ms: { provider: TrafficProvider; role: string }, meter: InstalledMeter, day: number): TrafficLine {
    return line('IF-005', this.dipCommonBlock('IF-005', '[MeterRemoval]', stamp, state, { dipId: ms.provider.dipId, role: ms.role }), {
      B039: { meterIDRemoved: meter.id, meterRemovalDate: dt003Midnight(day) },
    });
  }

  /** IF-007 `[EnergisationStatusChange]` to `status` from `day`, by `ms`. */
  private energisation(state: MpanState, stamp: Stamp, ms: { provider: TrafficProvider; role: string }, status: 'E' | 'D', day: number): TrafficLine {
    return line('IF-007', this.dipCommonBlock('IF-007', '[EnergisationStatusChange]', stamp, state, { dipId: ms.provider.dipId, role: ms.role }), {
      B025: { energisationStatus: status, energisationStatusEffectiveFromDate: dt003Midnight(day) },
    });
  }

  /** IF-007 `[EnergisationStatusFailure]` by `ms`: a first visit without access. */
  private energisationFailure(rng: Prng, state: MpanState, stamp: Stamp, ms: { provider: TrafficProvider; role: string }): TrafficLine {
    return line('IF-007', this.dipCommonBlock('IF-007', '[EnergisationStatusFailure]', stamp, state, { dipId: ms.provider.dipId, role: ms.role }), {
      B040: {
        failureEnergiseDeEnergiseReasonCode: rng.pick(['01', '02', '09']),
        siteVisitCheckCode: rng.chance(0.5) ? '18' : null,
        natureofMaintenanceEnergisationStatus: 'No access to the meter position',
        additionalInformationSiteVisit: rng.chance(0.5) ? 'Customer not at home; calling card left.\nSecond visit booked.' : null,
      },
    });
  }

  /** IF-031 `[MSApp]` / `[DSApp]` from the requesting supplier. */
  private appointmentRequest(state: MpanState, stamp: Stamp, request: AppointmentRequest): TrafficLine {
    const eventCode = request.service === 'MS' ? '[MSApp]' : '[DSApp]';
    const sender = { dipId: request.supplier.dipId, role: 'SUP' };
    const custom: Record<string, unknown> = {};
    if (request.cssRegistrationId !== null) custom.B013 = { CSSRegistrationID: request.cssRegistrationId };
    if (request.service === 'MS') custom.B070 = this.b070(request);
    else custom.B071 = this.b071(state, request);
    return line('IF-031', this.dipCommonBlock('IF-031', eventCode, stamp, state, sender), custom);
  }

  /** IF-034 `[MSAppSPResponse]` / `[DSAppSPResponse]` from the proposed provider, answering `request`. */
  private appointmentResponse(state: MpanState, stamp: Stamp, request: AppointmentRequest, responseCode: 'A' | 'R'): TrafficLine {
    const eventCode = request.service === 'MS' ? '[MSAppSPResponse]' : '[DSAppSPResponse]';
    const sender = { dipId: request.provider.dipId, role: request.providerRole };
    const custom: Record<string, unknown> = {
      B007: { responseCode, proposedAppointmentResponseCode: responseCode === 'A' ? SP_ACCEPTED : SP_CONTRACT_REFERENCE_NOT_VALID },
      B012: {
        serviceProviderAppointmentRequestingSupplierDIPID: request.supplier.dipId,
        serviceProviderAppointmentRequestingSupplierMPID: request.supplier.mpid,
      },
    };
    if (request.cssRegistrationId !== null) custom.B013 = { CSSRegistrationID: request.cssRegistrationId };
    if (request.service === 'MS') custom.B070 = this.b070(request);
    else custom.B071 = this.b071(state, request);
    return line('IF-034', this.dipCommonBlock('IF-034', eventCode, stamp, state, sender), custom);
  }

  private b070(request: AppointmentRequest) {
    return {
      proposedMeteringServiceDIPID: request.provider.dipId,
      proposedMeteringServiceMPID: request.provider.mpid,
      proposedMeteringServiceDIPEffectiveFromDate: request.effectiveFrom,
      contractReferenceMeteringService: request.contractReference,
      appointmentScenario: request.scenario,
    };
  }

  /**
   * B071 fitting the MPAN: on a Smart MPAN the supplier nominates the sample MDR from the same day,
   * proposes half-hourly consent (domestic premises: half-hourly, daily or monthly) and quarterly
   * or monthly fall-back reads; Advanced: no MDR, half-hourly, monthly; Unmetered: no MDR, no
   * consent (`N`), no read frequency.
   */
  private b071(state: MpanState, request: AppointmentRequest) {
    const smart = state.segment === 'S';
    const mdr = this.ref.meterDataRetriever;
    return {
      proposedDataServiceDIPID: request.provider.dipId,
      proposedDataServiceMPID: request.provider.mpid,
      proposedDataServiceDIPEffectiveFromDate: request.effectiveFrom,
      contractReferenceDataService: request.contractReference,
      appointmentScenario: request.scenario,
      supplierNominatedMDRDIPID: smart ? mdr.dipId : null,
      supplierNominatedMDRMPID: smart ? mdr.mpid : null,
      supplierNominatedMDREffectiveFromDate: smart ? request.effectiveFrom : null,
      supplierProposedConsentGranularity: state.consentGranularity,
      supplierProposedDomesticIndicator: state.domestic,
      traditionalFallBackReadFrequency: state.readFrequency,
    };
  }

  /** `S0`, `S1`, `A0` (to the registry) and `M0` of a DIP interface message; reference `S-IF-0nn-<DIP id>-<role>-<date>-<n>`. */
  private dipCommonBlock(
    channel: 'IF-005' | 'IF-007' | 'IF-025' | 'IF-031' | 'IF-034',
    eventCode: string,
    stamp: Stamp,
    state: MpanState,
    sender: { dipId: string; role: string },
  ): TrafficCommonBlock {
    return {
      S0: { interfaceID: channel, schemaVersion: INPUT_SCHEMA_VERSION, eventCode },
      S1: {
        environmentTag: 'DEV',
        subText: null,
        senderUniqueReference: `S-${channel}-${sender.dipId}-${sender.role}-${compactDate(stamp.day)}-${this.nextCounter(sender.dipId)}`,
        senderTimestamp: dt003(stamp.day, stamp.minute),
        senderDIPID: sender.dipId,
        senderRoleID: sender.role,
        senderCorrelationID: null,
        DIPConnectionProviderID: null,
      },
      A0: { primaryRecipients: [this.ref.regsDipId], secondaryRecipients: [], always: [] },
      M0: { MPANCore: state.core, distributorDIPID: state.distributor.ldsoDipId, GSPGroupID: state.gsp },
    };
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
    channel: 'REGS-LDSO' | 'REGS-CSS',
    eventCode: string,
    mirroredInterface: '050' | '018' | '001' | '044' | '009',
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

  private ldsoChange(
    state: MpanState,
    stamp: Stamp,
    eventCode: string,
    custom: Record<string, unknown>,
    mirroredInterface: '018' | '044' | '009' = '018',
  ): TrafficLine {
    return line('REGS-LDSO', this.commonBlock('REGS-LDSO', eventCode, mirroredInterface, stamp, state), custom);
  }

  /** `REGS-CSS [InitialRegistration]`: B013, B002 (the supplier from the supply start) and B004 (the premises' domestic indicator from that day). */
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
        B004: b004(state, start),
      },
    );
  }

  /** `REGS-CSS [ChangeOfSupplier]`: B013, B002 (`incoming` from `startDay`), B003 (the current supplier to the day before) and B004. */
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
      B004: b004(state, startDay),
    });
  }
}

/**
 * B004 of a registration: the domestic premise indicator the supplier stated in its switch request
 * (the MPAN's premises as the generator knows them when the registration is planned), effective
 * from the supply start day.
 */
function b004(state: MpanState, startDay: number) {
  return { domesticPremiseIndicator: state.domestic, domesticPremiseIndicatorEffectiveFromDate: dt003Midnight(startDay) };
}

function line(channel: InputChannelId, CommonBlock: TrafficCommonBlock, CustomBlock: Record<string, unknown>): TrafficLine {
  return { channel, message: { payload: { CommonBlock, CustomBlock } } };
}

/**
 * A send time on `day` not before `notBefore`: a random time between 07:00 and 17:00 on a later
 * day; on the same (or an earlier) day, 5–60 minutes after `notBefore` (07:00–09:00 the next
 * morning when that would pass 22:00).
 */
function stampOn(rng: Prng, day: number, notBefore: Stamp): Stamp {
  if (day > notBefore.day) return { day, minute: 7 * 60 + rng.int(0, 600) };
  const minute = notBefore.minute + rng.int(5, 60);
  if (minute > 22 * 60) return { day: notBefore.day + 1, minute: 7 * 60 + rng.int(0, 120) };
  return { day: notBefore.day, minute };
}

/**
 * The appointed metering service on `day` when it can send about `day` on `sendDay`: `day` is
 * after the day its appointment took effect, and `sendDay` is not before `day` and before the next
 * appointment; otherwise `undefined`.
 */
function msPeriodFor(state: MpanState, day: number, sendDay: number): MpanState['msPeriods'][number] | undefined {
  const i = periodIndexAt(state.msPeriods, day);
  const period = state.msPeriods[i];
  if (!period || sendDay < day) return undefined;
  const next = state.msPeriods[i + 1]?.from ?? Infinity;
  return day >= period.from && sendDay >= period.from + 1 && sendDay < next ? period : undefined;
}

/** The metering service appointed on `day`, if any. */
function msPeriodAt(state: MpanState, day: number): MpanState['msPeriods'][number] | undefined {
  return state.msPeriods[periodIndexAt(state.msPeriods, day)];
}

/** Index of the last period (of a list in `from` order) that has begun by `day`; -1 when none has. */
function periodIndexAt(periods: readonly { from: number }[], day: number): number {
  let found = -1;
  periods.forEach((p, i) => {
    if (p.from <= day) found = i;
  });
  return found;
}

/** The latest day of any DT-003 value (an effective date) in a custom block, `-Infinity` when none. */
function latestDateIn(value: unknown): number {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(value) ? dayNumber(value.slice(0, 10)) : -Infinity;
  if (Array.isArray(value)) return Math.max(-Infinity, ...value.map(latestDateIn));
  if (value && typeof value === 'object') return Math.max(-Infinity, ...Object.values(value).map(latestDateIn));
  return -Infinity;
}

/** A meter id (DT-029, 10 characters): two-digit year of `day`, a manufacturer letter, 7 digits. */
function meterId(rng: Prng, day: number): string {
  return `${isoDate(day).slice(2, 4)}${rng.pick(['E', 'K', 'L', 'M', 'P'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** An ESME GUID (DI-085, 23 characters): an EUI-64 in hyphenated upper-case hex, e.g. `00-1B-6A-FF-FE-01-23-45`. */
function esmeGuid(rng: Prng): string {
  return rng.hex(16).toUpperCase().match(/../g)!.join('-');
}

/** The day number of a DT-003 value written by {@link dt003Midnight} (its local date). */
function dayOfDt003(value: string): number {
  return dayNumber(value.slice(0, 10));
}

/** A contract reference (DI-019/DI-020, 1–50 characters): `<supplier MPID>-<provider MPID>-<4 digits>`. */
function contractReference(rng: Prng, supplier: TrafficSupplier, provider: TrafficProvider): string {
  return `${supplier.mpid}-${provider.mpid}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
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

/** A random (version 4 layout) UUID from the seeded generator: 36 characters, fits DI-849. */
function uuid(rng: Prng): string {
  const h = rng.hex(32);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
