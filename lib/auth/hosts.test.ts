import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matchesHostPattern } from "better-auth";
import { authBaseUrl, isAuthHost, isServedOverHttps } from "./hosts";

const none = {
  AUTH_URL: undefined,
  PUBLIC_URL: undefined,
  AUTH_TRUSTED_ORIGINS: [],
  TRUSTED_PROXIES: [],
};

describe("where sign-in may be served from", () => {
  test("AUTH_URL pins it", () => {
    assert.equal(
      authBaseUrl({ ...none, AUTH_URL: "https://carrega.example" }),
      "https://carrega.example",
    );
  });

  test("unset, it follows the served host among loopback on any port, PUBLIC_URL and the extra origins", () => {
    const config = authBaseUrl({
      ...none,
      PUBLIC_URL: "https://carrega.example",
      AUTH_TRUSTED_ORIGINS: ["https://app.carrega.example:8443"],
    });
    assert.ok(typeof config === "object" && config !== null);
    const allowed = (host: string) =>
      config.allowedHosts.some((pattern) => matchesHostPattern(host, pattern));
    for (const host of [
      "127.0.0.1:3400",
      "localhost:3000",
      "localhost",
      "[::1]:3000",
      "carrega.example",
      "app.carrega.example:8443",
    ])
      assert.ok(allowed(host), host);
    for (const host of [
      "evil.example",
      "127.0.0.1.evil.example:3000",
      "localhost.evil.example",
    ])
      assert.equal(allowed(host), false, host);
  });
});

test("cookies are Secure when drivers reach us over https", () => {
  const cases: [Parameters<typeof isServedOverHttps>[0], boolean][] = [
    [{ ...none, TLS_CERT: undefined }, false],
    [{ ...none, TLS_CERT: "cert.pem" }, true],
    [
      { ...none, TLS_CERT: undefined, AUTH_URL: "https://carrega.example" },
      true,
    ],
    [
      { ...none, TLS_CERT: undefined, PUBLIC_URL: "https://carrega.example" },
      true,
    ],
    [{ ...none, TLS_CERT: undefined, AUTH_URL: "http://10.0.0.5:3000" }, false],
  ];
  for (const [settings, secure] of cases)
    assert.equal(isServedOverHttps(settings), secure, JSON.stringify(settings));
});

test("a request for a host sign-in is not served on is told apart before Better Auth sees it", () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  const cases: [
    Parameters<typeof isAuthHost>[0],
    Record<string, string>,
    boolean,
  ][] = [
    [none, { host: "127.0.0.1:3400" }, true],
    [none, { host: "localhost:3000" }, true],
    [none, { host: "evil.example" }, false],
    [none, {}, false],
    // X-Forwarded-Host counts only behind trusted proxies, as Better Auth reads it.
    [
      none,
      { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      true,
    ],
    [
      {
        ...none,
        TRUSTED_PROXIES: ["10.0.0.1"],
        PUBLIC_URL: "https://carrega.example",
      },
      { host: "10.0.0.9:3000", "x-forwarded-host": "carrega.example" },
      true,
    ],
    [
      { ...none, TRUSTED_PROXIES: ["10.0.0.1"] },
      { host: "127.0.0.1", "x-forwarded-host": "evil.example" },
      false,
    ],
    [
      { ...none, AUTH_URL: "https://carrega.example" },
      { host: "anything" },
      true,
    ],
  ];
  for (const [settings, values, served] of cases)
    assert.equal(
      isAuthHost(settings, headers(values)),
      served,
      JSON.stringify(values),
    );
});
