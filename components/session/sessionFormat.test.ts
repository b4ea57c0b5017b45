import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatElapsed } from "./sessionFormat";

describe("a session's elapsed time", () => {
  const cases: [number, string][] = [
    [0, "0:00:00"],
    [999, "0:00:00"],
    [65_000, "0:01:05"],
    [3_600_000 + 42 * 60_000 + 5_000, "1:42:05"],
    [-5_000, "0:00:00"],
  ];
  for (const [ms, text] of cases)
    test(`${ms} ms reads ${text}`, () => assert.equal(formatElapsed(ms), text));
});
