import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matchesHostPattern } from "better-auth";
import { authBaseUrl, isServedOverHttps } from "./hosts";

const none = {
  AUTH_URL: undefined,
  PUBLIC_URL: undefined,
  AUTH_TRUSTED_ORIGINS: [],
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
