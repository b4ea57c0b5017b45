// The power_type and max power rules, case by case, as the README's inference table states them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  inferMaxPowerKw,
  inferPowerType,
  type ConnectorElectrics,
} from "./infer-power";
import type { InferenceKind } from "./inference";

type Case = [
  what: string,
  electrics: ConnectorElectrics,
  value: string | number,
  kind: InferenceKind | undefined,
];

describe("power_type", () => {
  const cases: Case[] = [
    [
      "a given AC_3_PHASE is kept",
      { standard: "IEC_62196_T2", powerType: "AC_3_PHASE" },
      "AC_3_PHASE",
      undefined,
    ],
    [
      "a given DC on CCS is kept",
      { standard: "IEC_62196_T2_COMBO", powerType: "DC" },
      "DC",
      undefined,
    ],
    [
      "CHAdeMO without one is DC",
      { standard: "CHADEMO" },
      "DC",
      "power_type:dc-standard",
    ],
    [
      "CCS1 without one is DC",
      { standard: "IEC_62196_T1_COMBO", maxVoltage: 230 },
      "DC",
      "power_type:dc-standard",
    ],
    [
      "CCS said to be AC_3_PHASE is DC",
      { standard: "IEC_62196_T2_COMBO", powerType: "AC_3_PHASE" },
      "DC",
      "power_type:dc-standard",
    ],
    [
      "GB/T DC without one is DC",
      { standard: "GBT_DC", maxElectricPower: 60000 },
      "DC",
      "power_type:dc-standard",
    ],
    [
      "Type 2 at 400 V is three-phase",
      { standard: "IEC_62196_T2", maxVoltage: 400, maxAmperage: 16 },
      "AC_3_PHASE",
      "power_type:line-voltage",
    ],
    [
      "Type 2 at 230 V, 32 A is one phase",
      { standard: "IEC_62196_T2", maxVoltage: 230, maxAmperage: 32 },
      "AC_1_PHASE",
      "power_type:one-phase",
    ],
    [
      "Type 2 at 230 V, 16 A, 3.7 kW is one phase",
      {
        standard: "IEC_62196_T2",
        maxVoltage: 230,
        maxAmperage: 16,
        maxElectricPower: 3680,
      },
      "AC_1_PHASE",
      "power_type:one-phase",
    ],
    [
      "Type 2 at 230 V, 32 A, 22 kW needs three phases",
      {
        standard: "IEC_62196_T2",
        maxVoltage: 230,
        maxAmperage: 32,
        maxElectricPower: 22000,
      },
      "AC_3_PHASE",
      "power_type:beyond-one-phase",
    ],
    [
      "Type 2 at 230 V, 63 A is beyond one phase",
      { standard: "IEC_62196_T2", maxVoltage: 230, maxAmperage: 63 },
      "AC_3_PHASE",
      "power_type:beyond-one-phase",
    ],
    [
      "Type 2 at 230 V with a power only",
      { standard: "IEC_62196_T2", maxVoltage: 230, maxElectricPower: 7400 },
      "AC_1_PHASE",
      "power_type:one-phase",
    ],
    [
      "Type 2 at 230 V with 22 kW and no amperage needs three phases",
      {
        standard: "IEC_62196_T2",
        maxVoltage: 230,
        maxElectricPower: 22000,
      },
      "AC_3_PHASE",
      "power_type:beyond-one-phase",
    ],
    [
      "Type 2 with 11 kW alone is three-phase",
      { standard: "IEC_62196_T2", maxElectricPower: 11000 },
      "AC_3_PHASE",
      "power_type:power-only",
    ],
    [
      "Type 2 with 7.4 kW alone is one phase",
      { standard: "IEC_62196_T2", maxElectricPower: 7400 },
      "AC_1_PHASE",
      "power_type:power-only",
    ],
    [
      "a Type 2 socket with no electrics is three-phase",
      { standard: "IEC_62196_T2" },
      "AC_3_PHASE",
      "power_type:standard-default",
    ],
    [
      "Type 2 with 16 A and nothing else is three-phase",
      { standard: "IEC_62196_T2", maxAmperage: 16 },
      "AC_3_PHASE",
      "power_type:standard-default",
    ],
    [
      "Type 1 is one phase, whatever the voltage",
      { standard: "IEC_62196_T1", maxVoltage: 400 },
      "AC_1_PHASE",
      "power_type:one-phase",
    ],
    [
      "a domestic socket is one phase",
      { standard: "DOMESTIC_F" },
      "AC_1_PHASE",
      "power_type:one-phase",
    ],
    [
      "Tesla at 120 kW is DC",
      { standard: "TESLA_S", maxElectricPower: 120000 },
      "DC",
      "power_type:standard-default",
    ],
    [
      "Tesla at 230 V, 32 A, 22 kW is three-phase AC",
      {
        standard: "TESLA_S",
        maxVoltage: 230,
        maxAmperage: 32,
        maxElectricPower: 22000,
      },
      "AC_3_PHASE",
      "power_type:beyond-one-phase",
    ],
    [
      "Tesla with no electrics is DC",
      { standard: "TESLA_S" },
      "DC",
      "power_type:standard-default",
    ],
    [
      "AC_2_PHASE is shown as one phase",
      { standard: "IEC_62196_T2", powerType: "AC_2_PHASE" },
      "AC_1_PHASE",
      "power_type:two-phase",
    ],
    [
      "AC_2_PHASE_SPLIT is shown as one phase",
      { standard: "IEC_62196_T1", powerType: "AC_2_PHASE_SPLIT" },
      "AC_1_PHASE",
      "power_type:two-phase",
    ],
    [
      "a word OCPI does not have is inferred like a missing one",
      { standard: "IEC_62196_T2", powerType: "AC", maxVoltage: 400 },
      "AC_3_PHASE",
      "power_type:line-voltage",
    ],
    [
      "a 0 W power is no power",
      { standard: "IEC_62196_T2", maxElectricPower: 0 },
      "AC_3_PHASE",
      "power_type:standard-default",
    ],
  ];
  for (const [what, electrics, value, kind] of cases) {
    test(what, () => {
      assert.deepEqual(
        inferPowerType(electrics),
        kind ? { value, kind } : { value },
      );
    });
  }
});

