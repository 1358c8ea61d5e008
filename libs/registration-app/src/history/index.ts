/**
 * Bi-temporal reads of an MPAN from the event log (issue #6): state effective on a date as known at
 * an instant, timeline with provenance, diff, explain. Imported as `@app/registration-app/history`.
 */
export * from './history-answers';
export * from './history-params';
export * from './mpan-history.module';
export * from './mpan-history.service';
