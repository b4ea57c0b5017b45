// The auth throttle's rules, run against both stores: this process's memory and Redis (one budget across instances).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { RedisAuthThrottle } from "../cluster/auth-throttle";
import {
  openTestRedis,
  skipWithoutRedis,
  type TestRedis,
} from "../cluster/test-redis";
import { clusterKeys } from "../cluster/keys";
import {
  AuthThrottle,
  pairKey,
  type Attempt,
  type AttemptThrottle,
} from "./auth-throttle";

const options = {
  perAddressAndIdentity: { maxFailures: 3, windowMs: 10_000, blockMs: 30_000 },
  perAddress: { maxFailures: 6, windowMs: 10_000, blockMs: 30_000 },
  checkIntervalMs: 1_000,
};

/** One whole check: begun if allowed, then ended as the password turned out. */
async function check(
  throttle: AttemptThrottle,
  attempt: Attempt,
  now: number,
  isRight: boolean,
): Promise<"checked" | "throttled"> {
  if (!(await throttle.beginCheck(attempt, now))) return "throttled";
  await throttle.endCheck(attempt, now, !isRight);
  return "checked";
}

const guesser = { address: "198.51.100.7", identity: "PT-A" };

function throttleRules(makeThrottle: () => AttemptThrottle) {
  test("failures past the limit leave one check per interval for that address and identity, the rest throttled", async () => {
    const throttle = makeThrottle();
    for (const t of [0, 100, 200])
      assert.equal(await check(throttle, guesser, t, false), "checked");
    assert.equal(await check(throttle, guesser, 300, false), "throttled");
    assert.equal(await check(throttle, guesser, 1_199, false), "throttled");
    assert.equal(await check(throttle, guesser, 1_200, false), "checked");
    assert.equal(await check(throttle, guesser, 1_201, false), "throttled");
  });

  test("the right password gets in while its address and identity are under attack, and ends that throttle", async () => {
    const throttle = makeThrottle();
    for (let t = 0; t < 3; t++) await check(throttle, guesser, t, false);
    assert.equal(await check(throttle, guesser, 50, false), "throttled");
    // The charger's own retry, a few seconds later, with its password.
    assert.equal(await check(throttle, guesser, 5_000, true), "checked");
    assert.equal(await check(throttle, guesser, 5_001, false), "checked");
  });

  test("a guesser at one address never throttles the same identity from another address", async () => {
    const throttle = makeThrottle();
    for (let t = 0; t < 20; t++) await check(throttle, guesser, t, false);
    const charger = { address: "203.0.113.20", identity: "PT-A" };
    assert.equal(await check(throttle, charger, 21, true), "checked");
    assert.equal(await check(throttle, charger, 22, true), "checked");
  });

  test("an address that tries many identities is throttled across all of them, still checked once per interval", async () => {
    const throttle = makeThrottle();
    for (let i = 0; i < 6; i++)
      await check(throttle, { ...guesser, identity: `SCAN-${i}` }, i, false);
    const next = { ...guesser, identity: "SCAN-99" };
    assert.equal(await check(throttle, next, 10, false), "throttled");
    assert.equal(await check(throttle, next, 1_005, false), "checked");
  });

  test("checks still running count as failures, so a burst cannot outrun the limit and its scrypt work is bounded", async () => {
    const throttle = makeThrottle();
    const begun = (
      await Promise.all(
        Array.from({ length: 100 }, () => throttle.beginCheck(guesser, 0)),
      )
    ).filter(Boolean).length;
    // Three within the limit, and the one check of the interval once it is reached.
    assert.equal(begun, 4);
  });

  test("a throttle ends with its block time, and failures spread wider than the window never throttle", async () => {
    const throttle = makeThrottle();
    for (const t of [0, 1, 2]) await check(throttle, guesser, t, false);
    assert.equal(await check(throttle, guesser, 500, false), "throttled");
    for (const t of [32_003, 32_004, 32_005])
      assert.equal(await check(throttle, guesser, t, false), "checked");
    const other = { address: "192.0.2.1", identity: "PT-B" };
    for (const t of [0, 11_000, 22_000, 33_000, 44_000])
      assert.equal(await check(throttle, other, t, false), "checked");
    assert.equal(await throttle.beginCheck(other, 44_001), true);
  });

  test("a site's chargers behind one address all get checked when they reconnect at once", async () => {
    const throttle = makeThrottle();
    const begun = (
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          throttle.beginCheck({ ...guesser, identity: `SITE-${i}` }, 0),
        ),
      )
    ).filter(Boolean).length;
    assert.equal(begun, 100);
  });
}

describe("auth throttle in this process's memory", () => {
  throttleRules(() => new AuthThrottle(options));
});

describe(
  "auth throttle in Redis",
  { skip: skipWithoutRedis("the Redis auth throttle") },
  () => {
    let store: TestRedis;
    before(() => (store = openTestRedis()));
    after(() => store.close());
    // Each test its own keys, as each memory test has its own throttle.
    let run = 0;
    throttleRules(
      () =>
        new RedisAuthThrottle(
          { redis: store.redis, keys: clusterKeys(`${store.prefix}:${run++}`) },
          options,
          "caller",
        ),
    );

    test("without a caller's clock, Redis' own TIME dates the entries, whatever an instance's clock says", async () => {
      const keys = clusterKeys(`${store.prefix}:${run++}`);
      const throttle = new RedisAuthThrottle(
        { redis: store.redis, keys },
        options,
      );
      const attempt = { address: "198.51.100.9", identity: "PT-CLOCK" };
      // An instance whose clock is a day behind.
      const skewed = Date.now() - 86_400_000;
      assert.equal(await throttle.beginCheck(attempt, skewed), true);
      await throttle.endCheck(attempt, skewed, true);
      const [seconds, micros] = await store.redis.time();
      const redisNow =
        Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      const since = Number(
        await store.redis.hget(keys.authThrottle(pairKey(attempt)), "since"),
      );
      assert.ok(
        Math.abs(redisNow - since) < 5_000,
        `since ${since}, Redis ${redisNow}`,
      );
    });
  },
);
