// Who turns up at a connector: the car, how full it is, how full the driver wants it, and how long they will stay.
import type { ConnectorStandard, PowerType } from "../domain/vocabulary";
import type { Car } from "./physics";
import type { Random } from "./random";

export type Visit = {
  car: Car;
  idTag: string;
  startSoc: number;
  targetSoc: number;
  /** Simulated seconds the driver will stay at most; Infinity when they wait for the target. */
  maxStayS: number;
};

export type DriverHabits = {
  /** Where drivers set their charge limit. */
  targetSocRange: readonly [number, number];
  /** Share of drivers who unplug before reaching it: at AC posts the parking time, not the battery, ends most visits. */
  earlyLeaveChance: number;
};

export const defaultDriverHabits: DriverHabits = {
  targetSocRange: [0.8, 1],
  earlyLeaveChance: 0.7,
};

/**
 * The RFID cards simulated drivers present; a central system must know them as Accepted or sessions end at once.
 * One card is one car: with a few hundred sessions open, 5,000 cards keep a card already charging elsewhere
 * (ConcurrentTx) as rare as it is in life.
 */
export const demoIdTags: readonly string[] = Array.from(
  { length: 5000 },
  (_, i) => `DEMO-${String(i + 1).padStart(4, "0")}`,
);

export function sampleVisit(
  random: Random,
  connector: { standard: ConnectorStandard; powerType: PowerType },
  habits: DriverHabits,
  idTag: string = random.pick(demoIdTags),
): Visit {
  const car: Car = {
    batteryKwh: Math.round(random.between(40, 100)),
    onboardAcKw: random.weighted([
      [7, 3],
      [11, 6],
      [22, 1],
    ] as const),
    // Cars with a CHAdeMO inlet (Leaf, e-NV200, Outlander) charge at 50 kW at most.
    maxDcKw:
      connector.standard === "CHADEMO"
        ? 50
        : 5 * Math.round(random.between(50, 250) / 5),
  };
  const isLeavingEarly = random.chance(habits.earlyLeaveChance);
  const stayMinutes =
    connector.powerType === "DC"
      ? random.between(10, 40)
      : random.between(30, 180);
  return {
    car,
    idTag,
    startSoc: random.between(0.1, 0.5),
    targetSoc: random.between(...habits.targetSocRange),
    maxStayS: isLeavingEarly ? stayMinutes * 60 : Infinity,
  };
}
