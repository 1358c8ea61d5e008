export * from './event-store.port';
export * from './event-store.validation';
export * from './sqlite';
export * from './postgres';
export * from './eventstoredb-loader';
export * from './observed-event-store';
// Test helpers (InMemoryEventStore, describeEventStoreContract): import from '@app/event-store/testing'.
export * from './log-digest';
