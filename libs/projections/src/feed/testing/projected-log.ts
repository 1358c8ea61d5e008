import { DataSource, EntityManager } from 'typeorm';
import type { RecordedEvent } from '@app/event-store';
import {
  CreatedMpanState,
  evolve,
  initialState,
  MpanEvent,
  MpanState,
  publicationsFor,
  ReferenceData,
} from '@app/registration-domain';
import type { MessageOutcomeData } from '@app/registration-app/messages/message-outcome';
import { RUNTIME_ENTITIES } from '../../runtime/entities';
import { RUNTIME_MIGRATIONS } from '../../runtime/migrations';
import type { MessageEventContext, ProjectedEvent, ProjectionContext } from '../../runtime/projection';
import { FeedItemEntity, FEED_TABLE_ENTITIES } from '../feed.entities';
import { storedMessageOf } from '../feed-page';
import { FEED_MIGRATION_CLASSES } from '../feed.migrations';

/**
 * Unit-test support for the feed projection: turns domain events into the {@link ProjectedEvent}s
 * the projector would hand over (each MPAN event followed by its `PublicationIssued` records, from
 * the real `publicationsFor`), and an in-memory SQLite database with the feed's tables.
 * For unit specs only; integration specs run the real projector on files.
 */

/** Registry DIP id of the sample reference data. */
export const REGISTRY_DIP_ID = '9000000002';

/** Builds projected events with consecutive positions from `firstPosition`, recorded at `recordedAt`. */
export class ProjectedLog {
  private position: bigint;
  private readonly states = new Map<string, { state: MpanState; revision: bigint }>();

  constructor(
    private readonly ref: ReferenceData,
    firstPosition = 1n,
    private readonly recordedAt = '2025-04-01T09:00:00.000Z',
  ) {
    this.position = firstPosition;
  }

  /** The MPAN event and the `PublicationIssued` contexts it causes, in log order. */
  mpanEvent(event: MpanEvent, correlationId = 'CI-TEST-1'): ProjectedEvent[] {
    const core = event.data.mpanCore;
    const entry = this.states.get(core) ?? { state: initialState(), revision: -1n };
    const stateBefore = entry.state;
    const stateAfter = evolve(stateBefore, event);
    const recorded = this.record(`mpan-${core}`, ++entry.revision, event.type, event.data as unknown as Record<string, unknown>, correlationId);
    entry.state = stateAfter;
    this.states.set(core, entry);
    const out: ProjectedEvent[] = [{ kind: 'mpan', recorded, mpanCore: core, event, stateBefore, stateAfter, causedBy: null }];
    if (stateAfter.status !== 'Created') return out;
    for (const publication of publicationsFor(event, stateAfter, this.ref)) {
      const issued = this.record(`mpan-${core}`, ++entry.revision, 'PublicationIssued', publication.data as unknown as Record<string, unknown>, correlationId);
      out.push({
        kind: 'mpan',
        recorded: issued,
        mpanCore: core,
        event: null,
        stateBefore: stateAfter,
        stateAfter,
        causedBy: { event, recorded, stateAfter: stateAfter as CreatedMpanState },
      });
    }
    return out;
  }

  /** A message stream: `InboundMessageReceived` (with `message`), then the outcome. */
  messageOutcome(outcome: Partial<MessageOutcomeData> & Pick<MessageOutcomeData, 'senderDipId' | 'responseCode'>, message: unknown = null): MessageEventContext[] {
    const data: MessageOutcomeData = {
      channelId: 'REGS-LDSO',
      eventCode: '[MPANCreation]',
      schemaVersion: '011',
      senderRoleId: 'LDSO',
      senderUniqueReference: 'S-IF-050-3000000010-LDSO-20250401-T1',
      correlationId: 'CI-TEST-2',
      mpanCore: '1012345678903',
      bodyHash: 'hash',
      receivedAt: this.recordedAt,
      reasons: outcome.responseCode === 'R' ? [{ code: 'REG0000', rule: 'MpanCoreInvalid', message: 'bad check digit' }] : [],
      streamName: null,
      streamRevision: null,
      positions: [],
      eventTypes: [],
      ...outcome,
    };
    const stream = `message-${data.senderDipId}-${data.senderUniqueReference}`;
    const receipt = this.record(stream, 0n, 'InboundMessageReceived', { ...data, ...(message === null ? {} : { message }) }, data.correlationId);
    const result = this.record(stream, 1n, data.responseCode === 'A' ? 'InboundMessageAccepted' : 'InboundMessageRejected', data as unknown as Record<string, unknown>, data.correlationId);
    return [
      { kind: 'message', recorded: receipt, receipt: null },
      { kind: 'message', recorded: result, receipt },
    ];
  }

  private record(streamName: string, revision: bigint, type: string, data: Record<string, unknown>, correlationId: string): RecordedEvent {
    const position = this.position++;
    return {
      streamName,
      revision,
      position,
      recordedAt: this.recordedAt,
      type,
      data,
      metadata: { schemaVersion: 1, eventId: `event-${position}`, correlationId, causationId: `cause-${position}` },
    };
  }
}

/** An in-memory SQLite database with the runtime's and the feed's tables (migrated). */
export async function openFeedTestDatabase(): Promise<DataSource> {
  const source = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: [...RUNTIME_ENTITIES, ...FEED_TABLE_ENTITIES],
    migrations: [...RUNTIME_MIGRATIONS, ...FEED_MIGRATION_CLASSES],
    migrationsRun: true,
    logging: false,
  });
  return source.initialize();
}

/** A projection context on `manager` (environment tag `PRD` unless given). */
export function contextOn(manager: EntityManager, referenceData: ReferenceData, environmentTag = 'PRD'): ProjectionContext {
  return { manager, referenceData, registryDipId: REGISTRY_DIP_ID, environmentTag };
}

/** A stored feed item with the message it serves (`storedMessageOf`: its own text, or its carrier's with its identity). */
export type ServedFeedItem = FeedItemEntity & { served: unknown };

/**
 * Every stored feed item (by recipient, then sequence) with the message the feed serves for it:
 * for tests that look at the messages whatever their stored form (./shared-copies.ts).
 */
export async function servedFeedItems(manager: EntityManager): Promise<ServedFeedItem[]> {
  const rows = await manager.getRepository(FeedItemEntity).find({ order: { recipientDipId: 'ASC', sequence: 'ASC' } });
  const byKey = new Map(rows.map((r) => [`${r.recipientDipId}#${r.sequence}`, r]));
  return rows.map((r) => ({
    ...r,
    served: storedMessageOf(r, r.bodySequence === null ? null : (byKey.get(`${r.bodyRecipientDipId}#${r.bodySequence}`)?.message ?? null)),
  }));
}
