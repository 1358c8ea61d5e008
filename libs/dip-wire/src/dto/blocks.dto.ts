import { ConnectionType, EnergisationStatus, EnergyDirection, MarketSegment } from '@app/registration-domain';
import { MpStatus, RmpStatus, WIRE_ENUMS } from './wire-enums';
import {
  booleanCheck,
  dateTimeCheck,
  dipIdCheck,
  enumCheck,
  mpidCheck,
  stringCheck,
  WireField,
  WireLabel,
} from './wire-rules';

/**
 * DTOs of the custom-block data blocks used by the inbound channels, transcribed from the
 * official schemas (DIP OpenAPI document 2.2.1, `components.schemas.B0nn`): required lists,
 * nullability, lengths, patterns and enumerations as written there. Every date is a DT-003
 * date-time (an instant with offset); the settlement day is derived later (`settlementDayOf`).
 *
 * Deliberate difference: the official `B013` and `B025` lack `additionalProperties: false`; we
 * refuse unknown properties in them too (one rule for every block, conventions §7).
 */

const addressLine = stringCheck({ type: 'DT-001N address line', min: 0, max: 40 });

/** `B001` GSP group effective-from: when the GSP group (`M0.GSPGroupID`) holds from. */
@WireLabel('B001 (GSP Effective From)')
export class B001Dto {
  @WireField('required', dateTimeCheck)
  GSPGroupEffectiveFromDate!: string;
}

/** `B002` incoming supplier: DIP id, MPID and supply start (`supplierEffectiveFromDate`). */
@WireLabel('B002 (Incoming Supplier Information)')
export class B002Dto {
  @WireField('required', dipIdCheck)
  incomingSupplierDIPID!: string;

  @WireField('required', mpidCheck)
  incomingSupplierMPID!: string;

  @WireField('required', dateTimeCheck)
  supplierEffectiveFromDate!: string;
}

/** `B003` outgoing supplier: DIP id, MPID and end of supply (`supplierEffectiveToDate`). */
@WireLabel('B003 (Outgoing Supplier Information)')
export class B003Dto {
  @WireField('required', dipIdCheck)
  outgoingSupplierDIPID!: string;

  @WireField('required', mpidCheck)
  outgoingSupplierMPID!: string;

  @WireField('required', dateTimeCheck)
  supplierEffectiveToDate!: string;
}

/** `B013` CSS registration id (DI-849, at most 36 characters). */
@WireLabel('B013 (CSS Registration Request Id)')
export class B013Dto {
  @WireField('required', stringCheck({ type: 'DI-849 CSS registration id', min: 0, max: 36 }))
  CSSRegistrationID!: string;
}

/**
 * `B022` metering point address: postcode (DT-007N, 1–10 characters) and nine lines (DT-001N,
 * 0–40 characters). All ten keys are required and all are nullable in the official schema — a
 * `null` postcode passes here; the domain requires a postcode.
 */
@WireLabel('B022 (MPAN Address)')
export class B022Dto {
  @WireField('nullable', stringCheck({ type: 'DT-007N UK postcode', min: 1, max: 10 }))
  meteringPointPostcode!: string | null;

  @WireField('nullable', addressLine)
  addressLine1!: string | null;

  @WireField('nullable', addressLine)
  addressLine2!: string | null;

  @WireField('nullable', addressLine)
  addressLine3!: string | null;

  @WireField('nullable', addressLine)
  addressLine4!: string | null;

  @WireField('nullable', addressLine)
  addressLine5!: string | null;

  @WireField('nullable', addressLine)
  addressLine6!: string | null;

  @WireField('nullable', addressLine)
  addressLine7!: string | null;

  @WireField('nullable', addressLine)
  addressLine8!: string | null;

  @WireField('nullable', addressLine)
  addressLine9!: string | null;
}

/** `B023` connection: connection type with its effective-from date, energy direction, metered. */
@WireLabel('B023 (MPAN Connection Info)')
export class B023Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.connectionType, 'DI-015 connection type indicator'))
  connectionTypeIndicator!: ConnectionType;

  @WireField('required', dateTimeCheck)
  connectionTypeEffectiveFromDate!: string;

  @WireField('required', enumCheck(WIRE_ENUMS.energyDirection, 'DI-035 energy direction'))
  energyDirection!: EnergyDirection;

  @WireField('required', booleanCheck('DI-127 metered indicator'))
  meteredIndicator!: boolean;
}

/** `B024` DUoS tariff id (DI-128, 1–3 characters) with its effective-from date. */
@WireLabel('B024 (MPAN DUOS Tariff ID)')
export class B024Dto {
  @WireField('required', stringCheck({ type: 'DI-128 DUoS tariff id', min: 1, max: 3 }))
  DUOSTariffID!: string;

  @WireField('required', dateTimeCheck)
  DUOSTariffIDEffectiveFromDate!: string;
}

/** `B025` energisation status (DI-033 `D`/`E`/`U`) with its effective-from date. */
@WireLabel('B025 (MPAN Energisation Info)')
export class B025Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.energisationStatus, 'DI-033 energisation status'))
  energisationStatus!: EnergisationStatus;

  @WireField('required', dateTimeCheck)
  energisationStatusEffectiveFromDate!: string;
}

/** `B026` market segment (DI-050 `U`/`S`/`A`) with its effective-from date. */
@WireLabel('B026 (MPAN Segment Info)')
export class B026Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.marketSegment, 'DI-050 market segment indicator'))
  marketSegmentIndicator!: MarketSegment;

  @WireField('required', dateTimeCheck)
  marketSegmentIndicatorEffectiveFromDate!: string;
}

/** `B079` registration statuses: RMP status (DI-130) and MP/trading status (DI-131), each dated. */
@WireLabel('B079 (Meter Point Registration Statuses)')
export class B079Dto {
  @WireField('required', enumCheck(WIRE_ENUMS.rmpStatus, 'DI-130 RMP status'))
  RMPStatus!: RmpStatus;

  @WireField('required', dateTimeCheck)
  RMPStatusEffectiveFromDate!: string;

  @WireField('required', enumCheck(WIRE_ENUMS.mpStatus, 'DI-131 MP status'))
  MPStatus!: MpStatus;

  @WireField('required', dateTimeCheck)
  MPStatusEffectiveFromDate!: string;
}
