import { initialRegistrationMessage, meterInstallMessage, mpanCreationMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { during } from './support/appointment-messages';
import { accepted, CSS_CHANNEL, establishedMpan, LDSO_CHANNEL } from './support/appointments';
import { message, mpanCore } from './support/dip';

/**
 * End-to-end over HTTP: the reads that answer from the MPAN query view — `GET /mpans/{core}` with
 * read-your-writes, search (`GET /mpans?postcode=|meterId=|esmeGuid=`) and a participant's portfolio
 * (`GET /participants/{dipId}/portfolio`) — on the real app (SQLite files, in-process projector).
 *
 * The registry holds twelve MPANs of distributor 19, all at postcode TN1 1AA with BRWE registered
 * from 2025-04-02; one of them (`established`) has MSSA (MSS) and SDSA (SDS) appointed from
 * 2025-04-02 and a smart meter installed on 2025-04-10. Reads run at 2025-06-15 (UK).
 */

const { BRWE } = SAMPLE.suppliers;
const { MSSA, SDSA } = SAMPLE.providers;
const METER = SAMPLE.meters.installed;

let t: TestApp;
const established = mpanCore('19', 7001);
const plain = Array.from({ length: 11 }, (_, i) => mpanCore('19', 7100 + i));
const all = [established, ...plain].sort();
/** Acknowledged position of the meter installation and of the last message posted. */
let meterPosition = '';
let lastPosition = '';

beforeAll(async () => {
  t = await startTestApp({ now: during('2025-04-01') });
  await establishedMpan(t, established, during('2025-04-10'));
  meterPosition = (await accepted(t.http, 'IF-005', message(meterInstallMessage, { mpanCore: established }))).outcome!.position!;
  for (const core of plain) {
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: core }));
    lastPosition = (await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: core }))).outcome!.position!;
  }
  t.clock.set(PINNED_NOW);
});

afterAll(async () => {
  await t?.close();
});

/** A position no append has reached. */
const unreached = () => (BigInt(lastPosition) + 1_000_000n).toString();

/** Every page of a list endpoint, following `nextCursor`; checks the page shape as it goes. */
async function walk(path: string, query: Record<string, string | number>): Promise<Array<{ mpanCore: string } & Record<string, unknown>>> {
  const items: Array<{ mpanCore: string } & Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const res = await t.http.get(path).query(cursor === null ? query : { ...query, cursor }).expect(200);
    expect(res.body.position).toMatch(/^[1-9]\d*$/);
    expect(BigInt(res.body.position as string) >= BigInt(lastPosition)).toBe(true);
    items.push(...(res.body.items as typeof items));
    cursor = res.body.nextCursor as string | null;
    if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  } while (cursor !== null);
  return items;
}

describe('GET /mpans/:core from the view, read-your-writes', () => {
  it('with minPosition from an acknowledgement, the answer includes that write: the meter, the appointed services', async () => {
    const res = await t.http.get(`/mpans/${established}`).query({ minPosition: meterPosition }).expect(200);
    expect(res.body).toMatchObject({ mpanCore: established, effectiveAt: '2025-06-15' });
    expect(BigInt(res.body.position as string) >= BigInt(meterPosition)).toBe(true);
    expect(res.body.snapshot.meters).toEqual([expect.objectContaining({ meterId: METER.meterId, esmeGuid: METER.esmeGuid, meterInstallationDate: '2025-04-10' })]);
    expect(res.body.snapshot.meteringService).toMatchObject({ effectiveFromDate: '2025-04-02', effectiveToDate: null, value: { providerDipId: MSSA, providerRole: 'MSS' } });
    expect(res.body.snapshot.dataService).toMatchObject({ value: { providerDipId: SDSA, providerRole: 'SDS' } });
    expect(res.body.appointmentRequests.map((r: { serviceType: string; status: string }) => [r.serviceType, r.status])).toEqual([
      ['MS', 'Activated'],
      ['DS', 'Activated'],
    ]);
  });

  it('503 (VIEW_BEHIND, Retry-After: 1) when the views have not reached minPosition within maxWaitMs=0', async () => {
    const res = await t.http.get(`/mpans/${established}`).query({ minPosition: unreached(), maxWaitMs: 0 }).expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'VIEW_BEHIND' });
    expect(res.body.message).toContain(`not ${unreached()} within 0 ms`);
  });

  it.each([
    ['minPosition=abc', { minPosition: 'abc' }, /minPosition must be a whole number from 0 to 9223372036854775807, got "abc"/],
    ['minPosition=-1', { minPosition: '-1' }, /minPosition must be a whole number/],
    ['minPosition past 64 bits', { minPosition: '9223372036854775808' }, /minPosition must be a whole number from 0 to 9223372036854775807/],
    ['maxWaitMs=-1', { minPosition: '1', maxWaitMs: '-1' }, /maxWaitMs must be a whole number of milliseconds from 0 to 10000, got "-1"/],
    ['maxWaitMs over the configured maximum', { minPosition: '1', maxWaitMs: '10001' }, /maxWaitMs must be a whole number of milliseconds from 0 to 10000/],
    ['an unknown parameter', { effectiveAt: '2025-06-01' }, /unknown query parameter "effectiveAt"; this endpoint accepts minPosition, maxWaitMs/],
    ['a repeated parameter', 'minPosition=1&minPosition=2', /query parameter minPosition must be given once/],
  ])('400 for %s', async (_what, query, pattern) => {
    const res = await t.http.get(`/mpans/${established}`).query(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(pattern);
  });
});

