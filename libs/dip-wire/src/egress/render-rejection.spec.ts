import { parseReferenceData } from '@app/registration-domain';
import sampleJson from '../../../../reference-data/participants.json';
import { loadOfficialSchemas } from '../conformance/official-schemas';
import { DipMessageJson, msAppMessage, VALID_MESSAGES, without } from '../testing/fixtures';
import { EgressIdentity, EgressMessage, RejectedMessageOutcome } from './egress-types';
import { rejectionResponseFor, renderRejection, STATUS_MESSAGE_SCHEMA } from './render-rejection';
import { identityFor } from './testing/egress-story';

/**
 * Rejections back to the originator, for every inbound channel and event: the official response
 * (IF-032, IF-006, IF-008, IF-026) echoing the original's blocks, or a DIP status message; each
 * validates against the official schema `renderRejection` names.
 */

const schemas = loadOfficialSchemas();
const referenceData = parseReferenceData(sampleJson);
const REASONS = [
  { code: 'REG1031', rule: 'ProviderSegmentMismatch', message: 'the proposed provider 2000000003 (MSAC) acts as MSA, not MSS, the role for market segment S' },
  { code: 'REG1099', rule: 'EffectiveFromTooFarAhead', message: 'effective-from date 2025-06-01 is more than 28 days after 2025-04-10' },
];

function outcomeOf(channelId: string, message: DipMessageJson, reasons = REASONS): RejectedMessageOutcome {
  const { S0, S1, M0 } = message.payload.CommonBlock as Record<string, Record<string, string>>;
  return {
    channelId,
    eventCode: S0!.eventCode!,
    senderDipId: S1!.senderDIPID!,
    senderRoleId: S1!.senderRoleID!,
    senderUniqueReference: S1!.senderUniqueReference!,
    correlationId: 'CI-20250410-0001',
    mpanCore: M0!.MPANCore!,
    reasons,
  };
}

function identityForRejection(channelId: string, eventCode: string): EgressIdentity {
  return identityFor(rejectionResponseFor(channelId, eventCode)?.interfaceId ?? 'IF-032', 7n, 0);
}

const cases = Object.entries(VALID_MESSAGES).flatMap(([channelId, events]) =>
  Object.entries(events).map(([eventCode, build]) => [channelId, eventCode, build as () => DipMessageJson] as const),
);

const RESPONSE_OF: Record<string, string | null> = {
  'IF-031 [MSApp]': 'IF-032 [MSAppInitialResp]',
  'IF-031 [DSApp]': 'IF-032 [DSAppInitialResp]',
  'IF-005 [MeterInstall]': 'IF-006 [MeterInstall]',
  'IF-005 [MeterRemoval]': 'IF-006 [MeterRemoval]',
  'IF-005 [MeterExchange]': 'IF-006 [MeterExchange]',
  'IF-005 [MeterUpdate]': 'IF-006 [MeterUpdate]',
  'IF-005 [MeterHistoryUpdate]': 'IF-006 [MeterHistoryUpdate]',
  'IF-007 [EnergisationStatusChange]': 'IF-008 [EnergisationStatusChange]',
  'IF-007 [EnergisationStatusFailure]': null,
  'IF-025 [SSCandProfileClass]': 'IF-026 [SSCandProfileClass]',
  'IF-025 [ConsentGranularity]': 'IF-026 [ConsentGranularity]',
  'IF-025 [IHDInfo]': 'IF-026 [IHDInfo]',
  'IF-025 [SMSO]': 'IF-026 [SMSO]',
  'IF-034 [MSAppSPResponse]': null,
  'IF-034 [DSAppSPResponse]': null,
};

