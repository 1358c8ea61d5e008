// History replay for services (issue #6 item 5; docs/audit.md): entitlement rule and service.
export * from './entitlement';
export * from './history-replay.service';
