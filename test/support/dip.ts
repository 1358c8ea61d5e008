import request from 'supertest';
import type { AckEntry, Acknowledgement } from '../../apps/registration-api/src/dip-channel/acknowledgement';
import { DipMessageJson, FixtureOptions, SAMPLE, senderUniqueReference, withValue } from '@app/dip-wire/testing/fixtures';
import { mpanCheckDigit } from '@app/registration-domain';

export type { AckEntry, Acknowledgement };

/** The registry's own DIP id: the `senderID` of every acknowledgement. */
export const REGISTRY_DIP_ID = '9000000002';
/** The settlement day of the pinned clock, as it appears in transaction ids. */
export const PINNED_DAY = '20250615';

/** LDSO of the IDNO distributor 24 (any GSP group). */
export const IDNO_24_LDSO = '3000000024';
/** LDSO of the DNO distributor 10 (Eastern, `_A`): an LDSO, but not distributor 19's. */
export const OTHER_LDSO = '3000000010';

/** A valid MPAN core of `distributorId` (two digits) with serial number `serial`, check digit computed. */
export function mpanCore(distributorId: string, serial: number): string {
  const first12 = `${distributorId}${String(serial).padStart(10, '0')}`;
  return `${first12}${mpanCheckDigit(first12)}`;
}

/** The same core with a wrong 13th digit. */
export function withBadCheckDigit(core: string): string {
  return `${core.slice(0, 12)}${(Number(core[12]) + 1) % 10}`;
}

const IF_NUMBER: Record<string, string> = {
  '[MPANCreation]': '050',
  '[AddressChg]': '018',
  '[GSPChg]': '018',
  '[DUOSTariffIDChg]': '018',
  '[EnergyDirection]': '018',
  '[InitialRegistration]': '001',
  '[ChangeOfSupplier]': '001',
  '[MarketSegmentChange]': '044',
  '[ConnectionTypeChange]': '043',
  '[DomPremInd]': '018',
  '[MPANDisconnection]': '009',
  '[MPANReconnection]': '009',
  '[MeterInstall]': '005',
  '[MeterRemoval]': '005',
  '[MeterExchange]': '005',
  '[MeterUpdate]': '005',
  '[MeterHistoryUpdate]': '005',
  '[EnergisationStatusChange]': '007',
  '[EnergisationStatusFailure]': '007',
  '[SSCandProfileClass]': '025',
  '[ConsentGranularity]': '025',
  '[IHDInfo]': '025',
  '[SMSO]': '025',
};

let counter = 0;

/**
 * Builds a fixture message with a fresh, unique senderUniqueReference (DT-995 pattern) for its
 * sender, unless one is given: `message(mpanCreationMessage, { mpanCore })`.
 */
export function message(build: (o: FixtureOptions) => DipMessageJson, options: FixtureOptions = {}): DipMessageJson {
  const probe = build(options);
  const s0 = probe.payload.CommonBlock.S0 as { eventCode: string };
  const s1 = probe.payload.CommonBlock.S1 as { senderDIPID: string; senderRoleID: string };
  if (options.uniqueReference) return probe;
  // The reference's role segment must be 3–5 capitals; keep the sender's role when it fits.
  const role = /^[A-Z]{3,5}$/.test(s1.senderRoleID) ? s1.senderRoleID : 'LDSO';
  const uniqueReference = senderUniqueReference(IF_NUMBER[s0.eventCode] ?? '018', s1.senderDIPID, role, PINNED_DAY, `E2E${++counter}`);
  return build({ ...options, uniqueReference });
}

/** Sets several dotted paths at once (see `withValue`). */
export function withValues<T>(msg: T, values: Record<string, unknown>): T {
  return Object.entries(values).reduce((m, [path, value]) => withValue(m, path, value), msg);
}

/** `S1` of a message (sender DIP id, role, unique reference). */
export function s1Of(msg: DipMessageJson): { senderDIPID: string; senderRoleID: string; senderUniqueReference: string } {
  return msg.payload.CommonBlock.S1 as { senderDIPID: string; senderRoleID: string; senderUniqueReference: string };
}

/** `POST /dip-channel/:channel` with a JSON array of messages. */
export function post(http: request.Agent, channel: string, messages: unknown): request.Test {
  return http.post(`/dip-channel/${channel}`).send(messages as object);
}

