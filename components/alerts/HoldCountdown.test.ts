import assert from "node:assert/strict";
import { test } from "node:test";
import { formatLeft } from "./HoldCountdown";

test("the countdown shows minutes and zero-padded seconds, rounding a part second up", () => {
  const cases: [number, string][] = [
    [600_000, "10:00"],
    [581_200, "9:42"],
    [59_001, "1:00"],
    [9_000, "0:09"],
    [1, "0:01"],
    [0, "0:00"],
    [-5_000, "0:00"],
  ];
  for (const [ms, shown] of cases)
    assert.equal(formatLeft(ms), shown, `${ms} ms`);
});
