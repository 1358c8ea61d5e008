import {
  ConnectionTypePeriodEntity,
  ConsentGranularityPeriodEntity,
  DisconnectionPeriodEntity,
  DomesticPremiseIndicatorPeriodEntity,
  DuosTariffPeriodEntity,
  EnergisationStatusPeriodEntity,
  EnergyDirectionPeriodEntity,
  GspGroupPeriodEntity,
  IhdStatusPeriodEntity,
  MarketSegmentPeriodEntity,
  MeteredIndicatorPeriodEntity,
  ProfileClassPeriodEntity,
  SmsoPeriodEntity,
  SscPeriodEntity,
} from './item-period.entities';
import {
  AddressPeriodEntity,
  AppointmentRequestEntity,
  MeterEntity,
  MpanViewEntity,
  ServicePeriodEntity,
  SupplierPeriodEntity,
} from './mpan-view.entities';

export * from './item-period.entities';
export * from './mpan-view.entities';

/**
 * Every row the view holds for one MPAN, per table, each list in its table's `orderBy` order
 * (see {@link MPAN_VIEW_TABLES}). Built by `mpanViewRows` (../rows.ts), read back by the query
 * service, turned into the snapshot and timelines by `mpanViewAnswer` (../answer.ts).
 */
export interface MpanViewRows {
  mpan: MpanViewEntity;
  suppliers: SupplierPeriodEntity[];
  services: ServicePeriodEntity[];
  appointmentRequests: AppointmentRequestEntity[];
  meters: MeterEntity[];
  addresses: AddressPeriodEntity[];
  gspGroups: GspGroupPeriodEntity[];
  connectionTypes: ConnectionTypePeriodEntity[];
  energyDirections: EnergyDirectionPeriodEntity[];
  meteredIndicators: MeteredIndicatorPeriodEntity[];
  marketSegments: MarketSegmentPeriodEntity[];
  duosTariffs: DuosTariffPeriodEntity[];
  energisationStatuses: EnergisationStatusPeriodEntity[];
  domesticPremiseIndicators: DomesticPremiseIndicatorPeriodEntity[];
  disconnections: DisconnectionPeriodEntity[];
  profileClasses: ProfileClassPeriodEntity[];
  sscs: SscPeriodEntity[];
  consentGranularities: ConsentGranularityPeriodEntity[];
  ihdStatuses: IhdStatusPeriodEntity[];
  smsos: SmsoPeriodEntity[];
}

/** One table of the view: the {@link MpanViewRows} key it holds, its entity, name and a unique row order. */
export interface MpanViewTable {
  key: keyof MpanViewRows;
  entity: new () => object;
  name: string;
  /** Columns (database names) that order the rows uniquely; the first is always `mpan_core`. */
  orderBy: string[];
}

const PERIOD_ORDER = ['mpan_core', 'effective_from_date'];

/** The view's tables, in the order they are written and digested. */
export const MPAN_VIEW_TABLES: readonly MpanViewTable[] = [
  { key: 'mpan', entity: MpanViewEntity, name: 'mpan_view', orderBy: ['mpan_core'] },
  { key: 'suppliers', entity: SupplierPeriodEntity, name: 'mpan_view_supplier_periods', orderBy: PERIOD_ORDER },
  { key: 'services', entity: ServicePeriodEntity, name: 'mpan_view_service_periods', orderBy: ['mpan_core', 'service_type', 'effective_from_date'] },
  { key: 'appointmentRequests', entity: AppointmentRequestEntity, name: 'mpan_view_appointment_requests', orderBy: ['mpan_core', 'request_seq'] },
  { key: 'meters', entity: MeterEntity, name: 'mpan_view_meters', orderBy: ['mpan_core', 'meter_seq'] },
  { key: 'addresses', entity: AddressPeriodEntity, name: 'mpan_view_addresses', orderBy: PERIOD_ORDER },
  { key: 'gspGroups', entity: GspGroupPeriodEntity, name: 'mpan_view_gsp_groups', orderBy: PERIOD_ORDER },
  { key: 'connectionTypes', entity: ConnectionTypePeriodEntity, name: 'mpan_view_connection_types', orderBy: PERIOD_ORDER },
  { key: 'energyDirections', entity: EnergyDirectionPeriodEntity, name: 'mpan_view_energy_directions', orderBy: PERIOD_ORDER },
  { key: 'meteredIndicators', entity: MeteredIndicatorPeriodEntity, name: 'mpan_view_metered_indicators', orderBy: PERIOD_ORDER },
  { key: 'marketSegments', entity: MarketSegmentPeriodEntity, name: 'mpan_view_market_segments', orderBy: PERIOD_ORDER },
  { key: 'duosTariffs', entity: DuosTariffPeriodEntity, name: 'mpan_view_duos_tariffs', orderBy: PERIOD_ORDER },
  { key: 'energisationStatuses', entity: EnergisationStatusPeriodEntity, name: 'mpan_view_energisation_statuses', orderBy: PERIOD_ORDER },
  {
    key: 'domesticPremiseIndicators',
    entity: DomesticPremiseIndicatorPeriodEntity,
    name: 'mpan_view_domestic_premise_indicators',
    orderBy: PERIOD_ORDER,
  },
  { key: 'disconnections', entity: DisconnectionPeriodEntity, name: 'mpan_view_disconnections', orderBy: PERIOD_ORDER },
  { key: 'profileClasses', entity: ProfileClassPeriodEntity, name: 'mpan_view_profile_classes', orderBy: PERIOD_ORDER },
  { key: 'sscs', entity: SscPeriodEntity, name: 'mpan_view_sscs', orderBy: PERIOD_ORDER },
  { key: 'consentGranularities', entity: ConsentGranularityPeriodEntity, name: 'mpan_view_consent_granularities', orderBy: PERIOD_ORDER },
  { key: 'ihdStatuses', entity: IhdStatusPeriodEntity, name: 'mpan_view_ihd_statuses', orderBy: PERIOD_ORDER },
  { key: 'smsos', entity: SmsoPeriodEntity, name: 'mpan_view_smsos', orderBy: PERIOD_ORDER },
];

/** The view's entities (for the view database's DataSource). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export const MPAN_VIEW_ENTITY_CLASSES: Function[] = MPAN_VIEW_TABLES.map((t) => t.entity);
