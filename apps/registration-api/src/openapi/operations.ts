import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { channelIds } from '@app/dip-wire';
import { MPAN_ITEM_NAMES } from '@app/registration-domain/temporal';
import { EXAMPLE_ANSWERS, EXAMPLE_REQUESTS } from './examples';
import { DIP_SIGNED } from './openapi';
import { ref } from './schemas';

/**
 * The OpenAPI description of each operation, as one decorator per handler (`@Docs.submit()`), so
 * the controllers stay readable and the description lives in one folder. Examples are the real
 * requests and answers of ./examples.ts (checked against the app by test/openapi.e2e-spec.ts).
 */

type Example = { status: number; body: unknown };
type Schema = SchemaObject | ReferenceObject;

/** A JSON response with its schema and named examples (`summary` → a captured answer). */
function json(status: number, description: string, schema: Schema, examples: Record<string, Example> = {}): MethodDecorator & ClassDecorator {
  const named = Object.fromEntries(Object.entries(examples).map(([summary, e]) => [summary.replace(/[^A-Za-z0-9]+/g, '-'), { summary, value: e.body }]));
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema, ...(Object.keys(named).length > 0 ? { examples: named } : {}) } },
  });
}

/** An error answer (ErrorBody), with a captured example when there is one. */
function error(status: number, description: string, example?: Example): MethodDecorator & ClassDecorator {
  return json(status, description, ref('ErrorBody'), example ? { [description]: example } : {});
}

/** A query parameter: a string unless a schema is given. */
function query(name: string, description: string, schema: SchemaObject = { type: 'string' }, required = false): MethodDecorator & ClassDecorator {
  return ApiQuery({ name, description, required, schema });
}

const MPAN_CORE = ApiParam({ name: 'mpanCore', description: 'MPAN core: 13 digits, known distributor, mod-11 check digit (else 400 REG0000)', schema: { type: 'string', pattern: '^\\d{13}$', example: '1900012374324' } });
const DIP_ID = ApiParam({ name: 'dipId', description: 'DIP id of the participant: 10 digits (DT-006)', schema: { type: 'string', pattern: '^\\d{10}$', example: '1000000001' } });
const WAIT = [
  query('minPosition', 'Read your writes: wait until the views reached this log position (an acknowledgement\'s outcome.position)', { type: 'string', pattern: '^\\d{1,19}$' }),
  query('maxWaitMs', 'Longest wait for minPosition, ms (0 to REGISTRY_VIEW_WAIT_MAX_MS); 503 VIEW_BEHIND after it', { type: 'integer', minimum: 0 }),
];
const PAGE = [query('cursor', 'nextCursor of the previous page, unchanged'), query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 1000, default: 100 })];
const VIEW_BEHIND = error(503, 'The views did not reach minPosition in time (VIEW_BEHIND, Retry-After: 1)');
const BAD_REQUEST = error(400, 'A malformed, unknown or repeated parameter (the message names it)');
const A = EXAMPLE_ANSWERS;

/**
 * 401: the DIP signature guard refuses the request before anything else (docs/security.md); `code` is
 * the `DipAuthErrorCode` of `@app/dip-auth`.
 */
const UNAUTHENTICATED = error(
  401,
  'The request is not signed as the DIP requires (nothing done); `code` says why: MISSING_HEADER, MALFORMED_HEADER, MALFORMED_DATE, DATE_OUTSIDE_SKEW_WINDOW, CONTENT_HASH_MISMATCH, MALFORMED_CERTIFICATE, UNSUPPORTED_KEY, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_EXPIRED, KEY_NOT_REGISTERED, SAMPLE_KEY_REFUSED, SIGNATURE_INVALID',
);
/** 429: the per-participant rate limit (`ParticipantThrottlerGuard`), counted across every signed route. */
const RATE_LIMITED = error(429, "Over the participant's rate limit (REGISTRY_RATE_LIMIT requests per REGISTRY_RATE_LIMIT_WINDOW_MS); Retry-After says when to try again (docs/security.md)");
/** 403 of the operator / auditor endpoints (`@OperatorOnly()`). */
const OPERATOR_ONLY = error(403, 'OPERATOR_ONLY: only the registry operator (REGISTRY_DIP_ID) may call this operation');
/** 403 of the endpoints about one participant (`@OwnResource`): only that participant may call them. */
const NOT_OWN_RESOURCE = error(403, 'NOT_OWN_RESOURCE: the DIP id in the path is not the participant that signed the request');

/**
 * Class decorators of a signed controller: the operation group, the DIP signature requirement, and
 * the answers every signed operation can give before its handler runs — 401 (signature) and 429
 * (rate limit). Refusals that depend on the operation (403, …) are in its own `Docs` entry.
 */
