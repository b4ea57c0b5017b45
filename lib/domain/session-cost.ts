// A session's cost from its station's tariff: OCPI ENERGY, TIME after free minutes, and PARKING_TIME after grace.
import type { SessionCost } from "../sessions/contract";
import type { SessionTariff } from "./session-progress";

export const DEFAULT_CURRENCY = "EUR";

export type CostFacts = {
  tariff: SessionTariff | null;
  energyKwh: number;
  startedAt: Date;
  stoppedAt: Date | null;
  chargingEndedAt: Date | null;
  departedAt: Date | null;
};

const MS_PER_MINUTE = 60_000;

function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / MS_PER_MINUTE);
}

/** When the idle fee starts: charging ended plus the grace, when the tariff has an idle price at all. */
export function findIdleFeeFrom(
  tariff: SessionTariff | null,
  chargingEndedAt: Date | null,
): Date | null {
  if (!tariff?.idlePricePerMinute || !chargingEndedAt) return null;
  return new Date(
    chargingEndedAt.getTime() + (tariff.idleGraceMinutes ?? 0) * MS_PER_MINUTE,
  );
}

/**
 * The cost in full precision: round it once, at the edge, with `roundCost`. OCPI 2.2.1 TIME is time charging and
 * PARKING_TIME time not charging, so a minute is never both: time runs from start until charging ended (or the stop,
 * or now) after the free minutes; idle runs from the idle fee's start until the car leaves (or now, while it is there).
 */
export function computeSessionCost(facts: CostFacts, now: Date): SessionCost {
  const tariff = facts.tariff;
  const energy = (tariff?.pricePerKwh ?? 0) * facts.energyKwh;
  const end = facts.stoppedAt ?? now;
  const chargedMinutes = minutesBetween(
    facts.startedAt,
    facts.chargingEndedAt && facts.chargingEndedAt < end
      ? facts.chargingEndedAt
      : end,
  );
  const time =
    (tariff?.pricePerMinute ?? 0) *
    Math.max(0, chargedMinutes - (tariff?.pricePerMinuteAfterMin ?? 0));
  const idleFrom = findIdleFeeFrom(tariff, facts.chargingEndedAt);
  const idle = idleFrom
    ? (tariff?.idlePricePerMinute ?? 0) *
      minutesBetween(idleFrom, facts.departedAt ?? now)
    : 0;
  return {
    currency: tariff?.currency ?? DEFAULT_CURRENCY,
    total: energy + time + idle,
    energy,
    time,
    idle,
  };
}

/** Each part rounded to the currency's minor unit, and the total the sum of the rounded parts (as a receipt adds). */
export function roundCost(cost: SessionCost): SessionCost {
  const scale = 10 ** minorUnitDigits(cost.currency);
  // toPrecision first: 1.005 * 100 is 100.49999999999999 in binary, and a receipt must say 1.01.
  const round = (value: number) =>
    Math.round(Number((value * scale).toPrecision(12))) / scale;
  const energy = round(cost.energy);
  const time = round(cost.time);
  const idle = round(cost.idle);
  return {
    currency: cost.currency,
    total: round(energy + time + idle),
    energy,
    time,
    idle,
  };
}

const minorUnits = new Map<string, number>();

/** ISO 4217 minor unit digits (EUR 2, JPY 0, KWD 3), from the runtime's currency data. */
function minorUnitDigits(currency: string): number {
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", {
        style: "currency",
        currency,
      }).resolvedOptions().maximumFractionDigits!;
    } catch {
      // Not an ISO 4217 code (a station imported with a typo): cents are the common case.
      digits = 2;
    }
    minorUnits.set(currency, digits);
  }
  return digits;
}
