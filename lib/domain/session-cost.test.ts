import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionCost } from "../sessions/contract";
import {
  computeSessionCost,
  findIdleFeeFrom,
  roundCost,
  type CostFacts,
} from "./session-cost";
import type { SessionTariff } from "./session-progress";

const START = new Date("2026-03-02T09:00:00Z");
const minute = (m: number) => new Date(START.getTime() + m * 60_000);

const FULL_TARIFF: SessionTariff = {
  currency: "EUR",
  pricePerKwh: 0.45,
  pricePerMinute: 0.1,
  pricePerMinuteAfterMin: 30,
  idlePricePerMinute: 0.5,
  idleGraceMinutes: 10,
};

function facts(more: Partial<CostFacts>): CostFacts {
  return {
    tariff: FULL_TARIFF,
    energyKwh: 0,
    startedAt: START,
    stoppedAt: null,
    chargingEndedAt: null,
    departedAt: null,
    ...more,
  };
}

describe("computeSessionCost", () => {
  // [behaviour, facts, now (minutes after start), expected parts]
  const table: [string, CostFacts, number, SessionCost][] = [
    [
      "no tariff: nothing to pay, in the default currency",
      facts({ tariff: null, energyKwh: 20 }),
      60,
      { currency: "EUR", total: 0, energy: 0, time: 0, idle: 0 },
    ],
    [
      "energy is priced per kWh",
      facts({ tariff: { currency: "EUR", pricePerKwh: 0.39 }, energyKwh: 20 }),
      30,
      { currency: "EUR", total: 7.8, energy: 7.8, time: 0, idle: 0 },
    ],
    [
      "time within the free minutes costs nothing",
      facts({ energyKwh: 10 }),
      25,
      { currency: "EUR", total: 4.5, energy: 4.5, time: 0, idle: 0 },
    ],
    [
      "time after the free minutes is priced per minute, up to now while open",
      facts({ energyKwh: 10 }),
      45,
      { currency: "EUR", total: 6, energy: 4.5, time: 1.5, idle: 0 },
    ],
    [
      "time stops at the transaction's stop",
      facts({ energyKwh: 10, stoppedAt: minute(40) }),
      90,
      { currency: "EUR", total: 5.5, energy: 4.5, time: 1, idle: 0 },
    ],
    [
      "idle within the grace costs nothing, and time stopped when charging did",
      facts({ energyKwh: 30, chargingEndedAt: minute(40) }),
      48,
      { currency: "EUR", total: 14.5, energy: 13.5, time: 1, idle: 0 },
    ],
    [
      "idle after the grace is priced per minute until now while the car is there",
      facts({ energyKwh: 30, chargingEndedAt: minute(40) }),
      56,
      { currency: "EUR", total: 17.5, energy: 13.5, time: 1, idle: 3 },
    ],
    [
      "idle ends when the car leaves",
      facts({
        energyKwh: 30,
        stoppedAt: minute(55),
        chargingEndedAt: minute(40),
        departedAt: minute(60),
      }),
      120,
      { currency: "EUR", total: 19.5, energy: 13.5, time: 1, idle: 5 },
    ],
    [
      "a car leaving within the grace pays no idle fee",
      facts({
        energyKwh: 30,
        stoppedAt: minute(45),
        chargingEndedAt: minute(40),
        departedAt: minute(45),
      }),
      120,
      { currency: "EUR", total: 14.5, energy: 13.5, time: 1, idle: 0 },
    ],
    [
      "a parked minute is idle, never time too (OCPI TIME is charging, PARKING_TIME not charging)",
      facts({
        tariff: {
          currency: "EUR",
          pricePerMinute: 0.1,
          idlePricePerMinute: 0.1,
        },
        stoppedAt: minute(120),
        chargingEndedAt: minute(60),
        departedAt: minute(120),
      }),
      130,
      { currency: "EUR", total: 12, energy: 0, time: 6, idle: 6 },
    ],
    [
      "idle without a grace starts when charging ends",
      facts({
        tariff: { currency: "EUR", idlePricePerMinute: 0.2 },
        chargingEndedAt: minute(40),
      }),
      50,
      { currency: "EUR", total: 2, energy: 0, time: 0, idle: 2 },
    ],
  ];
  for (const [behaviour, costFacts, now, cost] of table)
    test(behaviour, () =>
      assert.deepEqual(
        roundCost(computeSessionCost(costFacts, minute(now))),
        cost,
      ),
    );
});

describe("roundCost", () => {
  const table: [string, SessionCost, SessionCost][] = [
    [
      "each part rounds to cents and the total is their sum",
      {
        currency: "EUR",
        total: 0.015,
        energy: 0.005,
        time: 0.005,
        idle: 0.005,
      },
      { currency: "EUR", total: 0.03, energy: 0.01, time: 0.01, idle: 0.01 },
    ],
    [
      "a half cent rounds up even where binary floats fall short (1.005)",
      { currency: "EUR", total: 1.005, energy: 1.005, time: 0, idle: 0 },
      { currency: "EUR", total: 1.01, energy: 1.01, time: 0, idle: 0 },
    ],
    [
      "yen have no minor unit",
      { currency: "JPY", total: 1234.5, energy: 1234.5, time: 0, idle: 0 },
      { currency: "JPY", total: 1235, energy: 1235, time: 0, idle: 0 },
    ],
    [
      "an unknown currency code rounds to two decimals",
      { currency: "XX", total: 2.345, energy: 2.345, time: 0, idle: 0 },
      { currency: "XX", total: 2.35, energy: 2.35, time: 0, idle: 0 },
    ],
  ];
  for (const [behaviour, raw, rounded] of table)
    test(behaviour, () => assert.deepEqual(roundCost(raw), rounded));
});

describe("findIdleFeeFrom", () => {
  test("is charging's end plus the grace", () =>
    assert.deepEqual(findIdleFeeFrom(FULL_TARIFF, minute(40)), minute(50)));
  test("is null while charging", () =>
    assert.equal(findIdleFeeFrom(FULL_TARIFF, null), null));
  test("is null when the tariff has no idle price", () =>
    assert.equal(
      findIdleFeeFrom({ currency: "EUR", pricePerKwh: 0.3 }, minute(40)),
      null,
    ));
});
