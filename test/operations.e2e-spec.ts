import { signRequest } from '@app/dip-auth/testing/sign-request';
import { initialRegistrationMessage, mpanCreationMessage } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projector } from '@app/projections';
import { startTestApp, TestApp } from './support/app';
import { message, mpanCore, postOne, SAMPLE, withBadCheckDigit } from './support/dip';

/**
 * Operations endpoints over HTTP against the real app (docs/operations.md): the liveness and
 * readiness probes — readiness failing with the lagging projection named while the in-process
 * projector is stopped, and recovering once it catches up — and `/metrics` counting messages by
 * channel, event code and outcome.
 */

let t: TestApp;

beforeAll(async () => {
  // Tight bounds, so that a few messages put the stopped projections out of them.
  t = await startTestApp({ env: { REGISTRY_READY_MAX_LAG_EVENTS: '3', REGISTRY_READY_MAX_LAG_SECONDS: '30' } });
});

afterAll(async () => {
  await t?.close();
});

const LDSO = 'REGS-LDSO';
const CSS = 'REGS-CSS';

/** One sample of a Prometheus text exposition: its labels and value. */
interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of metric `name` in a Prometheus text exposition (`name{a="b",…} value` lines). */
function samples(text: string, name: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    out.push({ labels, value: Number(match[3]) });
  }
  return out;
}

