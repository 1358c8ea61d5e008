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
export * from './registration/evolve';
export * from './registration/snapshot';
