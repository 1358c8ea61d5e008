import { Agent as HttpAgent, request as httpRequest, STATUS_CODES } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { HostResolver, pinnedLookup, resolveDestination, systemResolver, WebhookDestinationPolicy, WebhookDestinationRefused } from './webhook-destination';

/**
 * One webhook POST (docs/feed.md "Push"), with the destination policy of ./webhook-destination.ts
 * applied at delivery time: the host is resolved once, every address checked, and the socket
 * connects to exactly those addresses (a `lookup` that answers with them), so a DNS answer that
 * changes between the check and the connection (DNS rebinding) cannot redirect the POST.
 *
 * What comes back is what may be shown and logged (issue #8): the status code, the standard reason
 * phrase of that code (`http.STATUS_CODES`, not the receiver's own reason phrase), the time to the
 * response head and the declared content length — never the response body, which is discarded
 * unread. Redirects are not followed (node:http never follows them); a 3xx is an answer like any
 * other non-2xx.
 */

/** The receiver's answer: status, standard reason phrase, ms to the response head, declared length. */
export interface WebhookAnswer {
  status: number;
  reason: string;
  elapsedMs: number;
  /** The `content-length` the receiver declared (bytes), `null` without one; the body itself is never read. */
  contentLength: number | null;
}

/** How to send: where webhooks may point, how to resolve names, and when to give up. */
export interface WebhookPostOptions {
  policy: WebhookDestinationPolicy;
  /** Default: the system resolver. Tests inject their own to play a name that resolves to a private address. */
  resolve?: HostResolver;
  /** Aborts the resolution and the POST (timeout, shutdown). */
  signal: AbortSignal;
}

/**
 * POSTs `body` (JSON text) with `headers` to `url` (http or https, no credentials: the URL as
 * `webhookUrlProblem` accepted it) and resolves with the answer's head once it has arrived.
 * @throws WebhookDestinationRefused when the host is, or resolves to, an address the policy
 *   refuses (nothing is sent); the resolver's or the socket's error (with its `code`: ENOTFOUND,
 *   ECONNREFUSED, ECONNRESET, …) otherwise; an `AbortError` when `options.signal` fires.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, options: WebhookPostOptions): Promise<WebhookAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new WebhookDestinationRefused(`destination refused: ${target.protocol} is not http or https`, url);
  }
  if (target.username !== '' || target.password !== '') {
    throw new WebhookDestinationRefused('destination refused: the URL carries credentials', 'credentials in the URL');
  }
  const started = performance.now();
  const addresses = await abortable(resolveDestination(target.hostname, options.policy, options.resolve ?? systemResolver), options.signal);
  const https = target.protocol === 'https:';
  // A fresh agent per POST: its sockets can only ever reach the addresses checked just now.
  const agentOptions = { keepAlive: false, lookup: pinnedLookup(addresses) as never };
  const agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = https ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: options.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const declared = Number(res.headers['content-length']);
        const answer: WebhookAnswer = {
          status,
          reason: STATUS_CODES[status] ?? 'Unknown Status',
          elapsedMs: Math.round(performance.now() - started),
          contentLength: Number.isSafeInteger(declared) && declared >= 0 ? declared : null,
        };
        // The body is never read: drop the connection (no keep-alive to preserve).
        res.destroy();
        agent.destroy();
        resolve(answer);
      },
    );
    req.on('error', (error) => {
      agent.destroy();
      reject(error);
    });
    req.end(body);
  });
}

/** `promise`, or a rejection with the signal's reason as soon as `signal` fires. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/**
 * The one-line description of a failed POST that the participant sees as `lastError` and the logs
 * carry: `HTTP 500 Internal Server Error after 12 ms (content-length 38)`; a 3xx adds that
 * redirects are not followed. Never the body.
 */
export function describeAnswer(answer: WebhookAnswer): string {
  const length = answer.contentLength === null ? '' : ` (content-length ${answer.contentLength})`;
  const redirect = answer.status >= 300 && answer.status < 400 ? '; redirects are not followed' : '';
  return `HTTP ${answer.status} ${answer.reason} after ${answer.elapsedMs} ms${length}${redirect}`;
}

/**
 * The one-line description of a POST that got no answer: the error code only (`network error
 * ECONNREFUSED after 2 ms`), or the refusal of ./webhook-destination.ts — never a message text
 * that could quote the receiver.
 */
export function describeFailure(error: unknown, elapsedMs: number): string {
  if (error instanceof WebhookDestinationRefused) return error.message;
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : 'EUNKNOWN';
  return `network error ${/^[A-Z0-9_]{1,40}$/.test(code) ? code : 'EUNKNOWN'} after ${elapsedMs} ms`;
}
