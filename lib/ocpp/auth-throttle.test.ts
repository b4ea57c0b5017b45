import assert from "node:assert/strict";
import { test } from "node:test";
import { AuthThrottle } from "./auth-throttle";

const options = { maxFailures: 3, windowMs: 10_000, blockMs: 30_000 };

test("three failures within the window block that key for the block time, and only that key", () => {
  const throttle = new AuthThrottle(options);
  for (const t of [0, 1000, 2000]) throttle.recordFailure(["id:A", "ip:1"], t);
  assert.equal(throttle.isBlocked(["id:A"], 2001), true);
  assert.equal(throttle.isBlocked(["ip:1"], 2001), true);
  assert.equal(throttle.isBlocked(["id:B", "ip:2"], 2001), false);
  assert.equal(throttle.isBlocked(["id:A"], 32_001), false);
});

test("failures spread wider than the window never block", () => {
  const throttle = new AuthThrottle(options);
  for (const t of [0, 11_000, 22_000, 33_000])
    throttle.recordFailure(["id:A"], t);
  assert.equal(throttle.isBlocked(["id:A"], 33_001), false);
});
