export * from './shared/local-date';
export * from './shared/rejection';
export * from './shared/timeline';
export * from './mpan/mpan-core';
export * from './reference-data/reference-data';
export * from './registration/commands';
export * from './registration/events';
export * from './registration/state';
