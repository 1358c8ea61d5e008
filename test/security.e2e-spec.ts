import { constants, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalSignatureStringForOrigin, contentHashOf, DipSignatureHeaders, formatSignatureDate, sampleKeyPair, signDipRequest, signedHeadersFor } from '@app/dip-auth';
import { fixturePem, repoRoot } from '@app/dip-auth/testing/sample-keyring';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { acceptanceOf, appointmentRequest, appointmentResponse, RequestSpec } from './support/appointment-messages';
import { establishedMpan, REQUEST_CHANNEL, RESPONSE_CHANNEL } from './support/appointments';
import { AckEntry, Acknowledgement, expectRejected, mpanCore, SAMPLE, streamRevisionOf } from './support/dip';

/**
 * Attacks on authentication and authorisation over HTTP (issue #8 item 4; docs/security.md): each
 * asserts the status, the reason code and message, and that the log is unchanged where the request
 * could have changed it. Requests are signed explicitly (`t.as`, `t.asOperator`, `t.unsigned` or by
 * hand), never by the harness's inference.
 */

const BRWE = SAMPLE.suppliers.BRWE;
const NSTP = SAMPLE.suppliers.NSTP;
const { MSSA, MSSB } = SAMPLE.providers;

type Ack = Acknowledgement & { statusCode?: number };

/** The raw submission as it will be sent (signed over these exact bytes). */
const bodyOf = (messages: unknown[]): string => JSON.stringify(messages);

/** Sends `body` to `path` with exactly `headers` (no signing by the harness). */
function sendRaw(t: TestApp, path: string, body: string, headers: Partial<DipSignatureHeaders>) {
  return t.unsigned().post(path).set(headers).set('Content-Type', 'application/json').send(body);
}

/** Asserts an error answer: status, code, message pattern, and that nothing of the signature is echoed. */
function expectRefused(res: { status: number; body: { code?: string; message?: string }; text: string }, status: number, code: string, message: RegExp, signature?: string): void {
  expect([res.status, res.body.code]).toEqual([status, code]);
  expect(res.body.message).toMatch(message);
  if (signature !== undefined) expect(res.text).not.toContain(signature);
}

