/**
 * Injection token of the {@link ViewDatabase} (./runtime/view-database.ts).
 *
 * Defined in this file, which imports nothing, so that providers of the projection folders
 * (`MPAN_VIEW_PROVIDERS`, `FEED_PROVIDERS`) can inject it: projections.module.ts imports those
 * folders, and a provider importing the token from projections.module.ts would, whenever that file
 * is the first of the library to load, be decorated with `undefined` (a CommonJS require cycle).
 */
export const VIEW_DATABASE = Symbol('VIEW_DATABASE');
