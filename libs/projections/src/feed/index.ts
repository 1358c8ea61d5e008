import type { Provider } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { FEED_TABLE_ENTITIES } from './feed.entities';
import { FEED_MIGRATION_CLASSES } from './feed.migrations';
import { FEED_POSTGRES_MIGRATION_CLASSES } from './feed.postgres-migrations';
import { FeedService } from './feed.service';
import { WEBHOOK_HOST_RESOLVER, WebhookDeliverer } from './webhook-deliverer';
import { systemResolver } from './webhook-destination';

// The subscriber notification feed (issue #5, docs/feed.md): entities, migrations, projection,
// participant API service, webhook delivery. Nothing here imports ../projections.module (which
// imports this file); the view database token comes from the leaf file ../tokens.

export * from './feed.entities';
export * from './feed.migrations';
export * from './feed.postgres-migrations';
export * from './feed.projection';
export * from './feed-items';
export * from './feed-page';
export * from './shared-copies';
export * from './feed-errors';
export * from './publication-config';
export * from './routing-table';
export * from './delivery-options';
export * from './delivery-store';
export * from './feed.service';
export * from './webhook-deliverer';
export * from './webhook-destination';
export * from './webhook-post';

/** Every entity of the feed (projected tables and participant / delivery bookkeeping). */
export const FEED_ENTITIES: Array<new () => object> = FEED_TABLE_ENTITIES;
/** The feed's migrations, oldest first. */
export const FEED_MIGRATIONS: Array<new () => MigrationInterface> = FEED_MIGRATION_CLASSES;
/** The feed's PostgreSQL migrations, oldest first. */
export const FEED_POSTGRES_MIGRATIONS: Array<new () => MigrationInterface> = FEED_POSTGRES_MIGRATION_CLASSES;

/**
 * Nest providers of the feed (spread into `ProjectionsModule`'s providers and exports): the
 * participant API service, the webhook deliverer (its settings are `RegistryConfig.webhook`,
 * validated at boot with the rest of the configuration) and the host resolver it checks webhook
 * destinations with (the system resolver; tests override it).
 */
export const FEED_PROVIDERS: Provider[] = [FeedService, WebhookDeliverer, { provide: WEBHOOK_HOST_RESOLVER, useValue: systemResolver }];