describe("max power (kW)", () => {
  const cases: [...Case, powerType: "AC_1_PHASE" | "AC_3_PHASE" | "DC"][] = [
    [
      "max_electric_power in W",
      { standard: "IEC_62196_T2", maxElectricPower: 22000 },
      22,
      undefined,
      "AC_3_PHASE",
    ],
    [
      "max_electric_power under 1000 is kW",
      { standard: "IEC_62196_T2", maxElectricPower: 22 },
      22,
      "max_power:kilowatts",
      "AC_3_PHASE",
    ],
    [
      "DC 150 kW written as 150",
      { standard: "CHADEMO", maxElectricPower: 150 },
      150,
      "max_power:kilowatts",
      "DC",
    ],
    [
      "AC_1_PHASE V × A",
      { standard: "IEC_62196_T2", maxVoltage: 230, maxAmperage: 16 },
      3.7,
      "max_power:volts-amps",
      "AC_1_PHASE",
    ],
    [
      "AC_3_PHASE 3 × V × A per phase",
      { standard: "IEC_62196_T2", maxVoltage: 230, maxAmperage: 32 },
      22.1,
      "max_power:volts-amps",
      "AC_3_PHASE",
    ],
    [
      "AC_3_PHASE √3 × V × A for a 400 V line voltage",
      { standard: "IEC_62196_T2", maxVoltage: 400, maxAmperage: 32 },
      22.2,
      "max_power:volts-amps",
      "AC_3_PHASE",
    ],
    [
      "AC_2_PHASE 2 × V × A",
      {
        standard: "IEC_62196_T2",
        powerType: "AC_2_PHASE",
        maxVoltage: 230,
        maxAmperage: 32,
      },
      14.7,
      "max_power:volts-amps",
      "AC_1_PHASE",
    ],
    [
      "DC V × A",
      { standard: "CHADEMO", maxVoltage: 500, maxAmperage: 125 },
      62.5,
      "max_power:volts-amps",
      "DC",
    ],
    [
      "a 0 W power falls back to V × A",
      {
        standard: "IEC_62196_T2",
        maxVoltage: 230,
        maxAmperage: 16,
        maxElectricPower: 0,
      },
      3.7,
      "max_power:volts-amps",
      "AC_1_PHASE",
    ],
    [
      "more than 1 MW is not believed",
      {
        standard: "CHADEMO",
        maxVoltage: 500,
        maxAmperage: 100,
        maxElectricPower: 50_000_000,
      },
      50,
      "max_power:volts-amps",
      "DC",
    ],
    [
      "amperage alone at 230 V, three phases",
      { standard: "IEC_62196_T2", maxAmperage: 16 },
      11,
      "max_power:amps-230v",
      "AC_3_PHASE",
    ],
    [
      "amperage alone at 230 V, one phase",
      { standard: "IEC_62196_T1", maxAmperage: 32 },
      7.4,
      "max_power:amps-230v",
      "AC_1_PHASE",
    ],
    [
      "nothing, AC_3_PHASE: 11 kW",
      { standard: "IEC_62196_T2" },
      11,
      "max_power:standard-default",
      "AC_3_PHASE",
    ],
    [
      "nothing, AC_1_PHASE: 3.7 kW",
      { standard: "DOMESTIC_F" },
      3.7,
      "max_power:standard-default",
      "AC_1_PHASE",
    ],
    [
      "nothing, DC: 50 kW",
      { standard: "CHADEMO", maxAmperage: 125 },
      50,
      "max_power:standard-default",
      "DC",
    ],
  ];
  for (const [what, electrics, value, kind, powerType] of cases) {
    test(`${what}: ${value}`, () => {
      assert.deepEqual(
        inferMaxPowerKw(electrics, powerType),
        kind ? { value, kind } : { value },
      );
    });
  }
});
