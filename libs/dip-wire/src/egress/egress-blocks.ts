import {
  addDays,
  CreatedMpanState,
  Effective,
  entryOn,
  LocalDate,
  MeterDetails,
  metersInstalledOn,
  periodOn,
  ReferenceData,
  ServiceType,
  Timeline,
  valueOn,
} from '@app/registration-domain';
import { dipDateTimeOfSettlementDay } from './egress-date-time';
import { M0Block } from './egress-envelope';
import { EgressRenderError } from './egress-types';

type Block = Record<string, unknown>;

/**
 * Builds the official data blocks of one egress message from the MPAN's state (and reference
 * data), as at a settlement day. Errors name the schema, the MPAN and the missing data.
 *
 * "As at D" reads each effective-dated item's entry effective on D; when D is before the item's
 * first entry (an item recorded from a later date than the MPAN itself) the first entry is used,
 * with its own effective-from date: the registry knows no earlier value.
 */
export class BlockBuilder {
  constructor(
    readonly schema: string,
    readonly state: CreatedMpanState,
    readonly ref: ReferenceData,
  ) {}

  /** @throws EgressRenderError prefixed with the schema and MPAN. */
  fail(message: string): never {
    throw new EgressRenderError(`cannot render ${this.schema} for MPAN ${this.state.mpanCore}: ${message}`);
  }

  /** DT-003 start of settlement day `date`. */
  date(date: string, what: string): string {
    try {
      return dipDateTimeOfSettlementDay(date, what);
    } catch (e) {
      return this.fail((e as Error).message);
    }
  }

  dateOrNull(date: string | null, what: string): string | null {
    return date === null ? null : this.date(date, what);
  }

  /** A 10-character DIP id (DT-006), checked. */
  dipId(dipId: string, what: string): string {
    if (typeof dipId !== 'string' || dipId.length !== 10) this.fail(`${what} DIP id ${JSON.stringify(dipId)} is not 10 characters (DT-006)`);
    return dipId;
  }

  /**
   * The MPID of `dipId` (DT-027, four capital letters): the one recorded with it when the event or
   * state has one (what the registry checked at the time, REG1090–REG1093), otherwise reference
   * data's `participant(dipId).mpid`.
   */
  mpid(dipId: string, recorded: string | null | undefined, what: string): string {
    const mpid = recorded ?? this.ref.participant(dipId)?.mpid;
    if (mpid === undefined) this.fail(`${what} ${dipId} has no MPID recorded and is not in reference data ${this.ref.version}`);
    if (!/^[A-Z]{4}$/.test(mpid)) this.fail(`${what} MPID ${JSON.stringify(mpid)} of ${dipId} is not four capital letters (DT-027)`);
    return mpid;
  }

  /** M0 as at `date`: the MPAN core, its distributor's LDSO DIP id (reference data), its GSP group. */
  m0(date: string, gspGroupId?: string): M0Block {
    const distributor = this.ref.distributor(this.state.distributorId);
    if (!distributor) this.fail(`distributor id ${this.state.distributorId} is not in reference data ${this.ref.version}, so M0.distributorDIPID is unknown`);
    return {
      MPANCore: this.state.mpanCore,
      distributorDIPID: this.dipId(distributor.ldsoDipId, 'LDSO'),
      GSPGroupID: gspGroupId ?? this.required(this.state.gspGroup, date, 'GSP group', 'M0').value,
    };
  }

  /** The entry of `timeline` as at `date` (see the class comment), or `undefined` when it has none. */
  asAt<T>(timeline: Timeline<T>, date: string): Effective<T> | undefined {
    return entryOn(timeline, date) ?? timeline[0];
  }

  /** Like {@link asAt}, failing when the item was never recorded. */
  required<T>(timeline: Timeline<T>, date: string, what: string, block: string): Effective<T> {
    return this.asAt(timeline, date) ?? this.fail(`no ${what} is recorded, and ${block} requires it`);
  }

  /** B022 metering point address. */
  address(date: string): Block {
    const a = this.required(this.state.address, date, 'address', 'B022').value;
    const block: Block = { meteringPointPostcode: a.postcode === '' ? null : a.postcode };
    for (let i = 0; i < 9; i++) block[`addressLine${i + 1}`] = a.lines[i] ?? null;
    return block;
  }

