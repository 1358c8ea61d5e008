import { addressChgMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { PINNED_NOW, startTestApp, TestApp } from './support/app';
import { dipIdOf } from './support/appointment-messages';
import { establishedMpan } from './support/appointments';
import { allEvents, message, mpanCore, post, withBadCheckDigit } from './support/dip';

/**
 * `GET /mpans/{mpanCore}/history?participant=&fromRevision=|fromPosition=` (issue #6 item 5) over
 * HTTP on the real app: NDJSON, filtered to what the participant may see (docs/audit.md), every
 * refusal before the first byte, and a long history streamed in chunks.
 */

let t: TestApp;
const core = mpanCore('19', 601);
const LDSO = SAMPLE.ldsoDipId;
const BRWE = dipIdOf('BRWE');
const MSSA = dipIdOf('MSSA');
const SDSA = dipIdOf('SDSA');

interface Line {
  revision: string;
  position: string;
  recordedAt: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** GET the history and collect the raw body, counting the chunks it arrived in. */
async function history(query: Record<string, string>, path = `/mpans/${core}/history`) {
  let chunks = 0;
  const res = await t.http
    .get(path)
    .query(query)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        chunks += 1;
        text += chunk;
      });
      response.on('end', () => done(null, text));
    });
  const text = res.body as string;
  const lines = res.status === 200 && text.length > 0 ? text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line) : [];
  return { res, text, lines, chunks };
}

const namesRecipient = (e: { type: string; data: Record<string, unknown> }, dip: string) =>
  (e.data.recipients as Array<{ dipId: string }>).some((r) => r.dipId === dip);

beforeAll(async () => {
  t = await startTestApp();
  await establishedMpan(t, core, PINNED_NOW);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /mpans/:core/history — who sees what', () => {
  it('200 NDJSON for the LDSO: every MPAN event, and the publications that name it, one JSON object per line', async () => {
    const events = await allEvents(t.http, core);
    const { res, text, lines } = await history({ participant: LDSO });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['x-regs-through-revision']).toBe(events.at(-1)!.revision);
    expect(res.headers['x-regs-entitled-from-revision']).toBe('0');
    expect(res.headers['x-regs-entitled-roles']).toBe('LDSO');
    expect(text.endsWith('\n')).toBe(true);
    const expected = events.filter((e) => e.type !== 'PublicationIssued' || namesRecipient(e, LDSO));
    expect(lines.map((l) => l.revision)).toEqual(expected.map((e) => e.revision));
    expect(lines.some((l) => l.type === 'PublicationIssued')).toBe(true);
    expect(lines.length).toBeLessThan(events.length);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['revision', 'position', 'recordedAt', 'type', 'data', 'metadata']);
      expect(line.position).toMatch(/^[1-9]\d*$/);
      expect(line.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('200 for the supplier from its registration on; 200 for each provider from the request that named it', async () => {
    const events = await allEvents(t.http, core);
    const registration = events.find((e) => e.type === 'SupplierRegistered')!;
    const sup = await history({ participant: BRWE });
    expect(sup.res.headers['x-regs-entitled-roles']).toBe('SUP');
    expect(sup.res.headers['x-regs-entitled-from-revision']).toBe(registration.revision);
    // The MPAN's creation (effective 2025-04-01) is before Brightwater's supply (from 2025-04-02).
    expect(sup.lines[0]!.type).toBe('SupplierRegistered');
    expect(sup.lines.map((l) => l.revision)).toEqual(
      events.filter((e) => BigInt(e.revision) >= BigInt(registration.revision) && (e.type !== 'PublicationIssued' || namesRecipient(e, BRWE))).map((e) => e.revision),
    );

    for (const provider of [MSSA, SDSA]) {
      const request = events.find((e) => e.type === 'ServiceAppointmentRequested' && e.data.providerDipId === provider)!;
      const { res, lines } = await history({ participant: provider });
      expect(res.status).toBe(200);
      expect(lines[0]).toMatchObject({ revision: request.revision, type: 'ServiceAppointmentRequested' });
      expect(lines.filter((l) => l.type === 'PublicationIssued').every((l) => namesRecipient(l, provider))).toBe(true);
      // The IF-033 the registry sent it is there.
      expect(lines.some((l) => l.type === 'PublicationIssued' && l.data.interfaceId === 'IF-033')).toBe(true);
    }
  });

  it('starts at fromRevision, or at the first event at or after fromPosition', async () => {
    const all = (await history({ participant: LDSO })).lines;
    const byRevision = await history({ participant: LDSO, fromRevision: '5' });
    expect(byRevision.lines).toEqual(all.filter((l) => BigInt(l.revision) >= 5n));
    const pivot = all[3]!;
    const byPosition = await history({ participant: LDSO, fromPosition: pivot.position });
    expect(byPosition.lines).toEqual(all.slice(3));
    const past = await history({ participant: LDSO, fromRevision: '100000' });
    expect(past.res.status).toBe(200);
    expect(past.text).toBe('');
  });

  it('403 for a participant with no role on the MPAN, saying why (a supplier of other MPANs, the enquiry service)', async () => {
    for (const participant of [dipIdOf('NSTP'), '9000000003']) {
      const { res, text } = await history({ participant });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: `participant ${participant} may not replay the history of MPAN ${core}: it is not the MPAN's LDSO, and no event names it as the MPAN's incoming supplier or as a proposed metering or data service`,
      });
    }
  });

  it('404 for a participant the reference data does not know, and for an unknown MPAN', async () => {
    const unknownParticipant = await history({ participant: '1999999999' });
    expect(unknownParticipant.res.status).toBe(404);
    expect(JSON.parse(unknownParticipant.text).message).toBe('participant 1999999999 is not known to this registry');
    const unknownMpan = await history({ participant: LDSO }, `/mpans/${mpanCore('19', 999)}/history`);
    expect(unknownMpan.res.status).toBe(404);
    expect(JSON.parse(unknownMpan.text)).toMatchObject({ code: 'REG0000', message: `MPAN ${mpanCore('19', 999)} is not known to this registry` });
  });

  it.each([
    ['a malformed core', `/mpans/${withBadCheckDigit(core)}/history`, { participant: LDSO }, /fails the check digit/],
    ['no participant', undefined, {}, /^participant is required/],
    ['a participant that is not a DIP id', undefined, { participant: '30000000' }, /^participant must be a DIP id of 10 digits \(DT-006\), got "30000000"/],
    ['both starting points', undefined, { participant: LDSO, fromRevision: '1', fromPosition: '1' }, /^give fromRevision or fromPosition, not both$/],
    ['a negative revision', undefined, { participant: LDSO, fromRevision: '-1' }, /^fromRevision must be a whole number from 0 to 9223372036854775807, got "-1"$/],
    ['a position beyond 64 bits', undefined, { participant: LDSO, fromPosition: '9223372036854775808' }, /^fromPosition must be a whole number/],
    ['an unknown parameter', undefined, { participant: LDSO, limit: '10' }, /^unknown query parameter "limit"; this endpoint accepts participant, fromRevision, fromPosition$/],
  ])('400 for %s', async (_what, path, query, message) => {
    const { res, text } = await history(query as Record<string, string>, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(text).message).toMatch(message);
  });
});

