import { Column, Entity } from 'typeorm';
import { MpanPeriodColumns } from './mpan-view.entities';

/**
 * The single-valued effective-dated data items of an MPAN, one table each, one row per period
 * (see MpanPeriodColumns for the shared columns). Each mirrors one timeline of the folded state
 * (libs/registration-domain/src/registration/state.ts).
 */

/** `mpan_view_gsp_groups`: DI-037 GSP group id (`_A` … `_P`), maintained by the LDSO. */
@Entity({ name: 'mpan_view_gsp_groups' })
export class GspGroupPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'gsp_group_id', type: 'varchar' })
  gspGroupId!: string;
}

/** `mpan_view_connection_types`: connection type (`W`, `L`, `H`, `E`, `U`; IF-043). */
@Entity({ name: 'mpan_view_connection_types' })
export class ConnectionTypePeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'connection_type', type: 'varchar' })
  connectionType!: string;
}

/** `mpan_view_energy_directions`: `I` import or `E` export. */
@Entity({ name: 'mpan_view_energy_directions' })
export class EnergyDirectionPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'energy_direction', type: 'varchar' })
  energyDirection!: string;
}

/** `mpan_view_metered_indicators`: metered (true) or unmetered supply. */
@Entity({ name: 'mpan_view_metered_indicators' })
export class MeteredIndicatorPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'metered_indicator', type: 'boolean' })
  meteredIndicator!: boolean;
}

/** `mpan_view_market_segments`: `S` smart, `A` advanced, `U` unmetered (IF-044). */
@Entity({ name: 'mpan_view_market_segments' })
export class MarketSegmentPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'market_segment', type: 'varchar' })
  marketSegment!: string;
}

/** `mpan_view_duos_tariffs`: DI-128 DUoS tariff id. */
@Entity({ name: 'mpan_view_duos_tariffs' })
export class DuosTariffPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'duos_tariff_id', type: 'varchar' })
  duosTariffId!: string;
}

/** `mpan_view_energisation_statuses`: `E` energised, `D` de-energised, `U` (IF-007 → IF-008). */
@Entity({ name: 'mpan_view_energisation_statuses' })
export class EnergisationStatusPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'energisation_status', type: 'varchar' })
  energisationStatus!: string;
}

/** `mpan_view_domestic_premise_indicators`: domestic premises (true) or not (`[DomPremInd]`). */
@Entity({ name: 'mpan_view_domestic_premise_indicators' })
export class DomesticPremiseIndicatorPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'domestic_premise_indicator', type: 'boolean' })
  domesticPremiseIndicator!: boolean;
}

/** `mpan_view_disconnections`: `Disconnected` or `Reconnected` (IF-009); no rows for an MPAN never disconnected. */
@Entity({ name: 'mpan_view_disconnections' })
export class DisconnectionPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'disconnection_status', type: 'varchar' })
  disconnectionStatus!: string;
}

/** `mpan_view_profile_classes`: B032 legacy profile class (supplier, IF-025); `null` = cleared. */
@Entity({ name: 'mpan_view_profile_classes' })
export class ProfileClassPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'profile_class', type: 'varchar', nullable: true })
  profileClass!: string | null;
}

/** `mpan_view_sscs`: B032 legacy standard settlement configuration (supplier, IF-025); `null` = cleared. */
@Entity({ name: 'mpan_view_sscs' })
export class SscPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'ssc', type: 'varchar', nullable: true })
  ssc!: string | null;
}

/** `mpan_view_consent_granularities`: B068 consent granularity `H`, `D`, `M`, `N` (supplier, IF-025). */
@Entity({ name: 'mpan_view_consent_granularities' })
export class ConsentGranularityPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'consent_granularity', type: 'varchar' })
  consentGranularity!: string;
}

/** `mpan_view_ihd_statuses`: B030 in-home display install status `I`, `D`, `E`, `F` (IF-005, IF-025); `null` = none. */
@Entity({ name: 'mpan_view_ihd_statuses' })
export class IhdStatusPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'ihd_install_status', type: 'varchar', nullable: true })
  ihdInstallStatus!: string | null;
}

/** `mpan_view_smsos`: B031 smart metering system operator MPID (supplier, IF-025); `null` = none. */
@Entity({ name: 'mpan_view_smsos' })
export class SmsoPeriodEntity extends MpanPeriodColumns {
  @Column({ name: 'smso_id', type: 'varchar', nullable: true })
  smsoId!: string | null;
}
