// Pure charging physics: the power a connector and a car settle on, the DC taper near full, and energy over time.
import type { PowerType } from "../domain/vocabulary";

export type Car = { batteryKwh: number; onboardAcKw: number; maxDcKw: number };

export type ChargeLimits = {
  powerType: PowerType;
  connectorMaxKw: number;
  car: Car;
};

/** State of charge (0..1) and the energy the charger's meter has counted for this session. */
export type ChargeState = { soc: number; energyWh: number };

export type ChargeStep = ChargeState & {
  elapsedS: number;
  powerW: number;
  hasReachedTarget: boolean;
};

/** DC power is held until about 80 % and then falls roughly linearly to about 15 % of peak at 100 %. */
export const TAPER_START_SOC = 0.8;
export const TAPER_FLOOR = 0.15;

// Share of metered energy that ends up in the battery: onboard AC rectifiers lose more than a DC path.
const efficiency = { AC: 0.9, DC: 0.95 } as const;

// Coarse enough to stay cheap for hundreds of connectors, fine enough that the taper integrates within 0.1 %.
const MAX_SUBSTEP_S = 10;

export function chargingPowerKw(
  { powerType, connectorMaxKw, car }: ChargeLimits,
  soc: number,
): number {
  // AC: the car's onboard charger converts, so the lower of socket and onboard rating wins and there is no taper.
  if (powerType !== "DC") return Math.min(connectorMaxKw, car.onboardAcKw);
  const peak = Math.min(connectorMaxKw, car.maxDcKw);
  const progress =
    (Math.min(1, Math.max(soc, TAPER_START_SOC)) - TAPER_START_SOC) /
    (1 - TAPER_START_SOC);
  return peak * (1 - (1 - TAPER_FLOOR) * progress);
}

/**
 * Advances a session by up to `dtS` simulated seconds, stopping early when `targetSoc` is reached.
 * `powerW` is the instantaneous power at the end of the step, as a charger's meter would report it.
 */
export function advanceCharge(
  state: ChargeState,
  limits: ChargeLimits,
  targetSoc: number,
  dtS: number,
): ChargeStep {
  const target = Math.min(1, targetSoc);
  const gainPerKwh =
    efficiency[limits.powerType === "DC" ? "DC" : "AC"] / limits.car.batteryKwh;
  let { soc, energyWh } = state;
  let elapsedS = 0;
  while (elapsedS < dtS && soc < target) {
    const stepS = Math.min(MAX_SUBSTEP_S, dtS - elapsedS);
    const powerKw = chargingPowerKw(limits, soc);
    const stepKwh = (powerKw * stepS) / 3600;
    if (soc + stepKwh * gainPerKwh >= target) {
      const neededKwh = (target - soc) / gainPerKwh;
      energyWh += neededKwh * 1000;
      elapsedS += (neededKwh / powerKw) * 3600;
      soc = target;
      break;
    }
    energyWh += stepKwh * 1000;
    soc += stepKwh * gainPerKwh;
    elapsedS += stepS;
  }
  return {
    soc,
    energyWh,
    elapsedS,
    powerW: Math.round(chargingPowerKw(limits, soc) * 1000),
    hasReachedTarget: soc >= target,
  };
}
