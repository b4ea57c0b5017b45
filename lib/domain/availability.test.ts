import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countAvailability, summariseStation } from "./availability";

const s = (...statuses: string[]) => statuses.map((status) => ({ status }));

describe("station summary a driver reads first", () => {
  const table: [string[], ReturnType<typeof summariseStation>][] = [
    [["AVAILABLE", "CHARGING"], "free"],
    [["CHARGING", "OUTOFORDER"], "busy"],
    [["RESERVED"], "busy"],
    [["OUTOFORDER", "INOPERATIVE"], "down"],
    [["OUTOFORDER", "UNKNOWN"], "down"],
    [["UNKNOWN", "UNKNOWN"], "unknown"],
    [[], "down"],
  ];
  for (const [statuses, expected] of table) {
    test(`${statuses.join("+") || "no connectors"} reads as ${expected}`, () =>
      assert.equal(summariseStation(s(...statuses)), expected));
  }
  test("counts free, in use and total", () =>
    assert.deepEqual(
      countAvailability(s("AVAILABLE", "CHARGING", "CHARGING", "UNKNOWN")),
      {
        available: 1,
        charging: 2,
        total: 4,
      },
    ));
});
