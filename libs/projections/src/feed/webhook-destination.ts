import { BlockList, isIP } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';

/**
 * Where a webhook may point (issue #8, security; docs/security.md "Webhook destinations", ADR
 * 0015): by default only public unicast addresses. A webhook URL names a host the registry then
 * connects to from inside its own network, so without this policy any participant could make the
 * registry POST to itself, to cloud metadata (169.254.169.254) or to a private service — a
 * server-side request forgery channel (OWASP SSRF prevention cheat sheet).
 *
 * The ranges are those of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * its updates) that are not globally reachable, plus multicast, broadcast and, for IPv6, everything
 * outside global unicast 2000::/3. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is judged as
 * its IPv4 address. Odd IPv4 notations (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) never
 * reach these checks: the WHATWG URL parser turns them into the dotted quad first.
 *
 * `REGISTRY_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true` ({@link WebhookDestinationPolicy}) lifts the
 * policy, for development and tests whose receivers listen on 127.0.0.1; URLs with credentials are
 * refused either way (./publication-config.ts).
 */

/** The name of the rule an address breaks, as messages show it. */
export type AddressRule =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'special-purpose';

/** Why an address may not be a webhook destination: the rule and the range (CIDR) it falls in. */
export interface BlockedRange {
  rule: AddressRule;
  range: string;
}

/** The webhook destination settings (`RegistryConfig.webhook.allowPrivateNetworks`). */
export interface WebhookDestinationPolicy {
  /** `true`: every address is allowed (development, tests); `false`: public unicast addresses only. */
  allowPrivateNetworks: boolean;
}

/** The default, production policy: public addresses only. */
export const PUBLIC_ONLY: Readonly<WebhookDestinationPolicy> = { allowPrivateNetworks: false };

/** IPv4 ranges refused, most specific first (IANA IPv4 Special-Purpose Address Registry). */
const IPV4_RANGES: ReadonlyArray<[AddressRule, string, number]> = [
  ['unspecified', '0.0.0.0', 8], // "this network" (RFC 791); 0.0.0.0 reaches the local host on Linux
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8], // RFC 1918
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['carrier-grade NAT', '100.64.0.0', 10], // RFC 6598 shared address space
  ['link-local', '169.254.0.0', 16], // RFC 3927, cloud instance metadata
  ['special-purpose', '192.0.0.0', 24], // IETF protocol assignments (RFC 6890)
  ['documentation', '192.0.2.0', 24], // TEST-NET-1 (RFC 5737)
  ['special-purpose', '192.88.99.0', 24], // 6to4 relay anycast (RFC 7526)
  ['benchmarking', '198.18.0.0', 15], // RFC 2544
  ['documentation', '198.51.100.0', 24], // TEST-NET-2
  ['documentation', '203.0.113.0', 24], // TEST-NET-3
  ['multicast', '224.0.0.0', 4],
  ['broadcast', '255.255.255.255', 32],
  ['reserved', '240.0.0.0', 4], // RFC 1112 "future use"
];

/** IPv6 ranges refused, most specific first (IANA IPv6 Special-Purpose Address Registry). */
const IPV6_RANGES: ReadonlyArray<[AddressRule, string, number]> = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['special-purpose', '64:ff9b::', 96], // NAT64 well-known prefix (RFC 6052): embeds any IPv4 address
  ['special-purpose', '64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['special-purpose', '100::', 64], // discard-only (RFC 6666)
  ['documentation', '2001:db8::', 32], // RFC 3849
  ['special-purpose', '2001::', 23], // IETF protocol assignments, Teredo (RFC 2928, 4380)
  ['special-purpose', '2002::', 16], // 6to4 (RFC 3056): embeds any IPv4 address
  ['documentation', '3fff::', 20], // RFC 9637
  ['special-purpose', '5f00::', 16], // SRv6 SIDs (RFC 9602)
  ['private', 'fc00::', 7], // unique local (RFC 4193)
  ['link-local', 'fe80::', 10],
  ['private', 'fec0::', 10], // site-local, deprecated (RFC 3879)
  ['multicast', 'ff00::', 8],
  // Everything else outside global unicast 2000::/3 (IPv4-mapped addresses are judged as IPv4 first).
  ['reserved', '::', 3],
  ['reserved', '4000::', 2],
  ['reserved', '8000::', 1],
];

/** One BlockList per range, so that a match names its rule and range. */
const RULES: ReadonlyArray<{ family: 'ipv4' | 'ipv6'; rule: AddressRule; range: string; list: BlockList }> = [
  ...IPV4_RANGES.map(([rule, net, prefix]) => ({ family: 'ipv4' as const, rule, range: `${net}/${prefix}`, list: subnet(net, prefix, 'ipv4') })),
  ...IPV6_RANGES.map(([rule, net, prefix]) => ({ family: 'ipv6' as const, rule, range: `${net}/${prefix}`, list: subnet(net, prefix, 'ipv6') })),
];

/** `::ffff:0:0/96`: IPv4-mapped IPv6 addresses. */
const IPV4_MAPPED = subnet('::ffff:0:0', 96, 'ipv6');

function subnet(net: string, prefix: number, family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return list;
}

/**
 * The refused range `address` falls in, or `null` for a public unicast address.
 * @param address an IP address as `net.isIP` accepts it (IPv6 without brackets or zone).
 * @throws TypeError when `address` is not an IP address.
 */
