import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSettings } from "./config";

// Next's types make NODE_ENV a required variable.
const env = (variables: Record<string, string> = {}) => ({
  NODE_ENV: "test" as const,
  ...variables,
});

test("TRUSTED_PROXIES is a list of IPs and CIDRs, empty by default, and a bad entry stops the start naming it", () => {
  assert.deepEqual(parseSettings(env()).TRUSTED_PROXIES, []);
  assert.deepEqual(
    parseSettings(
      env({ TRUSTED_PROXIES: " 10.0.0.5, 192.168.0.0/16 ,fd00::/8" }),
    ).TRUSTED_PROXIES,
    ["10.0.0.5", "192.168.0.0/16", "fd00::/8"],
  );
  assert.throws(
    () => parseSettings(env({ TRUSTED_PROXIES: "10.0.0.5,proxy.local" })),
    /TRUSTED_PROXIES: must be comma-separated IP addresses or CIDRs/,
  );
});
