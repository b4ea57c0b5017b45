import assert from "node:assert/strict";
import { test } from "node:test";
import {
  isAddressRule,
  readClientAddress,
  trustProxies,
} from "./client-address";

const proxies = trustProxies(["10.0.0.5", "192.168.0.0/16", "fd00::/8"]);

test("the client address: the peer, or behind trusted proxies the rightmost address that is not one of them", () => {
  const cases: [string, string | undefined, string | undefined, string][] = [
    ["no proxy, no header", "203.0.113.9", undefined, "203.0.113.9"],
    [
      "an untrusted peer's header is ignored",
      "203.0.113.9",
      "198.51.100.1",
      "203.0.113.9",
    ],
    [
      "a trusted peer's header is read",
      "10.0.0.5",
      "198.51.100.1",
      "198.51.100.1",
    ],
    [
      "the client's own claims left of the proxy's entry are ignored",
      "10.0.0.5",
      "1.2.3.4, 198.51.100.1",
      "198.51.100.1",
    ],
    [
      "trusted proxies in a chain are skipped",
      "10.0.0.5",
      "198.51.100.1, 192.168.4.4",
      "198.51.100.1",
    ],
    [
      "an IPv4 peer on a dual-stack socket is matched as IPv4",
      "::ffff:10.0.0.5",
      "198.51.100.1",
      "198.51.100.1",
    ],
    ["IPv6 rules match IPv6 peers", "fd00::1", "2001:db8::7", "2001:db8::7"],
    [
      "a trusted peer without a header is the client",
      "10.0.0.5",
      undefined,
      "10.0.0.5",
    ],
    [
      "an unreadable entry stops the walk at the last readable one",
      "10.0.0.5",
      "198.51.100.1, not-an-ip",
      "10.0.0.5",
    ],
  ];
  for (const [name, peer, forwardedFor, expected] of cases)
    assert.equal(
      readClientAddress(peer, forwardedFor, proxies),
      expected,
      name,
    );
});

test("TRUSTED_PROXIES entries are IPs or CIDRs with a prefix that fits the family", () => {
  for (const rule of ["10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8", "0.0.0.0/0"])
    assert.equal(isAddressRule(rule), true, rule);
  for (const rule of [
    "10.0.0",
    "10.0.0.0/33",
    "fd00::/129",
    "proxy.local",
    "10.0.0.0/8/1",
    "10.0.0.0/x",
  ])
    assert.equal(isAddressRule(rule), false, rule);
});
