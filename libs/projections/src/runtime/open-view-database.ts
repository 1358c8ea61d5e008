import type { RegistryConfig } from '@app/registration-app/config/registry-config';
import { ViewDatabase } from './view-database';

/** The settings {@link openViewDatabase} reads (`REGISTRY_VIEWS_*`, `REGISTRY_SQLITE_SYNCHRONOUS`). */
export type ViewDatabaseConfig = Pick<RegistryConfig, 'viewsStore' | 'viewsSqlitePath' | 'viewsPostgresUrl' | 'sqliteSynchronous'>;

/**
 * Opens (creating and migrating if needed) the view database the configuration names: the SQLite
 * file `viewsSqlitePath` (with `sqliteSynchronous`), or the PostgreSQL database `viewsPostgresUrl`
 * (by default the event store's: the views' tables beside `events`). The one place the service, the
 * projector and the CLI open the live views (docs/adr/0010).
 * @throws Error naming the file, or the URL without its password, when it cannot be opened or migrated.
 */
export function openViewDatabase(config: ViewDatabaseConfig): Promise<ViewDatabase> {
  return config.viewsStore === 'postgres'
    ? ViewDatabase.openPostgres({ connectionString: config.viewsPostgresUrl })
    : ViewDatabase.openSqlite({ path: config.viewsSqlitePath, synchronous: config.sqliteSynchronous });
}
