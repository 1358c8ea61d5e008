import type { Test } from 'supertest';
import { signedHeadersFor } from '../client/sample-keys';

/**
 * Sends `body` on a supertest request, signed by a sample participant's public sample key
 * (issue #8: tests sign their requests). The body is serialised once, here (`JSON.stringify`
 * unless it is already a string or bytes), signed, and sent as those exact bytes with
 * `Content-Type: application/json`; the URL signed is the request's path and query, so put the
 * query in the URL given to supertest, not in a later `.query()`.
 *
 * ```ts
 * await signRequest(request(app.getHttpServer()).post('/dip-channel/IF-031'), '1000000001', [message], { now: clock.now() })
 *   .expect(201);
 * ```
 *
 * @param now the signing instant: the test app's pinned clock, so that the date is inside the skew window.
 * @returns the same request, headers set and body attached, ready for `.expect(...)`.
 */
export function signRequest(req: Test, participantDipId: string, body: unknown, options: { now: string | Date; keysDir?: string }): Test {
  const payload = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const headers = signedHeadersFor(participantDipId, { method: req.method, url: req.url, body: payload, now: options.now }, { keysDir: options.keysDir });
  req.set(headers);
  if (payload === undefined) return req;
  if (typeof payload === 'string') return req.set('Content-Type', 'application/json').send(payload);
  // superagent JSON-serialises any non-string body with a JSON content type (a Buffer would go as
  // {"type":"Buffer","data":[…]}): send the bytes as they are.
  return req
    .set('Content-Type', 'application/json')
    .serialize((bytes: Buffer) => bytes as unknown as string)
    .send(Buffer.from(payload));
}
