import assert from "node:assert/strict";
import { test } from "node:test";
import { PropertyConstraintViolation } from "./errors";
import { readTimestamp } from "./timestamps";

test("an ordinary timestamp reads as itself", () =>
  assert.equal(
    readTimestamp("2026-11-25T08:00:00.123Z", "timestamp").toISOString(),
    "2026-11-25T08:00:00.123Z",
  ));

test("a leap second counts as the second before it", () =>
  assert.equal(
    readTimestamp("2016-12-31T23:59:60Z", "timestamp").toISOString(),
    "2016-12-31T23:59:59.000Z",
  ));

test("a date past year 9999 or an impossible date is refused with PropertyConstraintViolation", () => {
  assert.throws(
    () => readTimestamp("9999-12-31T23:59:59-23:59", "timestamp"),
    PropertyConstraintViolation,
  );
  assert.throws(
    () => readTimestamp("2026-13-45T00:00:00Z", "timestamp"),
    PropertyConstraintViolation,
  );
});
