export {
  CREATION_SPREAD_DAYS,
  MISTAKE_KINDS,
  SP_ACCEPTED,
  SP_CONTRACT_REFERENCE_NOT_VALID,
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
export { SAMPLE_PROVIDER_DIP_IDS, SEGMENT_ROLES, UNKNOWN_PROVIDERS, loadTrafficReference } from './traffic-reference';
export type {
  SegmentProviders,
  TrafficDistributor,
  TrafficProvider,
  TrafficReference,
  TrafficSegment,
  TrafficService,
  TrafficSupplier,
} from './traffic-reference';
