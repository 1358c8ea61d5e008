import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { channelIds, eventCodesOf } from '@app/dip-wire';

/**
 * Component schemas of the OpenAPI document (`components.schemas`), written by hand from the
 * answer types (their docstrings are the source; docs/api shapes in the README). Referenced from
 * the controllers' decorators with {@link ref}. Positions and revisions are 64-bit decimal
 * strings; effective dates `YYYY-MM-DD` (UK settlement days); instants UTC ISO 8601.
 */

/** `{ $ref: '#/components/schemas/<name>' }` (the OpenAPI test checks that every reference resolves). */
export function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

const decimal = (description: string): SchemaObject => ({ type: 'string', pattern: '^\\d{1,19}$', description });
const date = (description: string): SchemaObject => ({ type: 'string', format: 'date', description });
const instant = (description: string): SchemaObject => ({ type: 'string', format: 'date-time', description });
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const period = (description: string): SchemaObject => ({ nullable: true, description, allOf: [ref('Period')] });

/** Every event code of every open channel, for the `S0.eventCode` enum. */
function allEventCodes(): string[] {
  return [...new Set(channelIds().flatMap((c) => eventCodesOf(c)))].sort();
}

/** Names of the snapshot's items (as `GET /mpans/{core}` and `/state` answer them). */
const SNAPSHOT_ITEMS: Array<[string, string]> = [
  ['gspGroupId', 'GSP group id (e.g. `_J`)'],
  ['address', 'metering point address `{ postcode, lines[9] }`'],
  ['connectionType', 'connection type indicator (DI-015)'],
  ['energyDirection', 'energy direction `I` import / `E` export'],
  ['meteredIndicator', 'metered indicator (boolean)'],
  ['marketSegment', 'market segment indicator (DI-050)'],
  ['duosTariffId', 'DUoS tariff id'],
  ['energisationStatus', 'energisation status `E` / `D`'],
  ['supplier', 'registered supplier `{ supplierDipId, supplierMpid, cssRegistrationId, registrationKind }`'],
  ['meteringService', 'appointed metering service `{ appointmentId, providerDipId, providerMpid, providerRole, requestingSupplierDipId, … }`'],
  ['dataService', 'appointed data service (same shape as meteringService)'],
  ['ihdInstallStatus', 'IHD install status (IF-025 [IHDInfo])'],
  ['domesticPremiseIndicator', 'domestic premise indicator (boolean)'],
  ['disconnectionStatus', 'disconnection status (IF-009)'],
  ['profileClass', 'profile class (IF-025 [SSCandProfileClass])'],
  ['ssc', 'standard settlement configuration'],
  ['consentGranularity', 'consent granularity (IF-025 [ConsentGranularity])'],
  ['smso', 'SMSO id (IF-025 [SMSO])'],
];

