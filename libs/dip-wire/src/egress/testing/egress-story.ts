import {
  CommandContext,
  CreatedMpanState,
  decide,
  DecisionContext,
  evolve,
  initialState,
  LocalDate,
  MpanCommand,
  MpanEvent,
  MpanState,
  PublicationIssued,
  publicationsFor,
  ReferenceData,
  UtcInstant,
} from '@app/registration-domain';
import { DNO_MPAN, EASTERN_LDSO, ref as sampleRef } from '@app/registration-domain/registration/testing/fixtures';
import { egressPublicationId, egressSenderReference, deterministicTransactionId } from '../egress-ids';
import { EgressIdentity } from '../egress-types';

/**
 * Test support: drives the real MPAN decider (`decide`, `evolve`, `publicationsFor`) through a
 * story of commands and keeps every publication it issues with the event that caused it and the
 * state after that event — the exact input of `renderPublication`.
 */

/** One `PublicationIssued` with its cause, as the feed would read it from the log. */
export interface Issued {
  publication: PublicationIssued['data'];
  event: MpanEvent;
  stateAfter: CreatedMpanState;
  /** Position of the publication in the story (stands in for the log position). */
  position: bigint;
}

export class MpanStory {
  state: MpanState = initialState();
  readonly issued: Issued[] = [];
  readonly events: MpanEvent[] = [];

  constructor(readonly ref: ReferenceData = sampleRef) {}

  /**
   * Decides `command` on the settlement day `today` (received at 09:00 UTC), folds the events and
   * records their publications.
   * @throws Error with the reasons when the decider rejects the command.
   */
  send(command: MpanCommand, today: string): MpanEvent[] {
    const ctx: DecisionContext = { now: `${today}T09:00:00.000Z` as UtcInstant, today: today as LocalDate };
    const decision = decide(command, this.state, ctx, this.ref);
    if (decision.kind === 'rejected') {
      throw new Error(`${command.type} on ${today} rejected: ${decision.reasons.map((r) => `${r.code} ${r.message}`).join('; ')}`);
    }
    for (const event of decision.events) this.record(event);
    return decision.events;
  }

  /** Folds one event and records its publications. */
  record(event: MpanEvent): void {
    this.state = evolve(this.state, event);
    const stateAfter = this.state as CreatedMpanState;
    this.events.push(event);
    for (const p of publicationsFor(event, stateAfter, this.ref)) {
      this.issued.push({ publication: p.data, event, stateAfter, position: BigInt(this.issued.length + 1) });
    }
  }

  /** The publications of `interfaceId` (and `eventCode`, when given). */
  find(interfaceId: string, eventCode?: string): Issued[] {
    return this.issued.filter((i) => i.publication.interfaceId === interfaceId && (eventCode === undefined || i.publication.eventCode === eventCode));
  }

  /** The one publication of `interfaceId` `eventCode` (the last when there are several). */
  last(interfaceId: string, eventCode: string): Issued {
    const found = this.find(interfaceId, eventCode);
    if (found.length === 0) throw new Error(`the story issued no ${interfaceId} ${eventCode}`);
    return found[found.length - 1]!;
  }
}

/** The registry's DIP id in the sample reference data. */
export const REGISTRY = '9000000002';

/** A deterministic identity for the `index`-th copy of a publication recorded at `recordedAt`. */
export function identityFor(interfaceId: string, position: bigint, index: number, recordedAt = '2025-04-10T09:00:00.000Z'): EgressIdentity {
  return {
    registryDipId: REGISTRY,
    senderUniqueReference: egressSenderReference(interfaceId, REGISTRY, position, index, recordedAt),
    transactionId: deterministicTransactionId(`${position}:${index}`, { interfaceId, senderDipId: REGISTRY, senderRoleId: 'REGS', on: recordedAt }),
    publicationId: egressPublicationId(interfaceId),
    correlationId: `CI-20250410-${position}`,
    recordedAt,
  };
}

/** A message context of `sender` in `role` for the story's MPAN (Eastern's LDSO in M0). */
export function contextOf(sender: string, role: string, ref: string): CommandContext {
  return { senderDipId: sender, senderRoleId: role, senderUniqueReference: ref, messageKey: `${sender}:${ref}`, distributorDipId: EASTERN_LDSO };
}

export { DNO_MPAN };
