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

describe("driver account settings", () => {
  test("defaults: no secret (one is generated and kept), no pinned URL, no extra origins, no e-mail verification", () => {
    const settings = parseSettings(env());
    assert.equal(settings.AUTH_SECRET, undefined);
    assert.equal(settings.AUTH_URL, undefined);
    assert.deepEqual(settings.AUTH_TRUSTED_ORIGINS, []);
    assert.equal(settings.AUTH_REQUIRE_EMAIL_VERIFICATION, false);
  });

  test("AUTH_TRUSTED_ORIGINS is a list of origins, and a bad entry stops the start naming it", () => {
    assert.deepEqual(
      parseSettings(
        env({
          AUTH_TRUSTED_ORIGINS:
            "https://carrega.example/, http://10.0.0.5:3000 ",
        }),
      ).AUTH_TRUSTED_ORIGINS,
      ["https://carrega.example", "http://10.0.0.5:3000"],
    );
    assert.throws(
      () => parseSettings(env({ AUTH_TRUSTED_ORIGINS: "carrega.example" })),
      /AUTH_TRUSTED_ORIGINS: .*carrega\.example/,
    );
  });

  test("a short AUTH_SECRET or a non-http AUTH_URL stops the start naming it", () => {
    assert.throws(
      () => parseSettings(env({ AUTH_SECRET: "short" })),
      /AUTH_SECRET/,
    );
    assert.throws(
      () => parseSettings(env({ AUTH_URL: "carrega.example" })),
      /AUTH_URL/,
    );
    assert.equal(
      parseSettings(env({ AUTH_REQUIRE_EMAIL_VERIFICATION: "1" }))
        .AUTH_REQUIRE_EMAIL_VERIFICATION,
      true,
    );
  });
});
