import {
  addressChgMessage,
  changeOfSupplierMessage,
  DipMessageJson,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  gspChgMessage,
  initialRegistrationMessage,
  mpanCreationMessage,
  SAMPLE,
  withSupplyStart,
  withValue,
  without,
} from '@app/dip-wire/testing/fixtures';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { EES, LDSO_19, MDS, publicationsIn } from './support/appointments';
import {
  Acknowledgement,
  AckEntry,
  allEvents,
  expectAccepted,
  expectRejected,
  IDNO_24_LDSO,
  message,
  mpanCore,
  OTHER_LDSO,
  post,
  postOne,
  REGISTRY_DIP_ID,
  s1Of,
  streamRevisionOf,
  withBadCheckDigit,
  withValues,
} from './support/dip';
import { viewOf } from './support/views';

/**
 * End-to-end over HTTP: the real app (createApiApp) on a temporary SQLite file, clock pinned at
 * 2025-06-15T10:00:00Z. Nothing is mocked; every MPAN of this file has its own core.
 */

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

const LDSO = 'REGS-LDSO';
const CSS = 'REGS-CSS';

/**
 * Creates an MPAN of distributor 19 (effective 2025-04-01, DUoS 801, import) and returns its core:
 * revision 0 `MpanCreated`, revision 1 its IF-050 `PublicationIssued`.
 */
async function createdMpan(serial: number): Promise<string> {
  const core = mpanCore('19', serial);
  const entry = await postOne(t.http, LDSO, message(mpanCreationMessage, { mpanCore: core }));
  expect(entry.outcome).toMatchObject({ responseCode: 'A', streamRevision: '1', eventTypes: ['MpanCreated', 'PublicationIssued'] });
  return core;
}

/** Creates an MPAN and registers BRWE from 2025-04-02 (revision 3: the registration and its IF-001). */
async function suppliedMpan(serial: number): Promise<string> {
  const core = await createdMpan(serial);
  const entry = await postOne(t.http, CSS, message(initialRegistrationMessage, { mpanCore: core }));
  expect(entry.outcome).toMatchObject({ responseCode: 'A', streamRevision: '3', eventTypes: ['SupplierRegistered', 'PublicationIssued'] });
  return core;
}

function duosChange(core: string, tariff: string, effectiveFrom: string, options: { senderDipId?: string } = {}): DipMessageJson {
  return withValues(message(duosTariffIdChgMessage, { mpanCore: core, ...options }), {
    'payload.CustomBlock.B024.DUOSTariffID': tariff,
    'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': effectiveFrom,
  });
}

