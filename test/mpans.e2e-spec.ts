import {
  addressChgMessage,
  duosTariffIdChgMessage,
  energyDirectionMessage,
  initialRegistrationMessage,
  mpanCreationMessage,
  SAMPLE,
} from '@app/dip-wire/testing/fixtures';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { EES, EventView, LDSO_19, MDS, publicationsIn } from './support/appointments';
import { message, mpanCore, postOne, withBadCheckDigit, withValues } from './support/dip';

const BRWE = `SUP:${SAMPLE.suppliers.BRWE}`;

/**
 * End-to-end over HTTP: the MPAN reads, on the real app with the clock pinned at
 * 2025-06-15T10:00:00Z (UK settlement day 2025-06-15).
 */

let t: TestApp;
/**
 * An MPAN of five messages and nine events: created 2025-04-01 (with its IF-050), BRWE from
 * 2025-04-02, address from 2025-05-01, DUoS 802 from 2025-07-01 (future-dated), export from
 * 2025-10-26 (future-dated), each LDSO data change with its IF-018.
 */
const core = mpanCore('19', 1);
/** The position of each message's acknowledgement: that of the last event it appended. */
const positions: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const steps = [
    ['REGS-LDSO', message(mpanCreationMessage, { mpanCore: core })],
    ['REGS-CSS', message(initialRegistrationMessage, { mpanCore: core })],
    ['REGS-LDSO', message(addressChgMessage, { mpanCore: core })],
    [
      'REGS-LDSO',
      withValues(message(duosTariffIdChgMessage, { mpanCore: core }), {
        'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate': '2025-07-01T00:00:00+01:00',
      }),
    ],
    ['REGS-LDSO', message(energyDirectionMessage, { mpanCore: core })],
  ] as const;
  for (const [channel, msg] of steps) {
    const entry = await postOne(t.http, channel, msg);
    expect(entry.outcome!.responseCode).toBe('A');
    positions.push(entry.outcome!.position!);
  }
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  t.clock.set(PINNED_NOW);
});

/** `GET /mpans/:core` once the views have applied the last acknowledged message (read-your-writes). */
const read = () => t.http.get(`/mpans/${core}`).query({ minPosition: positions[4]! });