  /** B023 connection as at `date`: connection type with its effective-from date, energy direction, metered indicator. */
  connection(date: string, connectionTypeEffectiveFrom?: string): Block {
    const type = this.required(this.state.connectionType, date, 'connection type', 'B023');
    return {
      connectionTypeIndicator: type.value,
      connectionTypeEffectiveFromDate: this.date(connectionTypeEffectiveFrom ?? type.effectiveFromDate, 'connection type effective-from date'),
      energyDirection: this.required(this.state.energyDirection, date, 'energy direction', 'B023').value,
      meteredIndicator: this.required(this.state.meteredIndicator, date, 'metered indicator', 'B023').value,
    };
  }

  /** B024 DUoS tariff id. */
  duosTariff(date: string): Block {
    const e = this.required(this.state.duosTariffId, date, 'DUoS tariff id', 'B024');
    return { DUOSTariffID: e.value, DUOSTariffIDEffectiveFromDate: this.date(e.effectiveFromDate, 'DUoS tariff id effective-from date') };
  }

  /** B025 energisation status. */
  energisation(date: string): Block {
    const e = this.required(this.state.energisationStatus, date, 'energisation status', 'B025');
    return { energisationStatus: e.value, energisationStatusEffectiveFromDate: this.date(e.effectiveFromDate, 'energisation status effective-from date') };
  }

  /** B026 market segment. */
  segment(date: string): Block {
    const e = this.required(this.state.marketSegment, date, 'market segment', 'B026');
    return {
      marketSegmentIndicator: e.value,
      marketSegmentIndicatorEffectiveFromDate: this.date(e.effectiveFromDate, 'market segment effective-from date'),
    };
  }

  /**
   * B004 / B028 domestic premise indicator (required by IF-001 and IF-036), recorded from a
   * registration's B004 (from the supply start) and the LDSO's `[DomPremInd]`.
   */
  domesticPremise(date: string, block: 'B004' | 'B028'): Block {
    const e = this.required(
      this.state.domesticPremiseIndicator,
      date,
      'domestic premise indicator (B004 of a REGS-CSS registration, or the LDSO\'s [DomPremInd])',
      block,
    );
    return {
      domesticPremiseIndicator: e.value,
      domesticPremiseIndicatorEffectiveFromDate: this.date(e.effectiveFromDate, 'domestic premise indicator effective-from date'),
    };
  }

  /** Optional blocks recorded as at `date`: B030 IHD, B031 SMSO, B032 legacy PC/SSC, B068 consent granularity. */
  supplierData(date: string, blocks: ReadonlyArray<'B030' | 'B031' | 'B032' | 'B068'>): Block {
    const out: Block = {};
    const ihd = this.asAt(this.state.ihd, date);
    if (blocks.includes('B030') && ihd) {
      out.B030 = { IHDInstallStatus: ihd.value, IHDEffectiveFromDate: this.date(ihd.effectiveFromDate, 'IHD effective-from date') };
    }
    const smso = this.asAt(this.state.smso, date);
    if (blocks.includes('B031') && smso) {
      out.B031 = { SMSOID: smso.value, SMSOEffectiveFromDate: this.date(smso.effectiveFromDate, 'SMSO effective-from date') };
    }
    const pc = this.asAt(this.state.profileClass, date);
    const ssc = this.asAt(this.state.ssc, date);
    if (blocks.includes('B032') && (pc || ssc)) {
      out.B032 = {
        profileClass: pc?.value ?? null,
        profileClassEffectiveFromDate: this.dateOrNull(pc?.effectiveFromDate ?? null, 'profile class effective-from date'),
        SSC: ssc?.value ?? null,
        SSCEffectiveFromDate: this.dateOrNull(ssc?.effectiveFromDate ?? null, 'SSC effective-from date'),
      };
    }
    const consent = this.asAt(this.state.consentGranularity, date);
    if (blocks.includes('B068') && consent) {
      out.B068 = {
        consentGranularity: consent.value,
        consentGranularityEffectiveFromDate: this.date(consent.effectiveFromDate, 'consent granularity effective-from date'),
      };
    }
    return out;
  }

