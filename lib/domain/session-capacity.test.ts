import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { estimateCapacity } from "./session-capacity";
import { cleanMeterSeries } from "./session-energy";
import {
  AC_CAR,
  DC_CAR,
  generateSession,
  type GenerateOptions,
} from "./session-generator";

function seriesOf(options: Partial<GenerateOptions>) {
  return cleanMeterSeries(
    generateSession({
      seed: 11,
      car: DC_CAR,
      startSocPct: 12,
      intervalS: 10,
      durationS: 1500,
      powerNoise: 0.03,
      ...options,
    }).facts,
  ).series;
}

describe("estimateCapacity from ΔkWh/ΔSoC", () => {
  // [behaviour, session, true capacity]
  const table: [string, Partial<GenerateOptions>, number][] = [
    ["DC with taper, SoC on every sample", {}, 64],
    ["SoC on every sixth sample only", { socEvery: 6 }, 64],
    ["sparse samples, one a minute", { intervalS: 60 }, 64],
    [
      "a large battery charged slowly",
      { car: { ...DC_CAR, capacityKwh: 98, peakKw: 50 }, durationS: 3600 },
      98,
    ],
  ];
  for (const [behaviour, options, truth] of table)
    test(`${behaviour}: within its stated error of ${truth} kWh`, () => {
      const estimate = estimateCapacity(seriesOf(options));
      assert.ok(estimate, "no estimate");
      const error = Math.abs(estimate.kwh - truth) / truth;
      assert.ok(
        error <= estimate.relativeError && error < 0.03,
        `${estimate.kwh} kWh ±${estimate.relativeError}`,
      );
    });

  test("glitching SoC readings do not move the estimate", () => {
    const series = seriesOf({});
    const glitched = series.map((p, i) =>
      i % 37 === 0 ? { ...p, socPct: i % 2 ? 0 : 100 } : p,
    );
    const clean = estimateCapacity(series)!;
    const estimate = estimateCapacity(glitched)!;
    assert.ok(Math.abs(estimate.kwh - clean.kwh) / clean.kwh < 0.005);
  });

  test("the error shrinks as the SoC span grows", () => {
    const errors = [300, 600, 1200].map(
      (durationS) => estimateCapacity(seriesOf({ durationS }))!.relativeError,
    );
    assert.ok(errors[0] > errors[1] && errors[1] >= errors[2], `${errors}`);
  });

  test("fewer than 5 SoC points of span: no estimate", () =>
    // 120 kW on 64 kWh is about 0.52 points a 10 s sample: 80 s is about 4 points.
    assert.equal(estimateCapacity(seriesOf({ durationS: 80 })), null));

  test("no SoC (AC): no estimate", () =>
    assert.equal(
      estimateCapacity(seriesOf({ car: AC_CAR, socEvery: 0 })),
      null,
    ));
});
