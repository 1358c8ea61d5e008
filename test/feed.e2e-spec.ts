import { domPremIndMessage, initialRegistrationMessage, mpanCreationMessage, SAMPLE, withValue } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { FeedItemView, FeedPage } from '@app/projections/feed';
import { startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, brweCosRequests, during } from './support/appointment-messages';
import { accepted, CSS_CHANNEL, LDSO_CHANNEL, REQUEST_CHANNEL, RESPONSE_CHANNEL } from './support/appointments';
import { message, mpanCore, postOne, withBadCheckDigit } from './support/dip';

/**
 * The subscriber notification feed over HTTP on the real app (issue #5; docs/feed.md): an MPAN
 * created by the LDSO of distributor 19, registered to BRWE, with MSSA (MS) and SDSA (DS)
 * appointed and active; then a rejected IF-031 from NSTP and a rejected LDSO creation. Checks who
 * receives what (an acceptance reaches exactly its recipients, a rejection only its originator),
 * pull defaults and paging, acknowledgements, the event-code filter and the API's refusals.
 */

const BRWE = SAMPLE.suppliers.BRWE;
const NSTP = SAMPLE.suppliers.NSTP;
const { MSSA, SDSA, MSSB } = SAMPLE.providers;
const LDSO = SAMPLE.ldsoDipId;
const MDS = '9000000004';
const EES = '9000000003';
const CORE = mpanCore('19', 7001);

/** Every participant DIP id of the sample reference data. */
const EVERYONE = [
  ...Object.values(SAMPLE.suppliers),
  ...Object.values(SAMPLE.providers),
  LDSO,
  '3000000010',
  '3000000024',
  SAMPLE.cssDipId,
  SAMPLE.registryDipId,
  EES,
  MDS,
  '9000000005',
  '9000000006',
];

