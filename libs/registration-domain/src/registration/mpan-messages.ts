import { AppointmentCommand } from '../appointment/commands';
import { AppointmentEvent } from '../appointment/events';
import { EnergisationCommand } from '../energisation/commands';
import { ENERGISATION_EVENT_TYPES, EnergisationEvent } from '../energisation/events';
import { MeteringCommand } from '../metering/commands';
import { METERING_EVENT_TYPES, MeteringEvent } from '../metering/events';
import { NetworkCommand } from '../network/commands';
import { NETWORK_EVENT_TYPES, NetworkEvent } from '../network/events';
import { SupplierDataCommand } from '../supplier-data/commands';
import { SUPPLIER_DATA_EVENT_TYPES, SupplierDataEvent } from '../supplier-data/events';
import { RegistrationCommand } from './commands';
import { REGISTRATION_EVENT_TYPES, RegistrationEvent } from './events';

/**
 * Everything the MPAN aggregate decides on and records: the registration process (creation,
 * supplier registration, LDSO data) and the registration-mediated service appointment process
 * (IF-031 → IF-037), meter technical details (IF-005), energisation (IF-007), the LDSO's network
 * data (segment, connection type, domestic premise indicator, disconnection) and supplier-maintained
 * data (IF-025). One stream per MPAN (`mpan-<core>`) holds both.
 *
 * `PublicationIssued` (appointment/publications.ts) is appended to the same stream by the
 * application layer but is not an `MpanEvent`: `evolve` leaves the state unchanged for it.
 */
export type MpanCommand =
  | RegistrationCommand
  | AppointmentCommand
  | MeteringCommand
  | EnergisationCommand
  | NetworkCommand
  | SupplierDataCommand;

/** Every event type of the MPAN stream that `evolve` folds. */
export type MpanEvent =
  | RegistrationEvent
  | AppointmentEvent
  | MeteringEvent
  | EnergisationEvent
  | NetworkEvent
  | SupplierDataEvent;

/** Every appointment event type name. */
export const APPOINTMENT_EVENT_TYPES: ReadonlyArray<AppointmentEvent['type']> = [
  'ServiceAppointmentRequested',
  'ServiceAppointmentAccepted',
  'ServiceAppointmentRejected',
  'ServiceAppointmentLapsed',
  'ServiceAppointmentSuperseded',
  'ServiceAppointmentActivated',
  'ServiceProviderDeappointed',
];

/** Every MPAN event type name (registration, appointment, metering, energisation, network, supplier data). */
export const MPAN_EVENT_TYPES: ReadonlyArray<MpanEvent['type']> = [
  ...REGISTRATION_EVENT_TYPES,
  ...APPOINTMENT_EVENT_TYPES,
  ...METERING_EVENT_TYPES,
  ...ENERGISATION_EVENT_TYPES,
  ...NETWORK_EVENT_TYPES,
  ...SUPPLIER_DATA_EVENT_TYPES,
];