/** Posts one message and returns its single acknowledgement entry; the status must be `status`. */
export async function postOne(http: request.Agent, channel: string, msg: DipMessageJson, status = 201): Promise<AckEntry> {
  const res = await post(http, channel, [msg]);
  if (res.status !== status) {
    throw new Error(`expected ${status} from ${channel}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const body = res.body as Acknowledgement;
  if (body.messageArray.length !== 1) throw new Error(`expected one entry, got ${body.messageArray.length}`);
  return body.messageArray[0]!;
}

/** The transaction id pattern of an acknowledgement of a message of `sender` on `channel`. */
export function transactionIdPattern(channel: string, senderDipId: string, role: string): RegExp {
  return new RegExp(`^T-${channel}-${senderDipId}-${role}-${PINNED_DAY}-[0-9a-f]{16}$`);
}

/**
 * Asserts an acknowledgement entry of an accepted message: `MSG0000 - Success`, response code A,
 * no reasons, not a duplicate, decimal-string revision and position, addressed back to the sender
 * by the registry, with a DIP transaction id.
 */
export function expectAccepted(entry: AckEntry, msg: DipMessageJson, channel: string): void {
  const s1 = s1Of(msg);
  expect(entry).toMatchObject({
    message: 'MSG0000 - Success',
    senderID: REGISTRY_DIP_ID,
    recipientID: s1.senderDIPID,
    senderUniqueReference: s1.senderUniqueReference,
    sentTimestamp: '2025-06-15T10:00:00+00:00',
    help: null,
    outcome: {
      responseCode: 'A',
      responseMessages: [],
      duplicate: false,
      receivedAt: '2025-06-15T10:00:00.000Z',
    },
  });
  expect(entry.transactionID).toMatch(transactionIdPattern(channel, s1.senderDIPID, s1.senderRoleID));
  expect(entry.transactionID!.length).toBeLessThanOrEqual(65);
  expect(entry.outcome!.streamRevision).toMatch(/^(0|[1-9]\d*)$/);
  expect(entry.outcome!.position).toMatch(/^[1-9]\d*$/);
  expect(entry.errors).toBeUndefined();
}

/**
 * Asserts an acknowledgement entry of a message rejected on business rules: still
 * `MSG0000 - Success` (it was processed), response code R, exactly `codes` in order.
 */
export function expectRejected(entry: AckEntry, msg: DipMessageJson, codes: string[]): void {
  const s1 = s1Of(msg);
  expect(entry).toMatchObject({
    message: 'MSG0000 - Success',
    senderID: REGISTRY_DIP_ID,
    recipientID: s1.senderDIPID,
    senderUniqueReference: s1.senderUniqueReference,
    outcome: { responseCode: 'R', duplicate: false, eventTypes: [] },
  });
  // No MPAN event: the position is that of the rejection record (the originator's feed item).
  expect(entry.outcome!.position).toMatch(/^[1-9]\d*$/);
  expect(entry.outcome!.responseMessages.map((r) => r.code)).toEqual(codes);
}

/** Every event of an MPAN over HTTP, following `nextFromRevision`. */
export async function allEvents(http: request.Agent, core: string): Promise<Array<{ revision: string; position: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>> {
  const events: Array<{ revision: string; position: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }> = [];
  let from: string | null = '0';
  while (from !== null) {
    const res = await http.get(`/mpans/${core}/events`).query({ fromRevision: from, limit: 1000 });
    if (res.status !== 200) throw new Error(`GET /mpans/${core}/events: ${res.status} ${JSON.stringify(res.body)}`);
    events.push(...(res.body.events as typeof events));
    from = res.body.nextFromRevision as string | null;
  }
  return events;
}

/** The current stream revision of an MPAN over HTTP (`null` when the MPAN is unknown: 404). */
export async function streamRevisionOf(http: request.Agent, core: string): Promise<string | null> {
  const head = await http.get(`/mpans/${core}/events`).query({ limit: 1 });
  if (head.status === 404) return null;
  const events = await allEvents(http, core);
  return events.length === 0 ? null : events[events.length - 1]!.revision;
}

export { SAMPLE };
