import { APPOINTMENT_RENDERERS } from './egress-appointments';
import { BlockBuilder } from './egress-blocks';
import { DATA_RENDERERS } from './egress-data';
import { checkIdentity, egressMessage } from './egress-envelope';
import { EgressRenderer } from './egress-render-job';
import { REGISTRATION_RENDERERS } from './egress-registration';
import { schemaNameOf } from './egress-schemas';
import { EgressIdentity, EgressMessage, EgressRenderError, RenderPublicationInput } from './egress-types';
import type { PublicationRecipient } from '@app/registration-domain';

/**
 * Every publication type the renderer supports: interface → its bracketed event codes, and the
 * domain event that causes it (mhhs-domain.md §3.1; appointment/publications-for.ts,
 * registration/data-publications.ts; IF-001/IF-002 from `SupplierRegistered`).
 */
export const EGRESS_PUBLICATION_TYPES: Readonly<Record<string, readonly string[]>> = {
  'IF-001': ['[InitialRegistration]', '[ChangeOfSupplier]'],
  'IF-002': ['[GainMPANInfo]'],
  'IF-006': ['[MeterInstall]', '[MeterRemoval]', '[MeterExchange]', '[MeterUpdate]', '[MeterHistoryUpdate]'],
  'IF-007': ['[EnergisationStatusFailure]'],
  'IF-008': ['[EnergisationStatusChange]'],
  'IF-009': ['[MPANDisconnection]', '[MPANReconnection]'],
  'IF-018': ['[AddressChg]', '[GSPChg]', '[DUOSTariffIDChg]', '[EnergyDirection]', '[DomPremInd]'],
  'IF-026': ['[SSCandProfileClass]', '[ConsentGranularity]', '[IHDInfo]', '[SMSO]'],
  'IF-032': ['[MSAppInitialResp]', '[DSAppInitialResp]'],
  'IF-033': ['[MSAppSPRequest]', '[DSAppSPRequest]'],
  'IF-035': ['[MSAppAccepted]', '[MSAppRejected]', '[MSAppLapsed]', '[DSAppAccepted]', '[DSAppRejected]', '[DSAppLapsed]'],
  'IF-036': ['[MSAppActive]', '[DSAppActive]'],
  'IF-037': ['[MSDeApp]', '[DSDeApp]'],
  'IF-043': ['[ConnectionTypeChange]'],
  'IF-044': ['[MarketSegmentChange]'],
  'IF-045': ['[InvalidMarketSegment]', '[NoMSAppointed]', '[NoDSAppointed]'],
  'IF-050': ['[MPANCreation]', '[MPStatusChange]'],
};

const RENDERERS: Readonly<Record<string, EgressRenderer>> = { ...APPOINTMENT_RENDERERS, ...DATA_RENDERERS, ...REGISTRATION_RENDERERS };

/**
 * Renders one publication the registry decided (a `PublicationIssued` record) as the DIP egress
 * message one recipient receives, in the official JSON shape (DIP OpenAPI 2.2.1, schema version
 * 011; docs/egress.md lists every type, its schema and where each value comes from).
 *
 * - S0: the publication's interface and bracketed event code; S1: the registry (role `REGS`) as
 *   sender, `senderTimestamp` = `identity.recordedAt` (UTC instant → DT-003 `…+00:00`); D0: the
 *   identity's transaction id, publication id, correlation id and replay flag; M0: the MPAN core,
 *   the LDSO DIP id of its distributor (reference data) and its GSP group as at the event's date;
 *   R0 `A` where the schema has one (IF-006, IF-008, IF-026, IF-032).
 * - CustomBlock: the blocks of the official event schema, from the event and from `stateAfter`
 *   as at the event's date. Settlement days render as the start of the day in UK local time
 *   (DT-003 with the UK offset). Optional blocks appear only when the registry holds their data.
 *
 * Pure: same input, same output (no clock, no id generation, no I/O).
 *
 * @throws EgressRenderError when the input cannot be rendered as a valid message: an interface /
 *   event code not in {@link EGRESS_PUBLICATION_TYPES}; a cause of another event type or MPAN; a
 *   recipient not among the publication's; an identity value outside its official type; or data a
 *   required block needs that the MPAN does not record (e.g. the domestic premise indicator B004 /
 *   B028 of IF-001 / IF-036 before the LDSO has sent `[DomPremInd]`).
 */
export function renderPublication(input: RenderPublicationInput): EgressMessage {
  return preparePublication(input).render(input.recipient, input.identity);
}

