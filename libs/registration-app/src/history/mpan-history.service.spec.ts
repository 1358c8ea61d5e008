import { EventMetadata, NewEvent } from '@app/event-store';
import { InMemoryEventStore } from '@app/event-store/testing';
import { accepted, BRWE_MS, HISTORY, KESTREL, REQUEST_ID, requested } from '@app/registration-domain/appointment/testing/fixtures';
import { DNO_MPAN, mpanCreated, ref } from '@app/registration-domain/registration/testing/fixtures';
import { MpanEvent } from '@app/registration-domain';
import { FixedClock } from '../clock/clock';
import { InvalidMpanCoreError, MpanNotFoundError } from '../queries/mpan-query.service';
import { InvalidHistoryQueryError } from './history-params';
import { MpanHistoryService, MpanNotKnownAtError } from './mpan-history.service';

/**
 * Unit: the service on the in-memory store (records appended with the instants chosen here), for
 * what the e2e tests cannot easily stage: a step caused by the registry's own day-start (no inbound
 * message), an instant inside a stream recorded out of clock order, and the error cases.
 */
describe('MpanHistoryService', () => {
  let store: InMemoryEventStore;
  let at: string;
  let service: MpanHistoryService;
  const stream = `mpan-${DNO_MPAN}`;

  /**
   * Appends `event` to the MPAN's stream at `instant`, caused by message `key` on `channel` with
   * `eventCode` (default an IF-031 `[MSApp]`); a receipt is recorded for the message unless `dayStart`.
   */
  async function record(instant: string, event: MpanEvent, key: string, options: { dayStart?: boolean; channel?: string; eventCode?: string } = {}): Promise<void> {
    at = instant;
    const channelId = options.dayStart ? 'REGS-DAY-START' : (options.channel ?? 'IF-031');
    const eventCode = options.dayStart ? '[DayStart]' : (options.eventCode ?? '[MSApp]');
    const [sender, reference] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const metadata: EventMetadata = {
      schemaVersion: 1,
      eventId: `${key}-${event.type}`,
      correlationId: options.dayStart ? 'CI-DAYSTART-20250420' : `CI-${reference}`,
      causationId: key,
      messageKey: key,
      senderDipId: sender,
      senderRoleId: options.dayStart ? 'REGS' : 'SUP',
      channelId,
      eventCode,
      receivedAt: instant,
    };
    if (!options.dayStart && (await store.streamRevision(`message-${sender}-${reference}`)) === 'no_stream') {
      await store.appendToStream(`message-${sender}-${reference}`, 'no_stream', [
        {
          type: 'InboundMessageReceived',
          data: { channelId, eventCode, schemaVersion: '011', senderDipId: sender, senderRoleId: 'SUP', senderUniqueReference: reference, correlationId: `CI-${reference}`, mpanCore: DNO_MPAN, bodyHash: 'h', receivedAt: instant },
          metadata: { schemaVersion: 1, eventId: `${key}-receipt`, correlationId: `CI-${reference}`, causationId: key },
        },
      ]);
    }
    const revision = await store.streamRevision(stream);
    await store.appendToStream(stream, revision, [{ type: event.type, data: event.data, metadata } as unknown as NewEvent]);
  }

  beforeEach(() => {
    store = new InMemoryEventStore({ now: () => new Date(at) });
    service = new MpanHistoryService(store, ref, new FixedClock('2025-06-15T10:00:00Z'));
  });

  it('a step caused by day-start names its run and has no inbound message', async () => {
    for (const [i, e] of HISTORY.entries()) await record(`2025-04-01T10:00:0${i}Z`, e, `1000000001:S-${i}`);
    await record('2025-04-10T10:00:00Z', requested(), `1000000001:S-IF-031-0001`);
    await record('2025-04-11T10:00:00Z', accepted(REQUEST_ID), `${KESTREL.dipId}:S-IF-034-0001`, { channel: 'IF-034', eventCode: '[MSAppSPResponse]' });
    const lapse: MpanEvent = { type: 'ServiceAppointmentLapsed', data: { mpanCore: DNO_MPAN, appointmentId: REQUEST_ID, serviceType: 'MS', reason: 'SupplierNotRegistered', lapsedOn: '2025-04-20' } };
    await record('2025-04-20T00:00:00Z', lapse, '9000000002:day-start-2025-04-20@2025-04-20T00:00:00.000Z', { dayStart: true });

    const answer = await service.explain(DNO_MPAN, { item: 'meteringService', date: '2025-04-25' });
    expect(answer.periods).toHaveLength(1);
    const [period] = answer.periods;
    expect(period).toMatchObject({ effectiveFromDate: '2025-04-20', effectiveToDate: null, value: null });
    expect(period!.chain.map((s) => [s.step, s.event.type, s.event.channelId, s.message?.eventCode ?? null])).toEqual([
      ['opened', 'ServiceAppointmentAccepted', 'IF-034', '[MSAppSPResponse]'],
      ['corrected', 'ServiceAppointmentLapsed', 'REGS-DAY-START', null],
    ]);
    expect(period!.chain[1]).toMatchObject({ value: null, event: { senderDipId: '9000000002', senderRoleId: 'REGS', correlationId: 'CI-DAYSTART-20250420' }, message: null });
    const before = await service.explain(DNO_MPAN, { item: 'meteringService', date: '2025-04-19' });
    expect(before.periods[0]!.value).toMatchObject({ appointmentId: BRWE_MS });
  });

  it('folds the prefix recorded at or before knownAt: a record stamped earlier than its predecessor (a clock set back) is not taken without it', async () => {
    const duos = (id: string, from: string): MpanEvent => ({ type: 'DuosTariffIdChanged', data: { mpanCore: DNO_MPAN, duosTariffId: id, effectiveFromDate: from } });
    await record('2025-04-01T10:00:00Z', mpanCreated(), '3000000010:S-1');
    await record('2025-05-02T10:00:00Z', duos('2B', '2025-05-01'), '3000000010:S-2');
    await record('2025-05-01T10:00:00Z', duos('3C', '2025-06-01'), '3000000010:S-3'); // a clock set back
    const at = await service.stateAt(DNO_MPAN, { effectiveAt: '2025-06-15', knownAt: '2025-05-01T12:00:00Z' });
    // Revision 2 was decided knowing revision 1 (recorded 2025-05-02): neither was known at 2025-05-01T12:00.
    expect(at).toMatchObject({ lastRevision: '0', eventsFolded: 1, laterEventsIgnored: 2 });
    expect(at.snapshot.duosTariffId).toMatchObject({ effectiveFromDate: '2025-04-01' });
    const later = await service.stateAt(DNO_MPAN, { effectiveAt: '2025-06-15', knownAt: '2025-05-02T12:00:00Z' });
    expect(later).toMatchObject({ lastRevision: '2', eventsFolded: 3, snapshot: { duosTariffId: { value: '3C', effectiveFromDate: '2025-06-01' } } });
  });

  it('knownAt in the future folds everything; defaults are today (UK) and now by the clock', async () => {
    await record('2025-04-01T10:00:00Z', mpanCreated(), '3000000010:S-1');
    expect(await service.stateAt(DNO_MPAN, { knownAt: '2099-01-01T00:00:00Z' })).toMatchObject({ effectiveAt: '2025-06-15', eventsFolded: 1, laterEventsIgnored: 0 });
    expect(await service.stateAt(DNO_MPAN)).toMatchObject({ effectiveAt: '2025-06-15', knownAt: '2025-06-15T10:00:00.000Z' });
  });

  it('raises the typed errors the API maps to 400 and 404', async () => {
    await expect(service.stateAt('1012345678904')).rejects.toThrow(InvalidMpanCoreError);
    await expect(service.timeline(DNO_MPAN)).rejects.toThrow(new MpanNotFoundError(DNO_MPAN));
    await record('2025-04-01T10:00:00Z', mpanCreated(), '3000000010:S-1');
    await expect(service.stateAt(DNO_MPAN, { knownAt: 'yesterday' })).rejects.toThrow(InvalidHistoryQueryError);
    await expect(service.explain(DNO_MPAN, { item: 'nothing' })).rejects.toThrow(InvalidHistoryQueryError);
    const early = { fromKnownAt: '2025-03-01T00:00:00Z', toKnownAt: '2025-03-02T00:00:00Z' };
    await expect(service.diff(DNO_MPAN, early)).rejects.toThrow(MpanNotKnownAtError);
    await expect(service.explain(DNO_MPAN, { item: 'supplier', knownAt: '2025-04-01T09:59:59Z' })).rejects.toThrow(
      'MPAN 1012345678903 was not yet known to this registry at 2025-04-01T09:59:59.000Z: its first event was recorded at 2025-04-01T10:00:00.000Z',
    );
  });
});