export function SignedApi(tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiSecurity(DIP_SIGNED), UNAUTHENTICATED, RATE_LIMITED);
}

/** Per-handler descriptions. */
export const Docs = {
  submit: () =>
    applyDecorators(
      ApiOperation({
        summary: 'Submit DIP messages on a channel',
        description:
          'An array of 1 to 1000 DIP messages, processed in order, one acknowledgement entry each. Receipt is not acceptance: MSG0000 says the message was processed, `outcome.responseCode` says A (accepted) or R (rejected, with every broken rule). Idempotent on (senderDIPID, senderUniqueReference): a resend answers the recorded outcome with `duplicate: true`.',
      }),
      ApiParam({ name: 'channelId', description: 'The channel (S0.interfaceID)', schema: { type: 'string', enum: channelIds() } }),
      ApiBody({
        schema: { type: 'array', minItems: 1, maxItems: 1000, items: ref('DipMessage') },
        examples: {
          'IF-031-MSApp': { summary: 'IF-031 [MSApp]: supplier 1000000001 asks for metering service 2000000001 from 2025-04-02 (accepted)', value: EXAMPLE_REQUESTS.if031MsApp },
          'IF-031-MSApp-backdated': { summary: 'IF-031 [MSApp] backdated to 2025-03-01 (rejected: REG1034 …)', value: EXAMPLE_REQUESTS.if031Backdated },
          'IF-034-MSAppSPResponse': { summary: 'IF-034 [MSAppSPResponse]: the metering service accepts', value: EXAMPLE_REQUESTS.if034MsAppSpResponse },
          'REGS-LDSO-MPANCreation': { summary: 'REGS-LDSO [MPANCreation]: the LDSO creates MPAN 1900012374324', value: EXAMPLE_REQUESTS.mpanCreation },
          'REGS-CSS-InitialRegistration': { summary: 'REGS-CSS [InitialRegistration]: supplier 1000000001 from 2025-04-02', value: EXAMPLE_REQUESTS.initialRegistration },
        },
      }),
      json(201, 'Every message processed (accepted or rejected on business rules)', ref('Acknowledgement'), {
        'IF-031 accepted': A.if031Accepted,
        'IF-031 rejected (REG1034 and the other broken rules)': A.if031Rejected,
        'REGS-LDSO MPAN creation accepted': A.mpanCreation,
      }),
      json(207, 'Some messages processed, some not: schema failure MSG1001 (with errors[]), MSG1009 reference conflict, MSG5003 store failure part-way', ref('Acknowledgement')),
      json(
        400,
        'No message processed because of what was sent: the acknowledgement, every entry MSG1001 (schema failure, with errors[]) or MSG1009 (reused reference), as the DIP answers. A body refused whole (not a non-empty JSON array of message objects, not JSON, a duplicated key, a __proto__/constructor/prototype key, nesting deeper than 32, a lone surrogate or NUL) is answered with an ErrorBody instead, naming the JSON path.',
        { oneOf: [ref('Acknowledgement'), ref('ErrorBody')] },
        { 'Schema failure': A.schemaFailure, 'Not an array': A.notAnArray },
      ),
      error(403, 'SENDER_NOT_SIGNER: a message names another participant as S1.senderDIPID than the one that signed the request (nothing processed)'),
      error(404, 'Unknown channel', A.unknownChannel),
      error(413, 'More than REGISTRY_MAX_MESSAGES_PER_SUBMISSION messages (1000), or a body over REGISTRY_BODY_LIMIT_BYTES (10 MiB)'),
      error(415, 'The body is not application/json in UTF-8'),
      json(503, 'The store failed before any message was processed: every entry MSG5003 (resend unchanged)', ref('Acknowledgement')),
    ),
  mpan: () =>
    applyDecorators(
      ApiOperation({ summary: 'Everything held for an MPAN, effective today (the MPAN query view)', description: 'Snapshot on today (UK settlement day), timelines, appointment requests, and the log position the views reflect. docs/query-view.md.' }),
      MPAN_CORE,
      ...WAIT,
      json(200, 'The MPAN (here read on 2025-04-02)', ref('MpanViewAnswer'), { 'MPAN 1900012374324 on 2025-04-02': A.mpan }),
      error(400, 'Malformed MPAN core (REG0000) or parameter', A.badMpanCore),
      error(404, 'Unknown MPAN', A.unknownMpan),
      VIEW_BEHIND,
    ),
  search: () =>
    applyDecorators(
      ApiOperation({ summary: 'Search MPANs by postcode, meter id or ESME GUID on a date', description: 'Exactly one criterion; the postcode is normalised (`tn11aa` = `TN1 1AA`). In MPAN core order, paginated.' }),
      query('postcode', 'Metering point postcode (normalised)'),
      query('meterId', 'Installed meter id'),
      query('esmeGuid', 'Installed ESME GUID'),
      query('date', 'Settlement day (default today, UK)', { type: 'string', format: 'date' }),
      ...PAGE,
      ...WAIT,
      json(200, 'A page of matching MPANs with the matching periods', ref('MpanSearchPage'), { 'Postcode TN1 1AA on 2025-04-02': A.search }),
      error(400, 'None or several criteria, or a bad parameter'),
      VIEW_BEHIND,
    ),
  events: () =>
    applyDecorators(
      ApiOperation({ summary: "The MPAN's event history, from the log", description: 'Every event with revision, position, recorded-at, type, data and metadata, page by page.' }),
      MPAN_CORE,
      query('fromRevision', 'First revision (default 0)', { type: 'string', pattern: '^\\d{1,19}$' }),
      query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
      json(200, 'A page of events', ref('MpanEventsPage'), { 'The first two events of MPAN 1900012374324': A.events }),
      error(400, 'Malformed MPAN core (REG0000) or parameter', A.badMpanCore),
      OPERATOR_ONLY,
      error(404, 'Unknown MPAN', A.unknownMpan),
    ),
  history: () =>
    applyDecorators(
      ApiOperation({
        summary: 'History replay for a service: the events a participant may see, as NDJSON',
        description: 'docs/audit.md. Headers x-regs-through-revision, x-regs-entitled-from-revision, x-regs-entitled-roles. One JSON event per line.',
      }),
      MPAN_CORE,
      query('participant', 'DIP id of the participant replaying', { type: 'string', pattern: '^\\d{10}$' }, true),
      query('fromRevision', 'Start at this revision (inclusive)', { type: 'string', pattern: '^\\d{1,19}$' }),
      query('fromPosition', 'Start at this log position (inclusive); not with fromRevision', { type: 'string', pattern: '^\\d{1,19}$' }),
      ApiProduces('application/x-ndjson'),
      ApiResponse({ status: 200, description: 'One RecordedEvent per line', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }),
      BAD_REQUEST,
      error(403, 'NOT_OWN_RESOURCE: `participant` is not the participant that signed the request; or the participant has no entitling role on the MPAN'),
      error(404, 'Unknown participant or MPAN'),
    ),
  portfolio: () =>
    applyDecorators(
      ApiOperation({ summary: "A participant's portfolio on a date", description: 'The MPANs where it is the supplier or the appointed metering or data service on `date`, in MPAN core order, paginated, stamped with the log position.' }),
      DIP_ID,
      query('date', 'Settlement day (default today, UK)', { type: 'string', format: 'date' }),
      query('role', 'Only this role', { type: 'string', enum: ['SUP', 'MS', 'DS'] }),
      ...PAGE,
      ...WAIT,
      json(200, 'A page of the portfolio', ref('PortfolioPage'), { 'Supplier 1000000001 on 2025-04-02': A.portfolio }),
      BAD_REQUEST,
      NOT_OWN_RESOURCE,
      error(404, 'Unknown participant'),
      VIEW_BEHIND,
    ),
  temporal: (summary: string, params: Array<[string, string]>, extra: Array<MethodDecorator & ClassDecorator> = []) =>
    applyDecorators(
      ApiOperation({ summary, description: 'From the log itself (docs/temporal-model.md). Effective dates `YYYY-MM-DD` (default today, UK); knownAt an ISO 8601 instant with offset (default now).' }),
      MPAN_CORE,
      ...params.map(([name, description]) => query(name, description)),
      ...extra,
      json(200, summary, ref('TemporalAnswer')),
      error(400, 'Malformed MPAN core (REG0000) or parameter'),
      OPERATOR_ONLY,
      error(404, 'Unknown MPAN, or not yet created at knownAt'),
    ),
  explainItem: () => query('item', 'The item, named as in the snapshot', { type: 'string', enum: [...MPAN_ITEM_NAMES] }, true),
  publications: () =>
    applyDecorators(
      ApiOperation({ summary: "A page of the participant's notification feed", description: 'Publications issued to the participant and rejections of its own messages, as DIP egress or status messages, in its own gapless sequence. docs/feed.md.' }),
      DIP_ID,
      query('after', 'Sequence to start after (default: the acknowledged sequence)', { type: 'integer', minimum: 0 }),
      query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
      ...WAIT,
      json(200, 'A feed page', ref('FeedPage'), { 'The first two items of supplier 1000000001': A.feedPage }),
      BAD_REQUEST,
      NOT_OWN_RESOURCE,
      error(404, 'Unknown participant'),
      VIEW_BEHIND,
    ),
  acknowledge: () =>
    applyDecorators(
      ApiOperation({ summary: 'Acknowledge the feed up to a sequence', description: 'Never lowers the acknowledged sequence (a lower one changes nothing and says so).' }),
      DIP_ID,
      ApiBody({ schema: ref('AckRequest'), examples: { ack: { summary: 'Acknowledge items 1 and 2', value: { sequence: 2 } } } }),
      json(200, 'The acknowledged sequence', ref('AckResult')),
      error(400, 'Not a flat JSON object {"sequence": n}, or n beyond the last sequence'),
      NOT_OWN_RESOURCE,
      error(404, 'Unknown participant'),
      error(415, 'The body is not application/json'),
    ),
  replay: () =>
    applyDecorators(
      ApiOperation({ summary: 'Redeliver the feed to the webhook from a sequence', description: 'Items are sent again with D0.replayIndicator true; un-parks delivery.' }),
      DIP_ID,
      ApiBody({ schema: ref('ReplayRequest'), examples: { replay: { summary: 'From item 2', value: { fromSequence: 2 } } } }),
      json(202, 'Replay scheduled', ref('ReplayResult')),
      BAD_REQUEST,
      NOT_OWN_RESOURCE,
      error(404, 'Unknown participant'),
      error(409, 'The participant has no webhook'),
      error(415, 'The body is not application/json'),
    ),
  config: (summary: string, withBody = false) =>
    applyDecorators(
      ApiOperation({ summary, description: 'Event-code filter and webhook, like the DIP pubconfig, with the webhook delivery state.' }),
      DIP_ID,
      ...(withBody
        ? [
            ApiBody({ schema: ref('PublicationConfigChange'), examples: { webhook: { summary: 'Only MS activations, pushed to a webhook', value: { eventCodes: ['[MSAppActive]'], webhookUrl: 'https://example.org/hook' } } } }),
            error(415, 'The body is not application/json'),
          ]
        : []),
      json(200, 'The publication config', ref('PublicationConfig')),
      BAD_REQUEST,
      NOT_OWN_RESOURCE,
      error(404, 'Unknown participant'),
    ),
  runDayStart: () =>
    applyDecorators(
      ApiOperation({ summary: 'Run the day-start process through a day', description: 'Activations (IF-036), de-appointments (IF-037) and lapses (IF-035) for every day not yet run, through `through` (default today, UK). ADR 0005.' }),
      ApiBody({ required: false, schema: ref('DayStartRequest'), examples: { through: { summary: 'Through 2025-04-02', value: { through: '2025-04-02' } } } }),
      json(200, 'What the run did', ref('DayStartReport')),
      error(400, 'A malformed body, or a day after today'),
      OPERATOR_ONLY,
      error(415, 'The body is not application/json'),
    ),
  live: () =>
    applyDecorators(
      ApiOperation({ summary: 'Liveness: the process is up', description: 'Checks no dependency: 200 while the process serves HTTP (a store outage never gets the process restarted). Unsigned.' }),
      json(200, 'The process is up', ref('HealthCheckResult'), { Up: A.live }),
    ),
  ready: () =>
    applyDecorators(
      ApiOperation({
        summary: 'Readiness: the event store answers and every projection is within its lag bounds',
        description:
          'Checks `eventStore` (the log head position, within REGISTRY_HEALTH_TIMEOUT_MS) and `projections` (each projection at most REGISTRY_READY_MAX_LAG_EVENTS events and REGISTRY_READY_MAX_LAG_SECONDS seconds behind the log). Unsigned. docs/operations.md.',
      }),
      json(200, 'Ready', ref('HealthCheckResult'), { Ready: A.ready }),
      json(503, 'Not ready: `message` names each failing check (the projection and its lag, or the store error)', ref('HealthCheckResult'), {
        'Projections 90 s behind (bound 60 s)': A.notReady,
      }),
    ),
  metrics: () =>
    applyDecorators(
      ApiOperation({
        summary: 'Prometheus metrics',
        description:
          'Messages by channel, event code and outcome; intake latency; appends and conflicts; projection positions and lag; feed backlog and webhook state per recipient; day-start runs; Node.js process metrics. Unsigned (expose on the operators\' network). docs/operations.md.',
      }),
      ApiProduces('text/plain'),
      ApiResponse({
        status: 200,
        description: 'Prometheus text exposition format 0.0.4',
        content: { 'text/plain': { schema: { type: 'string', example: 'regs_messages_received_total{channel="IF-031",event_code="[MSApp]",outcome="accepted",code="MSG0000"} 1\n' } } },
      }),
    ),
  dayStartStatus: () =>
    applyDecorators(
      ApiOperation({ summary: 'The last completed day-start day' }),
      json(200, 'The last completed settlement day, or null', { type: 'object', properties: { lastCompletedDay: { type: 'string', format: 'date', nullable: true } } }),
      OPERATOR_ONLY,
    ),
};
