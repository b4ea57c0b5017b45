import assert from "node:assert/strict";
import { test } from "node:test";
import { AuthThrottle, type Attempt } from "./auth-throttle";

const options = {
  perAddressAndIdentity: { maxFailures: 3, windowMs: 10_000, blockMs: 30_000 },
  perAddress: { maxFailures: 6, windowMs: 10_000, blockMs: 30_000 },
  checkIntervalMs: 1_000,
};

/** One whole check: begun if allowed, then ended as the password turned out. */
function check(
  throttle: AuthThrottle,
  attempt: Attempt,
  now: number,
  isRight: boolean,
): "checked" | "throttled" {
  if (!throttle.beginCheck(attempt, now)) return "throttled";
  throttle.endCheck(attempt, now, !isRight);
  return "checked";
}

const guesser = { address: "198.51.100.7", identity: "PT-A" };

test("failures past the limit leave one check per interval for that address and identity, the rest throttled", () => {
  const throttle = new AuthThrottle(options);
  for (const t of [0, 100, 200])
    assert.equal(check(throttle, guesser, t, false), "checked");
  assert.equal(check(throttle, guesser, 300, false), "throttled");
  assert.equal(check(throttle, guesser, 1_199, false), "throttled");
  assert.equal(check(throttle, guesser, 1_200, false), "checked");
  assert.equal(check(throttle, guesser, 1_201, false), "throttled");
});

test("the right password gets in while its address and identity are under attack, and ends that throttle", () => {
  const throttle = new AuthThrottle(options);
  for (let t = 0; t < 3; t++) check(throttle, guesser, t, false);
  assert.equal(check(throttle, guesser, 50, false), "throttled");
  // The charger's own retry, a few seconds later, with its password.
  assert.equal(check(throttle, guesser, 5_000, true), "checked");
  assert.equal(check(throttle, guesser, 5_001, false), "checked");
});

test("a guesser at one address never throttles the same identity from another address", () => {
  const throttle = new AuthThrottle(options);
  for (let t = 0; t < 20; t++) check(throttle, guesser, t, false);
  const charger = { address: "203.0.113.20", identity: "PT-A" };
  assert.equal(check(throttle, charger, 21, true), "checked");
  assert.equal(check(throttle, charger, 22, true), "checked");
});

test("an address that tries many identities is throttled across all of them, still checked once per interval", () => {
  const throttle = new AuthThrottle(options);
  for (let i = 0; i < 6; i++)
    check(throttle, { ...guesser, identity: `SCAN-${i}` }, i, false);
  const next = { ...guesser, identity: "SCAN-99" };
  assert.equal(check(throttle, next, 10, false), "throttled");
  assert.equal(check(throttle, next, 1_005, false), "checked");
});

test("checks still running count as failures, so a burst cannot outrun the limit and its scrypt work is bounded", () => {
  const throttle = new AuthThrottle(options);
  const begun = Array.from({ length: 100 }, () =>
    throttle.beginCheck(guesser, 0),
  ).filter(Boolean).length;
  // Three within the limit, and the one check of the interval once it is reached.
  assert.equal(begun, 4);
});

test("a throttle ends with its block time, and failures spread wider than the window never throttle", () => {
  const throttle = new AuthThrottle(options);
  for (const t of [0, 1, 2]) check(throttle, guesser, t, false);
  assert.equal(check(throttle, guesser, 500, false), "throttled");
  for (const t of [32_003, 32_004, 32_005])
    assert.equal(check(throttle, guesser, t, false), "checked");
  const other = { address: "192.0.2.1", identity: "PT-B" };
  for (const t of [0, 11_000, 22_000, 33_000, 44_000])
    assert.equal(check(throttle, other, t, false), "checked");
  assert.equal(throttle.beginCheck(other, 44_001), true);
});

test("a site's chargers behind one address all get checked when they reconnect at once", () => {
  const throttle = new AuthThrottle(options);
  const begun = Array.from({ length: 100 }, (_, i) =>
    throttle.beginCheck({ ...guesser, identity: `SITE-${i}` }, 0),
  ).filter(Boolean).length;
  assert.equal(begun, 100);
});
