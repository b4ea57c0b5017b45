import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNextPath } from "./nextPath";

test("after sign-in a driver returns to a path on this site, and never to another site", () => {
  const cases: [string | null | undefined, string | null][] = [
    ["/stations/lisboa-oriente", "/stations/lisboa-oriente"],
    ["/stations/x?tab=connectors#c2", "/stations/x?tab=connectors#c2"],
    ["/", "/"],
    [undefined, null],
    [null, null],
    ["", null],
    ["//evil.example/stations", null],
    ["/\\evil.example", null],
    ["https://evil.example/", null],
    ["javascript:alert(1)", null],
    ["stations/x", null],
    ["/account?next=/account", null],
    [`/${"a".repeat(600)}`, null],
  ];
  for (const [next, expected] of cases)
    assert.equal(safeNextPath(next), expected, String(next));
});