describe('GET /mpans/:core', () => {
  it('200: the values effective today, with their periods, the MPAN’s revision and position and the views’ position', async () => {
    const res = await read().expect(200);

    expect(res.body).toMatchObject({
      mpanCore: core,
      effectiveAt: '2025-06-15',
      asKnownAt: '2025-06-15T10:00:00.000Z',
      // The last record of the MPAN's stream: the IF-018 of the energy direction change, as acknowledged.
      streamRevision: '9',
      streamPosition: positions[4],
      streamRecordedAt: '2025-06-15T10:00:00.000Z',
      appointmentRequests: [],
    });
    // The views' checkpoint: at least the acknowledged position (the message's outcome comes after it).
    expect(res.body.position).toMatch(/^[1-9]\d*$/);
    expect(BigInt(res.body.position) >= BigInt(positions[4]!)).toBe(true);
    expect(res.body.snapshot).toEqual({
      mpanCore: core,
      distributorId: '19',
      effectiveFromDate: '2025-04-01',
      settlementDate: '2025-06-15',
      gspGroupId: { effectiveFromDate: '2025-04-01', effectiveToDate: null, value: '_J' },
      address: {
        effectiveFromDate: '2025-05-01',
        effectiveToDate: null,
        value: { postcode: 'TN1 1AA', lines: ['Flat 3', '14 Mount Pleasant Road', 'Tunbridge Wells', null, null, null, null, null, null] },
      },
      connectionType: { effectiveFromDate: '2025-04-01', effectiveToDate: null, value: 'W' },
      energyDirection: { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25', value: 'I' },
      meteredIndicator: { effectiveFromDate: '2025-04-01', effectiveToDate: null, value: true },
      marketSegment: { effectiveFromDate: '2025-04-01', effectiveToDate: null, value: 'S' },
      duosTariffId: { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-06-30', value: '801' },
      energisationStatus: { effectiveFromDate: '2025-04-01', effectiveToDate: null, value: 'D' },
      supplier: {
        effectiveFromDate: '2025-04-02',
        effectiveToDate: null,
        value: {
          supplierDipId: SAMPLE.suppliers.BRWE,
          supplierMpid: 'BRWE',
          cssRegistrationId: 'a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c',
          registrationKind: 'InitialRegistration',
        },
      },
      // No service appointed yet (issue #3 adds them through IF-031/IF-034).
      meteringService: null,
      dataService: null,
      pendingAppointments: [],
      // Nothing of issue 4 has been recorded: no meter, no supplier or LDSO data item, never disconnected;
      // the domestic premise indicator is the one the switching service passed on with the registration (B004).
      meters: [],
      ihdInstallStatus: null,
      domesticPremiseIndicator: { effectiveFromDate: '2025-04-02', effectiveToDate: null, value: true },
      disconnectionStatus: null,
      profileClass: null,
      ssc: null,
      consentGranularity: null,
      smso: null,
    });
  });

  it('a future-dated change is not effective today but is in the timelines', async () => {
    const res = await read().expect(200);
    expect(res.body.snapshot.duosTariffId.value).toBe('801');
    expect(res.body.timelines.duosTariffId).toEqual([
      { effectiveFromDate: '2025-04-01', effectiveToDate: '2025-06-30', value: '801' },
      { effectiveFromDate: '2025-07-01', effectiveToDate: null, value: '802' },
    ]);
    expect(res.body.timelines.address.map((p: { effectiveFromDate: string; effectiveToDate: string | null }) => [p.effectiveFromDate, p.effectiveToDate])).toEqual([
      ['2025-04-01', '2025-04-30'],
      ['2025-05-01', null],
    ]);
  });

  it('follows the clock: on 2025-07-01 (UK) the future-dated tariff is the one effective', async () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July: the UK settlement day has already turned.
    t.clock.set('2025-06-30T23:30:00Z');
    const res = await read().expect(200);
    expect(res.body.effectiveAt).toBe('2025-07-01');
    expect(res.body.snapshot.duosTariffId).toEqual({ effectiveFromDate: '2025-07-01', effectiveToDate: null, value: '802' });
    expect(res.body.snapshot.energyDirection.value).toBe('I');

    t.clock.set('2025-06-30T22:59:59Z');
    const before = await read().expect(200);
    expect(before.body.effectiveAt).toBe('2025-06-30');
    expect(before.body.snapshot.duosTariffId.value).toBe('801');
  });

  it.each([
    ['12 digits', '190000000001', 'MPAN core "190000000001" must be exactly 13 digits'],
    ['14 digits', '19000000000111', 'MPAN core "19000000000111" must be exactly 13 digits'],
    ['letters', '19000000000AB', 'MPAN core "19000000000AB" must be exactly 13 digits'],
    ['an unknown distributor id', '9900012374320', 'MPAN core 9900012374320 has distributor id 99, which is not a known DNO or IDNO'],
  ])('400 for %s, naming the REG0000 reason', async (_what, raw, reason) => {
    const res = await t.http.get(`/mpans/${raw}`).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: reason, code: 'REG0000' });
  });

  it('400 for a bad check digit, naming the expected and the received digit', async () => {
    const bad = withBadCheckDigit(core);
    const res = await t.http.get(`/mpans/${bad}`).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `MPAN core ${bad} fails the check digit: expected ${core[12]}, got ${bad[12]}`,
      code: 'REG0000',
    });
  });

  it('404 for a valid core the registry does not hold', async () => {
    const unknown = mpanCore('19', 2);
    const res = await t.http.get(`/mpans/${unknown}`).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `MPAN ${unknown} is not known to this registry`, code: 'REG0000' });
  });
});

