import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionTarget } from "../sessions/contract";
import {
  AC_CAR,
  DC_CAR,
  factsAt,
  generateSession,
  minutesAfterStart,
  START,
  type GeneratedCar,
  type GenerateOptions,
} from "./session-generator";
import { computeSessionProgress, type SessionFacts } from "./session-progress";

const SEEDS = [1, 2, 3];

function session(seed: number, options: Partial<GenerateOptions> = {}) {
  return generateSession({
    seed,
    car: DC_CAR,
    startSocPct: 15,
    intervalS: 10,
    durationS: 3600,
    powerNoise: 0.03,
    ...options,
  });
}

function etaAt(facts: SessionFacts, minutes: number) {
  const now = minutesAfterStart(minutes);
  return computeSessionProgress(factsAt(facts, now), now).eta;
}

const minutesOf = (ms: number) => (ms / 60_000).toFixed(2);

/** Asserts the true arrival lies in the band at each whole minute from `fromMin` until shortly before it. */
function assertTruthInBand(
  label: string,
  facts: SessionFacts,
  truth: Date,
  fromMin: number,
) {
  const lastMin = (truth.getTime() - START.getTime()) / 60_000 - 0.5;
  for (let m = fromMin; m < lastMin; m++) {
    const eta = etaAt(facts, m);
    assert.ok(eta, `${label}: no ETA at ${m} min`);
    assert.ok(
      eta.low <= eta.at && eta.at <= eta.high,
      `${label}: band out of order`,
    );
    assert.ok(
      eta.low <= truth && truth <= eta.high,
      `${label} at ${m} min: truth ${truth.toISOString()} outside ` +
        `[${minutesOf(eta.low.getTime() - truth.getTime())}, ${minutesOf(eta.high.getTime() - truth.getTime())}] min`,
    );
  }
}

describe("ETA to a SoC target", () => {
  const cars: [string, GeneratedCar][] = [
    [
      "DC with taper before the target (knee 65 %)",
      { ...DC_CAR, kneePct: 65, floor: 0.25 },
    ],
    ["DC with an early knee (55 %)", { ...DC_CAR, kneePct: 55, floor: 0.3 }],
    [
      "DC whose knee lies past the target (82 %)",
      { ...DC_CAR, kneePct: 82, floor: 0.15 },
    ],
  ];
  for (const [behaviour, car] of cars)
    test(`${behaviour}: the true time to 80 % lies in the band from 3 minutes on`, () => {
      for (const seed of SEEDS) {
        const s = session(seed, { car });
        assertTruthInBand(`seed ${seed}`, s.facts, s.reachedSocAt[80]!, 3);
      }
    });

  test("SoC on some samples only: the true time lies in the band", () => {
    for (const seed of SEEDS) {
      const s = session(seed, { socEvery: 6 });
      assertTruthInBand(`seed ${seed}`, s.facts, s.reachedSocAt[80]!, 3);
    }
  });

  test("a driver's own target (90 %) past the knee", () => {
    for (const seed of SEEDS) {
      const s = session(seed);
      const facts = { ...s.facts, target: { socPct: 90 } };
      assertTruthInBand(`seed ${seed}`, facts, s.reachedSocAt[90]!, 3);
    }
  });

  test("the band narrows as samples come", () => {
    for (const seed of SEEDS) {
      const s = session(seed, { car: { ...DC_CAR, kneePct: 65, floor: 0.25 } });
      const widths = [3, 7, 13, 17].map((m) => {
        const eta = etaAt(s.facts, m)!;
        return eta.high.getTime() - eta.low.getTime();
      });
      for (let i = 1; i < widths.length; i++)
        assert.ok(
          widths[i] < widths[i - 1],
          `seed ${seed}: ${widths.map(minutesOf)}`,
        );
    }
  });

  test("more samples by the same moment give a narrower band", () => {
    for (const seed of SEEDS) {
      const [sparse, dense] = [60, 5].map((intervalS) => {
        const eta = etaAt(session(seed, { intervalS }).facts, 6)!;
        return eta.high.getTime() - eta.low.getTime();
      });
      assert.ok(
        dense < sparse,
        `seed ${seed}: ${minutesOf(dense)} vs ${minutesOf(sparse)}`,
      );
    }
  });

  test("the band narrows as the target nears, to under a minute in the last two", () => {
    for (const seed of SEEDS) {
      const s = session(seed);
      const minutesLeft =
        (s.reachedSocAt[80]!.getTime() - START.getTime()) / 60_000;
      const eta = etaAt(s.facts, minutesLeft - 2)!;
      assert.ok(
        eta.high.getTime() - eta.low.getTime() < 60_000,
        `seed ${seed}`,
      );
    }
  });

  test("too few SoC points for a capacity yet: no ETA rather than a guess", () =>
    assert.equal(etaAt(session(1).facts, 1), null));
});