describe('accepts every event of REGS-LDSO and REGS-CSS in a realistic sequence', () => {
  const dno = mpanCore('19', 100);
  const idno = mpanCore('24', 100);
  const acks: AckEntry[] = [];

  it('creates, registers, changes address, switches supplier, changes DUoS tariff and energy direction on a DNO MPAN', async () => {
    // Each message appends its event and that event's publications in one append: IF-050, IF-018
    // for the LDSO's; IF-001 for an initial registration, IF-002 and IF-001 for a change of supplier.
    const steps: Array<[string, DipMessageJson, string[], string]> = [
      [LDSO, message(mpanCreationMessage, { mpanCore: dno }), ['MpanCreated', 'PublicationIssued'], '1'],
      [CSS, message(initialRegistrationMessage, { mpanCore: dno }), ['SupplierRegistered', 'PublicationIssued'], '3'],
      [LDSO, message(addressChgMessage, { mpanCore: dno }), ['MpanAddressChanged', 'PublicationIssued'], '5'],
      [CSS, message(changeOfSupplierMessage, { mpanCore: dno }), ['SupplierRegistered', 'PublicationIssued', 'PublicationIssued'], '8'],
      [LDSO, message(duosTariffIdChgMessage, { mpanCore: dno }), ['DuosTariffIdChanged', 'PublicationIssued'], '10'],
      [LDSO, message(energyDirectionMessage, { mpanCore: dno }), ['EnergyDirectionChanged', 'PublicationIssued'], '12'],
    ];
    for (const [channel, msg, eventTypes, streamRevision] of steps) {
      const entry = await postOne(t.http, channel, msg);
      expectAccepted(entry, msg, channel);
      expect(entry.outcome).toMatchObject({
        mpanCore: dno,
        streamName: `mpan-${dno}`,
        streamRevision,
        eventTypes,
      });
      acks.push(entry);
    }
    const positions = acks.map((a) => BigInt(a.outcome!.position!));
    for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
    // Different transaction ids for different messages.
    expect(new Set(acks.map((a) => a.transactionID)).size).toBe(acks.length);
  });

  it('creates an IDNO MPAN and moves it to another GSP group, both in one submission, processed in order', async () => {
    const ldso = { mpanCore: idno, senderDipId: IDNO_24_LDSO, distributorDipId: IDNO_24_LDSO };
    const creation = message(mpanCreationMessage, { ...ldso, gspGroupId: '_J' });
    const gspChange = message(gspChgMessage, { ...ldso, gspGroupId: '_A' });

    const res = await post(t.http, LDSO, [creation, gspChange]);

    expect(res.status).toBe(201);
    const body = res.body as Acknowledgement;
    expect(body.timestamp).toBe('2025-06-15T10:00:00+00:00');
    expect(body.messageArray).toHaveLength(2);
    expectAccepted(body.messageArray[0]!, creation, LDSO);
    expectAccepted(body.messageArray[1]!, gspChange, LDSO);
    expect(body.messageArray.map((e) => [e.outcome!.streamRevision, e.outcome!.eventTypes])).toEqual([
      ['1', ['MpanCreated', 'PublicationIssued']],
      ['3', ['GspGroupChanged', 'PublicationIssued']],
    ]);
    // IF-050 to the enquiry service; IF-018 [GSPChg] on 2025-05-01 to the MDS, EES and the IDNO's LDSO (no supplier yet).
    expect(publicationsIn(await allEvents(t.http, idno))).toEqual([
      { interfaceId: 'IF-050', eventCode: '[MPANCreation]', causedByEventType: 'MpanCreated', appointmentId: null, recipients: [EES] },
      { interfaceId: 'IF-018', eventCode: '[GSPChg]', causedByEventType: 'GspGroupChanged', appointmentId: null, recipients: [MDS, EES, `LDSO:${IDNO_24_LDSO}`] },
    ]);
    expect(body.messageArray[0]!.recipientID).toBe(IDNO_24_LDSO);
    const [p0, p1] = body.messageArray.map((e) => BigInt(e.outcome!.position!));
    expect(p1! > p0!).toBe(true);
    expect(p0! > BigInt(acks[acks.length - 1]!.outcome!.position!)).toBe(true);
  });

  it('GET /mpans/:core shows the result of the sequence, effective today (2025-06-15)', async () => {
    const res = await viewOf(t.http, dno);
    // The MPAN's last event is the last acknowledged one; the views' position is at least there.
    expect(res.body).toMatchObject({ mpanCore: dno, effectiveAt: '2025-06-15', streamRevision: '12', streamPosition: acks[5]!.outcome!.position });
    expect(BigInt(res.body.position as string) >= BigInt(acks[5]!.outcome!.position!)).toBe(true);
    const { snapshot, timelines } = res.body;
    expect(snapshot.supplier).toEqual({
      effectiveFromDate: '2025-05-15',
      effectiveToDate: null,
      value: { supplierDipId: SAMPLE.suppliers.NSTP, supplierMpid: 'NSTP', cssRegistrationId: 'b7d2f3a5-1c8e-4d9f-8a6b-2e3f4a5b6c7d', registrationKind: 'ChangeOfSupplier' },
    });
    expect(timelines.suppliers.map((p: { effectiveFromDate: string; effectiveToDate: string | null; value: { supplierMpid: string } }) => [p.value.supplierMpid, p.effectiveFromDate, p.effectiveToDate])).toEqual([
      ['BRWE', '2025-04-02', '2025-05-14'],
      ['NSTP', '2025-05-15', null],
    ]);
    expect(snapshot.address).toMatchObject({ effectiveFromDate: '2025-05-01', value: { postcode: 'TN1 1AA', lines: expect.arrayContaining(['Flat 3']) } });
    expect(snapshot.duosTariffId).toEqual({ effectiveFromDate: '2025-06-01', effectiveToDate: null, value: '802' });
    expect(snapshot.energyDirection).toEqual({ effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25', value: 'I' });
    expect(timelines.energyDirection).toEqual([
      { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25', value: 'I' },
      { effectiveFromDate: '2025-10-26', effectiveToDate: null, value: 'E' },
    ]);

    const idnoState = await viewOf(t.http, idno);
    expect(idnoState.body.snapshot.gspGroupId).toEqual({ effectiveFromDate: '2025-05-01', effectiveToDate: null, value: '_A' });
    expect(idnoState.body.timelines.gspGroupId).toEqual([
      { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30', value: '_J' },
      { effectiveFromDate: '2025-05-01', effectiveToDate: null, value: '_A' },
    ]);
  });

  it('every appended event carries the message key, sender, channel and event code in its metadata', async () => {
    const events = await allEvents(t.http, dno);
    expect(events.map((e) => e.revision)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(events.map((e) => e.type)).toEqual([
      'MpanCreated',
      'PublicationIssued',
      'SupplierRegistered',
      'PublicationIssued',
      'MpanAddressChanged',
      'PublicationIssued',
      'SupplierRegistered',
      'PublicationIssued',
      'PublicationIssued',
      'DuosTariffIdChanged',
      'PublicationIssued',
      'EnergyDirectionChanged',
      'PublicationIssued',
    ]);
    // A publication is appended with the event that caused it, under the same message.
    const keyOf = (ack: AckEntry) => `${ack.recipientID}:${ack.senderUniqueReference}`;
    expect(events.map((e) => e.metadata.messageKey)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5].map((i) => keyOf(acks[i]!)));
    expect(publicationsIn(events)).toEqual([
      { interfaceId: 'IF-050', eventCode: '[MPANCreation]', causedByEventType: 'MpanCreated', appointmentId: null, recipients: [EES] },
      { interfaceId: 'IF-001', eventCode: '[InitialRegistration]', causedByEventType: 'SupplierRegistered', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.BRWE}`, MDS, LDSO_19] },
      // On 2025-05-01 BRWE supplies; no MS or DS is appointed.
      { interfaceId: 'IF-018', eventCode: '[AddressChg]', causedByEventType: 'MpanAddressChanged', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.BRWE}`, MDS, EES, LDSO_19] },
      { interfaceId: 'IF-002', eventCode: '[GainMPANInfo]', causedByEventType: 'SupplierRegistered', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.NSTP}`] },
      { interfaceId: 'IF-001', eventCode: '[ChangeOfSupplier]', causedByEventType: 'SupplierRegistered', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.NSTP}`, MDS, LDSO_19] },
      // From 2025-05-15 NSTP supplies.
      { interfaceId: 'IF-018', eventCode: '[DUOSTariffIDChg]', causedByEventType: 'DuosTariffIdChanged', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.NSTP}`, MDS, EES, LDSO_19] },
      { interfaceId: 'IF-018', eventCode: '[EnergyDirection]', causedByEventType: 'EnergyDirectionChanged', appointmentId: null, recipients: [`SUP:${SAMPLE.suppliers.NSTP}`, MDS, EES, LDSO_19] },
    ]);
    expect(events[2]!.metadata).toMatchObject({
      senderDipId: SAMPLE.cssDipId,
      senderRoleId: 'CSS',
      channelId: CSS,
      eventCode: '[InitialRegistration]',
      messageKey: `${SAMPLE.cssDipId}:${acks[1]!.senderUniqueReference}`,
      causationId: `${SAMPLE.cssDipId}:${acks[1]!.senderUniqueReference}`,
      receivedAt: '2025-06-15T10:00:00.000Z',
      referenceDataVersion: 'sample-2025.1',
    });
    // Each acknowledgement's position is that of the last event its message appended.
    expect([1, 3, 5, 8, 10, 12].map((r) => events[r]!.position)).toEqual(acks.map((a) => a.outcome!.position));
  });
});

describe('rejections on business rules: 201, response code R, the exact codes, nothing appended', () => {
  let core: string;

  beforeAll(async () => {
    // BRWE from 2025-04-02, then NSTP from 2025-05-15 (revision 6, after its IF-002 and IF-001).
    core = await suppliedMpan(200);
    const cos = await postOne(t.http, CSS, message(changeOfSupplierMessage, { mpanCore: core }));
    expect(cos.outcome).toMatchObject({ responseCode: 'A', streamRevision: '6', eventTypes: ['SupplierRegistered', 'PublicationIssued', 'PublicationIssued'] });
  });

  /** Posts `msg`, expects 201 with one rejected entry with `codes`, and the MPAN stream untouched. */
  async function rejected(channel: string, msg: DipMessageJson, codes: string[], streamCore = core): Promise<AckEntry> {
    const before = await streamRevisionOf(t.http, streamCore);
    const entry = await postOne(t.http, channel, msg, 201);
    expectRejected(entry, msg, codes);
    expect(await streamRevisionOf(t.http, streamCore)).toBe(before);
    return entry;
  }

  it('bad check digit: REG0000 naming the core and both digits; no stream is touched', async () => {
    const bad = withBadCheckDigit(core);
    const msg = message(addressChgMessage, { mpanCore: bad });
    const entry = await rejected(LDSO, msg, ['REG0000']);
    expect(entry.outcome!.responseMessages).toEqual([
      { code: 'REG0000', rule: 'MpanCoreCheckDigit', message: `MPAN core ${bad} fails the check digit: expected ${core[12]}, got ${bad[12]}` },
    ]);
    expect(entry.outcome).toMatchObject({ mpanCore: bad, streamName: null, streamRevision: null });
    await t.http.get(`/mpans/${bad}/events`).expect(400);
  });

  it('unknown MPAN: REG0000 MpanUnknown; the MPAN still does not exist', async () => {
    const unknown = mpanCore('19', 201);
    const msg = message(initialRegistrationMessage, { mpanCore: unknown });
    const entry = await rejected(CSS, msg, ['REG0000'], unknown);
    expect(entry.outcome!.responseMessages).toEqual([
      { code: 'REG0000', rule: 'MpanUnknown', message: `MPAN ${unknown} is not known to the registry` },
    ]);
    expect(entry.outcome).toMatchObject({ streamName: `mpan-${unknown}`, streamRevision: null });
    await t.http.get(`/mpans/${unknown}`).expect(404);
  });

  it("wrong GSP group for a DNO MPAN: LOC007 on creation (nothing created) and on a [GSPChg]", async () => {
    const fresh = mpanCore('19', 202);
    const creation = message(mpanCreationMessage, { mpanCore: fresh, gspGroupId: '_A' });
    const gspMessage = 'GSP group "_A" is not _J, the GSP group of DNO distributor id 19 (South East)';
    const created = await rejected(LDSO, creation, ['LOC007'], fresh);
    expect(created.outcome!.responseMessages).toEqual([{ code: 'LOC007', rule: 'GspGroupNotDnoGroup', message: gspMessage }]);
    await t.http.get(`/mpans/${fresh}`).expect(404);

    const change = await rejected(LDSO, message(gspChgMessage, { mpanCore: core, gspGroupId: '_A' }), ['LOC007']);
    expect(change.outcome!.responseMessages).toEqual([{ code: 'LOC007', rule: 'GspGroupNotDnoGroup', message: gspMessage }]);
    // A rejection on an existing MPAN names the revision it was decided on.
    expect(change.outcome).toMatchObject({ streamName: `mpan-${core}`, streamRevision: '6' });
  });

  it("supply start before the MPAN's effective-from date: LOC012 naming both dates", async () => {
    const fresh = await createdMpan(203);
    const msg = withSupplyStart(message(initialRegistrationMessage, { mpanCore: fresh }), '2025-03-20T00:00:00+00:00');
    const entry = await rejected(CSS, msg, ['LOC012'], fresh);
    expect(entry.outcome!.responseMessages).toEqual([
      {
        code: 'LOC012',
        rule: 'EffectiveFromBeforeMpanEffectiveFrom',
        message: "supply start date 2025-03-20 is before the MPAN's effective-from date 2025-04-01",
      },
    ]);
  });

  it('change of supplier not after the latest supply start: LOC019 naming both dates', async () => {
    const msg = withValues(withSupplyStart(message(changeOfSupplierMessage, { mpanCore: core }), '2025-05-10T00:00:00+01:00'), {
      'payload.CustomBlock.B002.incomingSupplierDIPID': SAMPLE.suppliers.GFSL,
      'payload.CustomBlock.B002.incomingSupplierMPID': 'GFSL',
      'payload.CustomBlock.B003.supplierEffectiveToDate': '2025-05-09T00:00:00+01:00',
    });
    const entry = await rejected(CSS, msg, ['LOC019']);
    expect(entry.outcome!.responseMessages).toEqual([
      {
        code: 'LOC019',
        rule: 'SupplyStartNotAfterLatestStart',
        message: 'supply start date 2025-05-10 is not after the latest registered supply start date 2025-05-15',
      },
    ]);
  });

  it('wrong sender role: LOC001 naming the role sent and the role required', async () => {
    const msg = message(addressChgMessage, { mpanCore: core, senderRoleId: 'SUP' });
    const entry = await rejected(LDSO, msg, ['LOC001']);
    expect(entry.outcome!.responseMessages).toEqual([
      { code: 'LOC001', rule: 'SenderRoleIdMismatch', message: 'sender role id SUP is not LDSO, the role that sends ChangeMpanAddress' },
    ]);
    expect(entry.transactionID).toMatch(/^T-REGS-LDSO-3000000019-SUP-20250615-[0-9a-f]{16}$/);
  });

  it("sender not the MPAN's LDSO: LOC003 naming the sender and the real LDSO", async () => {
    const entry = await rejected(LDSO, duosChange(core, '802', '2025-06-01T00:00:00+01:00', { senderDipId: OTHER_LDSO }), ['LOC003']);
    expect(entry.outcome!.responseMessages).toEqual([
      { code: 'LOC003', rule: 'SenderNotMpanLdso', message: 'sender 3000000010 (EELC) is not the LDSO of distributor id 19, which is 3000000019 (SEEB)' },
    ]);
    expect(entry.recipientID).toBe(OTHER_LDSO);
  });

  it('no change: LOC022 naming the value and the date', async () => {
    const entry = await rejected(LDSO, duosChange(core, '801', '2025-06-01T00:00:00+01:00'), ['LOC022']);
    expect(entry.outcome!.responseMessages).toEqual([
      { code: 'LOC022', rule: 'NoChange', message: 'DUoS tariff id is already "801" on 2025-06-01' },
    ]);
  });

  it('reports every broken rule, not the first: wrong LDSO and a date before the MPAN → LOC003 and LOC012', async () => {
    const entry = await rejected(LDSO, duosChange(core, '802', '2025-03-01T00:00:00+00:00', { senderDipId: OTHER_LDSO }), ['LOC003', 'LOC012']);
    expect(entry.outcome!.responseMessages.map((r) => r.message)).toEqual([
      'sender 3000000010 (EELC) is not the LDSO of distributor id 19, which is 3000000019 (SEEB)',
      "DUoS tariff id effective-from date 2025-03-01 is before the MPAN's effective-from date 2025-04-01",
    ]);
  });

  it('reports every broken rule: an LDSO sending on the switching channel → LOC001 and LOC002', async () => {
    const cos = message(changeOfSupplierMessage, { mpanCore: core, senderDipId: SAMPLE.ldsoDipId, senderRoleId: 'LDSO' });
    const msg = withValues(withSupplyStart(cos, '2025-07-01T00:00:00+01:00'), {
      'payload.CustomBlock.B002.incomingSupplierDIPID': SAMPLE.suppliers.GFSL,
      'payload.CustomBlock.B002.incomingSupplierMPID': 'GFSL',
      'payload.CustomBlock.B003.outgoingSupplierDIPID': SAMPLE.suppliers.NSTP,
      'payload.CustomBlock.B003.outgoingSupplierMPID': 'NSTP',
      'payload.CustomBlock.B003.supplierEffectiveToDate': '2025-06-30T00:00:00+01:00',
    });
    const entry = await rejected(CSS, msg, ['LOC001', 'LOC002']);
    expect(entry.outcome!.responseMessages.map((r) => r.message)).toEqual([
      'sender role id LDSO is not CSS, the role that sends RegisterSupplier',
      'sender 3000000019 (SEEB) does not hold role CSS on 2025-07-01',
    ]);
  });

  it('after all those rejections the MPAN still has exactly the events of its three accepted messages', async () => {
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.type)).toEqual([
      'MpanCreated',
      'PublicationIssued',
      'SupplierRegistered',
      'PublicationIssued',
      'SupplierRegistered',
      'PublicationIssued',
      'PublicationIssued',
    ]);
  });
});

describe('idempotency: (senderDIPID, senderUniqueReference)', () => {
  let core: string;

  beforeAll(async () => {
    core = await createdMpan(300);
  });

  afterEach(() => {
    t.clock.set(PINNED_NOW);
  });

  it('an exact resend gets the original outcome back with duplicate: true and appends nothing', async () => {
    const msg = message(addressChgMessage, { mpanCore: core });
    const original = await postOne(t.http, LDSO, msg);
    expectAccepted(original, msg, LDSO);
    t.clock.set('2025-06-15T11:30:00Z');

    const resend = await postOne(t.http, LDSO, msg, 201);

    expect(resend.outcome).toEqual({ ...original.outcome, duplicate: true });
    expect(resend.transactionID).toBe(original.transactionID);
    expect(resend.correlationID).toBe(original.correlationID);
    expect(resend.sentTimestamp).toBe('2025-06-15T11:30:00+00:00');
    expect(await streamRevisionOf(t.http, core)).toBe(original.outcome!.streamRevision);
  });

  it('a resend of a rejected message gets the same rejection back, duplicate: true', async () => {
    const msg = duosChange(core, '801', '2025-06-01T00:00:00+01:00');
    const original = await postOne(t.http, LDSO, msg);
    expectRejected(original, msg, ['LOC022']);
    const resend = await postOne(t.http, LDSO, msg);
    expect(resend.outcome).toEqual({ ...original.outcome, duplicate: true });
  });

  it('a resend that only reorders keys is a duplicate, not a conflict (canonical body hash)', async () => {
    const msg = duosChange(core, '803', '2025-05-20T00:00:00+01:00');
    const original = await postOne(t.http, LDSO, msg);
    expectAccepted(original, msg, LDSO);
    const reordered = reverseKeys(msg) as DipMessageJson;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(msg));

    const resend = await postOne(t.http, LDSO, reordered, 201);

    expect(resend.outcome).toEqual({ ...original.outcome, duplicate: true });
  });

  it('the same senderUniqueReference with a different body: 400, MSG1009, nothing appended, the original stands', async () => {
    const msg = message(addressChgMessage, { mpanCore: core });
    const changed = withValue(msg, 'payload.CustomBlock.B022.addressLine1', 'Flat 5');
    // The original must be a real change: first move the address to something else.
    const original = await postOne(t.http, LDSO, withValue(msg, 'payload.CustomBlock.B022.addressLine1', 'Flat 4'));
    expect(original.outcome!.responseCode).toBe('A');
    const revision = await streamRevisionOf(t.http, core);

    const res = await post(t.http, LDSO, [changed]);

    expect(res.status).toBe(400);
    const [entry] = (res.body as Acknowledgement).messageArray;
    expect(entry).toMatchObject({
      message: 'MSG1009 - Sender Unique Reference Conflict',
      transactionID: null,
      outcome: null,
      senderID: REGISTRY_DIP_ID,
      recipientID: SAMPLE.ldsoDipId,
      senderUniqueReference: s1Of(msg).senderUniqueReference,
    });
    expect(entry!.help).toContain(s1Of(msg).senderUniqueReference);
    expect(entry!.help).toContain('different message body');
    expect(await streamRevisionOf(t.http, core)).toBe(revision);
    const state = await viewOf(t.http, core);
    expect(state.body.timelines.address.map((p: { value: { lines: string[] } }) => p.value.lines[0])).toEqual(['Flat 2', 'Flat 4']);
  });
});

describe('structural validation: MSG1001 with JSON paths (400 when no message was processed, 207 beside processed ones); nothing stored', () => {
  let core: string;

  beforeAll(async () => {
    core = await createdMpan(400);
  });

  it('a schema failure lists every error with its JSON path and stores nothing (not even the key)', async () => {
    const valid = duosChange(core, '804', '2025-07-01T00:00:00+01:00');
    const invalid = without(
      withValue(valid, 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate', '2025-06-30T23:00:00.000Z'),
      'payload.CustomBlock.B024.DUOSTariffID',
    );
    const before = await streamRevisionOf(t.http, core);

    const res = await post(t.http, LDSO, [invalid]);

    expect(res.status).toBe(400);
    const [entry] = (res.body as Acknowledgement).messageArray;
    expect(entry).toMatchObject({
      message: 'MSG1001 - Schema Failure',
      transactionID: null,
      outcome: null,
      senderID: REGISTRY_DIP_ID,
      recipientID: SAMPLE.ldsoDipId,
      senderUniqueReference: s1Of(valid).senderUniqueReference,
    });
    const paths = entry!.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['payload.CustomBlock.B024.DUOSTariffID', 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate']);
    expect(entry!.errors!.find((e) => e.path.endsWith('EffectiveFromDate'))!.message).toContain('2025-06-30T23:00:00.000Z');
    expect(await streamRevisionOf(t.http, core)).toBe(before);

    // Nothing was recorded under the key: the corrected message is processed as new, not a conflict.
    const corrected = await postOne(t.http, LDSO, valid, 201);
    expectAccepted(corrected, valid, LDSO);
  });

  it('an event code that does not belong to the channel is a schema failure', async () => {
    const res = await post(t.http, LDSO, [message(initialRegistrationMessage, { mpanCore: core })]);
    expect(res.status).toBe(400);
    const [entry] = (res.body as Acknowledgement).messageArray;
    expect(entry!.message).toBe('MSG1001 - Schema Failure');
    expect(entry!.errors!.some((e) => e.path.startsWith('payload.CommonBlock.S0'))).toBe(true);
  });

  it('a mixed submission (valid, invalid, valid) answers 207 in order and applies the valid ones', async () => {
    const first = duosChange(core, '805', '2025-08-01T00:00:00+01:00');
    const broken = withValue(duosChange(core, '806', '2025-09-01T00:00:00+01:00'), 'payload.CommonBlock.M0.GSPGroupID', '_Z');
    const last = duosChange(core, '807', '2025-10-01T00:00:00+01:00');
    const before = BigInt((await streamRevisionOf(t.http, core))!);

    const res = await post(t.http, LDSO, [first, broken, last]);

    expect(res.status).toBe(207);
    const entries = (res.body as Acknowledgement).messageArray;
    expect(entries.map((e) => e.message)).toEqual(['MSG0000 - Success', 'MSG1001 - Schema Failure', 'MSG0000 - Success']);
    expectAccepted(entries[0]!, first, LDSO);
    expectAccepted(entries[2]!, last, LDSO);
    expect(entries[1]!.errors!.map((e) => e.path)).toEqual(['payload.CommonBlock.M0.GSPGroupID']);
    // Each valid one appends its change and the change's IF-018 publication.
    expect(entries[0]!.outcome!.streamRevision).toBe(String(before + 2n));
    expect(entries[2]!.outcome!.streamRevision).toBe(String(before + 4n));
    const events = await allEvents(t.http, core);
    expect(events.slice(-4).map((e) => [e.type, e.data.duosTariffId ?? e.data.eventCode])).toEqual([
      ['DuosTariffIdChanged', '805'],
      ['PublicationIssued', '[DUOSTariffIDChg]'],
      ['DuosTariffIdChanged', '807'],
      ['PublicationIssued', '[DUOSTariffIDChg]'],
    ]);
  });
});

describe('malformed submissions', () => {
  const raw = (body: string) => t.http.post(`/dip-channel/${LDSO}`).set('content-type', 'application/json').send(body);

  it.each([
    ['not JSON', 'this is not json', /^the body is not valid JSON: Unexpected token/],
    ['truncated JSON', '[{"payload":', /^the body is not valid JSON: Unexpected end of JSON input$/],
    ['an object', '{}', /must be a JSON array of DIP messages/],
    ['an empty array', '[]', /empty array: send at least one message/],
    ['an array of a number', '[1]', /element 0 of the body is not a message object/],
    ['an array holding null', '[null]', /element 0 of the body is not a message object/],
    ['an array holding an array', '[[]]', /element 0 of the body is not a message object/],
    ['null', 'null', /JSON array/],
    ['a string', '"[]"', /JSON array/],
    ['a number', '42', /JSON array/],
  ])('400 for %s, with a clear message', async (_what, body, pattern) => {
    const res = await raw(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(pattern);
  });

  it('400 for a bad element after a valid one, and the valid one is not applied', async () => {
    const core = mpanCore('19', 500);
    const res = await post(t.http, LDSO, [message(mpanCreationMessage, { mpanCore: core }), 'x']);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('element 1 of the body is not a message object');
    await t.http.get(`/mpans/${core}`).expect(404);
  });

  it('404 for an unknown channel, naming it and the open channels', async () => {
    const res = await post(t.http, 'IF-999', [message(mpanCreationMessage, { mpanCore: mpanCore('19', 501) })]);
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('"IF-999"');
    expect(res.body.message).toContain('REGS-LDSO');
    expect(res.body.message).toContain('REGS-CSS');
    await t.http.get(`/mpans/${mpanCore('19', 501)}`).expect(404);
  });

  it('413 for more than 1000 messages; nothing is processed', async () => {
    const core = mpanCore('19', 502);
    const messages = [message(mpanCreationMessage, { mpanCore: core }), ...Array.from({ length: 1000 }, () => ({ payload: {} }))];
    const res = await post(t.http, LDSO, messages);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(res.body.message).toContain('at most 1000 messages, got 1001; split it into several submissions');
    await t.http.get(`/mpans/${core}`).expect(404);
  });

  it('413 for a body over the 10 MB size limit, as a JSON error (not a 500)', async () => {
    const res = await raw(JSON.stringify([{ payload: { padding: 'x'.repeat(10 * 1024 * 1024) } }]));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(res.body.message).toMatch(/^the request body is larger than the limit of 10485760 bytes \(it is \d+ bytes\); send fewer messages per submission$/);
  });

  it('415 for a JSON body in a charset other than UTF-8, as a JSON error (not a 500)', async () => {
    const res = await t.http.post(`/dip-channel/${LDSO}`).set('content-type', 'application/json; charset=latin1').send('[{}]');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    expect(res.body.message).toMatch(/charset/i);
  });

  it('exactly 1000 messages are taken (each answered; 400, as none was processed)', async () => {
    const res = await post(t.http, LDSO, Array.from({ length: 1000 }, () => ({ payload: {} })));
    expect(res.status).toBe(400);
    expect(res.body.messageArray).toHaveLength(1000);
    expect(new Set(res.body.messageArray.map((e: AckEntry) => e.message))).toEqual(new Set(['MSG1001 - Schema Failure']));
  });
});

describe('concurrent submissions for one MPAN', () => {
  it('an address change and a DUoS change sent together are both accepted, revisions contiguous', async () => {
    const core = await createdMpan(600);
    const address = message(addressChgMessage, { mpanCore: core });
    const duos = message(duosTariffIdChgMessage, { mpanCore: core });

    const [a, d] = await Promise.all([postOne(t.http, LDSO, address), postOne(t.http, LDSO, duos)]);

    expectAccepted(a!, address, LDSO);
    expectAccepted(d!, duos, LDSO);
    // Each appends its change and the change's IF-018 publication, one after the other.
    expect([a!.outcome!.streamRevision, d!.outcome!.streamRevision].sort()).toEqual(['3', '5']);
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.revision)).toEqual(['0', '1', '2', '3', '4', '5']);
    const [first, second] = a!.outcome!.streamRevision === '3' ? ['MpanAddressChanged', 'DuosTariffIdChanged'] : ['DuosTariffIdChanged', 'MpanAddressChanged'];
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', first, 'PublicationIssued', second, 'PublicationIssued']);
    expect(publicationsIn(events).map((p) => [p.interfaceId, p.causedByEventType, p.recipients])).toEqual([
      ['IF-050', 'MpanCreated', [EES]],
      ['IF-018', first, [MDS, EES, LDSO_19]],
      ['IF-018', second, [MDS, EES, LDSO_19]],
    ]);
  });

  it('10 concurrent DUoS changes with different effective dates are all accepted, none lost', async () => {
    const core = await createdMpan(601);
    const messages = Array.from({ length: 10 }, (_, i) =>
      duosChange(core, String(810 + i), `2025-07-${String(i + 1).padStart(2, '0')}T00:00:00+01:00`),
    );

    const entries = await Promise.all(messages.map((m) => postOne(t.http, LDSO, m)));

    entries.forEach((e, i) => expectAccepted(e, messages[i]!, LDSO));
    // Two events per message (the change, then its IF-018 publication): revisions 3, 5, …, 21.
    expect(entries.map((e) => Number(e.outcome!.streamRevision)).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 3 + 2 * i));
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 22 }, (_, i) => String(i)));
    expect(new Set(events.map((e) => e.position)).size).toBe(22);
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', ...Array(10).fill(['DuosTariffIdChanged', 'PublicationIssued']).flat()]);
    expect(events.filter((e) => e.type === 'DuosTariffIdChanged').map((e) => e.data.duosTariffId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(810 + i)));
    const state = await viewOf(t.http, core);
    expect(state.body.timelines.duosTariffId).toHaveLength(11);
  });

  it('a message racing its own resend is applied exactly once; the other answer is a duplicate', async () => {
    const core = await createdMpan(602);
    const msg = message(energyDirectionMessage, { mpanCore: core });

    const [x, y] = await Promise.all([postOne(t.http, LDSO, msg), postOne(t.http, LDSO, msg)]);

    expect([x!.outcome!.duplicate, y!.outcome!.duplicate].sort()).toEqual([false, true]);
    expect(x!.outcome!.responseCode).toBe('A');
    expect(y!.outcome!.responseCode).toBe('A');
    expect(x!.outcome!.streamRevision).toBe(y!.outcome!.streamRevision);
    expect(x!.outcome!.position).toBe(y!.outcome!.position);
    const events = await allEvents(t.http, core);
    expect(events.map((e) => e.type)).toEqual(['MpanCreated', 'PublicationIssued', 'EnergyDirectionChanged', 'PublicationIssued']);
    expect(x!.outcome!.streamRevision).toBe('3');
  });
});

describe('BST edges: DT-003 date-times land on the right UK settlement day', () => {
  const core = mpanCore('19', 700);

  it('2025-03-30T00:00:00+00:00 (the spring-forward day, 00:00 GMT) is 2025-03-30', async () => {
    const at = '2025-03-30T00:00:00+00:00';
    const msg = withValues(message(mpanCreationMessage, { mpanCore: core }), {
      'payload.CustomBlock.B001.GSPGroupEffectiveFromDate': at,
      'payload.CustomBlock.B023.connectionTypeEffectiveFromDate': at,
      'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': at,
      'payload.CustomBlock.B025.energisationStatusEffectiveFromDate': at,
      'payload.CustomBlock.B026.marketSegmentIndicatorEffectiveFromDate': at,
      'payload.CustomBlock.B079.RMPStatusEffectiveFromDate': at,
      'payload.CustomBlock.B079.MPStatusEffectiveFromDate': at,
    });
    expectAccepted(await postOne(t.http, LDSO, msg), msg, LDSO);

    const res = await viewOf(t.http, core);
    expect(res.body.snapshot.effectiveFromDate).toBe('2025-03-30');
    for (const item of ['gspGroupId', 'connectionType', 'duosTariffId', 'energisationStatus', 'marketSegment']) {
      expect({ item, from: res.body.timelines[item][0].effectiveFromDate }).toEqual({ item, from: '2025-03-30' });
    }
  });

  it('2025-03-30T00:00:00+01:00 (23:00 GMT the evening before) is 2025-03-29: a supply start before the MPAN', async () => {
    const msg = withSupplyStart(message(initialRegistrationMessage, { mpanCore: core }), '2025-03-30T00:00:00+01:00');
    const entry = await postOne(t.http, CSS, msg);
    expectRejected(entry, msg, ['LOC012']);
    expect(entry.outcome!.responseMessages[0]!.message).toBe("supply start date 2025-03-29 is before the MPAN's effective-from date 2025-03-30");
  });

  it('2025-10-26T00:00:00+01:00 (the fall-back day, 00:00 BST) is 2025-10-26', async () => {
    const msg = withValue(
      message(energyDirectionMessage, { mpanCore: core }),
      'payload.CustomBlock.B023.connectionTypeEffectiveFromDate',
      '2025-10-26T00:00:00+01:00',
    );
    expectAccepted(await postOne(t.http, LDSO, msg), msg, LDSO);
    const res = await viewOf(t.http, core);
    expect(res.body.timelines.energyDirection).toEqual([
      { effectiveFromDate: '2025-03-30', effectiveToDate: '2025-10-25', value: 'I' },
      { effectiveFromDate: '2025-10-26', effectiveToDate: null, value: 'E' },
    ]);
    // Not yet effective today.
    expect(res.body.snapshot.energyDirection.value).toBe('I');
  });

  it('2025-10-25T23:00:00+00:00 (still BST: 00:00 local on the 26th) is 2025-10-26 too', async () => {
    const msg = duosChange(core, '811', '2025-10-25T23:00:00+00:00');
    expectAccepted(await postOne(t.http, LDSO, msg), msg, LDSO);
    const res = await viewOf(t.http, core);
    expect(res.body.timelines.duosTariffId).toEqual([
      { effectiveFromDate: '2025-03-30', effectiveToDate: '2025-10-25', value: '801' },
      { effectiveFromDate: '2025-10-26', effectiveToDate: null, value: '811' },
    ]);
  });
});

/** A deep copy with every object's keys in reverse order (same JSON value, different text). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}