/** The value of the one sample of `name` whose labels include `labels`, or `undefined`. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples(text, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(): Promise<string> {
  const res = await t.http.get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return res.text;
}

describe('GET /health/live', () => {
  it('answers 200 ok while the process runs, checking no dependency', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });
});

describe('GET /metrics', () => {
  it('counts an accepted and a rejected message with their channel, event code, outcome and REG code', async () => {
    const core = mpanCore('19', 9100);
    const accepted = await postOne(t.http, LDSO, message(mpanCreationMessage, { mpanCore: core }));
    expect(accepted.outcome).toMatchObject({ responseCode: 'A' });
    const rejected = await postOne(t.http, LDSO, message(mpanCreationMessage, { mpanCore: withBadCheckDigit(core) }));
    expect(rejected.outcome).toMatchObject({ responseCode: 'R', responseMessages: [expect.objectContaining({ code: 'REG0000' })] });
    const registration = message(initialRegistrationMessage, { mpanCore: core });
    await postOne(t.http, CSS, registration);
    const duplicate = await postOne(t.http, CSS, registration);
    expect(duplicate.outcome).toMatchObject({ duplicate: true });
    const schemaFailure = await t.http.post(`/dip-channel/${LDSO}`).send([{ payload: {} }]);
    expect(schemaFailure.status).toBe(400);

    const text = await scrape();
    const received = 'regs_messages_received_total';
    expect(valueOf(text, received, { channel: LDSO, event_code: '[MPANCreation]', outcome: 'accepted', code: 'MSG0000' })).toBe(1);
    expect(valueOf(text, received, { channel: LDSO, event_code: '[MPANCreation]', outcome: 'rejected', code: 'REG0000' })).toBe(1);
    expect(valueOf(text, received, { channel: CSS, event_code: '[InitialRegistration]', outcome: 'accepted' })).toBe(1);
    expect(valueOf(text, received, { channel: CSS, event_code: '[InitialRegistration]', outcome: 'duplicate' })).toBe(1);
    expect(valueOf(text, received, { channel: LDSO, event_code: 'unknown', outcome: 'schema_failure', code: 'MSG1001' })).toBe(1);
    expect(samples(text, received).reduce((sum, s) => sum + s.value, 0)).toBe(5);
    expect(valueOf(text, 'regs_message_rejection_reasons_total', { channel: LDSO, event_code: '[MPANCreation]', code: 'REG0000' })).toBe(1);

    // Latency: one observation per submission, under its status.
    expect(valueOf(text, 'regs_intake_duration_seconds_count', { channel: LDSO, status: '201' })).toBe(2);
    expect(valueOf(text, 'regs_intake_duration_seconds_count', { channel: LDSO, status: '400' })).toBe(1);
    expect(valueOf(text, 'regs_intake_duration_seconds_count', { channel: CSS, status: '201' })).toBe(2);
    // Appends: the MPAN stream got creation, registration and their publications; message streams a receipt and an outcome per processed message.
    expect(valueOf(text, 'regs_events_appended_total', { stream_type: 'mpan' })).toBe(4);
    expect(valueOf(text, 'regs_events_appended_total', { stream_type: 'message' })).toBe(6);
    // Process metrics of the own registry, and the projection gauges.
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples(text, 'regs_projection_position').map((s) => s.labels.projection).sort()).toEqual(['feed', 'mpan-view']);
    expect(valueOf(text, 'regs_log_head_position')).toBe(10);
  });

  it('is served unsigned, as the Prometheus text format, and not from the global prom-client registry', async () => {
    const { register } = await import('prom-client');
    expect(await register.getSingleMetric('regs_messages_received_total')).toBeUndefined();
    const text = await scrape();
    expect(text).toContain('# TYPE regs_messages_received_total counter');
    expect(text).toContain('# TYPE regs_intake_duration_seconds histogram');
  });

  it('labels a submission to a channel that is not open as unknown, whatever the path said and however it was refused', async () => {
    const wrongType = await t.http.post('/dip-channel/attacker-chosen-1').set('Content-Type', 'text/plain').send('x');
    expect(wrongType.status).toBe(415);
    const notOpen = await t.http.post('/dip-channel/attacker-chosen-2').send([{ payload: {} }]);
    expect(notOpen.status).toBe(404);
    const text = await scrape();
    expect(text).not.toContain('attacker-chosen');
    expect(valueOf(text, 'regs_intake_duration_seconds_count', { channel: 'unknown', status: '415' })).toBe(1);
  });

  it('times the submissions the JSON parser refuses before the controller (bad JSON, bad UTF-8, duplicate key, too deep), under the open channel or unknown', async () => {
    const count = (text: string, channel: string, status: string) => valueOf(text, 'regs_intake_duration_seconds_count', { channel, status }) ?? 0;
    const before = await scrape();
    // Signed as the LDSO, bytes as given (the parsers refuse them before the signature is checked).
    const post = (path: string, body: string | Buffer) => signRequest(t.http.post(path), SAMPLE.ldsoDipId, body, { now: t.clock.now() });
    const refused = [
      await post(`/dip-channel/${LDSO}`, '[{"payload":'),
      await post(`/dip-channel/${LDSO}`, Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xc3])])),
      await post(`/dip-channel/${LDSO}`, '[{"a":1,"a":2}]'),
      await post(`/dip-channel/${CSS}`, `${'['.repeat(40)}${']'.repeat(40)}`),
      await post('/dip-channel/attacker-chosen-3', '{not json'),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    const after = await scrape();
    expect(count(after, LDSO, '400') - count(before, LDSO, '400')).toBe(3);
    expect(count(after, CSS, '400') - count(before, CSS, '400')).toBe(1);
    expect(count(after, 'unknown', '400') - count(before, 'unknown', '400')).toBe(1);
    expect(after).not.toContain('attacker-chosen-3');
    // A refused body elsewhere (the feed's endpoints) is not a submission.
    const elsewhere = await post('/participants/1000000001/publications/ack', '{bad');
    expect(elsewhere.status).toBe(400);
    expect(valueOf(await scrape(), 'regs_intake_duration_seconds_count', { channel: 'unknown', status: '400' })).toBe(count(after, 'unknown', '400'));
  });

  it('does not name the framework (no X-Powered-By)', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('GET /health/ready', () => {
  let projector: Projector;

  beforeAll(async () => {
    projector = t.app.get(Projector);
    // Start from caught-up views: everything the first tests wrote is applied.
    await projector.waitForPosition(BigInt(valueOf(await scrape(), 'regs_log_head_position') ?? 0), 10_000);
  });

  it('answers 200 with the store head and each projection lag while within bounds', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: {
        eventStore: { status: 'up', headPosition: '10' },
        projections: {
          status: 'up',
          bounds: { maxEventsBehind: 3, maxSecondsBehind: 30 },
          lag: {
            'mpan-view': { position: '10', headPosition: '10', eventsBehind: 0, secondsBehind: 0 },
            feed: { position: '10', eventsBehind: 0, secondsBehind: 0 },
          },
        },
      },
    });
  });

  it('answers 503 naming the projection and its lag in events when the projector falls behind, and in seconds as time passes', async () => {
    await projector.stop();
    try {
      // 2 messages: 2 receipts, 2 MPAN events, 2 publications, 2 outcomes = 8 events the views have not applied.
      for (const serial of [9101, 9102]) await postOne(t.http, LDSO, message(mpanCreationMessage, { mpanCore: mpanCore('19', serial) }));
      let res = await t.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        status: 'error',
        info: { eventStore: { status: 'up', headPosition: '18' } },
        error: {
          projections: {
            status: 'down',
            lag: { 'mpan-view': { position: '10', headPosition: '18', eventsBehind: 4, eventsBehindCapped: true, secondsBehind: 0 } },
          },
        },
      });
      // Counted up to the bound + 1: "at least 4".
      expect(res.body.message).toBe(
        'projections: projection mpan-view is at least 4 event(s) and 0 s behind the log (at position 10, head 18); the bound is 3 event(s); ' +
          'projection feed is at least 4 event(s) and 0 s behind the log (at position 10, head 18); the bound is 3 event(s)',
      );
      const lagging = await scrape();
      expect(valueOf(lagging, 'regs_projection_lag_events', { projection: 'mpan-view' })).toBe(4);
      expect(valueOf(lagging, 'regs_projection_position', { projection: 'feed' })).toBe(10);

      // The oldest unapplied event was recorded at the pinned instant: 45 s later it is 45 s old.
      t.clock.set(new Date(Date.parse(t.clock.now()) + 45_000).toISOString());
      res = await t.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.message).toContain('projection mpan-view is at least 4 event(s) and 45 s behind the log (at position 10, head 18); the bound is 3 event(s) and 30 s');
      expect(valueOf(await scrape(), 'regs_projection_lag_seconds', { projection: 'feed' })).toBe(45);
    } finally {
      projector.start();
    }
    await projector.waitForPosition(18n, 10_000);
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.info.projections.lag['mpan-view']).toMatchObject({ position: '18', eventsBehind: 0, secondsBehind: 0 });
    expect(valueOf(await scrape(), 'regs_projection_lag_seconds', { projection: 'mpan-view' })).toBe(0);
  });

  it('is served without a DIP signature (the probes are public endpoints)', async () => {
    const { DIP_PUBLIC_ENDPOINT } = await import('@app/dip-auth');
    const { HealthController } = await import('../apps/registration-api/src/health/health.controller');
    const { MetricsController } = await import('../apps/registration-api/src/metrics/metrics.controller');
    expect(Reflect.getMetadata(DIP_PUBLIC_ENDPOINT, HealthController)).toBe(true);
    expect(Reflect.getMetadata(DIP_PUBLIC_ENDPOINT, MetricsController)).toBe(true);
  });
});

describe('when the event store is gone', () => {
  it('readiness answers 503 naming the store, liveness stays 200 and /metrics still answers', async () => {
    const gone = await startTestApp();
    try {
      await gone.app.get<EventStore>(EVENT_STORE).close();
      const ready = await gone.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.eventStore).toEqual({ status: 'down', message: expect.stringMatching(/^the event store is not reachable: .+/) });
      expect(ready.body.message).toMatch(/^eventStore: the event store is not reachable: .+; projections: the projection lag could not be read: .+/);
      expect((await gone.http.get('/health/live')).status).toBe(200);
      const metrics = await gone.http.get('/metrics');
      expect(metrics.status).toBe(200);
      expect(samples(metrics.text, 'regs_projection_lag_seconds')).toEqual([]);
    } finally {
      await gone.close();
    }
  });
});
