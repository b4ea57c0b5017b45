import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createRandom } from "../sim/random";
import {
  AC_CAR,
  DC_CAR,
  factsAt,
  generateSession,
  minutesAfterStart,
} from "./session-generator";
import {
  computeSessionProgress,
  type SessionFacts,
  type SessionTariff,
} from "./session-progress";

const TARIFF: SessionTariff = {
  currency: "EUR",
  pricePerKwh: 0.49,
  pricePerMinute: 0.05,
  pricePerMinuteAfterMin: 15,
  idlePricePerMinute: 0.4,
  idleGraceMinutes: 5,
};

const dc = generateSession({
  seed: 21,
  car: DC_CAR,
  startSocPct: 18,
  intervalS: 10,
  durationS: 3600,
  powerNoise: 0.03,
}).facts;
const ac = generateSession({
  seed: 22,
  car: AC_CAR,
  startSocPct: 30,
  intervalS: 60,
  durationS: 4 * 3600,
  powerNoise: 0.01,
  socEvery: 0,
}).facts;

function at(facts: SessionFacts, minutes: number) {
  const now = minutesAfterStart(minutes);
  return computeSessionProgress(
    { ...factsAt(facts, now), tariff: TARIFF },
    now,
  );
}

describe("computeSessionProgress", () => {
  test("flat AC: energy and cost rise with time, no SoC, no capacity, no ETA to a SoC target", () => {
    const early = at(ac, 30);
    const later = at(ac, 60);
    assert.ok(Math.abs(later.energyKwh - 11) < 0.01);
    assert.ok(later.cost.total > early.cost.total);
    assert.ok(Math.abs(later.powerKw! - 11) < 0.2);
    assert.deepEqual(
      [later.socPct, later.capacityKwh, later.eta, later.targetReached],
      [null, null, null, false],
    );
  });

  test("flat AC with a kWh target: an ETA, then target reached", () => {
    const withTarget = { ...ac, target: { energyKwh: 20 } };
    assert.ok(at(withTarget, 60).eta);
    const done = at(withTarget, 120);
    assert.deepEqual([done.targetReached, done.eta], [true, null]);
  });

  test("DC with taper: SoC, capacity and an ETA to 80 %, then target reached", () => {
    const mid = at(dc, 10);
    assert.ok(mid.socPct! > 40 && mid.socPct! < 60);
    assert.ok(Math.abs(mid.capacityKwh! - 64) < 2);
    assert.ok(mid.eta && mid.eta.at > minutesAfterStart(10));
    const done = at(dc, 25);
    assert.equal(done.targetReached, true);
    assert.equal(done.eta, null);
  });

  test("SoC missing on a DC session: energy and power, but no capacity and no ETA to a SoC target", () => {
    const noSoc = {
      ...dc,
      samples: dc.samples.map(({ socPct, ...s }) => (void socPct, s)),
    };
    const p = at(noSoc, 10);
    assert.ok(p.energyKwh > 15);
    assert.deepEqual([p.socPct, p.capacityKwh, p.eta], [null, null, null]);
  });

  test("samples out of order and repeated give the same progress as in order", () => {
    const random = createRandom(23);
    const shuffled = [...dc.samples, ...dc.samples.slice(0, 40)];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    assert.deepEqual(at({ ...dc, samples: shuffled }, 12), at(dc, 12));
  });

  test("a meter reset mid-session: energy and cost keep adding from the new base", () => {
    const cut = dc.samples.findIndex((s) => s.at >= minutesAfterStart(6));
    const base = dc.samples[cut].energyWh!;
    const reset = {
      ...dc,
      samples: dc.samples.map((s, i) =>
        i < cut ? s : { ...s, energyWh: s.energyWh! - base },
      ),
    };
    const p = at(reset, 12);
    const truth = at(dc, 12);
    // The last interval before the reset (10 s at 120 kW) is what no register recorded.
    assert.ok(Math.abs(p.energyKwh - truth.energyKwh) < 0.4);
    assert.ok(p.cost.energy > 0.9 * truth.cost.energy);
  });

  test("a tariff's energy, time and idle parts, with free minutes and grace, rounded with total = sum", () => {
    const stoppedAt = minutesAfterStart(30);
    const facts: SessionFacts = {
      ...dc,
      samples: [
        { at: minutesAfterStart(10), energyWh: dc.meterStartWh + 20_000 },
      ],
      stoppedAt,
      meterStopWh: dc.meterStartWh + 45_000,
      chargingEndedAt: minutesAfterStart(28),
      departedAt: minutesAfterStart(43),
      tariff: TARIFF,
    };
    const p = computeSessionProgress(facts, minutesAfterStart(90));
    assert.equal(p.energyKwh, 45);
    assert.deepEqual(p.cost, {
      currency: "EUR",
      energy: 22.05, // 45 kWh × 0.49
      time: 0.65, // (28 charging − 15 free) min × 0.05: the 2 parked minutes before the stop are not time
      idle: 4, // from 28 + 5 grace to 43: 10 min × 0.40
      total: 26.7,
    });
    assert.deepEqual(p.idleFeeFrom, minutesAfterStart(33));
    assert.deepEqual([p.powerKw, p.eta], [null, null]);
  });

  test("no idle fee start while charging", () =>
    assert.equal(at(dc, 10).idleFeeFrom, null));

  test("the series is the cleaned samples, one point per instant", () => {
    const p = at(dc, 5);
    assert.equal(p.series.length, 30);
    assert.deepEqual(p.series.at(-1)!.at, minutesAfterStart(5));
    assert.equal(p.series.at(-1)!.energyKwh, p.energyKwh);
  });
});
