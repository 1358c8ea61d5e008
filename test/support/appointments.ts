import request from 'supertest';
import { initialRegistrationMessage, mpanCreationMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import type { TestApp } from './app';
import { acceptanceOf, appointmentRequest, brweCosRequests, BuiltMessage, during } from './appointment-messages';
import { AckEntry, allEvents, message, postOne } from './dip';
import { viewOf } from './views';

/** Over-HTTP helpers of the appointment e2e tests (IF-031 → IF-037, day-start). */

export const LDSO_CHANNEL = 'REGS-LDSO';
export const CSS_CHANNEL = 'REGS-CSS';
export const REQUEST_CHANNEL = 'IF-031';
export const RESPONSE_CHANNEL = 'IF-034';

/** Recipients of the sample reference data named in publications. */
export const LDSO_19 = `LDSO:${SAMPLE.ldsoDipId}`;
export const MDS = 'MDS:9000000004';
export const EES = 'EES:9000000003';

/** An MPAN event as `GET /mpans/:core/events` returns it. */
export type EventView = Awaited<ReturnType<typeof allEvents>>[number];

/** A recorded publication, flattened: recipients as `ROLE:dipId` in recorded order. */
export interface PublicationView {
  interfaceId: string;
  eventCode: string;
  causedByEventType: string;
  appointmentId: string | null;
  recipients: string[];
}

/** The `PublicationIssued` events of a stream, in order. */
export function publicationsIn(events: EventView[]): PublicationView[] {
  return events
    .filter((e) => e.type === 'PublicationIssued')
    .map((e) => {
      const d = e.data as unknown as Omit<PublicationView, 'recipients'> & { recipients: Array<{ role: string; dipId: string }> };
      return {
        interfaceId: d.interfaceId,
        eventCode: d.eventCode,
        causedByEventType: d.causedByEventType,
        appointmentId: d.appointmentId,
        recipients: d.recipients.map((r) => `${r.role}:${r.dipId}`),
      };
    });
}

/** The MPAN's own events (everything but `PublicationIssued`), in order. */
export function decisionsIn(events: EventView[]): EventView[] {
  return events.filter((e) => e.type !== 'PublicationIssued');
}

/** Posts one message on `channel`; it must be accepted (response code A). Returns its acknowledgement entry. */
export async function accepted(http: request.Agent, channel: string, built: BuiltMessage | BuiltMessage['msg']): Promise<AckEntry> {
  const msg = 'msg' in built ? built.msg : built;
  const entry = await postOne(http, channel, msg);
  if (entry.outcome?.responseCode !== 'A') {
    throw new Error(`expected ${channel} message to be accepted, got ${JSON.stringify(entry.outcome ?? entry)}`);
  }
  return entry;
}

/** The body of `POST /day-start` (200 expected). */
export interface DayStartReportView {
  fromDate: string | null;
  through: string;
  mpansExamined: number;
  mpansChanged: number;
  eventsAppended: number;
  alreadyRunThrough?: string;
}

/** `POST /day-start` with `{ through }` (or no body when `through` is undefined); must answer 200. */
export async function runDayStart(http: request.Agent, through?: string): Promise<DayStartReportView> {
  const req = http.post('/day-start');
  const res = through === undefined ? await req : await req.send({ through });
  if (res.status !== 200) throw new Error(`POST /day-start ${through ?? '(today)'}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as DayStartReportView;
}

/**
 * `GET /mpans/:core` with the clock at `day` (10:00 UTC): the state effective that day, read from the
 * query view once it has applied the MPAN's last event (`minPosition`, see ./views.ts).
 */
export async function stateOn(t: TestApp, core: string, day: string): Promise<{ effectiveAt: string; snapshot: Record<string, unknown>; timelines: Record<string, unknown> }> {
  t.clock.set(during(day));
  const res = await viewOf(t.http, core);
  return res.body as { effectiveAt: string; snapshot: Record<string, unknown>; timelines: Record<string, unknown> };
}

/**
 * An MPAN of distributor 19 (smart, effective 2025-04-01) with BRWE registered from 2025-04-02
 * and, unless `withProviders` is false, MSSA and SDSA appointed (COS) from 2025-04-02: requested
 * on 2025-04-01, accepted on 2025-04-02 (so activated on acceptance). Leaves the clock at `restoreTo`.
 * @returns the appointment ids of BRWE's two requests.
 */
export async function establishedMpan(
  t: TestApp,
  core: string,
  restoreTo: string,
  options: { withProviders?: boolean } = {},
): Promise<{ msId: string; dsId: string }> {
  t.clock.set(during('2025-04-01'));
  try {
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: core }));
    await accepted(t.http, CSS_CHANNEL, message(initialRegistrationMessage, { mpanCore: core }));
    if (options.withProviders === false) return { msId: '', dsId: '' };
    const { ms, ds } = brweCosRequests(core);
    const msReq = appointmentRequest(ms);
    const dsReq = appointmentRequest(ds);
    await accepted(t.http, REQUEST_CHANNEL, msReq);
    await accepted(t.http, REQUEST_CHANNEL, dsReq);
    t.clock.set(during('2025-04-02'));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ms));
    await accepted(t.http, RESPONSE_CHANNEL, acceptanceOf(ds));
    return { msId: msReq.key, dsId: dsReq.key };
  } finally {
    t.clock.set(restoreTo);
  }
}
