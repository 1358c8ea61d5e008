// Test helpers, imported as `@app/event-store/testing` (not re-exported from the package root, so
// production code never pulls in jest; the build excludes **/testing/**).
export * from './event-store.contract';
export * from './in-memory-event-store';
export * from '../postgres/testing/postgres-test-database';
