import { APPOINTMENT_RENDERERS } from './egress-appointments';
import { BlockBuilder } from './egress-blocks';
import { DATA_RENDERERS } from './egress-data';
import { checkIdentity, egressMessage } from './egress-envelope';
import { EgressRenderer } from './egress-render-job';
import { REGISTRATION_RENDERERS } from './egress-registration';
import { schemaNameOf } from './egress-schemas';
import { EgressMessage, EgressRenderError, RenderPublicationInput } from './egress-types';

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
  const { publication, causedBy, recipient, referenceData, identity } = input;
  const checked = checkIdentity(identity);
  const { interfaceId, eventCode } = publication;
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
  if (!publication.recipients.some((r) => r.dipId === recipient?.dipId && r.role === recipient.role)) {
    throw new EgressRenderError(`${recipient?.role} ${recipient?.dipId} is not a recipient of ${interfaceId} ${eventCode} for MPAN ${publication.mpanCore}`);
  }
  const blocks = new BlockBuilder(schemaNameOf(interfaceId, eventCode), state, referenceData);
  const body = renderer.render({ publication, event, eventCode, blocks });
  return egressMessage(interfaceId, eventCode, checked, body.m0, body.customBlock, body.r0);
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
