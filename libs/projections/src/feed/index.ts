import type { Provider } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { Projection } from '../runtime/projection';

// The subscriber notification feed (issue #5): entities, migrations, projection, feed service, webhook delivery.
// PLACEHOLDER CONTRACT — being implemented; names are fixed.
export const FEED_ENTITIES: Function[] = [];
export const FEED_MIGRATIONS: Array<new () => MigrationInterface> = [];
export const FEED_PROVIDERS: Provider[] = [];
export function createFeedProjection(): Projection {
  return { name: 'feed', tables: [], apply: async () => undefined };
}
