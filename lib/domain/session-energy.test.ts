import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createRandom } from "../sim/random";
import { cleanMeterSeries, type MeterFacts } from "./session-energy";
import { DC_CAR, generateSession, START } from "./session-generator";
import type { MeterPoint } from "./session-progress";

const at = (s: number) => new Date(START.getTime() + s * 1000);

function facts(samples: MeterPoint[], more: Partial<MeterFacts> = {}) {
  return {
    samples,
    meterStartWh: 1_000_000,
    meterStopWh: null,
    startedAt: START,
    stoppedAt: null,
    maxPowerKw: 50,
    ...more,
  };
}

describe("cleanMeterSeries: energy", () => {
  // [behaviour, samples, extra facts, energy kWh at each point, session energy kWh]
  const table: [string, MeterPoint[], Partial<MeterFacts>, number[], number][] =
    [
      [
        "energy is the register minus the start value",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 1_001_200 },
        ],
        {},
        [0.5, 1.2],
        1.2,
      ],
      [
        "samples out of order are put in time order",
        [
          { at: at(120), energyWh: 1_001_200 },
          { at: at(60), energyWh: 1_000_500 },
          { at: at(180), energyWh: 1_001_900 },
        ],
        {},
        [0.5, 1.2, 1.9],
        1.9,
      ],
      [
        "a sample repeated at the same instant is one point",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 1_001_200 },
          { at: at(60), energyWh: 1_000_500 },
        ],
        {},
        [0.5, 1.2],
        1.2,
      ],
      [
        "a meter reset to zero keeps adding from the new base",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 200 },
          { at: at(180), energyWh: 900 },
        ],
        {},
        [0.5, 0.7, 1.4],
        1.4,
      ],
      [
        "a register rolling over at a power of ten continues across the wrap",
        [
          { at: at(60), energyWh: 99_999_600 },
          { at: at(120), energyWh: 300 },
          { at: at(180), energyWh: 1000 },
        ],
        { meterStartWh: 99_999_000 },
        [0.6, 1.3, 2.0],
        2.0,
      ],
      [
        "a 32-bit register rolling over continues across the wrap",
        [
          { at: at(60), energyWh: 2 ** 32 - 100 },
          { at: at(120), energyWh: 500 },
        ],
        { meterStartWh: 2 ** 32 - 600 },
        [0.5, 1.1],
        1.1,
      ],
      [
        "a small step back (rounding) is not a reset and loses nothing",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 1_000_497 },
          { at: at(180), energyWh: 1_001_000 },
        ],
        {},
        [0.5, 0.5, 1.0],
        1.0,
      ],
      [
        "a jump to an implausible register (a new meter) rebases without counting",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 9_000_000 },
          { at: at(180), energyWh: 9_000_700 },
        ],
        {},
        [0.5, 0.5, 1.2],
        1.2,
      ],
      [
        "samples without energy carry the energy so far",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(90), socPct: 40 },
          { at: at(120), energyWh: 1_001_200 },
        ],
        {},
        [0.5, 0.5, 1.2],
        1.2,
      ],
      [
        "the stop reading gives the energy of a stopped session",
        [{ at: at(60), energyWh: 1_000_500 }],
        { stoppedAt: at(300), meterStopWh: 1_002_000 },
        [0.5],
        2.0,
      ],
      [
        "a bogus stop reading of zero does not take back what the samples proved",
        [{ at: at(60), energyWh: 1_000_500 }],
        { stoppedAt: at(300), meterStopWh: 0 },
        [0.5],
        0.5,
      ],
      [
        "a bogus stop reading far beyond the connector's power is not counted",
        [{ at: at(60), energyWh: 1_000_500 }],
        { stoppedAt: at(120), meterStopWh: 5_000_000_000 },
        [0.5],
        0.5,
      ],
      [
        "a stop reading after a reset adds from the new base",
        [
          { at: at(60), energyWh: 1_000_500 },
          { at: at(120), energyWh: 100 },
        ],
        { stoppedAt: at(180), meterStopWh: 800 },
        [0.5, 0.6],
        1.3,
      ],
      ["no samples: nothing delivered yet", [], {}, [], 0],
    ];
  for (const [behaviour, samples, more, points, total] of table) {
    test(behaviour, () => {
      const { series, energyKwh } = cleanMeterSeries(facts(samples, more));
      assert.deepEqual(
        series.map((p) => Number(p.energyKwh.toFixed(6))),
        points,
      );
      assert.equal(Number(energyKwh.toFixed(6)), total);
    });
  }

  test("energy never decreases along a shuffled, repeated, reset series (seeded)", () => {
    const seed = 1515;
    const random = createRandom(seed);
    const { facts: dc } = generateSession({
      seed,
      car: DC_CAR,
      startSocPct: 10,
      intervalS: 5,
      durationS: 1800,
    });
    const resetAt = Math.floor(dc.samples.length / 2);
    const base = dc.samples[resetAt].energyWh!;
    const samples = dc.samples.map((s, i) =>
      i < resetAt ? s : { ...s, energyWh: s.energyWh! - base + 50 },
    );
    const repeated = [...samples, ...samples.filter(() => random.chance(0.2))];
    for (let i = repeated.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [repeated[i], repeated[j]] = [repeated[j], repeated[i]];
    }
    const { series } = cleanMeterSeries({ ...dc, samples: repeated });
    assert.equal(series.length, samples.length, `seed ${seed}`);
    for (let i = 1; i < series.length; i++)
      assert.ok(
        series[i].energyKwh >= series[i - 1].energyKwh &&
          series[i].at > series[i - 1].at,
        `seed ${seed}: point ${i} goes back`,
      );
    const truth = (dc.samples.at(-1)!.energyWh! - dc.meterStartWh) / 1000;
    // Only the energy between the last sample before the reset and the reset itself is unknown (< one interval).
    assert.ok(Math.abs(series.at(-1)!.energyKwh - truth) < 0.2, `seed ${seed}`);
  });
});

describe("cleanMeterSeries: power and SoC", () => {
  test("reported power is kept, in kW", () => {
    const { series } = cleanMeterSeries(
      facts([{ at: at(60), energyWh: 1_000_500, powerW: 30_000 }]),
    );
    assert.equal(series[0].powerKw, 30);
  });

  test("energy-only samples get power from energy over at least a minute", () => {
    const samples = [10, 20, 30, 60, 70, 120].map((s) => ({
      at: at(s),
      energyWh: 1_000_000 + (s * 36_000) / 3600, // 36 kW
    }));
    const { series } = cleanMeterSeries(facts(samples));
    for (const p of series) assert.ok(Math.abs(p.powerKw! - 36) < 1e-9);
  });

  test("a repeat at the same instant adds the SoC the first copy lacked", () => {
    const { series } = cleanMeterSeries(
      facts([
        { at: at(60), energyWh: 1_000_500, powerW: 30_000 },
        { at: at(60), socPct: 41 },
      ]),
    );
    assert.deepEqual(
      series.map((p) => [p.energyKwh, p.powerKw, p.socPct]),
      [[0.5, 30, 41]],
    );
  });

  test("SoC is null where a sample did not carry it", () => {
    const { series } = cleanMeterSeries(
      facts([
        { at: at(60), energyWh: 1_000_500, socPct: 40 },
        { at: at(120), energyWh: 1_001_200 },
      ]),
    );
    assert.deepEqual(
      series.map((p) => p.socPct),
      [40, null],
    );
  });
});