/** The components, by name. */
export const COMPONENT_SCHEMAS = {
  DipMessage: {
    type: 'object',
    required: ['payload'],
    description:
      'One DIP message as the DIP sends it (`DIPMessage` of the official DIP API 2.2.1, reference/dip/). On a DIP interface channel (IF-005, IF-007, IF-025, IF-031, IF-034) the payload is the official event schema (e.g. `IF-031-MSApp`); on REGS-LDSO and REGS-CSS (ADR 0003) `S0` is ours and the CustomBlock mirrors an official one. Unknown properties are refused; every error is reported with its JSON path (MSG1001).',
    properties: {
      payload: {
        type: 'object',
        required: ['CommonBlock', 'CustomBlock'],
        properties: {
          CommonBlock: {
            type: 'object',
            required: ['S0', 'S1', 'M0'],
            properties: {
              S0: {
                type: 'object',
                required: ['interfaceID', 'schemaVersion', 'eventCode'],
                properties: {
                  interfaceID: { type: 'string', enum: channelIds(), description: 'The channel id, as in the path' },
                  schemaVersion: { type: 'string', enum: ['011'] },
                  eventCode: { type: 'string', enum: allEventCodes(), description: 'Bracketed event code; must belong to the channel' },
                },
              },
              S1: {
                type: 'object',
                description: 'Sender block (official `S1`): environment tag, senderUniqueReference (DT-995, the idempotency key with senderDIPID), senderTimestamp (DT-003), senderDIPID, senderRoleID, senderCorrelationID.',
                required: ['environmentTag', 'senderUniqueReference', 'senderTimestamp', 'senderDIPID', 'senderRoleID'],
                properties: {
                  environmentTag: { type: 'string', enum: ['PRD', 'SITB', 'SIT', 'UIT', 'DEV'] },
                  subText: nullable({ type: 'string' }),
                  senderUniqueReference: { type: 'string', maxLength: 60 },
                  senderTimestamp: { type: 'string', description: 'DT-003 date-time with offset, e.g. 2025-03-20T10:15:00+00:00' },
                  senderDIPID: { type: 'string', pattern: '^\\d{10}$' },
                  senderRoleID: { type: 'string' },
                  senderCorrelationID: nullable({ type: 'string' }),
                  DIPConnectionProviderID: nullable({ type: 'string' }),
                },
              },
              A0: { type: 'object', description: 'Recipients block (official `A0`), where the interface has one.' },
              M0: {
                type: 'object',
                required: ['MPANCore'],
                description: 'MPAN block (official `M0`): MPANCore (13 digits, check digit), distributorDIPID, GSPGroupID.',
                properties: { MPANCore: { type: 'string', pattern: '^\\d{13}$' }, distributorDIPID: { type: 'string' }, GSPGroupID: { type: 'string' } },
              },
            },
          },
          CustomBlock: { type: 'object', description: "The event's data blocks (B0nn), as the official event schema defines them." },
        },
      },
    },
  },
  Acknowledgement: {
    type: 'object',
    required: ['messageArray', 'timestamp'],
    description: 'The DIP `StandardResponse`: one entry per message submitted, in order.',
    properties: { messageArray: { type: 'array', items: ref('AckEntry') }, timestamp: { type: 'string', description: 'DT-003 instant of the answer' } },
  },
  AckEntry: {
    type: 'object',
    description:
      "One message's acknowledgement (official `StandardResponseBodyType`, with `outcome` and `errors` added). `message`: `MSG0000 - Success` (received and processed: the business answer is `outcome.responseCode`), `MSG1001 - Schema Failure` (see `errors`), `MSG1009 - Sender Unique Reference Conflict`, `MSG5003 - Registry Unavailable` (resend unchanged).",
    required: ['transactionID', 'senderUniqueReference', 'correlationID', 'sentTimestamp', 'senderID', 'recipientID', 'message', 'help', 'outcome'],
    properties: {
      transactionID: nullable({ type: 'string', maxLength: 65, description: 'DT-014, stable per (sender, reference)' }),
      senderUniqueReference: nullable({ type: 'string' }),
      correlationID: nullable({ type: 'string' }),
      sentTimestamp: { type: 'string' },
      senderID: { type: 'string', description: "This registry's DIP id" },
      recipientID: nullable({ type: 'string', description: "The message's sender" }),
      DIPConnectionProviderID: nullable({ type: 'string' }),
      message: { type: 'string', enum: ['MSG0000 - Success', 'MSG1001 - Schema Failure', 'MSG1009 - Sender Unique Reference Conflict', 'MSG5003 - Registry Unavailable'] },
      help: nullable({ type: 'string' }),
      serviceTicketURL: nullable({ type: 'string' }),
      outcome: { nullable: true, allOf: [ref('AckOutcome')] },
      errors: { type: 'array', description: 'MSG1001 only: every schema error', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    },
  },
  AckOutcome: {
    type: 'object',
    description: 'The business outcome of a processed message.',
    properties: {
      responseCode: { type: 'string', enum: ['A', 'R'], description: 'A accepted, R rejected' },
      responseMessages: {
        type: 'array',
        description: 'Every broken rule of a rejection (REG or local code, rule name, text; docs/rules.md), or informational notes of an acceptance (REG1089)',
        items: { type: 'object', properties: { code: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } },
      },
      duplicate: { type: 'boolean', description: 'A resend of a message already processed: the recorded outcome, nothing appended' },
      mpanCore: { type: 'string' },
      streamName: nullable({ type: 'string' }),
      streamRevision: nullable(decimal('Revision of the MPAN stream after the message')),
      position: decimal("Log position of the message's effect (its last MPAN event, or its rejection record): pass as ?minPosition= to any view read"),
      eventTypes: { type: 'array', items: { type: 'string' } },
      receivedAt: instant('When the registry first received the message'),
    },
  },
  ErrorBody: {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    description: 'Every non-2xx answer but a submission acknowledgement: the status, its name and a message naming what was wrong.',
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { type: 'string' },
      code: {
        type: 'string',
        description:
          'REG0000 for an MPAN core problem, VIEW_BEHIND when the views did not reach minPosition in time; on a 401 why the signature was refused (MISSING_HEADER, SIGNATURE_INVALID, …); on a 403 OPERATOR_ONLY, NOT_OWN_RESOURCE or SENDER_NOT_SIGNER',
      },
    },
  },
  Period: {
    type: 'object',
    required: ['effectiveFromDate', 'effectiveToDate', 'value'],
    description: 'A value over settlement days: from effectiveFromDate to effectiveToDate (inclusive; null = open-ended).',
    properties: {
      effectiveFromDate: date('First settlement day'),
      effectiveToDate: nullable(date('Last settlement day, null while open')),
      value: { description: "The item's value (a string, boolean or object; see the item)" },
    },
  },
  MpanSnapshot: {
    type: 'object',
    description: 'Every data item of the MPAN effective on `settlementDate`, each a Period (null when it has no value that day).',
    properties: {
      mpanCore: { type: 'string' },
      distributorId: { type: 'string' },
      effectiveFromDate: date('When the MPAN took effect'),
      settlementDate: date('The day the snapshot is for'),
      ...Object.fromEntries(SNAPSHOT_ITEMS.map(([name, description]) => [name, period(description)])),
      pendingAppointments: { type: 'array', items: { type: 'object' }, description: 'Appointment requests awaiting the provider (IF-034)' },
      meters: { type: 'array', items: { type: 'object' }, description: 'Meters installed on the day (IF-005)' },
    },
  },
  MpanViewAnswer: {
    type: 'object',
    description: 'Everything the MPAN query view holds for one MPAN (docs/query-view.md).',
    properties: {
      mpanCore: { type: 'string' },
      effectiveAt: date('The UK settlement day of the snapshot (today)'),
      position: decimal('The log position the views reflect'),
      asKnownAt: instant('Recorded-at instant of the last record applied'),
      streamRevision: decimal("The MPAN stream's last revision applied"),
      streamPosition: decimal("The MPAN stream's last position applied"),
      streamRecordedAt: instant('When that record was recorded'),
      snapshot: ref('MpanSnapshot'),
      timelines: { type: 'object', description: 'Every item as a list of Periods, oldest first (suppliers, meteringServices, dataServices, meters, …)', additionalProperties: true },
      appointmentRequests: { type: 'array', items: { type: 'object' }, description: 'Every IF-031 request accepted for the MPAN, with its status' },
    },
  },
  MpanSearchPage: {
    type: 'object',
    properties: {
      criteria: { type: 'object', description: 'The criterion as compared (postcode normalised)' },
      date: date('The day matched on'),
      items: { type: 'array', items: { type: 'object', properties: { mpanCore: { type: 'string' }, matches: { type: 'array', items: ref('Period') } } } },
      nextCursor: nullable({ type: 'string', description: 'Opaque; null on the last page' }),
      position: decimal('The log position the views reflect'),
    },
  },
  PortfolioPage: {
    type: 'object',
    properties: {
      dipId: { type: 'string' },
      date: date('The day the roles hold on'),
      role: nullable({ type: 'string', enum: ['SUP', 'MS', 'DS'] }),
      items: {
        type: 'array',
        items: { type: 'object', properties: { mpanCore: { type: 'string' }, roles: { type: 'array', items: { type: 'object', description: 'role (SUP, MS, DS), effectiveFromDate, effectiveToDate and the role\'s data' } } } },
      },
      nextCursor: nullable({ type: 'string' }),
      position: decimal('The log position the views reflect'),
    },
  },
  RecordedEvent: {
    type: 'object',
    description: 'An event as stored in the log (docs/events.md).',
    properties: {
      revision: decimal('0-based revision in its stream'),
      position: decimal('Global log position'),
      recordedAt: instant('When the log recorded it'),
      type: { type: 'string' },
      data: { type: 'object' },
      metadata: { type: 'object', description: 'schemaVersion, eventId, correlationId, causationId, sender, message key …' },
    },
  },
  MpanEventsPage: {
    type: 'object',
    properties: { mpanCore: { type: 'string' }, events: { type: 'array', items: ref('RecordedEvent') }, nextFromRevision: nullable(decimal('Pass as fromRevision for the next page; null at the end')) },
  },
  TemporalAnswer: {
    type: 'object',
    description: 'An answer of the temporal reads (docs/temporal-model.md): the MPAN on an effective day as known at an instant (`state`), every period with provenance (`timeline`), item differences (`diff`) or the events behind an item (`explain`).',
    additionalProperties: true,
  },
  FeedItem: {
    type: 'object',
    properties: {
      sequence: { type: 'integer', description: "The participant's own gapless sequence" },
      publicationId: nullable({ type: 'string', description: 'DI-986 (PUB-nnn); null for a status message' }),
      transactionId: { type: 'string' },
      interfaceId: { type: 'string' },
      eventCode: { type: 'string' },
      mpanCore: { type: 'string' },
      kind: { type: 'string', enum: ['publication', 'rejection'] },
      format: { type: 'string', enum: ['egress', 'status'], description: 'egress: a DIP egress message { CommonBlock (with D0), CustomBlock }; status: a DIP status message' },
      schema: { type: 'string', description: 'The official schema the message satisfies' },
      sourcePosition: decimal('Position of the log event it renders'),
      recordedAt: instant('When that event was recorded'),
      message: { type: 'object', nullable: true },
      renderError: { type: 'string' },
    },
  },
  FeedPage: {
    type: 'object',
    properties: {
      recipient: { type: 'string' },
      eventCodes: nullable({ type: 'array', items: { type: 'string' }, description: 'The filter applied; null = everything' }),
      after: { type: 'integer' },
      items: { type: 'array', items: ref('FeedItem') },
      lastSequence: { type: 'integer' },
      nextAfter: { type: 'integer', description: 'Pass as after for the next page' },
      acknowledgedSequence: { type: 'integer' },
      position: decimal('The log position the feed reflects'),
    },
  },
  AckRequest: { type: 'object', required: ['sequence'], properties: { sequence: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } } },
  AckResult: {
    type: 'object',
    properties: {
      recipient: { type: 'string' },
      acknowledgedSequence: { type: 'integer' },
      previous: { type: 'integer' },
      changed: { type: 'boolean', description: 'False when the sequence was not above the acknowledged one' },
      lastSequence: { type: 'integer' },
      message: { type: 'string' },
    },
  },
  ReplayRequest: { type: 'object', required: ['fromSequence'], properties: { fromSequence: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } } },
  DeliveryState: {
    type: 'object',
    properties: {
      deliveredSequence: { type: 'integer' },
      replayThrough: { type: 'integer' },
      consecutiveFailures: { type: 'integer' },
      nextAttemptAt: nullable(instant('Next attempt after a failure')),
      parked: { type: 'boolean' },
      parkedAt: nullable(instant('When delivery was parked')),
      lastError: nullable({ type: 'string' }),
      lastAttemptAt: nullable(instant('')),
      lastSuccessAt: nullable(instant('')),
    },
  },
  ReplayResult: {
    type: 'object',
    properties: { recipient: { type: 'string' }, fromSequence: { type: 'integer' }, replayThrough: { type: 'integer' }, wasParked: { type: 'boolean' }, delivery: ref('DeliveryState') },
  },
  PublicationConfigChange: {
    type: 'object',
    description: 'Absent fields stay as they are; null returns a field to its default (every event code; no webhook).',
    properties: {
      eventCodes: nullable({ type: 'array', items: { type: 'string' }, example: ['[MSAppActive]'] }),
      webhookUrl: nullable({ type: 'string', format: 'uri', example: 'https://example.org/hook' }),
    },
  },
  PublicationConfig: {
    type: 'object',
    properties: {
      recipient: { type: 'string' },
      eventCodes: nullable({ type: 'array', items: { type: 'string' } }),
      webhookUrl: nullable({ type: 'string' }),
      acknowledgedSequence: { type: 'integer' },
      lastSequence: { type: 'integer' },
      delivery: { nullable: true, allOf: [ref('DeliveryState')] },
      updatedAt: nullable(instant('Last change')),
    },
  },
  HealthCheckResult: {
    type: 'object',
    description: 'A terminus health check result: `status` ok or error, each check under `info` (up) or `error` (down), all under `details`; a failed readiness check adds `message`.',
    required: ['status', 'info', 'error', 'details'],
    properties: {
      status: { type: 'string', enum: ['ok', 'error'] },
      info: { type: 'object', additionalProperties: ref('HealthIndicator') },
      error: { type: 'object', additionalProperties: ref('HealthIndicator') },
      details: { type: 'object', additionalProperties: ref('HealthIndicator') },
      message: { type: 'string', description: '503 only: every failing check and why, e.g. the lagging projection with its events and seconds behind' },
    },
  },
  HealthIndicator: {
    type: 'object',
    required: ['status'],
    description: '`eventStore`: `headPosition`, or `message` when down. `projections`: `bounds` and, per projection, `lag` { position, headPosition, eventsBehind, eventsBehindCapped, secondsBehind, oldestUnappliedRecordedAt }, and `message` when down.',
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
    additionalProperties: true,
  },
  DayStartRequest: { type: 'object', properties: { through: date('Last day to run (default today, UK)') } },
  DayStartReport: {
    type: 'object',
    properties: {
      fromDate: nullable(date('First day covered (null: from each MPAN\'s first due day, or nothing run)')),
      through: date('Last day covered'),
      mpansExamined: { type: 'integer' },
      mpansChanged: { type: 'integer' },
      eventsAppended: { type: 'integer' },
      alreadyRunThrough: date('Only when nothing was run because `through` is before the last completed day: that day (counts 0, nothing written)'),
    },
  },
} satisfies Record<string, SchemaObject>;
