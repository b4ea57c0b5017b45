// Test helper: seeded DC and AC charging sessions from a known curve, so the session math is checked against truth.
import { createRandom } from "../sim/random";
import type { MeterPoint, SessionFacts } from "./session-progress";

export type GeneratedCar = {
  /** Metered kWh per 100 SoC points. */
  capacityKwh: number;
  peakKw: number;
  /** Full power up to here, then linear down to `floor` × peak at 100 %; 100 for AC. */
  kneePct: number;
  floor: number;
};

export type GenerateOptions = {
  seed: number;
  car: GeneratedCar;
  startSocPct: number;
  intervalS: number;
  durationS: number;
  /** Uniform relative noise on reported power (0.02 = ±2 %). */
  powerNoise?: number;
  /** SoC on every k-th sample: 1 every sample, 0 never (AC). */
  socEvery?: number;
  meterStartWh?: number;
  /** Samples carry no power: the charger sends energy only. */
  isEnergyOnly?: boolean;
};

export type GeneratedSession = {
  facts: SessionFacts;
  /** When the true SoC first reached each whole percent (index = %), or null if not within the run. */
  reachedSocAt: (Date | null)[];
  /** True energy when each sample was taken, in Wh since the start. */
  trueEnergyWh: number[];
};

export const START = new Date("2026-03-02T09:00:00Z");

export const DC_CAR: GeneratedCar = {
  capacityKwh: 64,
  peakKw: 120,
  kneePct: 70,
  floor: 0.2,
};
export const AC_CAR: GeneratedCar = {
  capacityKwh: 58,
  peakKw: 11,
  kneePct: 100,
  floor: 1,
};

function truePowerKw(car: GeneratedCar, soc: number): number {
  if (soc <= car.kneePct) return car.peakKw;
  return (
    car.peakKw *
    (1 -
      ((1 - car.floor) * (Math.min(soc, 100) - car.kneePct)) /
        (100 - car.kneePct))
  );
}

/** Integrates the car's curve in 1 s steps and samples it like a charger's MeterValues would. */
export function generateSession(options: GenerateOptions): GeneratedSession {
  const random = createRandom(options.seed);
  const { car } = options;
  const meterStartWh = options.meterStartWh ?? 1_250_000;
  const socEvery = options.socEvery ?? 1;
  const samples: MeterPoint[] = [];
  const trueEnergyWh: number[] = [];
  const reachedSocAt: (Date | null)[] = Array(101).fill(null);
  let soc = options.startSocPct;
  let energyWh = 0;
  for (let t = 1; t <= options.durationS && soc < 100; t++) {
    const powerKw = truePowerKw(car, soc);
    energyWh += (powerKw * 1000) / 3600;
    const before = Math.floor(soc);
    soc = Math.min(100, soc + (powerKw / 3600 / car.capacityKwh) * 100);
    for (let s = before + 1; s <= Math.floor(soc); s++)
      reachedSocAt[s] = new Date(START.getTime() + t * 1000);
    if (t % options.intervalS !== 0) continue;
    const index = t / options.intervalS;
    const noise = (options.powerNoise ?? 0) * (2 * random.next() - 1);
    const sample: MeterPoint = {
      at: new Date(START.getTime() + t * 1000),
      energyWh: meterStartWh + Math.round(energyWh),
    };
    if (!options.isEnergyOnly)
      sample.powerW = Math.round(powerKw * (1 + noise) * 1000);
    if (socEvery > 0 && index % socEvery === 0) sample.socPct = Math.floor(soc);
    samples.push(sample);
    trueEnergyWh.push(energyWh);
  }
  return {
    facts: {
      startedAt: START,
      stoppedAt: null,
      meterStartWh,
      meterStopWh: null,
      samples,
      chargingEndedAt: null,
      departedAt: null,
      maxPowerKw: car.peakKw,
      target: { socPct: 80 },
      tariff: null,
    },
    reachedSocAt,
    trueEnergyWh,
  };
}

/** The session as it stood at `at`: only the samples taken by then. */
export function factsAt(session: GeneratedSession, at: Date): SessionFacts {
  return {
    ...session.facts,
    samples: session.facts.samples.filter((s) => s.at <= at),
  };
}

export function minutesAfterStart(minutes: number): Date {
  return new Date(START.getTime() + minutes * 60_000);
}
