export * from './shared/local-date';
export * from './shared/rejection';
export * from './shared/timeline';
export * from './mpan/mpan-core';
export * from './reference-data/reference-data';
export * from './registration/commands';
export * from './registration/events';
export * from './registration/state';
export * from './reference-data/load-reference-data';
export * from './reference-data/loaded-reference-data';
export * from './registration/rules';
export * from './registration/decide';
export {
  decideChangeDuosTariffId,
  decideChangeEnergyDirection,
  decideChangeGspGroup,
  decideChangeMpanAddress,
  sameAddress,
} from './registration/decide-ldso-changes';
export { decideCreateMpan } from './registration/decide-create-mpan';
export { decideRegisterSupplier } from './registration/decide-register-supplier';
export { effectiveDateOf, requiredSenderRole } from './registration/decide-common';
export type { LdsoOrCssCommand } from './registration/decide-common';
export * from './registration/evolve';
export * from './registration/snapshot';
export * from './registration/mpan-messages';
export * from './metering/commands';
export * from './metering/events';
export * from './metering/meters';
export { decideRecordMeterTechnicalDetails, meterEventDateOf } from './metering/decide-record-meter-technical-details';
export * from './energisation/commands';
export * from './energisation/events';
export * from './energisation/decide-energisation';
export * from './network/commands';
export * from './network/events';
export * from './network/disconnection';
export * from './network/reminders';
export * from './network/decide-network-changes';
export * from './supplier-data/commands';
export * from './supplier-data/events';
export * from './supplier-data/decide-supplier-data';
export * from './registration/data-publications';
export * from './appointment/commands';
export * from './appointment/events';
export * from './appointment/publications';
export * from './appointment/state';
export * from './appointment/evolve-appointment';
export * from './appointment/appointment-common';
export * from './appointment/request-rules';
export * from './appointment/decide-request-service-appointment';
export * from './appointment/decide-respond-to-service-appointment';
export * from './appointment/decide-run-day-start';
export * from './appointment/activation';
export * from './appointment/publications-for';
export * from './appointment/due-dates';
