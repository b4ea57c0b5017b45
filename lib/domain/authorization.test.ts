import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { authorizeIdTag } from "./authorization";

describe("authorizeIdTag", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const table: [string, Parameters<typeof authorizeIdTag>[0], string][] = [
    ["an unknown tag", null, "Invalid"],
    ["an accepted tag", { status: "Accepted", expiryDate: null }, "Accepted"],
    ["a blocked tag", { status: "Blocked", expiryDate: null }, "Blocked"],
    [
      "an expired tag",
      { status: "Accepted", expiryDate: new Date("2026-11-25T09:59:59Z") },
      "Expired",
    ],
    [
      "a tag valid until later",
      { status: "Accepted", expiryDate: new Date("2027-01-01T00:00:00Z") },
      "Accepted",
    ],
  ];
  for (const [name, record, expected] of table) {
    test(`${name} is ${expected}`, () =>
      assert.equal(authorizeIdTag(record, now), expected));
  }
  test("an accepted tag already charging elsewhere is ConcurrentTx; a blocked one stays Blocked", () => {
    assert.equal(
      authorizeIdTag({ status: "Accepted", expiryDate: null }, now, true),
      "ConcurrentTx",
    );
    assert.equal(
      authorizeIdTag({ status: "Blocked", expiryDate: null }, now, true),
      "Blocked",
    );
  });
});
