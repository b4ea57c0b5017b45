// The rules that read a connector's power_type and max power from what a real feed gives; pure, table-tested.
import type { ConnectorStandard, PowerType } from "../domain/vocabulary";
import type { InferenceKind } from "./inference";

/** What a feed says about a connector's electrics, every figure optional as real feeds leave them out. */
export type ConnectorElectrics = {
  standard: ConnectorStandard;
  /** The file's power_type, upper-cased; absent or any word. */
  powerType?: string;
  maxVoltage?: number;
  maxAmperage?: number;
  /** Watts, as OCPI has it. */
  maxElectricPower?: number;
};

export type Inferred<T> = { value: T; kind?: InferenceKind };

/** Standards that carry DC only, whatever a feed says (CCS's AC pins belong to the Type 2 inlet, not this plug). */
const dcOnly = new Set<ConnectorStandard>([
  "CHADEMO",
  "IEC_62196_T2_COMBO",
  "IEC_62196_T1_COMBO",
  "GBT_DC",
]);
/** Single-phase by design: a Type 1 plug has one phase pin, a domestic socket is one household circuit. */
const onePhaseOnly = new Set<ConnectorStandard>(["IEC_62196_T1", "DOMESTIC_F"]);

/** Above this an AC max_voltage is the line-to-line voltage (400 V), not OCPI's per-phase one (230 V). */
const LINE_TO_LINE_ABOVE_V = 300;
/** The most one European phase gives: 32 A at 230 V. */
const ONE_PHASE_MAX_A = 32;
const ONE_PHASE_MAX_W = 7400;
/** Tesla's plug carries AC up to 22 kW (its 3-phase destination chargers) and DC above that. */
const TESLA_AC_MAX_W = 22000;
const TESLA_AC_MAX_V = 480;
/** No EV connector gives less than 1 kW, so a smaller max_electric_power was written in kW. */
const KILOWATTS_BELOW = 1000;
/** More than 1 MW is no connector either (a unit slip, mW or kW × 1000): the figure is not believed. */
const IMPLAUSIBLE_ABOVE_W = 1_000_000;
/** OCPI AC voltages are per phase; Europe's phase voltage when a feed gives only the amperage. */
const PHASE_VOLTAGE = 230;
/** When nothing is said about power: the lowest rating common for the kind, so no driver is promised more. */
const defaultKw: Record<PowerType, number> = {
  AC_1_PHASE: 3.7,
  AC_3_PHASE: 11,
  DC: 50,
};

const ocpiPowerTypes = new Set(["AC_1_PHASE", "AC_3_PHASE", "DC"]);

export function inferPowerType(c: ConnectorElectrics): Inferred<PowerType> {
  if (dcOnly.has(c.standard))
    return c.powerType === "DC"
      ? { value: "DC" }
      : { value: "DC", kind: "power_type:dc-standard" };
  if (c.powerType && ocpiPowerTypes.has(c.powerType))
    return { value: c.powerType as PowerType };
  if (c.powerType === "AC_2_PHASE" || c.powerType === "AC_2_PHASE_SPLIT")
    return { value: "AC_1_PHASE", kind: "power_type:two-phase" };
  if (onePhaseOnly.has(c.standard))
    return { value: "AC_1_PHASE", kind: "power_type:one-phase" };
  const volts = c.maxVoltage || undefined;
  const amps = c.maxAmperage || undefined;
  const watts = plausibleWatts(c.maxElectricPower);
  if (
    c.standard === "TESLA_S" &&
    ((watts ?? 0) > TESLA_AC_MAX_W || (volts ?? 0) > TESLA_AC_MAX_V)
  )
    return { value: "DC", kind: "power_type:standard-default" };
  if (volts !== undefined && volts > LINE_TO_LINE_ABOVE_V)
    return { value: "AC_3_PHASE", kind: "power_type:line-voltage" };
  // More than one phase gives: over 1.5 × V × A (three phases give 3 ×), or over 7.4 kW when A is not given.
  const onePhaseW = volts && amps ? 1.5 * volts * amps : ONE_PHASE_MAX_W;
  if (
    (amps ?? 0) > ONE_PHASE_MAX_A ||
    (volts !== undefined && watts !== undefined && watts > onePhaseW)
  )
    return { value: "AC_3_PHASE", kind: "power_type:beyond-one-phase" };
  if (volts !== undefined && (amps !== undefined || watts !== undefined))
    return { value: "AC_1_PHASE", kind: "power_type:one-phase" };
  if (watts !== undefined)
    return {
      value: watts > ONE_PHASE_MAX_W ? "AC_3_PHASE" : "AC_1_PHASE",
      kind: "power_type:power-only",
    };
  // Nothing tells. Public Type 2 sockets in Europe are three-phase (11 or 22 kW) far more often than not.
  return {
    value: c.standard === "TESLA_S" ? "DC" : "AC_3_PHASE",
    kind: "power_type:standard-default",
  };
}

/** kW to 0.1. */
export function inferMaxPowerKw(
  c: ConnectorElectrics,
  powerType: PowerType,
): Inferred<number> {
  const round = (watts: number) => Math.round(watts / 100) / 10;
  const watts = plausibleWatts(c.maxElectricPower);
  if (watts !== undefined && watts >= KILOWATTS_BELOW)
    return { value: round(watts) };
  if (watts !== undefined)
    return { value: round(watts * 1000), kind: "max_power:kilowatts" };
  const amps = c.maxAmperage || undefined;
  const volts = c.maxVoltage || undefined;
  // AC_2_PHASE feeds (shown as AC_1_PHASE) draw on two phases.
  const phases = c.powerType === "AC_2_PHASE" ? 2 : 1;
  if (amps && volts) {
    if (powerType !== "AC_3_PHASE")
      return {
        value: round(phases * volts * amps),
        kind: "max_power:volts-amps",
      };
    const factor = volts > LINE_TO_LINE_ABOVE_V ? Math.sqrt(3) : 3;
    return {
      value: round(factor * volts * amps),
      kind: "max_power:volts-amps",
    };
  }
  if (amps && powerType !== "DC") {
    const factor = powerType === "AC_3_PHASE" ? 3 : phases;
    return {
      value: round(factor * PHASE_VOLTAGE * amps),
      kind: "max_power:amps-230v",
    };
  }
  return { value: defaultKw[powerType], kind: "max_power:standard-default" };
}

/** max_electric_power when it can be a connector's; 0 (some feeds' "unknown") and > 1 MW are not believed. */
function plausibleWatts(watts: number | undefined): number | undefined {
  return watts && watts <= IMPLAUSIBLE_ABOVE_W ? watts : undefined;
}
