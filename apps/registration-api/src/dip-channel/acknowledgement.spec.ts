import { MessageOutcomeData } from '@app/registration-app';
import { ackEntryOf, MSG_REFERENCE_CONFLICT, MSG_SCHEMA_FAILURE, MSG_SUCCESS, toDt003 } from './acknowledgement';

const outcome: MessageOutcomeData = {
  channelId: 'REGS-LDSO',
  eventCode: '[MPANCreation]',
  schemaVersion: '011',
  senderDipId: '3000000019',
  senderRoleId: 'LDSO',
  senderUniqueReference: 'S-IF-050-3000000019-LDSO-20250320-MPANCreation0001',
  correlationId: 'CI-20250615-abc',
  mpanCore: '1900012374324',
  bodyHash: 'f'.repeat(64),
  receivedAt: '2025-06-15T10:00:00.000Z',
  responseCode: 'A',
  reasons: [],
  streamName: 'mpan-1900012374324',
  streamRevision: '0',
  positions: ['7'],
  eventTypes: ['MpanCreated'],
};
const NOW = '2025-06-15T10:00:01.000Z';

describe('DIP acknowledgement entries', () => {
  it('formats instants as DT-003 (25 characters, UTC offset)', () => {
    expect(toDt003(NOW)).toBe('2025-06-15T10:00:01+00:00');
    expect(toDt003(NOW)).toHaveLength(25);
  });

  it('acknowledges a processed message with MSG0000 and its business outcome', () => {
    const entry = ackEntryOf({ status: 'processed', duplicate: false, outcome, outcomePosition: 8n }, '9000000002', NOW);
    expect(entry).toMatchObject({
      senderUniqueReference: outcome.senderUniqueReference,
      correlationID: 'CI-20250615-abc',
      senderID: '9000000002',
      recipientID: '3000000019',
      message: MSG_SUCCESS,
      help: null,
      outcome: { responseCode: 'A', duplicate: false, streamRevision: '0', position: '7', eventTypes: ['MpanCreated'] },
    });
    expect(entry.transactionID).toMatch(/^T-REGS-LDSO-3000000019-LDSO-20250615-[0-9a-f]{16}$/);
    expect(entry.transactionID!.length).toBeLessThanOrEqual(65);
  });

  it("a rejection (no MPAN event appended) carries the position of its rejection record, where the originator's feed item comes from", () => {
    const rejected: MessageOutcomeData = { ...outcome, responseCode: 'R', positions: [], eventTypes: [], streamRevision: null };
    const entry = ackEntryOf({ status: 'processed', duplicate: false, outcome: rejected, outcomePosition: 12n }, '9000000002', NOW);
    expect(entry.outcome).toMatchObject({ responseCode: 'R', position: '12', eventTypes: [] });
  });

  it('gives a resend the same transaction id as the original', () => {
    const a = ackEntryOf({ status: 'processed', duplicate: false, outcome, outcomePosition: 8n }, '9000000002', NOW);
    const b = ackEntryOf({ status: 'processed', duplicate: true, outcome, outcomePosition: 8n }, '9000000002', '2025-06-16T00:00:00Z');
    expect(b.transactionID).toBe(a.transactionID);
    expect(b.outcome!.duplicate).toBe(true);
  });

  it('reports a schema failure with MSG1001, every error path, and no outcome', () => {
    const errors = [1, 2, 3, 4].map((i) => ({ path: `payload.CustomBlock.B022.addressLine${i}`, message: 'too long' }));
    const entry = ackEntryOf({ status: 'schema-failure', senderDipId: '3000000019', senderUniqueReference: null, errors }, '9000000002', NOW);
    expect(entry).toMatchObject({ message: MSG_SCHEMA_FAILURE, outcome: null, transactionID: null, errors });
    expect(entry.help).toContain('4 schema error(s); nothing was stored');
    expect(entry.help).toContain('…');
  });

  it('reports a reused reference with another body as MSG1009, naming the first receipt', () => {
    const entry = ackEntryOf(
      { status: 'conflict', senderDipId: '3000000019', senderUniqueReference: outcome.senderUniqueReference, original: outcome },
      '9000000002',
      NOW,
    );
    expect(entry).toMatchObject({ message: MSG_REFERENCE_CONFLICT, outcome: null, transactionID: null });
    expect(entry.help).toContain('first received 2025-06-15T10:00:00.000Z');
  });
});
