import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  fitChargingCurve,
  hoursToSoc,
  powerShare,
  type CurveShape,
} from "./charging-curve";
import { cleanMeterSeries } from "./session-energy";
import {
  AC_CAR,
  DC_CAR,
  generateSession,
  type GeneratedCar,
} from "./session-generator";

const DC: CurveShape = { kneePct: 60, floor: 0.2 };

describe("powerShare", () => {
  const table: [string, CurveShape, number, number][] = [
    ["full power below the knee", DC, 30, 1],
    ["full power at the knee", DC, 60, 1],
    ["half way down the taper", DC, 80, 0.6],
    ["the floor at 100 %", DC, 100, 0.2],
    ["no taper with the knee at 100 % (AC)", { kneePct: 100, floor: 1 }, 99, 1],
  ];
  for (const [behaviour, shape, soc, share] of table)
    test(behaviour, () =>
      assert.ok(Math.abs(powerShare(shape, soc) - share) < 1e-12),
    );
});

describe("hoursToSoc", () => {
  /** Midpoint-rule integration of dt = kWh per point / power, to check the closed form against. */
  function integrate(
    shape: CurveShape,
    from: number,
    to: number,
    powerKw: number,
    kwhPerPct: number,
  ) {
    const fullKw = powerKw / powerShare(shape, from);
    const steps = 100_000;
    let hours = 0;
    for (let i = 0; i < steps; i++) {
      const soc = from + ((i + 0.5) * (to - from)) / steps;
      hours +=
        (((to - from) / steps) * kwhPerPct) / (fullKw * powerShare(shape, soc));
    }
    return hours;
  }
  const table: [string, CurveShape, number, number, number, number][] = [
    ["flat part only: energy over power", DC, 20, 50, 100, 0.64],
    ["across the knee into the taper", DC, 20, 80, 100, 0.64],
    ["from inside the taper at its current power", DC, 70, 90, 50, 0.64],
    ["AC has no taper", { kneePct: 100, floor: 1 }, 10, 90, 11, 0.58],
    [
      "a floor of 1 is a flat taper",
      { kneePct: 50, floor: 1 },
      40,
      90,
      60,
      0.7,
    ],
  ];
  for (const [behaviour, shape, from, to, kw, perPct] of table)
    test(behaviour, () => {
      const hours = hoursToSoc(shape, from, to, kw, perPct);
      const expected = integrate(shape, from, to, kw, perPct);
      assert.ok(
        Math.abs(hours - expected) / expected < 1e-6,
        `${hours} vs ${expected}`,
      );
    });

  test("a flat part is exactly energy over power", () =>
    assert.equal(hoursToSoc(DC, 20, 50, 100, 0.64), (30 * 0.64) / 100));
  test("no time to a SoC already reached", () =>
    assert.equal(hoursToSoc(DC, 85, 80, 40, 0.64), 0));
});

describe("fitChargingCurve", () => {
  function seriesOf(car: GeneratedCar, durationS: number, seed = 42) {
    return cleanMeterSeries(
      generateSession({
        seed,
        car,
        startSocPct: 10,
        intervalS: 10,
        durationS,
        powerNoise: 0.03,
      }).facts,
    ).series;
  }

  test("DC with taper: the knee and floor are found from samples above the knee", () => {
    for (const seed of [1, 2, 3]) {
      const car = { ...DC_CAR, kneePct: 65, floor: 0.25 };
      const curve = fitChargingCurve(seriesOf(car, 3600, seed), true);
      assert.ok(curve.isTaperObserved, `seed ${seed}`);
      assert.ok(
        Math.abs(curve.kneePct.at - 65) <= 2,
        `seed ${seed}: knee ${curve.kneePct.at}`,
      );
      assert.ok(
        curve.kneePct.low <= 65 && 65 <= curve.kneePct.high,
        `seed ${seed}`,
      );
      assert.ok(
        Math.abs(curve.floor.at - 0.25) <= 0.05,
        `seed ${seed}: floor ${curve.floor.at}`,
      );
    }
  });

  test("DC before the knee: the defaults, narrowed to the SoC still seen at full power", () => {
    // 10 % → about 50 % in 13 minutes at 120 kW on 64 kWh: all before the 70 % knee.
    const series = seriesOf(DC_CAR, 800);
    const top = Math.max(...series.map((p) => p.socPct ?? 0));
    const curve = fitChargingCurve(series, true);
    assert.equal(curve.isTaperObserved, false);
    assert.deepEqual(
      [curve.kneePct.low, curve.kneePct.high],
      [Math.max(55, top), 80],
    );
  });

  test("a taper only just begun is not yet taken for one", () => {
    const series = seriesOf(DC_CAR, 1180); // to about 72 %, two points past the 70 % knee
    assert.equal(fitChargingCurve(series, true).isTaperObserved, false);
  });

  test("flat AC: no taper, whatever the samples", () => {
    const curve = fitChargingCurve(seriesOf(AC_CAR, 3600), false);
    assert.deepEqual(curve.kneePct, { at: 100, low: 100, high: 100 });
  });
});
