/**
 * DIP egress: the messages the registry sends out (docs/egress.md). Pure functions: a
 * `PublicationIssued` (or a recorded rejection) in, the official JSON message out.
 */
export * from './egress-types';
export { egressSenderReference, deterministicTransactionId, egressPublicationId, PUBLICATION_ID_PATTERN } from './egress-ids';
export type { TransactionIdShape } from './egress-ids';
export { dipDateTimeOfSettlementDay, dipDateTimeOfInstant } from './egress-date-time';
export { egressSchemaName, schemaNameOf, EGRESS_SCHEMA_VERSION } from './egress-schemas';
export type { RecordedDataServiceProposal } from './egress-appointments';
export { renderPublication, preparePublication, EGRESS_PUBLICATION_TYPES } from './render-publication';
export type { PreparedPublication } from './render-publication';
export { renderRejection, rejectionResponseFor, STATUS_MESSAGE_SCHEMA } from './render-rejection';
export type { RejectionResponse } from './render-rejection';