describe('notification feed over HTTP', () => {
  let t: TestApp;
  let nstpRejection: string;

  /** The log head: reads wait for the views to reach it (read-your-writes). */
  const head = async () => (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();

  async function pull(dipId: string, query: Record<string, string | number> = {}): Promise<FeedPage> {
    const res = await t.http.get(`/participants/${dipId}/publications`).query({ minPosition: await head(), ...query });
    if (res.status !== 200) throw new Error(`GET publications of ${dipId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as FeedPage;
  }

  const everything = async (dipId: string): Promise<FeedItemView[]> => (await pull(dipId, { after: 0, limit: 1000 })).items;
  const codesOf = (items: FeedItemView[]) => items.map((i) => `${i.interfaceId} ${i.eventCode}`);

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(during('2025-04-01'));
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: CORE }));
    const domestic = withValue(message(domPremIndMessage, { mpanCore: CORE }), 'payload.CustomBlock.B028.domesticPremiseIndicatorEffectiveFromDate', '2025-04-01T00:00:00+01:00');
    await accepted(t.http, LDSO_CHANNEL, domestic);
    await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: CORE }));
    const { ms, ds } = brweCosRequests(CORE);
    await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(ms));
    await accepted(t.http, REQUEST_CHANNEL, appointmentRequest(ds));
    t.clock.set(during('2025-04-02'));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ms));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ds));
    // NSTP quotes BRWE's CSS registration: rejected, and only NSTP hears of it.
    const bad = appointmentRequest({ core: CORE, service: 'MS', supplier: 'NSTP', provider: 'MSSB', from: '2025-04-02', scenario: 'COS', cssId: SAMPLE.cssRegistrationIds.initial });
    const entry = await postOne(t.http, REQUEST_CHANNEL, bad.msg);
    expect(entry.outcome?.responseCode).toBe('R');
    nstpRejection = entry.senderUniqueReference!;
    // The LDSO creates an MPAN with a bad check digit: rejected (REG0000), only the LDSO hears of it.
    const wrong = await postOne(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: withBadCheckDigit(mpanCore('19', 7002)) }));
    expect(wrong.outcome?.responseCode).toBe('R');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an appointment acceptance (IF-035) reaches exactly the requesting supplier and the proposed provider', async () => {
    const holders: string[] = [];
    for (const dipId of EVERYONE) {
      const items = await everything(dipId);
      if (items.some((i) => i.eventCode === '[MSAppAccepted]' && i.mpanCore === CORE)) holders.push(dipId);
    }
    expect(holders.sort()).toEqual([BRWE, MSSA].sort());
  });

  it('the active notice (IF-036 [MSAppActive]) reaches the supplier, both providers, the LDSO, MDS and EES, and nobody else', async () => {
    const holders: string[] = [];
    for (const dipId of EVERYONE) {
      if ((await everything(dipId)).some((i) => i.eventCode === '[DSAppActive]' && i.mpanCore === CORE)) holders.push(dipId);
    }
    expect(holders.sort()).toEqual([BRWE, MSSA, SDSA, LDSO, MDS, EES].sort());
  });

  it('each party\'s feed holds what the registry published to it, in log order, numbered 1, 2, 3 …', async () => {
    const brwe = await everything(BRWE);
    expect(codesOf(brwe)).toEqual([
      'IF-001 [InitialRegistration]',
      'IF-032 [MSAppInitialResp]',
      'IF-032 [DSAppInitialResp]',
      'IF-035 [MSAppAccepted]',
      'IF-036 [MSAppActive]',
      'IF-035 [DSAppAccepted]',
      'IF-036 [DSAppActive]',
    ]);
    expect(codesOf(await everything(MSSA))).toEqual(['IF-033 [MSAppSPRequest]', 'IF-035 [MSAppAccepted]', 'IF-036 [MSAppActive]', 'IF-036 [DSAppActive]']);
    expect(codesOf(await everything(EES))).toEqual(['IF-050 [MPANCreation]', 'IF-018 [DomPremInd]', 'IF-036 [MSAppActive]', 'IF-036 [DSAppActive]']);
    for (const dipId of [BRWE, MSSA, LDSO, EES]) {
      const items = await everything(dipId);
      expect(items.map((i) => i.sequence)).toEqual(items.map((_, n) => n + 1));
      expect(items.every((i) => i.kind === 'publication' || dipId === LDSO)).toBe(true);
    }
  });

  it('items are DIP egress messages addressed from the registry, with D0 and the conversation\'s correlation id', async () => {
    const [active] = (await everything(MSSA)).filter((i) => i.eventCode === '[MSAppActive]');
    expect(active).toMatchObject({ kind: 'publication', format: 'egress', schema: 'IF-036-MSAppActive', publicationId: 'PUB-036', mpanCore: CORE });
    const m = active!.message as { CommonBlock: { S0: unknown; S1: Record<string, unknown>; D0: Record<string, unknown>; M0: unknown } };
    expect(m.CommonBlock.S0).toEqual({ interfaceID: 'IF-036', schemaVersion: '011', eventCode: '[MSAppActive]' });
    expect(m.CommonBlock.S1).toMatchObject({ senderDIPID: '9000000002', senderRoleID: 'REGS' });
    expect(m.CommonBlock.D0).toMatchObject({ transactionID: active!.transactionId, publicationID: 'PUB-036', replayIndicator: false });
    expect(m.CommonBlock.D0.initialCorrelationID).toEqual(expect.any(String));
    expect(m.CommonBlock.S1.senderCorrelationID).toBe(m.CommonBlock.D0.initialCorrelationID);
    expect(m.CommonBlock.M0).toEqual({ MPANCore: CORE, distributorDIPID: LDSO, GSPGroupID: '_J' });
    expect(typeof active!.sourcePosition).toBe('string');
  });

  it('a rejected IF-031 reaches only its originator, as IF-032 with R0 R; nobody else sees it', async () => {
    const mine = (await everything(NSTP)).filter((i) => i.kind === 'rejection');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ interfaceId: 'IF-032', eventCode: '[MSAppInitialResp]', format: 'egress', mpanCore: CORE });
    const r0 = (mine[0]!.message as { CommonBlock: { R0: { responseCode: string; responseMessages: string[] } } }).CommonBlock.R0;
    expect(r0.responseCode).toBe('R');
    expect(r0.responseMessages.length).toBeGreaterThan(0);
    for (const dipId of EVERYONE.filter((d) => d !== NSTP)) {
      const items = await everything(dipId);
      expect(items.filter((i) => i.sourcePosition === mine[0]!.sourcePosition)).toEqual([]);
      expect(JSON.stringify(items)).not.toContain(nstpRejection);
    }
    expect(codesOf(await everything(MSSB))).toEqual([]);
  });

  it('a rejected LDSO message reaches only the LDSO, as a DIP status message', async () => {
    const rejections = (await everything(LDSO)).filter((i) => i.kind === 'rejection');
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ format: 'status', interfaceId: 'REGS-LDSO', eventCode: '[MPANCreation]', schema: 'StandardResponseBodyType', publicationId: null });
    expect(rejections[0]!.message).toMatchObject({ recipientID: LDSO, senderID: '9000000002' });
    expect((rejections[0]!.message as { message: string }).message).toMatch(/^REG0000 - /);
    for (const dipId of EVERYONE.filter((d) => d !== LDSO)) {
      expect((await everything(dipId)).filter((i) => i.kind === 'rejection' && i.interfaceId === 'REGS-LDSO')).toEqual([]);
    }
  });

  it('pull defaults: after the acknowledged sequence, 100 at most; pages continue with nextAfter', async () => {
    const all = await pull(BRWE);
    expect(all).toMatchObject({ recipient: BRWE, eventCodes: null, after: 0, acknowledgedSequence: 0, lastSequence: 7, nextAfter: 7 });
    expect(all.items.map((i) => i.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(BigInt(all.position)).toBeGreaterThanOrEqual(BigInt(await head()));
    const first = await pull(BRWE, { limit: 3 });
    expect([first.items.map((i) => i.sequence), first.nextAfter]).toEqual([[1, 2, 3], 3]);
    const second = await pull(BRWE, { after: first.nextAfter, limit: 3 });
    expect([second.items.map((i) => i.sequence), second.nextAfter]).toEqual([[4, 5, 6], 6]);
  });

  it('ack moves the default start; a lower ack changes nothing and says so; beyond the last is 400', async () => {
    const ack = await t.http.post(`/participants/${MSSA}/publications/ack`).send({ sequence: 2 });
    expect(ack.status).toBe(200);
    expect(ack.body).toEqual({ recipient: MSSA, acknowledgedSequence: 2, previous: 0, changed: true, lastSequence: 4, message: 'acknowledged through 2' });
    const page = await pull(MSSA);
    expect([page.after, page.acknowledgedSequence, page.items.map((i) => i.sequence)]).toEqual([2, 2, [3, 4]]);
    const lower = await t.http.post(`/participants/${MSSA}/publications/ack`).send({ sequence: 1 });
    expect(lower.status).toBe(200);
    expect(lower.body).toMatchObject({ acknowledgedSequence: 2, previous: 2, changed: false, message: 'already acknowledged through 2; acknowledging 1 changes nothing' });
    const beyond = await t.http.post(`/participants/${MSSA}/publications/ack`).send({ sequence: 5 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.message).toBe(`sequence 5 is beyond the last sequence of ${MSSA}'s feed (4); nothing was acknowledged`);
    expect((await pull(MSSA)).acknowledgedSequence).toBe(2);
    // Explicit after still reads anything, acknowledged or not.
    expect((await pull(MSSA, { after: 0 })).items.map((i) => i.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('the event-code filter restricts pull; GET shows it; DELETE returns to everything', async () => {
    const put = await t.http.put(`/participants/${EES}/publication-config`).send({ eventCodes: ['[MSAppActive]', '[MPANCreation]'] });
    expect([put.status, put.body.message]).toEqual([200, undefined]);
    expect(put.body).toMatchObject({ recipient: EES, eventCodes: ['[MPANCreation]', '[MSAppActive]'], webhookUrl: null, delivery: null, lastSequence: 4 });
    const filtered = await pull(EES);
    expect(codesOf(filtered.items)).toEqual(['IF-050 [MPANCreation]', 'IF-036 [MSAppActive]']);
    expect([filtered.lastSequence, filtered.nextAfter]).toEqual([4, 4]);
    expect((await pull(EES, { limit: 1 })).nextAfter).toBe(1);
    expect((await pull(EES, { after: 1, limit: 1 })).items.map((i) => i.sequence)).toEqual([3]);
    const got = await t.http.get(`/participants/${EES}/publication-config`);
    expect(got.body).toMatchObject({ eventCodes: ['[MPANCreation]', '[MSAppActive]'] });
    const reset = await t.http.delete(`/participants/${EES}/publication-config`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ eventCodes: null, webhookUrl: null });
    expect((await pull(EES)).items).toHaveLength(4);
  });

  it('refuses unknown event codes, non-http URLs, unknown fields and non-JSON bodies', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ eventCodes: ['[NotAnEvent]'] }, /unknown event code\(s\) "\[NotAnEvent\]"/],
      [{ eventCodes: 'MSAppActive' }, /eventCodes must be null or an array/],
      [{ webhookUrl: 'ftp://example.org/x' }, /webhookUrl must use http or https/],
      [{ callbackURL: 'https://example.org/x' }, /unknown field "callbackURL"; this body takes only eventCodes, webhookUrl/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.put(`/participants/${EES}/publication-config`).send(body as object);
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(message)]);
    }
    const text = await t.http.put(`/participants/${EES}/publication-config`).set('content-type', 'text/plain').send('{}');
    expect(text.status).toBe(415);
    expect((await t.http.get(`/participants/${EES}/publication-config`)).body).toMatchObject({ eventCodes: null, webhookUrl: null });
  });

  it('refuses malformed queries and bodies (400) and unknown participants (404)', async () => {
    expect((await t.http.get(`/participants/${BRWE}/publications?limit=0`)).status).toBe(400);
    expect((await t.http.get(`/participants/${BRWE}/publications?limit=1001`)).status).toBe(400);
    expect((await t.http.get(`/participants/${BRWE}/publications?after=-1`)).status).toBe(400);
    expect((await t.http.get(`/participants/${BRWE}/publications?after=9007199254740992`)).status).toBe(400);
    expect((await t.http.get(`/participants/${BRWE}/publications?minPosition=x`)).status).toBe(400);
    expect((await t.http.get('/participants/12345/publications')).status).toBe(400);
    const unknown = await t.http.get('/participants/1999999999/publications');
    expect([unknown.status, unknown.body.message]).toEqual([404, 'no participant with DIP id 1999999999 in the reference data']);
    expect((await t.http.post(`/participants/${BRWE}/publications/ack`).send({ sequence: 1.5 })).status).toBe(400);
    expect((await t.http.post(`/participants/${BRWE}/publications/ack`).send({ sequence: '1' })).status).toBe(400);
    expect((await t.http.post(`/participants/${BRWE}/publications/ack`).send({})).status).toBe(400);
    expect((await t.http.post('/participants/1999999999/publications/ack').send({ sequence: 0 })).status).toBe(404);
  });

  it('a read asking for a position the views have not reached answers 503', async () => {
    const res = await t.http.get(`/participants/${BRWE}/publications`).query({ minPosition: '9000000000000', maxWaitMs: '20' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });
});
