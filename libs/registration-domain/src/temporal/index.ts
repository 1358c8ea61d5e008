/**
 * Bi-temporal reading of an MPAN (issue #6): item names, period provenance by a progressive fold,
 * and the item-by-item difference of two snapshots. Pure. Imported as `@app/registration-domain/temporal`.
 */
export * from './items';
export * from './provenance';
export * from './diff';