describe("ETA to a kWh target", () => {
  const kwh = (energyKwh: number): SessionTarget => ({ energyKwh });

  test("flat AC without SoC: the true time lies in a narrow band", () => {
    for (const seed of SEEDS) {
      const s = session(seed, {
        car: AC_CAR,
        socEvery: 0,
        intervalS: 60,
        durationS: 4 * 3600,
      });
      const facts = { ...s.facts, target: kwh(30) };
      const truth = s.reachedKwhAt[30]!;
      assertTruthInBand(`seed ${seed}`, facts, truth, 2);
      const eta = etaAt(facts, 60)!;
      const left = truth.getTime() - minutesAfterStart(60).getTime();
      assert.ok(
        Math.abs(eta.at.getTime() - truth.getTime()) < 0.02 * left,
        `seed ${seed}: ${minutesOf(eta.at.getTime() - truth.getTime())} min off`,
      );
    }
  });

  test("a charger sending energy only: power comes from energy over time", () => {
    const s = session(1, {
      car: AC_CAR,
      socEvery: 0,
      intervalS: 30,
      durationS: 4 * 3600,
      isEnergyOnly: true,
    });
    const facts = { ...s.facts, target: kwh(20) };
    assertTruthInBand("energy only", facts, s.reachedKwhAt[20]!, 2);
  });

  test("DC with SoC and a kWh target: the taper is taken into account", () => {
    for (const seed of SEEDS) {
      const s = session(seed);
      const facts = { ...s.facts, target: kwh(50) };
      assertTruthInBand(`seed ${seed}`, facts, s.reachedKwhAt[50]!, 3);
    }
  });
});

describe("no ETA", () => {
  const dc = session(1).facts;
  const now = minutesAfterStart(10);
  const sample = factsAt(dc, now);
  const table: [string, SessionFacts][] = [
    [
      "when stopped",
      {
        ...sample,
        stoppedAt: now,
        meterStopWh: sample.samples.at(-1)!.energyWh!,
      },
    ],
    [
      "when charging has ended (SuspendedEV, Finishing)",
      { ...sample, chargingEndedAt: now },
    ],
    [
      "when suspended with no power",
      {
        ...sample,
        samples: [
          ...sample.samples,
          {
            at: new Date(now.getTime() + 10_000),
            energyWh: sample.samples.at(-1)!.energyWh!,
            powerW: 0,
            socPct: 50,
          },
        ],
      },
    ],
    ["with no samples", { ...sample, samples: [] }],
    [
      "for AC without SoC and a SoC target",
      generateSession({
        seed: 1,
        car: AC_CAR,
        startSocPct: 20,
        intervalS: 60,
        durationS: 3600,
        socEvery: 0,
      }).facts,
    ],
    ["once the SoC target is reached", { ...sample, target: { socPct: 40 } }],
    ["once the kWh target is reached", { ...sample, target: { energyKwh: 5 } }],
  ];
  for (const [behaviour, facts] of table)
    test(behaviour, () =>
      assert.equal(
        computeSessionProgress(facts, new Date(now.getTime() + 20_000)).eta,
        null,
      ),
    );
});

test("stale samples never put the ETA before now", () => {
  const s = session(1);
  const facts = factsAt(s.facts, minutesAfterStart(10));
  const eta = computeSessionProgress(facts, minutesAfterStart(40)).eta!;
  assert.deepEqual(
    [eta.low, eta.at],
    [minutesAfterStart(40), minutesAfterStart(40)],
  );
});
