import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { VIEW_DATABASE, ViewDatabase } from '@app/projections';
import { FeedDeliveryEntity, FeedRecipientEntity, FeedSubscriptionEntity } from '@app/projections/feed';
import { DAY_START_STREAM, EventStoreActivity, MESSAGE_STREAM_PREFIX } from '@app/registration-app';
import { MPAN_STREAM_PREFIX } from '@app/registration-domain';
import { ProjectionLagProbe } from '../health/projection-lag.probe';
import { CountedMessage } from './message-outcomes';

/** The kind of a stream, from its name (a bounded label: never the stream name itself). */
export function streamTypeOf(streamName: string): 'mpan' | 'message' | 'day-start' | 'other' {
  if (streamName.startsWith(MPAN_STREAM_PREFIX)) return 'mpan';
  if (streamName.startsWith(MESSAGE_STREAM_PREFIX)) return 'message';
  if (streamName === DAY_START_STREAM) return 'day-start';
  return 'other';
}

/** Seconds buckets of the intake latency histogram: 5 ms to 30 s (a submission holds up to 1000 messages). */
const INTAKE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The registry's Prometheus metrics (issue #10 item 3; the list, labels and meaning are in
 * docs/operations.md "Metrics"), in a `prom-client` {@link Registry} of their own — never the
 * global default one, so two apps in one process (tests) never share counters.
 *
 * Where each comes from, observed from the outside of the write path:
 * - messages and intake latency: the acknowledgements `POST /dip-channel/{channelId}` returns
 *   (`IntakeMetricsInterceptor` calls {@link recordSubmission});
 * - events appended, append conflicts and day-start runs: {@link EventStoreActivity} (every append
 *   the application's event store commits or refuses);
 * - projection position and lag, feed backlog and webhook state: read when scraped, from the
 *   event store and the view database (the same lag the readiness probe checks);
 * - the default Node.js process metrics of `prom-client` (`process_*`, `nodejs_*`).
 */
@Injectable()
export class RegistryMetrics implements OnModuleInit, OnApplicationShutdown {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private unsubscribe: (() => void) | null = null;

  private readonly messages = new Counter({
    name: 'regs_messages_received_total',
    help: 'Inbound DIP messages by channel, event code and outcome (accepted, rejected, duplicate, schema_failure, reference_conflict, not_processed); code: the first REG code of a rejection, else the DIP message code (MSG0000, MSG1001, MSG1009, MSG5003).',
    labelNames: ['channel', 'event_code', 'outcome', 'code'] as const,
    registers: [this.registry],
  });
  private readonly rejectionReasons = new Counter({
    name: 'regs_message_rejection_reasons_total',
    help: 'Reasons of rejected inbound messages, one per REG (or local) code a rejection carries, by channel and event code.',
    labelNames: ['channel', 'event_code', 'code'] as const,
    registers: [this.registry],
  });
  private readonly intakeSeconds = new Histogram({
    name: 'regs_intake_duration_seconds',
    help: 'Time to process one submission of POST /dip-channel/{channelId} (validation, decisions, appends, acknowledgement), by channel and HTTP status.',
    labelNames: ['channel', 'status'] as const,
    buckets: INTAKE_BUCKETS,
    registers: [this.registry],
  });
  private readonly eventsAppended = new Counter({
    name: 'regs_events_appended_total',
    help: 'Events appended to the log, by stream type (mpan, message, day-start, other).',
    labelNames: ['stream_type'] as const,
    registers: [this.registry],
  });
  private readonly appendConflicts = new Counter({
    name: 'regs_append_conflicts_total',
    help: 'Appends refused because the stream moved on (a concurrent writer won), by stream type; each is followed by a fresh read and a retry (mpan: the command loop decides again; message: the intake looks at the message stream again).',
    labelNames: ['stream_type'] as const,
    registers: [this.registry],
  });
  private readonly dayStartRuns = new Counter({
    name: 'regs_day_start_runs_total',
    help: 'Completed day-start runs (DayStartCompleted records).',
    registers: [this.registry],
  });
  private readonly dayStartEvents = new Counter({
    name: 'regs_day_start_events_appended_total',
    help: 'Events day-start runs appended (activations, de-appointments, lapses and their publications).',
    registers: [this.registry],
  });
  private readonly dayStartLastCompleted = new Gauge({
    name: 'regs_day_start_last_completed_timestamp_seconds',
    help: 'Unix time at which the last day-start run seen by this process completed.',
    registers: [this.registry],
  });

  constructor(
    private readonly activity: EventStoreActivity,
    private readonly lagProbe: ProjectionLagProbe,
    @Inject(VIEW_DATABASE) private readonly views: ViewDatabase,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.defineScrapedGauges();
  }

  onModuleInit(): void {
    this.unsubscribe = this.activity.subscribe({
      appended: (streamName, events) => {
        this.eventsAppended.inc({ stream_type: streamTypeOf(streamName) }, events.length);
        for (const event of events) {
          if (event.type !== 'DayStartCompleted') continue;
          const data = event.data as { eventsAppended?: unknown; completedAt?: unknown };
          this.dayStartRuns.inc();
          if (typeof data.eventsAppended === 'number') this.dayStartEvents.inc(data.eventsAppended);
          const completedAt = typeof data.completedAt === 'string' ? Date.parse(data.completedAt) : NaN;
          if (Number.isFinite(completedAt)) this.dayStartLastCompleted.set(completedAt / 1000);
        }
      },
      conflicted: (streamName) => this.appendConflicts.inc({ stream_type: streamTypeOf(streamName) }),
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /**
   * Counts the messages of one answered submission and observes its latency (`seconds`) under the
   * HTTP `status` it got (201, 207, 503, or the 4xx of a refused body, with no messages then).
   */
  recordSubmission(channel: string, status: number, seconds: number, messages: readonly CountedMessage[]): void {
    this.intakeSeconds.observe({ channel, status: String(status) }, seconds);
    for (const m of messages) {
      this.messages.inc({ channel: m.channel, event_code: m.eventCode, outcome: m.outcome, code: m.code });
      for (const code of m.reasonCodes) this.rejectionReasons.inc({ channel: m.channel, event_code: m.eventCode, code });
    }
  }

  /** The metrics in Prometheus text format, with its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * Gauges read when scraped. A failed read (store or view database down) leaves the gauge without
   * series for that scrape and is logged (once per distinct failure); the scrape itself still answers (the readiness probe is
   * what reports the outage).
   */
  private defineScrapedGauges(): void {
    const logger = this.logger;
    const probe = this.lagProbe;
    // One measurement per scrape, shared by the four gauges below: prom-client starts every
    // metric's collect in the same tick, so they all get the pending read, which is forgotten once settled.
    let lagRead: ReturnType<ProjectionLagProbe['measure']> | null = null;
    const lags = () => {
      if (lagRead === null) {
        const read = probe.measure();
        lagRead = read;
        const forget = () => setImmediate(() => (lagRead = lagRead === read ? null : lagRead));
        read.then(forget, forget);
      }
      return lagRead;
    };
    const scraped = (name: string, help: string, labelNames: string[], fill: (gauge: Gauge) => Promise<void>) => {
      // Logged when a failure starts or changes, not at every scrape of a lasting outage.
      let lastFailure: string | null = null;
      return new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          try {
            await fill(this);
            lastFailure = null;
          } catch (error) {
            const failure = (error as Error).message;
            if (failure !== lastFailure) logger.warn(`${name} not collected: ${failure}`);
            lastFailure = failure;
          }
        },
      });
    };
    scraped('regs_log_head_position', 'Position of the last event in the log (a 64-bit position, exact up to 2^53).', [], async (g) => {
      const [first] = await lags();
      if (first) g.set(Number(first.headPosition));
    });
    scraped('regs_projection_position', 'Log position each projection has applied up to.', ['projection'], async (g) => {
      for (const l of await lags()) g.set({ projection: l.projection }, Number(l.position));
    });
    scraped(
      'regs_projection_lag_events',
      'Events in the log after each projection\'s checkpoint (counted up to REGISTRY_READY_MAX_LAG_EVENTS + 1, where it saturates).',
      ['projection'],
      async (g) => {
        for (const l of await lags()) g.set({ projection: l.projection }, l.eventsBehind);
      },
    );
    scraped(
      'regs_projection_lag_seconds',
      'Age of the oldest event each projection has not applied (registry clock minus its recorded-at), 0 when caught up.',
      ['projection'],
      async (g) => {
        for (const l of await lags()) g.set({ projection: l.projection }, l.secondsBehind);
      },
    );
    const views = this.views;
    scraped(
      'regs_feed_backlog_items',
      'Notification feed items of each recipient not yet acknowledged (last sequence minus acknowledged sequence; a webhook 2xx acknowledges).',
      ['recipient'],
      async (g) => {
        const [recipients, subscriptions] = await Promise.all([
          views.reader.getRepository(FeedRecipientEntity).find(),
          views.reader.getRepository(FeedSubscriptionEntity).find(),
        ]);
        const acknowledged = new Map(subscriptions.map((s) => [s.recipientDipId, s.acknowledgedSequence]));
        for (const r of recipients) g.set({ recipient: r.recipientDipId }, Math.max(0, r.lastSequence - (acknowledged.get(r.recipientDipId) ?? 0)));
      },
    );
    scraped(
      'regs_webhook_consecutive_failures',
      'Failed webhook POSTs since the last success, per recipient with webhook delivery.',
      ['recipient'],
      async (g) => {
        for (const d of await views.reader.getRepository(FeedDeliveryEntity).find()) g.set({ recipient: d.recipientDipId }, d.consecutiveFailures);
      },
    );
    scraped(
      'regs_webhook_parked',
      '1 when a recipient\'s webhook delivery is parked after repeated failures (until a replay), else 0.',
      ['recipient'],
      async (g) => {
        for (const d of await views.reader.getRepository(FeedDeliveryEntity).find()) g.set({ recipient: d.recipientDipId }, d.parkedAt === null ? 0 : 1);
      },
    );
  }
}
