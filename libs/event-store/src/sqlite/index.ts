export * from './sqlite-event-store';
export * from './event-row.entity';
export * from './migrations';
export * from './sqlite-timestamp';
