import type { Provider } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { Projection } from '../runtime/projection';

// The MPAN query view (issue #5): entities, migrations, projection and query service.
// PLACEHOLDER CONTRACT — being implemented; names are fixed.
export const MPAN_VIEW_ENTITIES: Function[] = [];
export const MPAN_VIEW_MIGRATIONS: Array<new () => MigrationInterface> = [];
export const MPAN_VIEW_PROVIDERS: Provider[] = [];
export function createMpanViewProjection(): Projection {
  return { name: 'mpan-view', tables: [], apply: async () => undefined };
}