describe('renderRejection', () => {
  it.each(cases)('%s %s: renders the official response or a status message, valid against the schema it names', (channelId, eventCode, build) => {
    const original = build();
    const rendered = renderRejection({
      outcome: outcomeOf(channelId, original),
      message: original.payload,
      referenceData,
      identity: identityForRejection(channelId, eventCode),
    });
    expect(schemas.validate(rendered.schema, rendered.message)).toEqual({ valid: true, errors: [] });
    const response = RESPONSE_OF[`${channelId} ${eventCode}`] ?? null;
    if (response === null) {
      expect(rendered.kind).toBe('status');
      expect(rendered.schema).toBe(STATUS_MESSAGE_SCHEMA);
      return;
    }
    const message = rendered.message as EgressMessage;
    expect(rendered.kind).toBe('publication');
    expect(`${message.CommonBlock.S0.interfaceID} ${message.CommonBlock.S0.eventCode}`).toBe(response);
    expect(message.CommonBlock.R0).toEqual({
      responseCode: 'R',
      responseMessages: [`REG1031 - ${REASONS[0]!.message}`, `REG1099 - ${REASONS[1]!.message}`],
    });
    expect(message.CommonBlock.M0).toEqual(original.payload.CommonBlock.M0);
    // Every block of the original is echoed as sent (each inbound block exists in the response).
    expect(message.CustomBlock).toEqual(original.payload.CustomBlock);
  });

  it('REGS-LDSO / REGS-CSS / IF-034 have no official response: a status message to the originator', () => {
    const original = VALID_MESSAGES['REGS-CSS']['[ChangeOfSupplier]']();
    const outcome = outcomeOf('REGS-CSS', original);
    const rendered = renderRejection({ outcome, message: original.payload, referenceData, identity: identityFor('IF-001', 9n, 0) });
    expect(rendered).toEqual({
      kind: 'status',
      schema: 'StandardResponseBodyType',
      message: {
        transactionID: identityFor('IF-001', 9n, 0).transactionId,
        senderUniqueReference: outcome.senderUniqueReference,
        correlationID: 'CI-20250410-0001',
        sentTimestamp: '2025-04-10T09:00:00+00:00',
        senderID: '9000000002',
        recipientID: outcome.senderDipId,
        DIPConnectionProviderID: null,
        message: `REG1031, REG1099 - ${REASONS[0]!.message}`,
        help: REASONS.map((r) => `${r.code} ${r.rule}: ${r.message}`).join('; '),
        serviceTicketURL: null,
      },
    });
    expect(schemas.validate('StandardResponseArray', [rendered.message]).valid).toBe(true);
  });

  it('an IF-031 rejection whose message was not recorded, or cannot be echoed validly, is a status message', () => {
    const original = msAppMessage();
    const outcome = outcomeOf('IF-031', original);
    const identity = identityForRejection('IF-031', '[MSApp]');
    expect(renderRejection({ outcome, message: null, referenceData, identity }).kind).toBe('status');
    const noB070 = without(original, 'payload.CustomBlock.B070');
    const rendered = renderRejection({ outcome, message: noB070.payload, referenceData, identity });
    expect(rendered.kind).toBe('status');
    expect(schemas.validate(rendered.schema, rendered.message).errors).toEqual([]);
    // A recorded message of another event than the outcome's is not echoed either.
    expect(renderRejection({ outcome: { ...outcome, eventCode: '[DSApp]' }, message: original.payload, referenceData, identity }).kind).toBe('status');
  });

  it('accepts the message wrapped as { payload }, and one received through the DIP with a D0 (its transaction id is quoted in a status)', () => {
    const original = msAppMessage();
    const outcome = outcomeOf('IF-031', original);
    const identity = identityForRejection('IF-031', '[MSApp]');
    const wrapped = renderRejection({ outcome, message: original, referenceData, identity });
    const plain = renderRejection({ outcome, message: original.payload, referenceData, identity });
    expect(wrapped).toEqual(plain);
    const d0 = { transactionID: 'T-IF-031-1000000001-SUP-20250410-00000000000000aa', transactionTimestamp: '2025-04-10T09:00:00+00:00', publicationID: 'PUB-031', initialCorrelationID: null, replayIndicator: false, serviceTicketURL: null };
    const viaDip = { ...original.payload, CommonBlock: { ...original.payload.CommonBlock, D0: d0 } };
    expect(renderRejection({ outcome, message: viaDip, referenceData, identity })).toEqual(plain);
    const energisation = VALID_MESSAGES['IF-007']['[EnergisationStatusFailure]']();
    const status = renderRejection({
      outcome: outcomeOf('IF-007', energisation),
      message: { ...energisation.payload, CommonBlock: { ...energisation.payload.CommonBlock, D0: d0 } },
      referenceData,
      identity,
    });
    expect((status.message as Record<string, unknown>).transactionID).toBe(d0.transactionID);
  });

  it('long reasons are cut to the official lengths (R0 messages and status message 200, help 500) and stay valid', () => {
    const long = [{ code: 'REG1001', rule: 'MpanDisconnected', message: 'x'.repeat(600) }];
    const ms = msAppMessage();
    const publication = renderRejection({ outcome: outcomeOf('IF-031', ms, long), message: ms.payload, referenceData, identity: identityForRejection('IF-031', '[MSApp]') });
    const r0 = (publication.message as EgressMessage).CommonBlock.R0 as { responseMessages: string[] };
    expect(r0.responseMessages[0]).toHaveLength(200);
    expect(r0.responseMessages[0]!.endsWith('...')).toBe(true);
    expect(schemas.validate(publication.schema, publication.message).errors).toEqual([]);
    const ldso = VALID_MESSAGES['REGS-LDSO']['[MPANCreation]']();
    const status = renderRejection({ outcome: outcomeOf('REGS-LDSO', ldso, long), message: ldso.payload, referenceData, identity: identityFor('IF-050', 3n, 0) });
    expect(((status.message as Record<string, string>).message ?? '').length).toBe(200);
    expect(((status.message as Record<string, string>).help ?? '').length).toBe(500);
    expect(schemas.validate(status.schema, status.message).errors).toEqual([]);
  });

  it('rejectionResponseFor names the response interface, event and schema (null where there is none)', () => {
    expect(rejectionResponseFor('IF-031', '[DSApp]')).toEqual({
      interfaceId: 'IF-032',
      eventCode: '[DSAppInitialResp]',
      schema: 'IF-032-DSAppInitialResp',
      echoedBlocks: ['B013', 'B071'],
    });
    expect(rejectionResponseFor('IF-007', '[EnergisationStatusChange]')?.schema).toBe('IF-008-Payload');
    for (const [channel, event] of [['IF-034', '[MSAppSPResponse]'], ['REGS-LDSO', '[MPANCreation]'], ['REGS-CSS', '[InitialRegistration]'], ['IF-031', '__proto__']]) {
      expect(rejectionResponseFor(channel!, event!)).toBeNull();
    }
  });

  it('is deterministic: the same rejection renders the same message', () => {
    const ms = msAppMessage();
    const input = () => ({ outcome: outcomeOf('IF-031', ms), message: ms.payload, referenceData, identity: identityForRejection('IF-031', '[MSApp]') });
    expect(JSON.stringify(renderRejection(input()))).toBe(JSON.stringify(renderRejection(input())));
  });
});
