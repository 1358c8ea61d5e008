import 'reflect-metadata';

/**
 * `@app/dip-wire`: the DIP wire format at the registry's edge.
 *
 * - {@link DIP_CHANNELS}: the inbound channels (`REGS-LDSO`, `REGS-CSS` of docs/adr/0003; the DIP
 *   interfaces `IF-005`, `IF-007`, `IF-025`, `IF-031`, `IF-034`) and their events;
 * - {@link validateDipMessage}: structural validation of one message against the official DIP
 *   schemas (class-validator DTOs), with JSON-path errors;
 * - {@link toRegistrationCommand}: a validated message → the domain command (registration, service
 *   appointment, meter technical details, energisation, network data or supplier data);
 * - {@link settlementDayOf}: DT-003 date-time → UK settlement day (Europe/London).
 */
export * from './channels';
export * from './settlement-day';
export * from './validate-dip-message';
export * from './to-command';
export * from './utf8';
export * from './dto/wire-enums';
export * from './dto/common-block.dto';
export * from './dto/blocks.dto';
export * from './dto/custom-blocks.dto';
export { D0_REFUSED_MESSAGE } from './dto/envelope.dto';

// Owned by the conformance / sample-traffic work; re-exported so apps import from '@app/dip-wire'.
export * from './conformance';
export * from './sample-traffic';
export * from './egress';