describe('GET /mpans/:core/history — a long history', () => {
  it('streams thousands of events in order, in many chunks, each line a whole event', async () => {
    const long = mpanCore('19', 602);
    await establishedMpan(t, long, PINNED_NOW, { withProviders: false });
    const changes = Array.from({ length: 1000 }, () => message(addressChgMessage, { mpanCore: long })).map((m, i) => {
      (m.payload.CustomBlock as { B022: { addressLine1: string } }).B022.addressLine1 = `Flat ${i + 1}`;
      return m;
    });
    const ack = await post(t.http, 'REGS-LDSO', changes);
    expect(ack.status).toBe(201);
    expect((ack.body.messageArray as Array<{ outcome: { responseCode: string } }>).every((m) => m.outcome.responseCode === 'A')).toBe(true);

    const started = Date.now();
    const { res, lines, chunks } = await history({ participant: LDSO }, `/mpans/${long}/history`);
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(lines.length).toBeGreaterThan(2000);
    const events = await allEvents(t.http, long);
    expect(lines.map((l) => l.revision)).toEqual(events.filter((e) => e.type !== 'PublicationIssued' || namesRecipient(e, LDSO)).map((e) => e.revision));
    expect(lines.filter((l) => l.type === 'MpanAddressChanged').map((l) => (l.data.address as { lines: string[] }).lines[0])).toEqual(
      Array.from({ length: 1000 }, (_, i) => `Flat ${i + 1}`),
    );
    expect(chunks).toBeGreaterThan(5);
    console.log(`history of ${lines.length} events streamed in ${chunks} chunks, ${ms} ms`);
  }, 300_000); // a hang guard: with the views on PostgreSQL each of the 1,000 changes rewrites the MPAN's view rows
});
