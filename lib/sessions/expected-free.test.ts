import assert from "node:assert/strict";
import { test } from "node:test";
import {
  EXPECTED_FREE_EVERY_MS,
  EXPECTED_FREE_REFRESH_MS,
  estimateWaitMs,
} from "./expected-free";

test("a transaction without an estimate is tried again ever less often, up to the refresh interval; one with an estimate waits the refresh interval", () => {
  const every = EXPECTED_FREE_EVERY_MS;
  const refresh = EXPECTED_FREE_REFRESH_MS;
  const cases: [boolean, number | undefined, number][] = [
    [false, undefined, every], // the first try found nothing: the next pass tries again
    [false, every, 2 * every],
    [false, 2 * every, 4 * every],
    [false, 4 * every, refresh], // 240 s would pass the 3-minute refresh
    [false, refresh, refresh],
    [true, undefined, refresh],
    [true, every, refresh],
    [false, refresh, refresh], // an estimate lost (the car's data ran out) keeps the refresh pace
  ];
  for (const [hasEstimate, previous, expected] of cases)
    assert.equal(
      estimateWaitMs(hasEstimate, previous, every, refresh),
      expected,
      `hasEstimate ${hasEstimate}, previous wait ${previous}`,
    );
  // Energy-only chargers over an hour: a handful of tries, not one every pass.
  let wait: number | undefined;
  let tries = 0;
  for (let t = 0; t < 3_600_000; t += wait) {
    wait = estimateWaitMs(false, wait, every, refresh);
    tries++;
  }
  assert.ok(tries <= 23, `${tries} tries in an hour (every pass: 120)`);
});
