import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  accept,
  Decision,
  decide,
  DecisionContext,
  evolve,
  initialState,
  MpanCommand,
  MpanState,
  mpanStreamName,
  publicationsFor,
  ReferenceData,
  supersededNote,
  UtcInstant,
} from '@app/registration-domain';
import { ukSettlementDayOf } from '../clock/clock';
import { CommandLoopResult, handleCommand, LoopDecider } from '../command-loop/handle-command';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { evolveMpanStream, MPAN_STATE_CACHE, MpanStateCache, MpanStreamEvent } from './mpan-stream';
import { ProcessRegistrationCommand } from './process-registration.command';

/** Current version of every registration event's data shape (docs/events.md). */
export const REGISTRATION_EVENT_SCHEMA_VERSION = 1;


/**
 * The MPAN decider as the command loop runs it: the pure `decide`, then for each accepted event
 * the publications it causes (`publicationsFor`, on the state after that event), appended in the
 * same atomic append so that what was published is recorded with what was decided.
 * `ctx.now` is the UTC instant of receipt and `ctx.today` its UK settlement day (`YYYY-MM-DD`).
 * Rejections come back as the domain's reasons (REG codes); nothing here throws on a rule.
 */
export function mpanLoopDecider(ctx: DecisionContext, ref: ReferenceData): LoopDecider<MpanCommand, MpanState, MpanStreamEvent> {
  return {
    initialState,
    evolve: evolveMpanStream,
    decide: (command, state): Decision<MpanStreamEvent> => {
      const decision = decide(command, state, ctx, ref);
      if (decision.kind === 'rejected') return decision;
      const out: MpanStreamEvent[] = [];
      let after = state;
      for (const event of decision.events) {
        after = evolve(after, event);
        out.push(event);
        if (after.status === 'Created') out.push(...publicationsFor(event, after, ref));
      }
      return accept(out);
    },
    notesFor: (events, before) =>
      events.flatMap((e) => (e.type === 'ServiceAppointmentSuperseded' ? [supersededNote(e, before)] : [])),
  };
}

/**
 * Thin handler: loads the MPAN stream (through the folded-state cache: only the events since the
 * last command on it are read), decides with the pure MPAN decider (time and reference data
 * passed in as data), appends events and publications with the exact revision, retries on conflict.
 * With the command's `commitWith` (the message's receipt and outcome) and a store that has
 * `appendToStreams`, they are committed in the same transaction (ADR 0017).
 */
@CommandHandler(ProcessRegistrationCommand)
export class ProcessRegistrationHandler implements ICommandHandler<ProcessRegistrationCommand, CommandLoopResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(MPAN_STATE_CACHE) private readonly cache: MpanStateCache,
  ) {}

  execute({ command, provenance, commitWith }: ProcessRegistrationCommand): Promise<CommandLoopResult> {
    const now = provenance.receivedAt as UtcInstant;
    const ctx = { now, today: ukSettlementDayOf(now) };
    return handleCommand(this.store, mpanStreamName(command.mpanCore), mpanLoopDecider(ctx, this.referenceData), command, {
      messageKey: provenance.messageKey,
      bodyHash: provenance.bodyHash,
      cache: this.cache,
      commitWith,
      metadataFor: () => ({
        schemaVersion: REGISTRATION_EVENT_SCHEMA_VERSION,
        eventId: randomUUID(),
        correlationId: provenance.correlationId,
        causationId: provenance.messageKey,
        senderDipId: provenance.senderDipId,
        senderRoleId: provenance.senderRoleId,
        channelId: provenance.channelId,
        eventCode: provenance.eventCode,
        receivedAt: provenance.receivedAt,
        referenceDataVersion: this.referenceData.version,
      }),
    });
  }
}
