import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSettings } from "../config";
import {
  checkPushEndpoint,
  defaultHostRules,
  parseHostRule,
  type HostRule,
} from "./allowed-endpoints";

// Endpoints as the browsers' push services hand them out, and the tricks a subscription could try instead.
const byDefault: [endpoint: string, allowed: boolean, why: string][] = [
  ["https://fcm.googleapis.com/fcm/send/dK9m:APA91b", true, "Chrome"],
  ["https://fcm.googleapis.com/wp/dK9m:APA91b", true, "Chrome (web push path)"],
  ["https://updates.push.services.mozilla.com/wpush/v2/gAAA", true, "Firefox"],
  ["https://wns2-par02p.notify.windows.com/w/?token=BQYA", true, "Edge"],
  ["https://web.push.apple.com/QGuQyavXutnMH", true, "Safari"],
  ["https://api.push.apple.com/3/device/abc", true, "*.push.apple.com"],
  [
    "https://FCM.GoogleAPIs.com/fcm/send/x",
    true,
    "uppercase host is the same host",
  ],
  [
    "https://fcm.googleapis.com:443/fcm/send/x",
    true,
    "the default port spelled out",
  ],
  ["http://fcm.googleapis.com/fcm/send/x", false, "plain http"],
  [
    "https://fcm.googleapis.com@evil.example/fcm/send/x",
    false,
    "userinfo naming another host",
  ],
  [
    "https://user:pw@fcm.googleapis.com/fcm/send/x",
    false,
    "credentials on an allowed host",
  ],
  ["https://fcm.googleapis.com./fcm/send/x", false, "trailing dot"],
  [
    "https://fcm.googleapis.com.evil.example/x",
    false,
    "allowed name as a prefix",
  ],
  ["https://evilfcm.googleapis.com/x", false, "suffix without a dot boundary"],
  [
    "https://127.0.0.1;.push.apple.com/x",
    false,
    "a host the legacy parser reads as 127.0.0.1",
  ],
  [
    "https://169.254.169.254;.push.services.mozilla.com/x",
    false,
    "the metadata address behind a ';'",
  ],
  [
    "https://127.0.0.1'.push.apple.com/x",
    false,
    "a quote the parsers split differently",
  ],
  [
    "https://127.0.0.1{.push.apple.com/x",
    false,
    "a brace the parsers split differently",
  ],
  ["https://push.services.mozilla.com/x", false, "a wildcard's apex itself"],
  [
    "https://evilpush.services.mozilla.com/x",
    false,
    "wildcard suffix without a dot",
  ],
  ["https://fcm.googleapis.com:8443/x", false, "another port"],
  ["https://127.0.0.1/x", false, "IPv4 literal"],
  ["https://2130706433/x", false, "IPv4 as one number (parsed to 127.0.0.1)"],
  ["https://[::1]/x", false, "IPv6 literal"],
  ["https://169.254.169.254/latest/meta-data", false, "cloud metadata address"],
  ["https://localhost/x", false, "localhost"],
  ["javascript:alert(1)", false, "not https"],
  ["fcm.googleapis.com/fcm/send/x", false, "not a URL"],
  [`https://fcm.googleapis.com/${"x".repeat(1100)}`, false, "too long"],
];

test("by default only https endpoints on the major browsers' push services are accepted, whatever the spelling trick", () => {
  for (const [endpoint, allowed, why] of byDefault)
    assert.equal(
      checkPushEndpoint(endpoint, defaultHostRules) === null,
      allowed,
      `${why}: ${endpoint.slice(0, 80)} → ${checkPushEndpoint(endpoint, defaultHostRules)}`,
    );
});

test("a refused endpoint is told why", () => {
  assert.match(
    checkPushEndpoint("https://evil.example/x", defaultHostRules) ?? "",
    /evil\.example is not in the allowlist/,
  );
  assert.match(
    checkPushEndpoint("http://fcm.googleapis.com/", defaultHostRules) ?? "",
    /https/,
  );
});

test("PUSH_ALLOWED_HOSTS replaces the list: exact hosts, *. for subdomains, a port when given", () => {
  const rules = parseSettings({
    NODE_ENV: "test",
    PUSH_ALLOWED_HOSTS: " 127.0.0.1:8443 , *.push.example ,Push.Other.example",
  }).PUSH_ALLOWED_HOSTS;
  const table: [string, boolean][] = [
    ["https://127.0.0.1:8443/push/a", true],
    ["https://127.0.0.1/push/a", false],
    ["https://eu.push.example/a", true],
    ["https://push.example/a", false],
    ["https://push.other.example/a", true],
    ["https://fcm.googleapis.com/fcm/send/x", false],
  ];
  for (const [endpoint, allowed] of table)
    assert.equal(
      checkPushEndpoint(endpoint, rules) === null,
      allowed,
      endpoint,
    );
});

test("PUSH_ALLOWED_HOSTS unset means the default list, and a bad entry stops the start naming it", () => {
  assert.deepEqual(
    parseSettings({ NODE_ENV: "test" }).PUSH_ALLOWED_HOSTS,
    defaultHostRules,
  );
  for (const PUSH_ALLOWED_HOSTS of [
    "https://fcm.googleapis.com",
    "fcm.googleapis.com/path",
    "*.0.0.1",
    "host:99999",
    ",",
  ])
    assert.throws(
      () => parseSettings({ NODE_ENV: "test", PUSH_ALLOWED_HOSTS }),
      /PUSH_ALLOWED_HOSTS: must be comma-separated host names/,
      PUSH_ALLOWED_HOSTS,
    );
});

test("a host rule reads *. as subdomains only and 443 when no port is given", () => {
  const table: [string, HostRule | null][] = [
    [
      "fcm.googleapis.com",
      { host: "fcm.googleapis.com", subdomains: false, port: 443 },
    ],
    [
      "*.Example.com:8443",
      { host: "example.com", subdomains: true, port: 8443 },
    ],
    ["*.*.example.com", null],
    ["-bad.example", null],
    ["", null],
  ];
  for (const [entry, rule] of table)
    assert.deepEqual(parseHostRule(entry), rule, entry);
});
