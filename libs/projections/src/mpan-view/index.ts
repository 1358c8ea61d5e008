import type { Provider } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { MPAN_VIEW_ENTITY_CLASSES } from './entities';
import { AddAppointmentRequestDataServiceProposal1764480003000, CreateMpanViewTables1764480001000 } from './migrations';
import { MPAN_VIEW_POSTGRES_MIGRATION_CLASSES } from './postgres-migrations';
import { MpanViewQueryService } from './mpan-view-query.service';

// The MPAN query view (issue #5; docs/query-view.md): entities, migrations, projection and query service.

/** The view's TypeORM entities (one per table). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export const MPAN_VIEW_ENTITIES: Function[] = MPAN_VIEW_ENTITY_CLASSES;
/** The view's migrations, oldest first. */
export const MPAN_VIEW_MIGRATIONS: Array<new () => MigrationInterface> = [
  CreateMpanViewTables1764480001000,
  AddAppointmentRequestDataServiceProposal1764480003000,
];
/** The view's PostgreSQL migrations (the same schema in PostgreSQL types), oldest first. */
export const MPAN_VIEW_POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = MPAN_VIEW_POSTGRES_MIGRATION_CLASSES;
/** Nest providers of the view (exported by `ProjectionsModule`): the query service. */
export const MPAN_VIEW_PROVIDERS: Provider[] = [MpanViewQueryService];

export { createMpanViewProjection, MPAN_VIEW_PROJECTION_NAME } from './projection';
export { replaceMpanRows } from './table-writer';
export { mpanViewRows, normalisePostcode } from './rows';
export type { AppliedRecord } from './rows';
export { mpanViewAnswer } from './answer';
export type { MpanViewAnswerBody } from './answer';
export { decodeCursor, encodeCursor } from './cursor';
export { MpanViewQueryService } from './mpan-view-query.service';
export type {
  MpanSearchCriteria,
  MpanSearchItem,
  MpanViewAnswer,
  PageRequest,
  PortfolioEntry,
  PortfolioItem,
  PortfolioRole,
  ViewPage,
} from './mpan-view-query.service';
export { MPAN_VIEW_TABLES } from './entities';
export type { MpanViewRows, MpanViewTable } from './entities';
