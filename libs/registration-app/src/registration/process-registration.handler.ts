import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  decide,
  evolve,
  initialState,
  mpanStreamName,
  ReferenceData,
  UtcInstant,
} from '@app/registration-domain';
import { ukSettlementDayOf } from '../clock/clock';
import { CommandLoopResult, handleCommand } from '../command-loop/handle-command';
import { REFERENCE_DATA } from '../reference-data/reference-data.provider';
import { ProcessRegistrationCommand } from './process-registration.command';

/** Current version of every registration event's data shape (docs/events.md). */
export const REGISTRATION_EVENT_SCHEMA_VERSION = 1;

/**
 * Thin handler: loads the MPAN stream, decides with the pure registration decider (time and
 * reference data passed in as data), appends with the exact revision, retries on conflict.
 */
@CommandHandler(ProcessRegistrationCommand)
export class ProcessRegistrationHandler implements ICommandHandler<ProcessRegistrationCommand, CommandLoopResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  execute({ command, provenance }: ProcessRegistrationCommand): Promise<CommandLoopResult> {
    const now = provenance.receivedAt as UtcInstant;
    const ctx = { now, today: ukSettlementDayOf(now) };
    return handleCommand(
      this.store,
      mpanStreamName(command.mpanCore),
      { initialState, evolve, decide: (c: typeof command, s) => decide(c, s, ctx, this.referenceData) },
      command,
      {
        messageKey: provenance.messageKey,
        bodyHash: provenance.bodyHash,
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
      },
    );
  }
}
