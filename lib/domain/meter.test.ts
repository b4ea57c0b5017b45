import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readSampledValues, type SampledValue } from "./meter";

describe("readSampledValues", () => {
  const table: [
    string,
    SampledValue[],
    ReturnType<typeof readSampledValues>,
  ][] = [
    [
      "a bare value is the energy register in Wh",
      [{ value: 1234 }],
      { energyWh: 1234 },
    ],
    ["kWh becomes Wh", [{ value: 12.5, unit: "kWh" }], { energyWh: 12_500 }],
    [
      "kW power and SoC are read alongside energy",
      [
        { value: 3000, measurand: "Energy.Active.Import.Register", unit: "Wh" },
        { value: 49.6, measurand: "Power.Active.Import", unit: "kW" },
        { value: 81, measurand: "SoC", unit: "Percent" },
      ],
      { energyWh: 3000, powerW: 49_600, socPct: 81 },
    ],
    [
      "per-phase power is summed when no total is given",
      [
        {
          value: 3.6,
          measurand: "Power.Active.Import",
          unit: "kW",
          phase: "L1-N",
        },
        {
          value: 3.7,
          measurand: "Power.Active.Import",
          unit: "kW",
          phase: "L2-N",
        },
        {
          value: 3.7,
          measurand: "Power.Active.Import",
          unit: "kW",
          phase: "L3-N",
        },
      ],
      { powerW: 11_000 },
    ],
    [
      "a total wins over its phases",
      [
        { value: 11_000, measurand: "Power.Active.Import", unit: "W" },
        {
          value: 3600,
          measurand: "Power.Active.Import",
          unit: "W",
          phase: "L1",
        },
      ],
      { powerW: 11_000 },
    ],
    [
      "line-to-line values are not added up",
      [
        {
          value: 400,
          measurand: "Power.Active.Import",
          unit: "W",
          phase: "L1-L2",
        },
      ],
      {},
    ],
    [
      "an OCPP 2.0.1 multiplier scales the value",
      [{ value: 7, unit: "Wh", multiplier: 3 }],
      { energyWh: 7000 },
    ],
    [
      "an unknown unit is skipped rather than guessed",
      [{ value: 5, unit: "BTU" }],
      {},
    ],
    ["a non-numeric value is skipped", [{ value: Number("abc") }], {}],
  ];
  for (const [name, samples, expected] of table) {
    test(name, () => assert.deepEqual(readSampledValues(samples), expected));
  }
});
