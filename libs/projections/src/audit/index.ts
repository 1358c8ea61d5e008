// Registry-wide audit tools (issue #6 items 6 and 7; docs/audit.md): the as-known-at event filter,
// the participant portfolio extract and the per-MPAN verification of the views against the log.
export * from './known-at';
export * from './portfolio-extract';
export * from './verify';
