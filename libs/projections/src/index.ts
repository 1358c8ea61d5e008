export * from './runtime/projection';
export * from './runtime/projector';
export * from './runtime/view-database';
export * from './runtime/digest';
export * from './runtime/rebuild';
export * from './runtime/entities';
export * from './projections.module';
