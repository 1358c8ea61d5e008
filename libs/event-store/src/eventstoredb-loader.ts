/**
 * Opens the EventStoreDB adapter on demand. The package root does not re-export
 * `./eventstoredb`: loading it loads `@eventstore/db-client` and gRPC (about half a second), which
 * every importer of `@app/event-store` (each test file, the SQLite and PostgreSQL apps) would pay
 * for nothing. Import `./eventstoredb` directly where the class itself is needed.
 */
import type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb';

export type { EventStoreDbEventStore, EventStoreDbEventStoreOptions };

/**
 * Loads the adapter and opens it: see `EventStoreDbEventStore.open` (connection check, errors).
 * @throws what `EventStoreDbEventStore.open` throws.
 */
export async function openEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
  const { EventStoreDbEventStore: Store } = await import('./eventstoredb');
  return Store.open(options);
}