describe('authentication: forged, unregistered, replayed and altered requests change nothing', () => {
  let t: TestApp;
  const core = mpanCore('19', 7001);
  const request: RequestSpec = { core, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-06-20', scenario: 'CSP' };

  beforeAll(async () => {
    t = await startTestApp();
    await establishedMpan(t, core, PINNED_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A valid IF-031 submission by BRWE and its signature headers at the app's clock. */
  function signedSubmission(now: string | Date = t.clock.now()): { body: string; headers: DipSignatureHeaders } {
    const body = bodyOf([appointmentRequest(request).msg]);
    return { body, headers: signedHeadersFor(BRWE, { method: 'POST', url: `/dip-channel/${REQUEST_CHANNEL}`, body, now }) };
  }

  it('an unsigned request: 401 MISSING_HEADER naming the four headers, with WWW-Authenticate; reads too', async () => {
    const before = await streamRevisionOf(t.asOperator(), core);
    const res = await t.unsigned().post(`/dip-channel/${REQUEST_CHANNEL}`).send([appointmentRequest(request).msg]);
    expectRefused(res, 401, 'MISSING_HEADER', /^missing DIP signature headers X-DIP-Signature-Date, X-DIP-Content-Hash, X-DIP-Signature-Certificate, X-DIP-Signature/);
    expect(res.headers['www-authenticate']).toMatch(/^DIP-Signature /);
    expect((await t.unsigned().get(`/mpans/${core}`)).status).toBe(401);
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
  });

  it('a forged signature (the signature of another request, same key): 401 SIGNATURE_INVALID, signature not echoed, nothing appended', async () => {
    const before = await streamRevisionOf(t.asOperator(), core);
    const { body, headers } = signedSubmission();
    const other = signedHeadersFor(BRWE, { method: 'POST', url: '/dip-channel/IF-025', body, now: t.clock.now() });
    const res = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, { ...headers, 'X-DIP-Signature': other['X-DIP-Signature'] });
    expectRefused(res, 401, 'SIGNATURE_INVALID', /^X-DIP-Signature does not verify with the key of 1000000001 over "POST;\/dip-channel\/if-031;/, other['X-DIP-Signature']);
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
  });

  it("a request signed with one participant's key presenting another's certificate: 401 SIGNATURE_INVALID (the key maps to the certificate's owner)", async () => {
    const { body } = signedSubmission();
    const nstp = sampleKeyPair(NSTP);
    const brwe = sampleKeyPair(BRWE);
    // Signed by NSTP's private key, presenting BRWE's certificate: it cannot verify.
    const forged = signDipRequest({ method: 'POST', url: `/dip-channel/${REQUEST_CHANNEL}`, body, now: t.clock.now(), privateKeyPem: nstp.privateKeyPem, certificatePem: nstp.certificatePem });
    const res = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, { ...forged, 'X-DIP-Signature-Certificate': Buffer.from(brwe.certificatePem).toString('base64') });
    expectRefused(res, 401, 'SIGNATURE_INVALID', /with the key of 1000000001/);
  });

  it('a signature by a key registered to no participant: 401 KEY_NOT_REGISTERED with its fingerprint, nothing appended', async () => {
    const before = await streamRevisionOf(t.asOperator(), core);
    const { body } = signedSubmission();
    const headers = signDipRequest({ method: 'POST', url: `/dip-channel/${REQUEST_CHANNEL}`, body, now: t.clock.now(), privateKeyPem: fixturePem('unregistered.key.pem'), certificatePem: fixturePem('unregistered.cert.pem') });
    const res = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, headers);
    expectRefused(res, 401, 'KEY_NOT_REGISTERED', /^the key in X-DIP-Signature-Certificate \(SHA-256 fingerprint [0-9a-f]{64}\) is not registered to any participant$/);
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
  });

  it('a request signed 5 min 1 s ago: 401 DATE_OUTSIDE_SKEW_WINDOW saying how far behind', async () => {
    const { body, headers } = signedSubmission(new Date(Date.parse(t.clock.now()) - 301_000));
    const res = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, headers);
    expectRefused(res, 401, 'DATE_OUTSIDE_SKEW_WINDOW', /is 5 min 1 s \(301000 ms\) behind the registry's clock .* the window is ±5 min \(300000 ms\)/);
  });

  it('a captured request replayed after the window: accepted once, then 401 and the log unchanged', async () => {
    const { body, headers } = signedSubmission();
    const first = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, headers);
    expect(first.status).toBe(201);
    expect((first.body as Ack).messageArray[0]!.outcome!.responseCode).toBe('A');
    const after = await streamRevisionOf(t.asOperator(), core);
    t.clock.set(new Date(Date.parse(t.clock.now()) + 6 * 60_000).toISOString());
    try {
      const replay = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, body, headers);
      expectRefused(replay, 401, 'DATE_OUTSIDE_SKEW_WINDOW', /behind the registry's clock/);
      expect(await streamRevisionOf(t.asOperator(), core)).toBe(after);
    } finally {
      t.clock.set(PINNED_NOW);
    }
  });

  it('a body changed after signing (one message swapped for another): 401 CONTENT_HASH_MISMATCH, nothing appended', async () => {
    const before = await streamRevisionOf(t.asOperator(), core);
    const { headers } = signedSubmission();
    const changed = bodyOf([appointmentRequest({ ...request, provider: 'MSSA' }).msg]);
    const res = await sendRaw(t, `/dip-channel/${REQUEST_CHANNEL}`, changed, headers);
    expectRefused(res, 401, 'CONTENT_HASH_MISMATCH', new RegExp(`^X-DIP-Content-Hash ${escape(headers['X-DIP-Content-Hash'])} is not the SHA-256 of the ${Buffer.byteLength(changed)}-byte body received`));
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
  });

  it('a query changed after signing: 401 SIGNATURE_INVALID', async () => {
    const headers = signedHeadersFor(BRWE, { method: 'GET', url: `/participants/${BRWE}/publications?limit=1`, now: t.clock.now() });
    const res = await t.unsigned().get(`/participants/${BRWE}/publications?limit=1000`).set(headers);
    expectRefused(res, 401, 'SIGNATURE_INVALID', /over "GET;\/participants\/1000000001\/publications\?limit=1000;/);
  });
});

describe('authorisation: acting and reading where one does not belong', () => {
  let t: TestApp;
  const core = mpanCore('19', 7101);
  const csp: RequestSpec = { core, service: 'MS', supplier: 'BRWE', provider: 'MSSB', from: '2025-06-25', scenario: 'CSP' };

  beforeAll(async () => {
    t = await startTestApp();
    await establishedMpan(t, core, PINNED_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Posts `messages` on `channel` signed as `dipId` and returns the answer. */
  const submit = (dipId: string, channel: string, messages: unknown[]) => t.as(dipId).post(`/dip-channel/${channel}`).send(messages);

  /** Posts one message as `dipId`, expects it processed and rejected with exactly `codes`, the MPAN stream untouched. */
  async function rejectedAs(dipId: string, channel: string, msg: Parameters<typeof expectRejected>[1], codes: string[]): Promise<AckEntry> {
    const before = await streamRevisionOf(t.asOperator(), core);
    const res = await submit(dipId, channel, [msg]);
    expect(res.status).toBe(201);
    const entry = (res.body as Ack).messageArray[0]!;
    expectRejected(entry, msg, codes);
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
    return entry;
  }

  /**
   * Posts one message as `dipId`, expects it processed and rejected (R) with `code` among its
   * reasons (the others depend on the MPAN's state), the MPAN stream untouched.
   * @returns the reason with that code.
   */
  async function rejectedWith(dipId: string, channel: string, msg: Parameters<typeof expectRejected>[1], code: string): Promise<{ code: string; message: string }> {
    const before = await streamRevisionOf(t.asOperator(), core);
    const res = await submit(dipId, channel, [msg]);
    expect(res.status).toBe(201);
    const outcome = (res.body as Ack).messageArray[0]!.outcome!;
    expect(outcome).toMatchObject({ responseCode: 'R', eventTypes: [] });
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
    const reason = outcome.responseMessages.find((r) => r.code === code);
    expect([code, reason !== undefined]).toEqual([code, true]);
    return reason!;
  }

  it("a message claiming another participant's S1.senderDIPID: 403 SENDER_NOT_SIGNER for the whole submission, nothing processed", async () => {
    const before = await streamRevisionOf(t.asOperator(), core);
    const own = appointmentRequest(csp);
    const claimed = appointmentRequest({ ...csp, supplier: 'NSTP' });
    const res = await submit(BRWE, REQUEST_CHANNEL, [own.msg, claimed.msg]);
    expectRefused(
      res,
      403,
      'SENDER_NOT_SIGNER',
      /^message 1 claims S1.senderDIPID "1000000002", but the request is signed by 1000000001 \(BRWE\): a participant submits only its own messages; nothing in this submission was processed$/,
    );
    expect(await streamRevisionOf(t.asOperator(), core)).toBe(before);
    // Nothing was recorded for either message: sent again properly, each is new (not a duplicate).
    const again = await submit(BRWE, REQUEST_CHANNEL, [own.msg]);
    expect((again.body as Ack).messageArray[0]!.outcome).toMatchObject({ responseCode: 'A', duplicate: false });
    const claimedAgain = await submit(NSTP, REQUEST_CHANNEL, [claimed.msg]);
    expect((claimedAgain.body as Ack).messageArray[0]!.outcome).toMatchObject({ duplicate: false });
  });

  it("a supplier acting on another supplier's MPAN (NSTP asks for a CSP on BRWE's MPAN): REG1033, nothing appended", async () => {
    const entry = await rejectedAs(NSTP, REQUEST_CHANNEL, appointmentRequest({ ...csp, supplier: 'NSTP', from: '2025-06-26' }).msg, ['REG1033']);
    expect(entry.outcome!.responseMessages[0]!.message).toBe(`CSP is only for the supplier registered on 2025-06-26, not ${NSTP} (NSTP): that is ${BRWE} (BRWE)`);
  });

  it("a provider answering another provider's appointment request (MSSA answers MSSB's): LOC027, nothing appended", async () => {
    const entry = await rejectedAs(MSSA, RESPONSE_CHANNEL, acceptanceOf(csp, { sender: 'MSSA' }).msg, ['LOC027']);
    expect(entry.outcome!.responseMessages[0]!.message).toMatch(new RegExp(`^sender ${MSSA} \\(MSSA\\) is not ${MSSB} \\(MSSB\\), the proposed MS of pending request`));
  });

  it('a role the participant does not hold (the supplier BRWE answering as a metering service, MSS): LOC002 among the reasons, nothing appended', async () => {
    const answer = appointmentResponse({ core, service: 'MS', sender: 'BRWE', senderRole: 'MSS', proposed: { provider: 'MSSB', from: csp.from, supplier: 'BRWE' } });
    const entry = await rejectedWith(BRWE, RESPONSE_CHANNEL, answer.msg, 'LOC002');
    expect(entry.message).toBe(`sender ${BRWE} (BRWE) does not hold role MSS on ${csp.from}`);
  });

  it("an interface from a wrong role (a supplier answering on IF-034, the providers' interface): LOC001 among the reasons, nothing appended", async () => {
    const answer = appointmentResponse({ core, service: 'MS', sender: 'BRWE', senderRole: 'SUP', proposed: { provider: 'MSSB', from: csp.from, supplier: 'BRWE' } });
    const entry = await rejectedWith(BRWE, RESPONSE_CHANNEL, answer.msg, 'LOC001');
    expect(entry.message).toBe('sender role id SUP is not MSS, the role that sends RespondToServiceAppointment');
  });

  it("one participant reading, acknowledging or reconfiguring another's feed: 403 NOT_OWN_RESOURCE, the feed unchanged", async () => {
    const own = await t.as(BRWE).get(`/participants/${BRWE}/publications`);
    expect(own.status).toBe(200);
    expect(own.body.lastSequence).toBeGreaterThan(0);
    const ackBefore = own.body.acknowledgedSequence as number;

    const read = await t.as(NSTP).get(`/participants/${BRWE}/publications`);
    expectRefused(read, 403, 'NOT_OWN_RESOURCE', /^1000000002 \(NSTP\) may not use the resources of participant 1000000001: a participant reads and changes only its own feed, portfolio and history \(GET \/participants\/1000000001\/publications\)$/);
    expect(read.body).not.toHaveProperty('items');
    const ack = await t.as(NSTP).post(`/participants/${BRWE}/publications/ack`).send({ sequence: own.body.lastSequence });
    expectRefused(ack, 403, 'NOT_OWN_RESOURCE', /may not use the resources of participant 1000000001/);
    const config = await t.as(NSTP).put(`/participants/${BRWE}/publication-config`).send({ webhookUrl: 'https://attacker.example/hook' });
    expectRefused(config, 403, 'NOT_OWN_RESOURCE', /may not use/);
    expect((await t.as(NSTP).delete(`/participants/${BRWE}/publication-config`)).status).toBe(403);
    expect((await t.as(NSTP).post(`/participants/${BRWE}/publications/replay`).send({ fromSequence: 0 })).status).toBe(403);
    expect((await t.as(NSTP).get(`/participants/${BRWE}/publication-config`)).status).toBe(403);
    expect((await t.asOperator().get(`/participants/${BRWE}/publications`)).status).toBe(403);

    const after = await t.as(BRWE).get(`/participants/${BRWE}/publications`);
    expect(after.body.acknowledgedSequence).toBe(ackBefore);
    expect((await t.as(BRWE).get(`/participants/${BRWE}/publication-config`)).body).toMatchObject({ webhookUrl: null });
  });

  it("another participant's portfolio or history replay: 403 NOT_OWN_RESOURCE; its own: 200", async () => {
    expectRefused(await t.as(NSTP).get(`/participants/${BRWE}/portfolio`), 403, 'NOT_OWN_RESOURCE', /resources of participant 1000000001/);
    expect((await t.as(BRWE).get(`/participants/${BRWE}/portfolio`)).status).toBe(200);
    expectRefused(await t.as(NSTP).get(`/mpans/${core}/history?participant=${BRWE}`), 403, 'NOT_OWN_RESOURCE', /may not use participant=1000000001/);
    expect((await t.as(BRWE).get(`/mpans/${core}/history?participant=${BRWE}`)).status).toBe(200);
  });

  it('every authenticated participant reads the MPAN query view and search', async () => {
    expect((await t.as(NSTP).get(`/mpans/${core}`)).status).toBe(200);
    expect((await t.as(MSSA).get('/mpans?postcode=AB1%202CD')).status).toBe(200);
  });

  it('a participant calling operator endpoints (day start, raw events, temporal reads): 403 OPERATOR_ONLY, nothing run', async () => {
    const run = await t.as(BRWE).post('/day-start').send({});
    expectRefused(run, 403, 'OPERATOR_ONLY', /^POST \/day-start is an operator endpoint: sign with a key registered to the registry's own DIP id 9000000002; the key used belongs to 1000000001 \(BRWE\)$/);
    for (const path of ['/day-start', `/mpans/${core}/events`, `/mpans/${core}/state`, `/mpans/${core}/timeline`, `/mpans/${core}/diff`, `/mpans/${core}/explain?item=supplier`]) {
      expect([path, (await t.as(MSSB).get(path)).status]).toEqual([path, 403]);
    }
    const status = await t.asOperator().get('/day-start');
    expect([status.status, status.body]).toEqual([200, { lastCompletedDay: null }]);
    expect((await t.asOperator().get(`/mpans/${core}/events`)).status).toBe(200);
  });
});

describe('production mode and the public origin', () => {
  let dir: string;
  let t: TestApp;
  /** 1000000003 (GFSL) signs with its own (non-sample) key; everyone else has only sample keys. */
  const GFSL = SAMPLE.suppliers.GFSL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-keyring-'));
    writeFileSync(join(dir, 'gfsl.cert.pem'), fixturePem('unregistered.cert.pem'));
    const keys = [
      { dipId: BRWE, certificate: join(repoRoot(), 'reference-data', 'sample-keys', `${BRWE}.cert.pem`), sample: true },
      { dipId: GFSL, certificate: 'gfsl.cert.pem', sample: false },
    ];
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ version: 'prod-test', keys }));
    t = await startTestApp({ env: { REGISTRY_PRODUCTION: 'true', REGISTRY_DIP_KEYRING: join(dir, 'keys.json'), REGISTRY_PUBLIC_ORIGIN: 'https://registry.example.org' } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a sample key: 401 SAMPLE_KEY_REFUSED naming the participant', async () => {
    const res = await t.as(BRWE).get(`/participants/${BRWE}/publications`);
    expectRefused(res, 401, 'SAMPLE_KEY_REFUSED', /of 1000000001 is a published sample key \(reference-data\/sample-keys\), refused in production mode/);
  });

  it("accepts the participant's own registered key, signed over the path or over the absolute URL on the public origin", async () => {
    const path = `/participants/${GFSL}/publications`;
    const privateKeyPem = fixturePem('unregistered.key.pem');
    const certificatePem = fixturePem('unregistered.cert.pem');
    const headers = signDipRequest({ method: 'GET', url: path, now: t.clock.now(), privateKeyPem, certificatePem });
    expect((await t.unsigned().get(path).set(headers)).status).toBe(200);

    const date = formatSignatureDate(t.clock.now());
    const hash = contentHashOf(undefined);
    const canonical = canonicalSignatureStringForOrigin('GET', 'https://registry.example.org', path, date, hash);
    const signature = sign('sha256', Buffer.from(canonical), { key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }).toString('base64');
    const absolute = { ...headers, 'X-DIP-Signature-Date': date, 'X-DIP-Content-Hash': hash, 'X-DIP-Signature': signature };
    expect((await t.unsigned().get(path).set(absolute)).status).toBe(200);
    const elsewhere = sign('sha256', Buffer.from(canonicalSignatureStringForOrigin('GET', 'https://other.example.org', path, date, hash)), { key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING });
    expect((await t.unsigned().get(path).set({ ...absolute, 'X-DIP-Signature': elsewhere.toString('base64') })).body.code).toBe('SIGNATURE_INVALID');
  });

  it('will not start on an invalid keyring, naming the file and every problem', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 'bad', keys: [{ dipId: '1999999999', fingerprint: 'ab', sample: false }] }));
    await expect(startTestApp({ env: { REGISTRY_DIP_KEYRING: join(dir, 'bad.json') } })).rejects.toThrow(
      new RegExp(`^the DIP keyring ${escape(join(dir, 'bad.json'))} \\(REGISTRY_DIP_KEYRING\\) is unusable: invalid DIP keyring \\(2 problems\\):\n- \\$\\.keys\\[0\\] \\(fingerprint\\): DIP id "1999999999" is not a participant`),
    );
  });

  it('will not start in production mode on a keyring of sample keys only', async () => {
    await expect(startTestApp({ env: { REGISTRY_PRODUCTION: 'true' } })).rejects.toThrow(
      /REGISTRY_PRODUCTION=true but every key of the DIP keyring .*participant-keys\.json is a public sample key/,
    );
  });
});

/** `s` with the RegExp metacharacters escaped. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
