import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { estimateFreeAt, type FreeAtFacts } from "./session-free-at";
import {
  AC_CAR,
  DC_CAR,
  factsAt,
  generateSession,
  minutesAfterStart,
} from "./session-generator";
import { computeSessionProgress } from "./session-progress";

const dc = generateSession({
  seed: 31,
  car: DC_CAR,
  startSocPct: 20,
  intervalS: 10,
  durationS: 3600,
  powerNoise: 0.03,
});

function freeAt(more: Partial<FreeAtFacts>, minutes: number) {
  const now = minutesAfterStart(minutes);
  return estimateFreeAt(
    { ...factsAt(dc.facts, now), target: null, ...more },
    now,
  );
}

describe("estimateFreeAt", () => {
  test("a card session: the late edge of the ETA band to 80 %", () => {
    const now = minutesAfterStart(8);
    const eta = computeSessionProgress(
      { ...factsAt(dc.facts, now), target: { socPct: 80 } },
      now,
    ).eta!;
    assert.deepEqual(freeAt({}, 8), eta.high);
    assert.ok(eta.high >= dc.reachedSocAt[80]!);
  });

  test("an app session: the late edge of the band to the driver's target", () => {
    const at90 = freeAt({ target: { socPct: 90 } }, 8)!;
    assert.ok(at90 > freeAt({}, 8)!);
    assert.ok(at90 >= dc.reachedSocAt[90]!);
  });

  test("a car charging past 80 % is taken to charge to full", () => {
    const minutes = 22; // past 80 % (about 19 minutes in)
    const at = freeAt({}, minutes)!;
    assert.ok(at > minutesAfterStart(minutes));
    assert.ok(at >= dc.reachedSocAt[99]!);
  });

  test("unknown once charging has ended: when an idle car leaves is no meter's to say", () =>
    assert.equal(freeAt({ chargingEndedAt: minutesAfterStart(8) }, 8), null));

  test("unknown once the transaction has stopped", () =>
    assert.equal(
      freeAt(
        { stoppedAt: minutesAfterStart(8), meterStopWh: dc.facts.meterStartWh },
        8,
      ),
      null,
    ));

  test("unknown for a card session on AC without SoC", () => {
    const ac = generateSession({
      seed: 32,
      car: AC_CAR,
      startSocPct: 20,
      intervalS: 60,
      durationS: 3600,
      socEvery: 0,
    }).facts;
    const now = minutesAfterStart(30);
    assert.equal(
      estimateFreeAt({ ...factsAt(ac, now), target: null }, now),
      null,
    );
  });

  test("an AC app session with a kWh target: the late edge of its band", () => {
    const ac = generateSession({
      seed: 33,
      car: AC_CAR,
      startSocPct: 20,
      intervalS: 60,
      durationS: 3 * 3600,
      socEvery: 0,
    });
    const now = minutesAfterStart(30);
    const at = estimateFreeAt(
      { ...factsAt(ac.facts, now), target: { energyKwh: 22 } },
      now,
    )!;
    assert.ok(at >= ac.reachedKwhAt[22]!);
  });
});
