import { Logger } from '@nestjs/common';
import { NewEvent, WrongExpectedRevisionError } from '@app/event-store';
import type { ViewDatabase } from '@app/projections';
import { EventStoreActivity } from '@app/registration-app';
import type { ProjectionLagProbe } from '../health/projection-lag.probe';
import { RegistryMetrics, streamTypeOf } from './registry-metrics';

const appended = { nextExpectedRevision: 0n, lastPosition: 1n, positions: [1n], recordedAt: '2025-06-15T00:00:00.000Z' };
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data, metadata: { schemaVersion: 1, eventId: type, correlationId: 'c', causationId: 'c' } });

/**
 * RegistryMetrics with its scrape-time sources failing (a store outage): the counters fed by
 * EventStoreActivity must still be served. (The sources themselves are covered over HTTP in
 * test/operations.e2e-spec.ts.)
 */
function metricsWithSourcesDown(activity: EventStoreActivity): RegistryMetrics {
  const down = () => Promise.reject(new Error('database is locked'));
  const probe = { measure: down } as unknown as ProjectionLagProbe;
  const views = { reader: { getRepository: () => ({ find: down }) } } as unknown as ViewDatabase;
  const metrics = new RegistryMetrics(activity, probe, views);
  metrics.onModuleInit();
  return metrics;
}

beforeAll(() => Logger.overrideLogger(false)); // the failing sources' warnings

describe('RegistryMetrics', () => {
  it('names stream types from stream names, never the name itself', () => {
    expect(['mpan-1900012374324', 'message-1000000001-S-1', 'day-start', 'anything'].map(streamTypeOf)).toEqual(['mpan', 'message', 'day-start', 'other']);
  });

  it('counts appends by stream type, append conflicts, and day-start runs from the event store activity', async () => {
    const activity = new EventStoreActivity();
    const metrics = metricsWithSourcesDown(activity);
    activity.appended('mpan-1900012374324', [event('MpanCreated'), event('PublicationIssued')], appended);
    activity.appendFailed('mpan-1900012374324', new WrongExpectedRevisionError('mpan-1900012374324', 3n, 4n));
    activity.appendFailed('mpan-1900012374324', new WrongExpectedRevisionError('mpan-1900012374324', 4n, 5n));
    activity.appendFailed('message-1-2', new WrongExpectedRevisionError('message-1-2', 'no_stream', 0n));
    activity.appendFailed('mpan-1900012374324', new Error('disk full')); // not a conflict
    activity.appended('day-start', [event('DayStartCompleted', { eventsAppended: 12, completedAt: '2025-06-15T00:00:05.000Z' })], appended);

    const { body } = await metrics.render();
    expect(body).toContain('regs_events_appended_total{stream_type="mpan"} 2');
    expect(body).toContain('regs_events_appended_total{stream_type="day-start"} 1');
    expect(body).toContain('regs_append_conflicts_total{stream_type="mpan"} 2');
    expect(body).toContain('regs_append_conflicts_total{stream_type="message"} 1');
    expect(body).toContain('regs_day_start_runs_total 1');
    expect(body).toContain('regs_day_start_events_appended_total 12');
    expect(body).toContain(`regs_day_start_last_completed_timestamp_seconds ${Date.parse('2025-06-15T00:00:05.000Z') / 1000}`);
    // The scrape-time gauges whose reads failed have no series, but the scrape answers.
    expect(body).toMatch(/# TYPE regs_projection_lag_events gauge\n(?!regs_projection_lag_events)/);
    metrics.onApplicationShutdown();
  });

  it('stops counting once shut down, and keeps each instance apart', async () => {
    const activity = new EventStoreActivity();
    const first = metricsWithSourcesDown(activity);
    const second = metricsWithSourcesDown(new EventStoreActivity());
    first.onApplicationShutdown();
    activity.appended('mpan-1', [event('MpanCreated')], appended);
    expect((await first.render()).body).not.toContain('regs_events_appended_total{');
    second.recordSubmission('IF-031', 201, 0.02, [{ channel: 'IF-031', eventCode: '[MSApp]', outcome: 'accepted', code: 'MSG0000', reasonCodes: [] }]);
    expect((await second.render()).body).toContain('regs_messages_received_total{channel="IF-031",event_code="[MSApp]",outcome="accepted",code="MSG0000"} 1');
    expect((await first.render()).body).not.toContain('regs_messages_received_total{');
  });
});
