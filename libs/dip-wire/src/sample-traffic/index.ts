export {
  CREATION_SPREAD_DAYS,
  MISTAKE_KINDS,
  generateTraffic,
} from './generate-traffic';
export type {
  MistakeKind,
  TrafficCommonBlock,
  TrafficLine,
  TrafficMessage,
  TrafficOptions,
} from './generate-traffic';
export { writeTrafficFile } from './write-traffic-file';
export type { TrafficFileSummary } from './write-traffic-file';
export { loadTrafficReference } from './traffic-reference';
export type { TrafficDistributor, TrafficReference, TrafficSupplier } from './traffic-reference';
