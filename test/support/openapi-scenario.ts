import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Projector } from '@app/projections';
import { REPO_ROOT, TestApp } from './app';

/** The instant the OpenAPI examples were taken at: five minutes after the docs/examples messages were sent. */
export const EXAMPLES_NOW = '2025-03-20T10:20:00Z';

/** The instant the MPAN example is read at: 11:00 BST on 2025-04-02, the first day of the supply and of the appointment. */
export const SNAPSHOT_NOW = '2025-04-02T10:00:00Z';

/** A message file of docs/examples (a JSON array of one DIP message). */
export function docsExample(name: string): unknown[] {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'examples', `${name}.json`), 'utf8')) as unknown[];
}

/**
 * The IF-031 [MSApp] of docs/examples with another sender reference and an effective-from date
 * before the request (2025-03-01): a gaining supplier may not backdate an appointment (REG1034).
 */
export function backdatedMsAppointment(): unknown[] {
  const [message] = docsExample('ms-appointment-request') as Array<{ payload: { CustomBlock: { B070: Record<string, unknown> } } }>;
  message!.payload.CustomBlock.B070.proposedMeteringServiceDIPEffectiveFromDate = '2025-03-01T00:00:00+00:00';
  return [withReference(message, 'S-IF-031-1000000001-SUP-20250320-MSApp0002')];
}

/** A copy of `message` with another `S1.senderUniqueReference`. */
function withReference(message: unknown, reference: string): unknown {
  const copy = structuredClone(message) as { payload: { CommonBlock: { S1: Record<string, unknown> } } };
  copy.payload.CommonBlock.S1.senderUniqueReference = reference;
  return copy;
}

/** The answers the OpenAPI document shows as examples, each as the real app gave it. */
export interface ScenarioAnswers {
  [name: string]: { status: number; body: unknown };
}

/** The request bodies the OpenAPI document shows as examples (each sent in the scenario). */
export function scenarioRequests(): Record<string, unknown> {
  return {
    mpanCreation: docsExample('mpan-creation'),
    initialRegistration: docsExample('initial-registration'),
    if031MsApp: docsExample('ms-appointment-request'),
    if031Backdated: backdatedMsAppointment(),
    if034MsAppSpResponse: docsExample('ms-appointment-response'),
  };
}

/** `value` with every `eventId` (a random UUID per event) replaced by a fixed one, for comparisons. */
export function withFixedEventIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'eventId' && typeof v === 'string' ? '00000000-0000-4000-8000-000000000000' : v));
}

/**
 * The TypeScript module apps/registration-api/src/openapi/examples.ts holds: the scenario's
 * requests and answers (event ids fixed), as written by test/openapi.e2e-spec.ts with
 * `UPDATE_OPENAPI_EXAMPLES=1`.
 */
export function renderExamplesModule(answers: ScenarioAnswers): string {
  const json = (value: unknown) => JSON.stringify(withFixedEventIds(value), null, 2);
  return [
    '/**',
    ' * Examples of the OpenAPI document (docs/openapi.json), each a real request of the story in',
    ' * test/support/openapi-scenario.ts or the real app\'s answer to it (clock pinned at 2025-03-20T10:20:00Z,',
    ' * event ids fixed). Generated: test/openapi.e2e-spec.ts fails when the app answers otherwise;',
    ' * rewrite this file with `UPDATE_OPENAPI_EXAMPLES=1 npx jest test/openapi.e2e-spec.ts`, then `npm run openapi`.',
    ' */',
    '',
    '/** Request bodies (docs/examples, and a backdated IF-031 built from one). */',
    `export const EXAMPLE_REQUESTS = ${json(scenarioRequests())} as const;`,
    '',
    '/** Answers by name: HTTP status and body. */',
    `export const EXAMPLE_ANSWERS = ${json(answers)} as const;`,
    '',
  ].join('\n');
}

/**
 * Runs the story behind the OpenAPI examples on a fresh app whose clock is at {@link EXAMPLES_NOW}:
 * the LDSO creates MPAN 1900012374324, the switching service registers supplier 1000000001 from
 * 2025-04-02, the supplier asks for metering service 2000000001 (IF-031, accepted) and then sends a
 * backdated request (rejected, REG1034), the provider accepts (IF-034); then the supplier's feed,
 * the MPAN (on 2025-04-02), a search, a portfolio and its events are read, a few refusals are
 * provoked, and the probes are read — readiness also once failing (projector stopped, 90 s later). Returns every answer by name.
 */
export async function runExamplesScenario(t: TestApp): Promise<ScenarioAnswers> {
  const out: ScenarioAnswers = {};
  const take = (name: string, res: { status: number; body: unknown; text?: string }) => {
    out[name] = { status: res.status, body: res.body };
    return res;
  };
  take('mpanCreation', await t.http.post('/dip-channel/REGS-LDSO').send(docsExample('mpan-creation')));
  take('initialRegistration', await t.http.post('/dip-channel/REGS-CSS').send(docsExample('initial-registration')));
  take('if031Accepted', await t.http.post('/dip-channel/IF-031').send(docsExample('ms-appointment-request')));
  take('if031Rejected', await t.http.post('/dip-channel/IF-031').send(backdatedMsAppointment()));
  take('schemaFailure', await t.http.post('/dip-channel/IF-031').send([{ payload: { CommonBlock: {}, CustomBlock: {} } }]));
  const answered = take('if034Accepted', await t.http.post('/dip-channel/IF-034').send(docsExample('ms-appointment-response')));
  const position = (answered.body as { messageArray: Array<{ outcome: { position: string } }> }).messageArray[0]!.outcome.position;
  take('feedPage', await t.http.get('/participants/1000000001/publications').query({ limit: 2, minPosition: position }));
  // The MPAN as the view shows it on 2025-04-02, when the supply and the appointment have started.
  t.clock.set(SNAPSHOT_NOW);
  take('mpan', await t.http.get('/mpans/1900012374324').query({ minPosition: position }));
  take('search', await t.http.get('/mpans').query({ postcode: 'tn11aa', date: '2025-04-02' }));
  take('portfolio', await t.http.get('/participants/1000000001/portfolio').query({ date: '2025-04-02' }));
  take('events', await t.http.get('/mpans/1900012374324/events').query({ limit: 2 }));
  take('badMpanCore', await t.http.get('/mpans/1900012374325'));
  take('unknownMpan', await t.http.get('/mpans/1900012374333'));
  take('unknownChannel', await t.http.post('/dip-channel/IF-999').send([{}]));
  take('notAnArray', await t.http.post('/dip-channel/IF-031').send({ payload: {} }));
  take('live', await t.http.get('/health/live'));
  await t.app.get(Projector).waitForPosition(BigInt(position), 10_000);
  take('ready', await t.http.get('/health/ready'));
  // Readiness failing: the projector stopped while a message arrives, then 90 s pass (over the 60 s default bound).
  const projector = t.app.get(Projector);
  await projector.stop();
  try {
    await t.http.post('/dip-channel/IF-031').send(backdatedMsAppointment().map((m) => withReference(m, 'S-IF-031-1000000001-SUP-20250320-MSApp0003')));
    t.clock.set(new Date(Date.parse(SNAPSHOT_NOW) + 90_000).toISOString());
    take('notReady', await t.http.get('/health/ready'));
  } finally {
    projector.start();
  }
  return out;
}
