import { AckEntry, MSG_NOT_PROCESSED, MSG_REFERENCE_CONFLICT, MSG_SCHEMA_FAILURE, MSG_SUCCESS } from '../dip-channel/acknowledgement';
import { countedMessages } from './message-outcomes';

const msg = (eventCode: unknown) => ({ payload: { CommonBlock: { S0: { interfaceID: 'IF-031', eventCode } } } });

function entry(message: string, outcome: Partial<NonNullable<AckEntry['outcome']>> | null = null): AckEntry {
  return {
    transactionID: null,
    senderUniqueReference: null,
    correlationID: null,
    sentTimestamp: '2025-06-15T10:00:00+00:00',
    senderID: '9000000002',
    recipientID: '1000000001',
    DIPConnectionProviderID: null,
    message,
    help: null,
    serviceTicketURL: null,
    outcome:
      outcome === null
        ? null
        : { responseCode: 'A', responseMessages: [], duplicate: false, mpanCore: '1900012374324', streamName: null, streamRevision: null, position: '1', eventTypes: [], receivedAt: '2025-06-15T10:00:00Z', ...outcome },
  };
}

describe('countedMessages', () => {
  it('labels each message by its outcome, in order, with the REG codes of a rejection', () => {
    const rejection = [
      { code: 'REG1034', rule: 'r', message: 'm' },
      { code: 'REG1021', rule: 'r', message: 'm' },
    ];
    const counted = countedMessages(
      'IF-031',
      [msg('[MSApp]'), msg('[DSApp]'), msg('[MSApp]'), msg('[MSApp]'), msg('[MSApp]'), msg('[MSApp]')],
      [
        entry(MSG_SUCCESS, {}),
        entry(MSG_SUCCESS, { responseCode: 'R', responseMessages: rejection }),
        entry(MSG_SUCCESS, { duplicate: true, responseCode: 'R', responseMessages: rejection }),
        entry(MSG_SCHEMA_FAILURE),
        entry(MSG_REFERENCE_CONFLICT),
        entry(MSG_NOT_PROCESSED),
      ],
    );
    expect(counted).toEqual([
      { channel: 'IF-031', eventCode: '[MSApp]', outcome: 'accepted', code: 'MSG0000', reasonCodes: [] },
      { channel: 'IF-031', eventCode: '[DSApp]', outcome: 'rejected', code: 'REG1034', reasonCodes: ['REG1034', 'REG1021'] },
      { channel: 'IF-031', eventCode: '[MSApp]', outcome: 'duplicate', code: 'MSG0000', reasonCodes: [] },
      { channel: 'IF-031', eventCode: '[MSApp]', outcome: 'schema_failure', code: 'MSG1001', reasonCodes: [] },
      { channel: 'IF-031', eventCode: '[MSApp]', outcome: 'reference_conflict', code: 'MSG1009', reasonCodes: [] },
      { channel: 'IF-031', eventCode: '[MSApp]', outcome: 'not_processed', code: 'MSG5003', reasonCodes: [] },
    ]);
  });

  it('never uses a sent event code the channel does not have as a label value', () => {
    const counted = countedMessages('IF-031', [msg('[MPANCreation]'), msg('x'.repeat(10_000)), msg(7), null, 'junk'], Array(6).fill(entry(MSG_SCHEMA_FAILURE)));
    expect(counted.map((c) => c.eventCode)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});
