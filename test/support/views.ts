import request from 'supertest';

/**
 * Read-your-writes helpers for the view reads (`GET /mpans/{core}`, search, portfolio), which answer
 * from the MPAN query view: a projection that follows the event log. A client that has just written
 * passes the position it was acknowledged as `?minPosition=`, and the read waits (bounded) until the
 * views have applied the log up to it.
 */

/**
 * The global position of the last record of the MPAN's stream, read from the event store through
 * `GET /mpans/{core}/events` (always current), or `null` for an MPAN with no events. For reads after
 * writes whose acknowledgement is not at hand (a day-start run, several helpers' posts).
 */
export async function lastPositionOf(http: request.Agent, core: string): Promise<string | null> {
  let last: string | null = null;
  for (let from: string | null = '0'; from !== null; ) {
    const res = await http.get(`/mpans/${core}/events`).query({ fromRevision: from, limit: 1000 });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`GET /mpans/${core}/events: ${res.status} ${JSON.stringify(res.body)}`);
    const events = res.body.events as Array<{ position: string }>;
    if (events.length > 0) last = events[events.length - 1]!.position;
    from = res.body.nextFromRevision as string | null;
  }
  return last;
}

/**
 * `GET /mpans/{core}?minPosition=<position of the MPAN's last event>`: the view's answer once it
 * reflects everything the event store holds for this MPAN. Fails unless the answer is 200.
 */
export async function viewOf(http: request.Agent, core: string): Promise<request.Response> {
  const minPosition = await lastPositionOf(http, core);
  const res = await http.get(`/mpans/${core}`).query(minPosition === null ? {} : { minPosition });
  if (res.status !== 200) throw new Error(`GET /mpans/${core}?minPosition=${minPosition}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
