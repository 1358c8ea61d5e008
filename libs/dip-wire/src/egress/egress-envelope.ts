import { dipDateTimeOfInstant } from './egress-date-time';
import { SENDER_UNIQUE_REFERENCE_PATTERN } from '../dto/common-block.dto';
import { PUBLICATION_ID_PATTERN, TRANSACTION_ID_MAX_LENGTH } from './egress-ids';
import { EGRESS_SCHEMA_VERSION } from './egress-schemas';
import { DEFAULT_ENVIRONMENT_TAG, EgressD0, EgressIdentity, EgressMessage, EgressRenderError, ENVIRONMENT_TAGS } from './egress-types';

/**
 * The CommonBlock of an egress message: S0 (interface, schema version, bracketed event code), S1
 * (the registry as sender, role REGS), D0 (the DIP block as the recipient receives it), M0 (the
 * MPAN) and, for the interfaces whose schema has one, R0. Blocks are built in the document's
 * property order; every value is checked against its official data type before it is emitted.
 */

/** The sender role of every egress message. */
export const REGISTRY_ROLE = 'REGS';

/** Official M0 block. */
export interface M0Block {
  MPANCore: string;
  distributorDIPID: string;
  GSPGroupID: string;
}

/** Official R0 block: `responseCode` DI-979 and DT-005N messages (each 1–200 characters). */
export interface R0Block {
  responseCode: 'A' | 'R';
  responseMessages: string[];
}

/** The identity with its defaults applied, every value checked. */
export interface CheckedIdentity {
  registryDipId: string;
  senderUniqueReference: string;
  transactionId: string;
  publicationId: string;
  correlationId: string | null;
  /** DT-003 of `recordedAt`. */
  recordedAt: string;
  replay: boolean;
  environmentTag: string;
}

/**
 * Checks an {@link EgressIdentity} against the official data types of the fields it fills.
 * @throws EgressRenderError naming the first field that does not fit.
 */
export function checkIdentity(identity: EgressIdentity): CheckedIdentity {
  const i = identity;
  if (!i || typeof i !== 'object') throw new EgressRenderError('identity is missing');
  if (typeof i.registryDipId !== 'string' || !/^\d{10}$/.test(i.registryDipId)) {
    throw new EgressRenderError(`identity.registryDipId ${JSON.stringify(i.registryDipId)} is not a 10-digit DIP id (DT-006)`);
  }
  if (typeof i.senderUniqueReference !== 'string' || i.senderUniqueReference.length > 200 || !SENDER_UNIQUE_REFERENCE_PATTERN.test(i.senderUniqueReference)) {
    throw new EgressRenderError(
      `identity.senderUniqueReference ${JSON.stringify(i.senderUniqueReference)} does not match DT-995 ${SENDER_UNIQUE_REFERENCE_PATTERN.source} (use egressSenderReference)`,
    );
  }
  if (typeof i.transactionId !== 'string' || i.transactionId.length === 0 || i.transactionId.length > TRANSACTION_ID_MAX_LENGTH) {
    throw new EgressRenderError(`identity.transactionId ${JSON.stringify(i.transactionId)} is not 1–${TRANSACTION_ID_MAX_LENGTH} characters (DT-014)`);
  }
  if (typeof i.publicationId !== 'string' || !PUBLICATION_ID_PATTERN.test(i.publicationId) || i.publicationId.length > 8) {
    throw new EgressRenderError(`identity.publicationId ${JSON.stringify(i.publicationId)} is not PUB-nnn (DI-986; use egressPublicationId)`);
  }
  if (i.correlationId !== null && (typeof i.correlationId !== 'string' || i.correlationId.length < 1 || i.correlationId.length > 60)) {
    throw new EgressRenderError(`identity.correlationId ${JSON.stringify(i.correlationId)} is not null or 1–60 characters (DT-011N)`);
  }
  const environmentTag = i.environmentTag ?? DEFAULT_ENVIRONMENT_TAG;
  if (!ENVIRONMENT_TAGS.includes(environmentTag)) {
    throw new EgressRenderError(`identity.environmentTag ${JSON.stringify(environmentTag)} is not one of ${ENVIRONMENT_TAGS.join(', ')} (DT-013)`);
  }
  if (i.replay !== undefined && typeof i.replay !== 'boolean') throw new EgressRenderError('identity.replay must be a boolean');
  return {
    registryDipId: i.registryDipId,
    senderUniqueReference: i.senderUniqueReference,
    transactionId: i.transactionId,
    publicationId: i.publicationId,
    correlationId: i.correlationId,
    recordedAt: recordedAtOf(i.recordedAt),
    replay: i.replay ?? false,
    environmentTag,
  };
}

/** The last instant {@link recordedAtOf} formatted, and its DT-003 text (the copies of one publication share it). */
let lastRecordedAt: { instant: string; text: string } | undefined;

/** DT-003 of the identity's `recordedAt` (`dipDateTimeOfInstant`, remembered for the last instant: it is pure). */
function recordedAtOf(instant: string): string {
  if (lastRecordedAt !== undefined && lastRecordedAt.instant === instant) return lastRecordedAt.text;
  const text = dipDateTimeOfInstant(instant, 'identity.recordedAt');
  lastRecordedAt = { instant, text };
  return text;
}

/**
 * An egress message: CommonBlock `{ S0, S1, D0, M0, R0? }` and the given CustomBlock.
 * S1: the registry sends (`senderDIPID` = `DIPConnectionProviderID` = the registry's DIP id, role
 * REGS, `senderTimestamp` = when the event was recorded, `senderCorrelationID` = the conversation).
 */
export function egressMessage(
  interfaceId: string,
  eventCode: string,
  identity: CheckedIdentity,
  m0: M0Block,
  customBlock: Record<string, unknown>,
  r0?: R0Block,
): EgressMessage {
  const d0: EgressD0 = {
    transactionID: identity.transactionId,
    transactionTimestamp: identity.recordedAt,
    publicationID: identity.publicationId,
    initialCorrelationID: identity.correlationId,
    replayIndicator: identity.replay,
    serviceTicketURL: null,
  };
  return {
    CommonBlock: {
      S0: { interfaceID: interfaceId, schemaVersion: EGRESS_SCHEMA_VERSION, eventCode },
      S1: {
        environmentTag: identity.environmentTag,
        subText: null,
        senderUniqueReference: identity.senderUniqueReference,
        senderTimestamp: identity.recordedAt,
        senderDIPID: identity.registryDipId,
        senderRoleID: REGISTRY_ROLE,
        senderCorrelationID: identity.correlationId,
        DIPConnectionProviderID: identity.registryDipId,
      },
      D0: d0,
      M0: { ...m0 },
      ...(r0 ? { R0: { responseCode: r0.responseCode, responseMessages: [...r0.responseMessages] } } : {}),
    },
    CustomBlock: customBlock,
  };
}

/** One R0 `responseMessages` entry (DT-005N, 1–200 characters): `<code> - <message>`, shortened with `...` if longer. */
export function responseMessageOf(reason: { code: string; message: string }): string {
  return truncate(`${reason.code} - ${reason.message}`, 200);
}

/** `text` cut to at most `max` characters (ending in `...` when cut). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
