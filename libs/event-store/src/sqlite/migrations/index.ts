import { EventRowEntity } from '../event-row.entity';
import { CreateEventsTable1760000000000 } from './1760000000000-create-events-table';

export { CreateEventsTable1760000000000 } from './1760000000000-create-events-table';

/**
 * The event store's TypeORM migrations, oldest first. A DataSource that shares the SQLite file
 * (read models) lists these first and appends its own, e.g.
 * `migrations: [...SQLITE_EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]`, or passes its own to
 * `SqliteEventStore.open({ extraMigrations })`.
 */
export const SQLITE_EVENT_STORE_MIGRATIONS = [CreateEventsTable1760000000000] as const;

/** The event store's TypeORM entities (schema description only, see `EventRowEntity`). */
export const SQLITE_EVENT_STORE_ENTITIES = [EventRowEntity] as const;