describe('GET /mpans?postcode=|meterId=|esmeGuid=', () => {
  it('by postcode: every MPAN at TN1 1AA on the day, once each, in core order, across pages of 5; the postcode is normalised', async () => {
    const items = await walk('/mpans', { postcode: 'tn11aa', limit: 5, minPosition: lastPosition });
    expect(items.map((i) => i.mpanCore)).toEqual(all);
    expect(items[0]!.matches).toEqual([
      {
        effectiveFromDate: '2025-04-01',
        effectiveToDate: null,
        value: { postcode: 'TN1 1AA', lines: ['Flat 2', '14 Mount Pleasant Road', 'Tunbridge Wells', null, null, null, null, null, null] },
      },
    ]);
    const first = await t.http.get('/mpans').query({ postcode: ' TN1  1AA ', limit: 5 }).expect(200);
    expect(first.body).toMatchObject({ criteria: { postcode: 'TN1 1AA' }, date: '2025-06-15' });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.nextCursor).not.toBeNull();
    const last = await t.http.get('/mpans').query({ postcode: 'TN1 1AA', limit: 12 }).expect(200);
    expect(last.body.items).toHaveLength(12);
    expect(last.body.nextCursor).toBeNull();
    // Before the MPANs existed nothing was at that postcode; another postcode has nothing.
    expect((await t.http.get('/mpans').query({ postcode: 'TN1 1AA', date: '2025-03-31' }).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/mpans').query({ postcode: 'CB1 2AB' }).expect(200)).body).toMatchObject({ items: [], nextCursor: null });
  });

  it('by meter id and by ESME GUID: the MPAN with that meter installed on the day, with the meter', async () => {
    for (const query of [{ meterId: METER.meterId }, { esmeGuid: METER.esmeGuid }]) {
      const res = await t.http.get('/mpans').query({ ...query, minPosition: meterPosition }).expect(200);
      expect(res.body).toMatchObject({ criteria: query, date: '2025-06-15', nextCursor: null });
      expect(res.body.items).toEqual([
        {
          mpanCore: established,
          matches: [
            {
              effectiveFromDate: '2025-04-10',
              effectiveToDate: null,
              value: expect.objectContaining({ meterId: METER.meterId, esmeGuid: METER.esmeGuid, meterInstallationDate: '2025-04-10', meterRemovalDate: null }),
            },
          ],
        },
      ]);
      // The day before the installation the meter is not installed anywhere.
      expect((await t.http.get('/mpans').query({ ...query, date: '2025-04-09' }).expect(200)).body.items).toEqual([]);
    }
  });

  it('503 for an unreached minPosition with maxWaitMs=0', async () => {
    const res = await t.http.get('/mpans').query({ postcode: 'TN1 1AA', minPosition: unreached(), maxWaitMs: 0 }).expect(503);
    expect(res.body.code).toBe('VIEW_BEHIND');
  });

  it.each([
    ['no search parameter', {}, /give one search parameter: postcode, meterId, esmeGuid/],
    ['two search parameters', { postcode: 'TN1 1AA', meterId: 'X' }, /give only one search parameter of postcode, meterId, esmeGuid; got postcode and meterId/],
    ['an empty postcode', { postcode: '  ' }, /postcode must be 1 to 10 characters \(once normalised\), got " {2}"/],
    ['a postcode over 10 characters', { postcode: 'ABCDEFGHIJK' }, /postcode must be 1 to 10 characters/],
    ['a meter id over 10 characters', { meterId: '12345678901' }, /meterId must be 1 to 10 characters, got "12345678901"/],
    ['an ESME GUID over 23 characters', { esmeGuid: '00-1B-6A-FF-FE-01-23-45-67' }, /esmeGuid must be 1 to 23 characters/],
    ['a control character', { meterId: 'A\tB' }, /meterId must not contain control characters/],
    ['a date that is not a calendar date', { postcode: 'TN1 1AA', date: '2025-02-30' }, /date must be a calendar date YYYY-MM-DD, got "2025-02-30"/],
    ['limit=0', { postcode: 'TN1 1AA', limit: '0' }, /limit must be a whole number from 1 to 1000, got "0"/],
    ['limit=1001', { postcode: 'TN1 1AA', limit: '1001' }, /limit must be a whole number from 1 to 1000, got "1001"/],
    ['limit=2.5', { postcode: 'TN1 1AA', limit: '2.5' }, /limit must be a whole number/],
    ['a cursor this API did not issue', { postcode: 'TN1 1AA', cursor: 'not-a-cursor' }, /cursor "not-a-cursor" is not a cursor this API issued/],
    ['an unknown parameter', { postcode: 'TN1 1AA', role: 'SUP' }, /unknown query parameter "role"/],
    ['minPosition=abc', { postcode: 'TN1 1AA', minPosition: 'abc' }, /minPosition must be a whole number/],
  ])('400 for %s', async (_what, query, pattern) => {
    const res = await t.http.get('/mpans').query(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(pattern);
  });
});

describe('GET /participants/:dipId/portfolio', () => {
  it('a supplier: every MPAN it supplies on the day, once each, in core order, across pages of 5', async () => {
    const items = await walk(`/participants/${BRWE}/portfolio`, { date: '2025-06-15', limit: 5, minPosition: lastPosition });
    expect(items.map((i) => i.mpanCore)).toEqual(all);
    for (const item of items) {
      expect(item.roles).toEqual([
        {
          role: 'SUP',
          effectiveFromDate: '2025-04-02',
          effectiveToDate: null,
          supplierMpid: 'BRWE',
          cssRegistrationId: SAMPLE.cssRegistrationIds.initial,
          registrationKind: 'InitialRegistration',
        },
      ]);
    }
    const page = await t.http.get(`/participants/${BRWE}/portfolio`).query({ limit: 5 }).expect(200);
    expect(page.body).toMatchObject({ dipId: BRWE, date: '2025-06-15', role: null });
    // The day before the supply start BRWE supplies none of them.
    expect((await t.http.get(`/participants/${BRWE}/portfolio`).query({ date: '2025-04-01' }).expect(200)).body).toMatchObject({ items: [], nextCursor: null });
  });

  it('a metering and a data service: the MPAN they are appointed to, as MS and DS; role filters', async () => {
    const ms = await t.http.get(`/participants/${MSSA}/portfolio`).expect(200);
    expect(ms.body.items).toEqual([
      {
        mpanCore: established,
        roles: [
          expect.objectContaining({ role: 'MS', effectiveFromDate: '2025-04-02', effectiveToDate: null, providerMpid: 'MSSA', providerRole: 'MSS', appointmentScenario: 'COS', requestingSupplierDipId: BRWE }),
        ],
      },
    ]);
    const ds = await t.http.get(`/participants/${SDSA}/portfolio`).query({ role: 'DS' }).expect(200);
    expect(ds.body).toMatchObject({ role: 'DS', items: [{ mpanCore: established, roles: [{ role: 'DS', providerRole: 'SDS' }] }] });
    expect((await t.http.get(`/participants/${MSSA}/portfolio`).query({ role: 'SUP' }).expect(200)).body.items).toEqual([]);
    expect((await t.http.get(`/participants/${BRWE}/portfolio`).query({ role: 'MS' }).expect(200)).body.items).toEqual([]);
  });

  it('404 for a DIP id the registry does not know', async () => {
    const res = await t.http.get('/participants/1234567890/portfolio').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'participant 1234567890 is not known to this registry' });
  });

  it('503 for an unreached minPosition with maxWaitMs=0', async () => {
    const res = await t.http.get(`/participants/${BRWE}/portfolio`).query({ minPosition: unreached(), maxWaitMs: 0 }).expect(503);
    expect(res.body.code).toBe('VIEW_BEHIND');
  });

  it.each([
    ['a DIP id of 9 digits', '100000000', {}, /a DIP id is 10 digits \(DT-006\), got "100000000"/],
    ['a DIP id with letters', 'BRWE000001', {}, /a DIP id is 10 digits \(DT-006\), got "BRWE000001"/],
    ['role=SUPPLIER', BRWE, { role: 'SUPPLIER' }, /role must be SUP, MS or DS, got "SUPPLIER"/],
    ['role=ms (case matters)', BRWE, { role: 'ms' }, /role must be SUP, MS or DS, got "ms"/],
    ['date=2025-13-01', BRWE, { date: '2025-13-01' }, /date must be a calendar date YYYY-MM-DD, got "2025-13-01"/],
    ['date=15/06/2025', BRWE, { date: '15/06/2025' }, /date must be a calendar date YYYY-MM-DD/],
    ['limit=0', BRWE, { limit: '0' }, /limit must be a whole number from 1 to 1000, got "0"/],
    ['a cursor this API did not issue', BRWE, { cursor: 'eyJ2IjoyfQ' }, /is not a cursor this API issued/],
    ['an unknown parameter', BRWE, { postcode: 'TN1 1AA' }, /unknown query parameter "postcode"/],
    ['maxWaitMs without a number', BRWE, { minPosition: '1', maxWaitMs: 'soon' }, /maxWaitMs must be a whole number of milliseconds/],
  ])('400 for %s', async (_what, dipId, query, pattern) => {
    const res = await t.http.get(`/participants/${dipId}/portfolio`).query(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(pattern);
  });
});
