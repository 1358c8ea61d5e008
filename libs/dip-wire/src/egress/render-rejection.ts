import { validateDipMessage } from '../validate-dip-message';
import { dipDateTimeOfInstant } from './egress-date-time';
import { SENDER_UNIQUE_REFERENCE_PATTERN } from '../dto/common-block.dto';
import { TRANSACTION_ID_MAX_LENGTH } from './egress-ids';
import { checkIdentity, egressMessage, M0Block, responseMessageOf, truncate } from './egress-envelope';
import { schemaNameOf } from './egress-schemas';
import { EgressRenderError, RejectedMessageOutcome, RenderedRejection, RenderRejectionInput } from './egress-types';

/**
 * Rejections back to a message's originator (mhhs-domain.md §3.5: receipt is not acceptance; the
 * business outcome comes later as its own message).
 *
 * | inbound | response | blocks echoed from the original |
 * |---|---|---|
 * | IF-031 `[MSApp]` / `[DSApp]` | IF-032 `[MSAppInitialResp]` / `[DSAppInitialResp]`, R0 `R` | B013 (if sent), B070 / B071 |
 * | IF-005 `[MeterInstall]` … `[MeterHistoryUpdate]` | IF-006, same event code, R0 `R` | B906, B039, B030 as sent |
 * | IF-007 `[EnergisationStatusChange]` | IF-008, R0 `R` | B025 |
 * | IF-025 `[SSCandProfileClass]` … `[SMSO]` | IF-026, same event code, R0 `R` | B013 (if sent) and the data block |
 *
 * Everything else — IF-007 `[EnergisationStatusFailure]` (IF-008 has no such event), IF-034 (no
 * official response interface), our own channels `REGS-LDSO` and `REGS-CSS` (docs/adr/0003) — and
 * any message that was not recorded or cannot be echoed validly gets a DIP status message instead:
 * one `StandardResponseBodyType`, the item of the `StandardResponseArray` that `POST /statusmessage`
 * takes.
 */

/** The official response of a rejected inbound event: interface, event code, and the blocks echoed. */
export interface RejectionResponse {
  interfaceId: string;
  eventCode: string;
  /** The official schema of the response, e.g. `IF-032-MSAppInitialResp`. */
  schema: string;
  /** CustomBlock members copied from the original (those present). */
  echoedBlocks: readonly string[];
}

const SAME_EVENT = (interfaceId: string, blocksByEvent: Record<string, readonly string[]>) =>
  Object.fromEntries(Object.entries(blocksByEvent).map(([code, blocks]) => [code, { interfaceId, eventCode: code, blocks }]));

const RESPONSES: Readonly<Record<string, Readonly<Record<string, { interfaceId: string; eventCode: string; blocks: readonly string[] }>>>> = {
  'IF-031': {
    '[MSApp]': { interfaceId: 'IF-032', eventCode: '[MSAppInitialResp]', blocks: ['B013', 'B070'] },
    '[DSApp]': { interfaceId: 'IF-032', eventCode: '[DSAppInitialResp]', blocks: ['B013', 'B071'] },
  },
  'IF-005': SAME_EVENT('IF-006', {
    '[MeterInstall]': ['B906', 'B030'],
    '[MeterRemoval]': ['B039'],
    '[MeterExchange]': ['B906', 'B039', 'B030'],
    '[MeterUpdate]': ['B906', 'B030', 'B039'],
    '[MeterHistoryUpdate]': ['B906', 'B039'],
  }),
  'IF-007': { '[EnergisationStatusChange]': { interfaceId: 'IF-008', eventCode: '[EnergisationStatusChange]', blocks: ['B025'] } },
  'IF-025': SAME_EVENT('IF-026', {
    '[SSCandProfileClass]': ['B013', 'B032'],
    '[ConsentGranularity]': ['B013', 'B068'],
    '[IHDInfo]': ['B013', 'B030'],
    '[SMSO]': ['B013', 'B031'],
  }),
};

/** Schema of a DIP status message (one item of `POST /statusmessage`'s `StandardResponseArray`). */
export const STATUS_MESSAGE_SCHEMA = 'StandardResponseBodyType';

/**
 * The official response interface of a rejected inbound event, or `null` when there is none (the
 * rejection is then a status message). Lets a caller build the response's identity (its
 * `senderUniqueReference` and `publicationId` name the interface) before calling {@link renderRejection}.
 */
export function rejectionResponseFor(channelId: string, eventCode: string): RejectionResponse | null {
  const byEvent = Object.hasOwn(RESPONSES, channelId) ? RESPONSES[channelId]! : undefined;
  const r = byEvent && Object.hasOwn(byEvent, eventCode) ? byEvent[eventCode]! : undefined;
  return r ? { interfaceId: r.interfaceId, eventCode: r.eventCode, schema: schemaNameOf(r.interfaceId, r.eventCode), echoedBlocks: r.blocks } : null;
}

