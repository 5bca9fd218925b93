import dns from "node:dns";
import net from "node:net";

/**
 * Keeps GetCourse and Salebot calls away from the hub's own network. An admin types those URLs on
 * Settings, so without this a URL such as `http://127.0.0.1:5432` or a name resolving to
 * `10.0.0.5` would make the hub probe and read internal services for them. The check runs on the
 * resolved address at connect time (a DNS lookup hook on the agent), so a public name that
 * resolves to a private address, or a redirect to one, is refused too. HUB_ALLOW_PRIVATE_UPSTREAMS
 * lifts it for demo mode, tests and simulators.
 */

const blocked = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address (`::ffff:127.0.0.1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:(?:0:)?|64:ff9b::)(.+)$/i.exec(address);
  if (!match?.[1]) return undefined;
  const tail = match[1];
  if (net.isIPv4(tail)) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex?.[1] || !hex[2]) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (net.isIPv4(bare)) return blocked.check(bare, "ipv4");
  if (!net.isIPv6(bare)) return true; // not an address at all: refuse rather than guess
  const inner = embeddedIpv4(bare);
  if (inner) return blocked.check(inner, "ipv4");
  return blocked.check(bare, "ipv6");
}

/** Thrown (as the connection's error) when the destination is private and that is not allowed. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} resolves to a private or loopback address (${address}); set HUB_ALLOW_PRIVATE_UPSTREAMS=on to allow it`,
    );
    this.name = "PrivateAddressError";
  }
}

/** A URL hostname that is an IP literal (`127.0.0.1`, `[::1]`), which connects without a lookup. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return net.isIP(bare) ? bare : undefined;
}

/** Throws PrivateAddressError for an IP-literal hostname that is private. */
export function assertPublicLiteral(hostname: string): void {
  const address = literalAddress(hostname);
  if (address && isPrivateAddress(address)) throw new PrivateAddressError(hostname, address);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * dns.lookup, refusing private answers: the agent's `lookup` option, so the address checked is
 * the address the socket connects to (no second resolution an attacker's DNS could answer
 * differently).
 */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : "", undefined);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused)
      return callback(
        Object.assign(new PrivateAddressError(hostname, refused.address), { code: "EPRIVATEADDRESS" }),
        options.all ? [] : "",
        undefined,
      );
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first)
      return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", undefined);
    callback(null, first.address, first.family);
  });
}