/** One publication made ready to render for each of its recipients: see {@link preparePublication}. */
export interface PreparedPublication {
  /**
   * The copy of the publication `recipient` receives under `identity`: exactly what
   * {@link renderPublication} returns for the same input (same checks in the same order, same
   * errors). Copies of one prepared publication share their `CustomBlock` object: treat the
   * messages as read-only.
   * @throws EgressRenderError as {@link renderPublication}.
   */
  render(recipient: PublicationRecipient, identity: EgressIdentity): EgressMessage;
}

/**
 * Prepares one publication for its recipients (issue #9, P1: a publication goes to several
 * recipients and its copies differ only in the CommonBlock's identity fields). The checks and the
 * rendering that do not depend on the recipient or the identity — the renderer of the interface
 * and event code, the cause, the MPAN, the M0 / CustomBlock / R0 blocks — run once, on the first
 * `render`, and their result (or their `EgressRenderError`) serves every later copy; the identity
 * (checked first, as in {@link renderPublication}) and the recipient are checked per copy.
 * Pure, like {@link renderPublication}; the input must not change between calls.
 */
export function preparePublication(input: Omit<RenderPublicationInput, 'recipient' | 'identity'>): PreparedPublication {
  const { publication, causedBy, referenceData } = input;
  const { interfaceId, eventCode } = publication;
  let common: { ok: true } | { ok: false; error: unknown } | undefined;
  let body: { ok: true; value: ReturnType<EgressRenderer['render']> } | { ok: false; error: unknown } | undefined;
  /** The recipient-independent checks, run once. */
  const checkCommon = (): EgressRenderer => {
    if (common === undefined) {
      try {
        checkCause(interfaceId, eventCode, publication, causedBy);
        common = { ok: true };
      } catch (error) {
        common = { ok: false, error };
      }
    }
    if (!common.ok) throw common.error;
    return rendererFor(interfaceId, eventCode);
  };
  return {
    render(recipient: PublicationRecipient, identity: EgressIdentity): EgressMessage {
      const checked = checkIdentity(identity);
      const renderer = checkCommon();
      if (!publication.recipients.some((r) => r.dipId === recipient?.dipId && r.role === recipient.role)) {
        throw new EgressRenderError(`${recipient?.role} ${recipient?.dipId} is not a recipient of ${interfaceId} ${eventCode} for MPAN ${publication.mpanCore}`);
      }
      if (body === undefined) {
        try {
          const blocks = new BlockBuilder(schemaNameOf(interfaceId, eventCode), causedBy.stateAfter, referenceData);
          body = { ok: true, value: renderer.render({ publication, event: causedBy.event, eventCode, blocks }) };
        } catch (error) {
          body = { ok: false, error };
        }
      }
      if (!body.ok) throw body.error;
      return egressMessage(interfaceId, eventCode, checked, body.value.m0, body.value.customBlock, body.value.r0);
    },
  };
}

/**
 * The checks of {@link renderPublication} that depend on neither the recipient nor the identity.
 * @throws EgressRenderError for an unsupported interface / event code, a missing or wrong cause.
 */
function checkCause(
  interfaceId: string,
  eventCode: string,
  publication: RenderPublicationInput['publication'],
  causedBy: RenderPublicationInput['causedBy'] | undefined,
): void {
  const renderer = rendererFor(interfaceId, eventCode);
  const event = causedBy?.event;
  const state = causedBy?.stateAfter;
  if (!event || !state || state.status !== 'Created') {
    throw new EgressRenderError(`${interfaceId} ${eventCode}: causedBy needs the event and the created MPAN's state after it`);
  }
  if (event.type !== publication.causedByEventType || !(renderer.causedBy as readonly string[]).includes(event.type)) {
    throw new EgressRenderError(
      `${interfaceId} ${eventCode} is caused by ${publication.causedByEventType}; it cannot be rendered from a ${event.type} event (expected ${renderer.causedBy.join(' or ')})`,
    );
  }
  if (event.data.mpanCore !== publication.mpanCore || state.mpanCore !== publication.mpanCore) {
    throw new EgressRenderError(
      `${interfaceId} ${eventCode} is about MPAN ${publication.mpanCore}, but its event is about ${event.data.mpanCore} and its state about ${state.mpanCore}`,
    );
  }
}

function rendererFor(interfaceId: string, eventCode: string): EgressRenderer {
  const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
  const codes = own(EGRESS_PUBLICATION_TYPES, interfaceId);
  const renderer = own(RENDERERS, `${interfaceId} ${eventCode}`) ?? own(RENDERERS, interfaceId);
  if (!codes || !codes.includes(eventCode) || !renderer) {
    throw new EgressRenderError(
      `no egress renderer for ${interfaceId} ${eventCode}: the registry renders ${Object.entries(EGRESS_PUBLICATION_TYPES)
        .map(([i, c]) => `${i} ${c.join(' ')}`)
        .join('; ')}`,
    );
  }
  return renderer;
}
