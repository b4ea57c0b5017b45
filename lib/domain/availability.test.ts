import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  combineSummaries,
  countAvailability,
  summariseConnectors,
  summariseStation,
} from "./availability";

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

describe("a cluster reads as all its stations' connectors together", () => {
  const table: [string, string[][]][] = [
    [
      "one free connector anywhere makes it free",
      [["OUTOFORDER"], ["CHARGING", "AVAILABLE"]],
    ],
    ["in use beats out of order", [["OUTOFORDER"], ["RESERVED"], ["UNKNOWN"]]],
    ["all offline reads offline", [["UNKNOWN"], ["UNKNOWN", "UNKNOWN"]]],
    [
      "a station without connectors does not stop it reading offline",
      [[], ["UNKNOWN"]],
    ],
    [
      "offline with out of order reads out of order",
      [["UNKNOWN"], ["INOPERATIVE"]],
    ],
    ["stations without connectors read out of order", [[], []]],
    ["no stations read out of order", []],
  ];
  for (const [behaviour, stations] of table) {
    test(behaviour, () =>
      assert.deepEqual(
        combineSummaries(stations.map((c) => summariseConnectors(s(...c)))),
        summariseConnectors(s(...stations.flat())),
      ),
    );
  }
  test("sums free and total connectors", () =>
    assert.deepEqual(
      combineSummaries([
        summariseConnectors(s("AVAILABLE", "CHARGING")),
        summariseConnectors(s("AVAILABLE", "AVAILABLE", "UNKNOWN")),
      ]),
      { state: "free", available: 3, total: 5 },
    ));
});
