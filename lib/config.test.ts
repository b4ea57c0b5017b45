import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "./config";

const env = (values: Record<string, string> = {}) => ({
  NODE_ENV: "test" as const,
  ...values,
});

describe("PUBLIC_URL, the origin of canonical and shared links", () => {
  test("is read as an origin: a trailing slash or a path is dropped", () => {
    assert.equal(
      parseSettings(env({ PUBLIC_URL: "https://carrega.example/map/" }))
        .PUBLIC_URL,
      "https://carrega.example",
    );
  });

  test("unset or empty: none, and links take the request's host", () => {
    assert.equal(parseSettings(env({})).PUBLIC_URL, undefined);
    assert.equal(parseSettings(env({ PUBLIC_URL: "" })).PUBLIC_URL, undefined);
  });

  test("not an http(s) URL: start fails, naming it", () => {
    for (const PUBLIC_URL of ["carrega.example", "ftp://carrega.example"])
      assert.throws(() => parseSettings(env({ PUBLIC_URL })), /PUBLIC_URL/);
  });
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
