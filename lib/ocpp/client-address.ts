// The address a charger connects from: the socket's peer, or behind a trusted proxy the one that proxy saw.
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { has(address: string): boolean };

/** An IPv4 peer on a dual-stack socket reads `::ffff:10.0.0.1`; rules and headers say `10.0.0.1`. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** One IP or CIDR, as `TRUSTED_PROXIES` lists them; true when Node can read it. */
export function isAddressRule(rule: string): boolean {
  const [address, prefix, extra] = rule.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** `rules` were checked with isAddressRule when the settings were read. */
export function trustProxies(rules: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const rule of rules) {
    const [address, prefix] = rule.split("/");
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return {
    has(address) {
      const family = isIP(address);
      return (
        family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6")
      );
    },
  };
}

/**
 * X-Forwarded-For counts only when the peer is a trusted proxy: anyone else could write any address into it. Each
 * proxy appends the address it saw, so the rightmost entry that is not one of ours is the client; entries left of
 * it are the client's own claims.
 */
export function readClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  const direct = plain(peer ?? "unknown");
  if (!trusted.has(direct)) return direct;
  const forwarded = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => plain(entry.trim()))
    .filter(Boolean);
  let client = direct;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    // A proxy that wrote something unreadable is not to be believed further left.
    if (!isIP(forwarded[i])) break;
    client = forwarded[i];
    if (!trusted.has(client)) break;
  }
  return client;
}