/**
 * Renders a recorded rejection for the message's originator.
 *
 * - `kind: 'publication'`: the official response (table above) with R0 `{ responseCode: 'R',
 *   responseMessages: ['<REG code> - <message>', …] }` (each at most 200 characters), M0 and the
 *   echoed blocks exactly as the original carried them, S1/D0 from `identity` as for a publication.
 *   Chosen only when the original is recorded, is the outcome's channel and event, and passes the
 *   wire validation of its channel (so every echoed block is valid where the response admits it).
 * - `kind: 'status'`: a `StandardResponseBodyType`: `transactionID` the original's D0 transaction
 *   id when it had one, else `identity.transactionId`; `senderUniqueReference` and `correlationID`
 *   the original's (`null` when outside their official types); `sentTimestamp` = `identity.recordedAt`;
 *   `senderID` the registry, `recipientID` the originator, `DIPConnectionProviderID` `null` (as in the
 *   registry's acknowledgements); `message` `<codes> - <first reason>` (≤ 200 characters); `help`
 *   every reason (≤ 500 characters); `serviceTicketURL` `null`. Only `identity.registryDipId`,
 *   `transactionId` and `recordedAt` are used (and checked).
 *
 * Pure. @throws EgressRenderError when an identity value it uses is outside its official type.
 */
export function renderRejection(input: RenderRejectionInput): RenderedRejection {
  const { outcome, message, identity } = input;
  const response = rejectionResponseFor(outcome.channelId, outcome.eventCode);
  const echo = response && message !== null && message !== undefined ? echoOf(outcome, message, response) : undefined;
  if (response && echo) {
    const r0 = { responseCode: 'R' as const, responseMessages: outcome.reasons.map(responseMessageOf) };
    return {
      kind: 'publication',
      message: egressMessage(response.interfaceId, response.eventCode, checkIdentity(identity), echo.m0, echo.customBlock, r0),
      schema: response.schema,
    };
  }
  return { kind: 'status', message: statusMessage(input), schema: STATUS_MESSAGE_SCHEMA };
}

/** M0 and the echoed blocks of the original, or `undefined` when it cannot be echoed validly. */
function echoOf(
  outcome: RejectedMessageOutcome,
  message: unknown,
  response: RejectionResponse,
): { m0: M0Block; customBlock: Record<string, unknown> } | undefined {
  const payload = payloadOf(message);
  if (!payload) return undefined;
  const { D0: _d0, ...commonBlock } = payload.CommonBlock as Record<string, unknown>;
  const wire = validateDipMessage(outcome.channelId, { payload: { CommonBlock: commonBlock, CustomBlock: payload.CustomBlock } });
  if (!wire.ok || wire.message.eventCode !== outcome.eventCode) return undefined;
  const custom = structuredClone(payload.CustomBlock as Record<string, unknown>);
  const { mpanCore, distributorDipId, gspGroupId } = wire.message.mpan;
  return {
    m0: { MPANCore: mpanCore, distributorDIPID: distributorDipId, GSPGroupID: gspGroupId },
    customBlock: Object.fromEntries(response.echoedBlocks.filter((b) => Object.hasOwn(custom, b)).map((b) => [b, custom[b]])),
  };
}

/** `{ CommonBlock, CustomBlock }` of a recorded message (also accepted wrapped as `{ payload }`). */
function payloadOf(message: unknown): { CommonBlock: object; CustomBlock: object } | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const m = isObject(message) && Object.hasOwn(message, 'payload') ? message.payload : message;
  if (!isObject(m) || !isObject(m.CommonBlock) || !isObject(m.CustomBlock)) return undefined;
  return { CommonBlock: m.CommonBlock, CustomBlock: m.CustomBlock };
}

function statusMessage(input: RenderRejectionInput): Record<string, unknown> {
  const { outcome, identity, message } = input;
  if (typeof identity?.registryDipId !== 'string' || !/^\d{10}$/.test(identity.registryDipId)) {
    throw new EgressRenderError(`identity.registryDipId ${JSON.stringify(identity?.registryDipId)} is not a 10-digit DIP id (DT-006)`);
  }
  const original = originalTransactionId(message);
  const transactionId = original ?? identity.transactionId;
  if (typeof transactionId !== 'string' || transactionId.length === 0 || transactionId.length > TRANSACTION_ID_MAX_LENGTH) {
    throw new EgressRenderError(`identity.transactionId ${JSON.stringify(transactionId)} is not 1–${TRANSACTION_ID_MAX_LENGTH} characters (DT-014)`);
  }
  const reasons = outcome.reasons ?? [];
  const codes = [...new Set(reasons.map((r) => r.code))].join(', ');
  const ref = outcome.senderUniqueReference;
  return {
    transactionID: transactionId,
    senderUniqueReference: typeof ref === 'string' && ref.length <= 200 && SENDER_UNIQUE_REFERENCE_PATTERN.test(ref) ? ref : null,
    correlationID: typeof outcome.correlationId === 'string' && outcome.correlationId.length >= 1 && outcome.correlationId.length <= 60 ? outcome.correlationId : null,
    sentTimestamp: dipDateTimeOfInstant(identity.recordedAt, 'identity.recordedAt'),
    senderID: identity.registryDipId,
    recipientID: typeof outcome.senderDipId === 'string' && outcome.senderDipId.length === 10 ? outcome.senderDipId : null,
    DIPConnectionProviderID: null,
    message: truncate(reasons.length === 0 ? 'Rejected' : `${codes} - ${reasons[0]!.message}`, 200),
    help: reasons.length === 0 ? null : truncate(reasons.map((r) => `${r.code} ${r.rule}: ${r.message}`).join('; '), 500),
    serviceTicketURL: null,
  };
}

/** The original message's `D0.transactionID` when it was received through the DIP with one. */
function originalTransactionId(message: unknown): string | undefined {
  const payload = payloadOf(message);
  const d0 = (payload?.CommonBlock as { D0?: { transactionID?: unknown } } | undefined)?.D0;
  const id = d0?.transactionID;
  return typeof id === 'string' && id.length > 0 && id.length <= TRANSACTION_ID_MAX_LENGTH ? id : undefined;
}