describe('GET /mpans/:core/events', () => {
  type Page = { mpanCore: string; events: Array<EventView & { recordedAt: string }>; nextFromRevision: string | null };
  const page = async (query: Record<string, string | number>): Promise<Page> =>
    (await t.http.get(`/mpans/${core}/events`).query(query).expect(200)).body as Page;

  it('without parameters: every event from revision 0, with string revisions and positions', async () => {
    const all = await page({});
    expect(all.mpanCore).toBe(core);
    expect(all.nextFromRevision).toBeNull();
    expect(all.events.map((e) => e.type)).toEqual([
      'MpanCreated',
      'PublicationIssued',
      'SupplierRegistered',
      'PublicationIssued',
      'MpanAddressChanged',
      'PublicationIssued',
      'DuosTariffIdChanged',
      'PublicationIssued',
      'EnergyDirectionChanged',
      'PublicationIssued',
    ]);
    expect(all.events.map((e) => e.revision)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // The last event of each message is at its acknowledged position; positions only grow.
    expect([1, 3, 5, 7, 9].map((r) => all.events[r]!.position)).toEqual(positions);
    const asNumbers = all.events.map((e) => BigInt(e.position));
    expect(asNumbers.every((p, i) => i === 0 || p > asNumbers[i - 1]!)).toBe(true);
    expect(publicationsIn(all.events)).toEqual([
      { interfaceId: 'IF-050', eventCode: '[MPANCreation]', causedByEventType: 'MpanCreated', appointmentId: null, recipients: [EES] },
      { interfaceId: 'IF-001', eventCode: '[InitialRegistration]', causedByEventType: 'SupplierRegistered', appointmentId: null, recipients: [BRWE, MDS, LDSO_19] },
      { interfaceId: 'IF-018', eventCode: '[AddressChg]', causedByEventType: 'MpanAddressChanged', appointmentId: null, recipients: [BRWE, MDS, EES, LDSO_19] },
      { interfaceId: 'IF-018', eventCode: '[DUOSTariffIDChg]', causedByEventType: 'DuosTariffIdChanged', appointmentId: null, recipients: [BRWE, MDS, EES, LDSO_19] },
      { interfaceId: 'IF-018', eventCode: '[EnergyDirection]', causedByEventType: 'EnergyDirectionChanged', appointmentId: null, recipients: [BRWE, MDS, EES, LDSO_19] },
    ]);
    for (const e of all.events) {
      expect(typeof e.revision).toBe('string');
      expect(typeof e.position).toBe('string');
      expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('pages with limit and fromRevision; nextFromRevision is null at the end', async () => {
    const first = await page({ limit: 4 });
    expect(first.events.map((e) => e.revision)).toEqual(['0', '1', '2', '3']);
    expect(first.nextFromRevision).toBe('4');

    const second = await page({ fromRevision: first.nextFromRevision!, limit: 4 });
    expect(second.events.map((e) => e.revision)).toEqual(['4', '5', '6', '7']);
    expect(second.nextFromRevision).toBe('8');

    const last = await page({ fromRevision: second.nextFromRevision!, limit: 4 });
    expect(last.events.map((e) => e.revision)).toEqual(['8', '9']);
    expect(last.nextFromRevision).toBeNull();
  });

  it('a page that ends exactly at the last event has no next page', async () => {
    const exact = await page({ fromRevision: 8, limit: 2 });
    expect(exact.events.map((e) => e.revision)).toEqual(['8', '9']);
    expect(exact.nextFromRevision).toBeNull();
    const whole = await page({ limit: 10 });
    expect(whole.events).toHaveLength(10);
    expect(whole.nextFromRevision).toBeNull();
  });

  it('limit 1 and 1000 are the bounds; fromRevision past the end is an empty page', async () => {
    const one = await page({ limit: 1, fromRevision: 9 });
    expect(one.events.map((e) => e.revision)).toEqual(['9']);
    expect(one.nextFromRevision).toBeNull();
    expect((await page({ limit: 1, fromRevision: 8 })).nextFromRevision).toBe('9');
    expect((await page({ limit: 1000 })).events).toHaveLength(10);
    expect(await page({ fromRevision: 99 })).toEqual({ mpanCore: core, events: [], nextFromRevision: null });
    expect((await page({ fromRevision: '9223372036854775807' })).events).toEqual([]);
  });

  it.each([
    ['limit=0', { limit: '0' }, /limit must be a whole number from 1 to 1000, got "0"/],
    ['limit=1001', { limit: '1001' }, /limit must be a whole number from 1 to 1000, got "1001"/],
    ['limit=abc', { limit: 'abc' }, /limit must be a whole number/],
    ['limit=1.5', { limit: '1.5' }, /limit must be a whole number/],
    ['limit=-1', { limit: '-1' }, /limit must be a whole number/],
    ['fromRevision=-1', { fromRevision: '-1' }, /fromRevision must be a whole number from 0/],
    ['fromRevision=abc', { fromRevision: 'abc' }, /fromRevision must be a whole number from 0/],
    ['fromRevision=1e3', { fromRevision: '1e3' }, /fromRevision must be a whole number from 0/],
    ['fromRevision past 64 bits (2^63)', { fromRevision: '9223372036854775808' }, /fromRevision must be a whole number from 0 to 9223372036854775807/],
    ['fromRevision of 20 digits', { fromRevision: '99999999999999999999' }, /fromRevision must be a whole number from 0/],
  ])('400 for %s', async (_what, query, pattern) => {
    const res = await t.http.get(`/mpans/${core}/events`).query(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(pattern);
  });

  it('400 with REG0000 for a malformed core, 404 for an unknown one', async () => {
    const bad = await t.http.get(`/mpans/${withBadCheckDigit(core)}/events`).expect(400);
    expect(bad.body.code).toBe('REG0000');
    expect(bad.body.message).toContain('fails the check digit');
    const unknown = mpanCore('19', 3);
    const res = await t.http.get(`/mpans/${unknown}/events`).expect(404);
    expect(res.body).toMatchObject({ code: 'REG0000', message: `MPAN ${unknown} is not known to this registry` });
  });
});