  /** B005 current MS and DS appointed on `date`; `undefined` when neither is. */
  currentProviders(date: string): Block | undefined {
    const ms = valueOn(this.state.appointments.MS, date) ?? null;
    const ds = valueOn(this.state.appointments.DS, date) ?? null;
    if (!ms && !ds) return undefined;
    return {
      currentMeteringServiceDIPID: ms ? this.dipId(ms.providerDipId, 'metering service') : null,
      currentMeteringServiceMPID: ms ? this.mpid(ms.providerDipId, ms.providerMpid, 'metering service') : null,
      currentDataServiceDIPID: ds ? this.dipId(ds.providerDipId, 'data service') : null,
      currentDataServiceMPID: ds ? this.mpid(ds.providerDipId, ds.providerMpid, 'data service') : null,
    };
  }

  /** The provider of `serviceType` appointed on `date` with the start of its entry, or `undefined`. */
  providerOn(serviceType: ServiceType, date: string): { dipId: string; mpid: string; from: string; appointmentId: string } | undefined {
    const period = periodOn(this.state.appointments[serviceType], date);
    const v = period?.value;
    if (!period || !v) return undefined;
    return {
      dipId: this.dipId(v.providerDipId, SERVICE_LABEL[serviceType]),
      mpid: this.mpid(v.providerDipId, v.providerMpid, SERVICE_LABEL[serviceType]),
      from: period.effectiveFromDate,
      appointmentId: v.appointmentId,
    };
  }

  /** The CSS registration id of the supply registration in effect on `date` (B013), or `undefined`. */
  cssRegistrationOn(date: string): Block | undefined {
    const supplier = valueOn(this.state.suppliers, date);
    return supplier ? this.css(supplier.cssRegistrationId) : undefined;
  }

  /** B013 for `id` (DI-849, at most 36 characters); `undefined` for `null`. */
  css(id: string | null): Block | undefined {
    if (id === null) return undefined;
    if (typeof id !== 'string' || id.length > 36) this.fail(`CSS registration id ${JSON.stringify(id)} is longer than 36 characters (DI-849)`);
    return { CSSRegistrationID: id };
  }

  /** B033 of a meter (IF-006 B906): its details and `modifiedMeterID`. */
  b033(meter: MeterDetails, meterId: string, modifiedMeterId: string | null): Block {
    const { meterID: _id, ...rest } = this.b074(meter);
    return { meterID: meterId, modifiedMeterID: modifiedMeterId, ...rest };
  }

  /** B034 list (meter asset provider history, oldest first). */
  b034(meter: MeterDetails): Block[] {
    return meter.mapHistory.map((p) => ({
      meterAssetProviderID: p.meterAssetProviderId,
      meterAssetProviderEffectiveFromDate: this.date(p.effectiveFromDate, 'meter asset provider effective-from date'),
    }));
  }

  /** B074 existing meter. */
  b074(meter: MeterDetails): Block {
    return {
      meterID: meter.meterId,
      meterType: meter.meterType,
      manufacturersMakeAndType: meter.manufacturersMakeAndType,
      ESMEGUID: meter.esmeGuid,
      meterLocation: meter.meterLocation,
      numberOfDisplayedRegisterDigits: meter.numberOfDisplayedRegisterDigits,
      meterInstallationDate: this.date(meter.meterInstallationDate, `installation date of meter ${meter.meterId}`),
    };
  }

  /**
   * B905List: the meters installed on `date` (installation order), except `excluded` ids, each
   * with its meter asset provider on `date` (B075; the first one when none is effective yet).
   * `undefined` when there are none.
   */
  installedMeters(date: string, excluded: readonly string[] = []): Block[] | undefined {
    const meters = metersInstalledOn(this.state.meters, date).filter((m) => !excluded.includes(m.meterId));
    if (meters.length === 0) return undefined;
    return meters.map((m) => {
      const map = [...m.mapHistory].reverse().find((p) => p.effectiveFromDate <= date) ?? m.mapHistory[0];
      return {
        existingMeter: this.b074(m),
        ...(map
          ? { existingMAP: { meterAssetProviderID: map.meterAssetProviderId, meterAssetProviderEffectiveFromDate: this.date(map.effectiveFromDate, 'meter asset provider effective-from date') } }
          : {}),
      };
    });
  }
}

const SERVICE_LABEL: Readonly<Record<ServiceType, string>> = { MS: 'metering service', DS: 'data service' };

/** The day before `date`. */
export const dayBefore = (date: string): string => addDays(date as LocalDate, -1);
/** The day after `date`. */
export const dayAfter = (date: string): string => addDays(date as LocalDate, 1);
/** Drops `undefined` members (optional blocks we do not hold). */
export function compact(blocks: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(blocks).filter(([, v]) => v !== undefined));
}