export function blockedRange(address: string): BlockedRange | null {
  const version = isIP(address);
  if (version === 0) throw new TypeError(`not an IP address: ${JSON.stringify(address)}`);
  const type = version === 4 ? 'ipv4' : 'ipv6';
  // An IPv4-mapped IPv6 address is the IPv4 address (net.BlockList matches IPv4 ranges against it).
  const family = version === 4 || IPV4_MAPPED.check(address, 'ipv6') ? 'ipv4' : 'ipv6';
  const hit = RULES.find((r) => r.family === family && r.list.check(address, type));
  return hit ? { rule: hit.rule, range: hit.range } : null;
}

/** `[::1]` → `::1`, `example.org.` → `example.org`: a URL's `hostname` as a name or an address. */
export function bareHost(hostname: string): string {
  const unbracketed = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return unbracketed.replace(/\.+$/, '').toLowerCase();
}

/** `localhost` and its subdomains (RFC 6761 §6.3: always the loopback interface). */
function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/** `a loopback address (127.0.0.0/8)`: a refusal's reason, for messages. */
function describe(blocked: BlockedRange): string {
  return `${/^[aeiou]/.test(blocked.rule) ? 'an' : 'a'} ${blocked.rule} address (${blocked.range})`;
}

/**
 * What the configuration-time check finds wrong with a webhook URL's host under `policy`, or
 * `null`: a literal IP address in a refused range, or `localhost` (and `*.localhost`). Host names
 * are checked again at every delivery, on the addresses they resolve to ({@link resolveDestination}).
 * @param hostname the `hostname` of a WHATWG `URL` (odd IPv4 notations already normalised).
 */
export function webhookHostProblem(hostname: string, policy: WebhookDestinationPolicy): string | null {
  if (policy.allowPrivateNetworks) return null;
  const host = bareHost(hostname);
  if (isLocalhostName(host)) return `webhookUrl host ${JSON.stringify(host)} is the registry's own loopback interface: ${PUBLIC_ONLY_HINT}`;
  if (isIP(host) === 0) return null;
  const blocked = blockedRange(host);
  return blocked ? `webhookUrl host ${host} is ${describe(blocked)}: ${PUBLIC_ONLY_HINT}` : null;
}

const PUBLIC_ONLY_HINT = 'webhooks may only point to public addresses (docs/security.md "Webhook destinations")';

/** An address a host name resolved to (`dns.lookup` with `all: true`). */
export type ResolvedAddress = LookupAddress;

/** Resolves a host name to every address it has (default: the system resolver, as `dns.lookup`). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address in the order it gives. */
export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * A delivery refused because of where it would go. `message` is safe to show the participant (the
 * rule, not the address a name resolved to: that could reveal internal DNS); `detail` adds the
 * addresses, for the operator's logs.
 */
export class WebhookDestinationRefused extends Error {
  readonly code = 'EWEBHOOKDESTINATION';
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'WebhookDestinationRefused';
  }
}

/**
 * The delivery-time check (DNS rebinding defence): resolves `hostname` once, checks EVERY address
 * against `policy`, and returns them — the connection must then use exactly these addresses
 * ({@link pinnedLookup}), never a second lookup whose answer could differ. A literal IP address is
 * checked as it is, without resolving.
 * @param hostname the `hostname` of the webhook's WHATWG `URL`.
 * @throws WebhookDestinationRefused when the host is `localhost`, or any address is in a refused
 *   range; the resolver's error (e.g. code `ENOTFOUND`) when the name does not resolve.
 */
export async function resolveDestination(
  hostname: string,
  policy: WebhookDestinationPolicy,
  resolve: HostResolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname);
  const version = isIP(host);
  if (version !== 0) {
    const blocked = policy.allowPrivateNetworks ? null : blockedRange(host);
    if (blocked) throw new WebhookDestinationRefused(`destination refused: ${host} is ${describe(blocked)}`, `address ${host}`);
    return [{ address: host, family: version }];
  }
  if (!policy.allowPrivateNetworks && isLocalhostName(host)) {
    throw new WebhookDestinationRefused(`destination refused: ${host} is the registry's own loopback interface`, `host ${host}`);
  }
  const addresses = await resolve(host);
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  if (!policy.allowPrivateNetworks) {
    for (const { address } of addresses) {
      const blocked = blockedRange(address);
      if (blocked) {
        throw new WebhookDestinationRefused(
          `destination refused: ${host} resolves to ${describe(blocked)}`,
          `${host} resolved to ${addresses.map((a) => a.address).join(', ')}`,
        );
      }
    }
  }
  return addresses;
}

/** The callback of a `net.connect` `lookup` option (one address, or every address with `all`). */
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` / `net.connect` that answers with `addresses` (already vetted by
 * {@link resolveDestination}) instead of asking DNS again, so the socket connects to a checked
 * address. Honours `options.family` (4 or 6) and `options.all` (Node's happy-eyeballs asks for all).
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : [...addresses];
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = Object.assign(new Error(`no vetted IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' });
      process.nextTick(() => callback(error, options.all ? [] : ''));
      return;
    }
    if (options.all) process.nextTick(() => callback(null, usable));
    else process.nextTick(() => callback(null, usable[0]!.address, usable[0]!.family));
  };
}
