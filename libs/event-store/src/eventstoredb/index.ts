export * from './eventstoredb-event-store';
export { DEFAULT_RESUBSCRIBE_BACKOFF } from './eventstoredb-subscription';
export type { ResubscribeBackoff } from './eventstoredb-subscription';
