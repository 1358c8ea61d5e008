import { channelIds, eventCodesOf } from '@app/dip-wire';
import { quoteInput } from '@app/registration-app';
import { FeedRequestError } from './feed-errors';
import { routedEventCodes } from './routing-table';
import { PUBLIC_ONLY, WebhookDestinationPolicy, webhookHostProblem } from './webhook-destination';

/**
 * A participant's publication config (like the DIP's `pubconfig`, docs/feed.md): which event
 * codes it wants and where to push them. Pure helpers: validation and the event-code filter.
 */
export interface PublicationConfig {
  /** Bracketed event codes the participant wants (sorted, unique); `null` = everything it is entitled to. */
  eventCodes: string[] | null;
  /** Webhook URL (http or https); `null` = pull only. */
  webhookUrl: string | null;
}

/** A change to a config: an absent field stays as it is, `null` returns it to its default. */
export interface PublicationConfigChange {
  eventCodes?: string[] | null;
  webhookUrl?: string | null;
}

/** Longest webhook URL accepted (characters). */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Every event code a feed item can carry: the publications of the routing table and the inbound
 * event codes (a rejection answered as a status message carries the code of the rejected message).
 */
export function knownEventCodes(): ReadonlySet<string> {
  return new Set([...routedEventCodes(), ...channelIds().flatMap((c) => [...eventCodesOf(c)])]);
}

/**
 * Checks a config change as sent (`PUT /participants/{dipId}/publication-config`):
 * `eventCodes` `null` or a non-empty array of bracketed codes the feed knows (duplicates dropped,
 * sorted); `webhookUrl` `null` or an absolute http/https URL without credentials, at most
 * {@link MAX_WEBHOOK_URL_LENGTH} characters, whose host `policy` allows ({@link webhookUrlProblem}).
 * Unknown fields are refused.
 * @param policy where webhooks may point (`RegistryConfig.webhook`); default: public addresses only.
 * @throws FeedRequestError listing every problem.
 */
export function parsePublicationConfigChange(body: unknown, policy: WebhookDestinationPolicy = PUBLIC_ONLY): PublicationConfigChange {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FeedRequestError('the body must be a JSON object: { "eventCodes"?: string[] | null, "webhookUrl"?: string | null }');
  }
  const problems: string[] = [];
  const change: PublicationConfigChange = {};
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => k !== 'eventCodes' && k !== 'webhookUrl' && fields[k] !== undefined);
  if (unknown.length > 0) problems.push(`unknown field(s) ${quotedList(unknown)}: the config has only eventCodes and webhookUrl`);
  // An absent field (or one present as undefined, as a DTO instance has it) stays as it is.
  if (fields.eventCodes !== undefined) {
    const codes = fields.eventCodes;
    if (codes === null) change.eventCodes = null;
    else if (!Array.isArray(codes) || codes.length === 0 || codes.some((c) => typeof c !== 'string')) {
      problems.push('eventCodes must be null (everything) or a non-empty array of bracketed event codes, e.g. ["[MSAppActive]"]');
    } else {
      const known = knownEventCodes();
      const bad = (codes as string[]).filter((c) => !known.has(c));
      if (bad.length > 0) {
        problems.push(
          `unknown event code(s) ${quotedList(bad)}: use the bracketed codes of the routing table (docs/feed.md), e.g. "[MSAppActive]"`,
        );
      } else change.eventCodes = [...new Set(codes as string[])].sort();
    }
  }
  if (fields.webhookUrl !== undefined) {
    const url = fields.webhookUrl;
    if (url === null) change.webhookUrl = null;
    else {
      const problem = webhookUrlProblem(url, policy);
      if (problem) problems.push(problem);
      else change.webhookUrl = url as string;
    }
  }
  if (problems.length > 0) throw new FeedRequestError(problems.join('; '));
  return change;
}

/**
 * Why `url` is not an acceptable webhook URL, or `null` when it is: not a string of 1–
 * {@link MAX_WEBHOOK_URL_LENGTH} characters, not absolute, not http(s), carrying credentials
 * (`user:pass@`), naming port 0, or — unless `policy.allowPrivateNetworks` — naming `localhost` or a literal IP
 * address that is not public (loopback, private, link-local, … : ./webhook-destination.ts; issue #8).
 * Host names are checked again on their resolved addresses at every delivery.
 */
export function webhookUrlProblem(url: unknown, policy: WebhookDestinationPolicy = PUBLIC_ONLY): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_WEBHOOK_URL_LENGTH) {
    return `webhookUrl must be null or an http(s) URL of 1–${MAX_WEBHOOK_URL_LENGTH} characters`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `webhookUrl ${quoteInput(url)} is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `webhookUrl must use http or https, got ${quoteInput(parsed.protocol.replace(/:$/, ''))}`;
  }
  if (parsed.username !== '' || parsed.password !== '') return 'webhookUrl must not carry credentials (user:password@)';
  // Port 0 is no port a server listens on (a connection to it fails, or the OS picks another port).
  if (parsed.port === '0') return 'webhookUrl must not name port 0 (give a port from 1 to 65535, or none)';
  return webhookHostProblem(parsed.hostname, policy);
}

/** Most values one message lists; the rest are counted. */
const MAX_LISTED = 5;

/** `"a", "b", … and 3 more`: client values for a message, each and the list cut short ({@link quoteInput}). */
function quotedList(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).map(quoteInput).join(', ');
  return values.length > MAX_LISTED ? `${shown} and ${values.length - MAX_LISTED} more` : shown;
}

/** The config after `change` (absent fields kept). */
export function applyConfigChange(current: PublicationConfig, change: PublicationConfigChange): PublicationConfig {
  return {
    eventCodes: change.eventCodes !== undefined ? change.eventCodes : current.eventCodes,
    webhookUrl: change.webhookUrl !== undefined ? change.webhookUrl : current.webhookUrl,
  };
}

/** Whether an item with `eventCode` passes the participant's filter (`null` = everything). */
export function passesFilter(eventCode: string, eventCodes: readonly string[] | null): boolean {
  return eventCodes === null || eventCodes.includes(eventCode);
}

/** Stored form of `eventCodes` (JSON text or null) → the list. */
export function eventCodesFromColumn(column: string | null): string[] | null {
  if (column === null) return null;
  const parsed = JSON.parse(column) as unknown;
  return Array.isArray(parsed) ? (parsed as string[]) : null;
}
