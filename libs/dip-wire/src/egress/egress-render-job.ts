import { MpanEvent, PublicationIssued } from '@app/registration-domain';
import { BlockBuilder } from './egress-blocks';
import { M0Block, R0Block } from './egress-envelope';

/** One publication being rendered: the publication, the event it announces, and a block builder on the state after it. */
export interface RenderJob<E extends MpanEvent = MpanEvent> {
  publication: PublicationIssued['data'];
  event: E;
  /** Bracketed event code of the publication, e.g. `[MSDeApp]`. */
  eventCode: string;
  blocks: BlockBuilder;
}

/** What a renderer produces besides the common S0/S1/D0: M0, the CustomBlock, and R0 where the schema has one. */
export interface RenderedBody {
  m0: M0Block;
  customBlock: Record<string, unknown>;
  r0?: R0Block;
}

/** A renderer of the publications caused by the events of `types`. */
export interface EgressRenderer<T extends MpanEvent['type'] = MpanEvent['type']> {
  /** The event types that can cause the publication. */
  causedBy: readonly T[];
  render(job: RenderJob<Extract<MpanEvent, { type: T }>>): RenderedBody;
}

/** Declares a renderer with its event types checked against the job's event. */
export function renderer<T extends MpanEvent['type']>(
  causedBy: readonly T[],
  render: (job: RenderJob<Extract<MpanEvent, { type: T }>>) => RenderedBody,
): EgressRenderer<T> {
  return { causedBy, render };
}

/** R0 of an acceptance with no messages (IF-006, IF-008, IF-026). */
export const ACCEPTED: R0Block = { responseCode: 'A', responseMessages: [] };
