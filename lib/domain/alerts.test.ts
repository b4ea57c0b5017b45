// Alert rules, table by table: what a freed connector matches, who in line gets the hold, places, cool-down.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  alertMatches,
  isCoolingDown,
  latitudeBand,
  pickHolder,
  placesInLine,
  type AlertCriteria,
  type FreedConnector,
  type Waiting,
} from "./alerts";

const now = new Date("2026-12-01T10:00:00Z");
const later = new Date("2026-12-01T11:00:00Z");
// Oriente, Lisbon; Parque das Nações is ~1.1 km north, Belém ~11 km west.
const oriente: FreedConnector = {
  stationId: "oriente",
  lat: 38.7678,
  lng: -9.0991,
  standard: "IEC_62196_T2_COMBO",
  maxPowerKw: 150,
};
const base: AlertCriteria = {
  id: "a",
  stationId: null,
  nearLat: null,
  nearLng: null,
  radiusKm: null,
  standards: null,
  minPowerKw: null,
  hold: false,
  expiresAt: later,
};
const near = (lat: number, lng: number, radiusKm: number) => ({
  ...base,
  nearLat: lat,
  nearLng: lng,
  radiusKm,
});

describe("alertMatches", () => {
  const cases: [string, AlertCriteria, FreedConnector, boolean][] = [
    ["its own station", { ...base, stationId: "oriente" }, oriente, true],
    ["another station", { ...base, stationId: "belem" }, oriente, false],
    [
      "an expired alert",
      { ...base, stationId: "oriente", expiresAt: now },
      oriente,
      false,
    ],
    ["a circle that reaches it", near(38.7778, -9.0991, 2), oriente, true],
    ["a circle that falls short", near(38.7, -9.2, 5), oriente, false],
    ["a circle without its centre", { ...base, radiusKm: 5 }, oriente, false],
    [
      "the standard asked for",
      { ...near(38.77, -9.1, 2), standards: ["IEC_62196_T2_COMBO"] },
      oriente,
      true,
    ],
    [
      "another standard",
      { ...near(38.77, -9.1, 2), standards: ["CHADEMO", "IEC_62196_T2"] },
      oriente,
      false,
    ],
    [
      "enough power",
      { ...base, stationId: "oriente", minPowerKw: 150 },
      oriente,
      true,
    ],
    [
      "too little power",
      { ...base, stationId: "oriente", minPowerKw: 151 },
      oriente,
      false,
    ],
  ];
  for (const [name, alert, connector, expected] of cases)
    it(`${expected ? "matches" : "does not match"} ${name}`, () =>
      assert.equal(alertMatches(alert, connector, now), expected));
});

describe("latitudeBand", () => {
  it("holds every point a circle reaches", () => {
    const [south, north] = latitudeBand(38.7, 50);
    assert.ok(south < 38.7 - 0.449 && south > 38.7 - 0.451);
    assert.ok(north > 38.7 + 0.449 && north < 38.7 + 0.451);
  });
});

const waiting = (
  id: string,
  minute: number,
  flags: Partial<Waiting> = {},
): Waiting => ({
  id,
  createdAt: new Date(now.getTime() + minute * 60_000),
  skipNext: false,
  isHolding: false,
  ...flags,
});

describe("pickHolder", () => {
  const cases: [string, Waiting[], string | null, string[]][] = [
    ["nobody waits", [], null, []],
    [
      "the first to ask, whatever the list's order",
      [waiting("b", 2), waiting("a", 1)],
      "a",
      [],
    ],
    [
      "equal times by id, the same on every instance",
      [waiting("y", 1), waiting("x", 1)],
      "x",
      [],
    ],
    [
      "the next one while the first holds a connector",
      [waiting("a", 1, { isHolding: true }), waiting("b", 2)],
      "b",
      [],
    ],
    [
      "the next one after a 'not yet', which is spent",
      [waiting("a", 1, { skipNext: true }), waiting("b", 2)],
      "b",
      ["a"],
    ],
    [
      "the first, keeping a 'not yet' behind it for later",
      [waiting("a", 1), waiting("b", 2, { skipNext: true })],
      "a",
      [],
    ],
    [
      "nobody when the only one said 'not yet'; the pass is spent",
      [waiting("a", 1, { skipNext: true })],
      null,
      ["a"],
    ],
    [
      "nobody when all hold already",
      [waiting("a", 1, { isHolding: true })],
      null,
      [],
    ],
  ];
  for (const [name, line, holder, passed] of cases)
    it(`serves ${name}`, () => {
      const picked = pickHolder(line);
      assert.equal(picked.holder?.id ?? null, holder);
      assert.deepEqual(
        picked.passedOver.map((w) => w.id),
        passed,
      );
    });
});

describe("placesInLine", () => {
  it("numbers the line from 1 by arrival", () =>
    assert.deepEqual(
      [...placesInLine([waiting("c", 3), waiting("a", 1), waiting("b", 2)])],
      [
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ],
    ));
});

describe("isCoolingDown", () => {
  const cases: [string, Date | undefined, boolean][] = [
    ["never told", undefined, false],
    ["told a minute ago", new Date(now.getTime() - 60_000), true],
    ["told five minutes ago", new Date(now.getTime() - 5 * 60_000), false],
  ];
  for (const [name, last, expected] of cases)
    it(`${expected ? "stays quiet" : "tells"} when ${name}`, () =>
      assert.equal(isCoolingDown(last, now), expected));
});
