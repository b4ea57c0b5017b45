// Table-driven checks of the charging physics: power limits, the DC taper, and energy integration.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  advanceCharge,
  chargingPowerKw,
  type Car,
  type ChargeLimits,
} from "./physics";

const hatchback: Car = { batteryKwh: 50, onboardAcKw: 11, maxDcKw: 100 };
const saloon: Car = { batteryKwh: 80, onboardAcKw: 22, maxDcKw: 250 };

describe("chargingPowerKw", () => {
  const cases: {
    name: string;
    limits: ChargeLimits;
    soc: number;
    kw: number;
  }[] = [
    {
      name: "AC is capped by the car's onboard charger",
      limits: { powerType: "AC_3_PHASE", connectorMaxKw: 22, car: hatchback },
      soc: 0.3,
      kw: 11,
    },
    {
      name: "AC is capped by the socket",
      limits: { powerType: "AC_1_PHASE", connectorMaxKw: 7.4, car: saloon },
      soc: 0.3,
      kw: 7.4,
    },
    {
      name: "AC does not taper near full",
      limits: { powerType: "AC_3_PHASE", connectorMaxKw: 22, car: saloon },
      soc: 0.95,
      kw: 22,
    },
    {
      name: "DC is capped by the connector",
      limits: { powerType: "DC", connectorMaxKw: 50, car: saloon },
      soc: 0.3,
      kw: 50,
    },
    {
      name: "DC is capped by the car",
      limits: { powerType: "DC", connectorMaxKw: 350, car: hatchback },
      soc: 0.5,
      kw: 100,
    },
    {
      name: "DC holds peak up to 80 %",
      limits: { powerType: "DC", connectorMaxKw: 350, car: saloon },
      soc: 0.8,
      kw: 250,
    },
    {
      name: "DC is halfway down the taper at 90 %",
      limits: { powerType: "DC", connectorMaxKw: 350, car: saloon },
      soc: 0.9,
      kw: 250 * (1 - 0.85 / 2),
    },
    {
      name: "DC ends at 15 % of peak at 100 %",
      limits: { powerType: "DC", connectorMaxKw: 150, car: saloon },
      soc: 1,
      kw: 22.5,
    },
  ];
  for (const { name, limits, soc, kw } of cases) {
    test(name, () =>
      assert.ok(
        Math.abs(chargingPowerKw(limits, soc) - kw) < 1e-9,
        `${chargingPowerKw(limits, soc)} ≠ ${kw}`,
      ),
    );
  }
});

describe("advanceCharge", () => {
  const ac: ChargeLimits = {
    powerType: "AC_3_PHASE",
    connectorMaxKw: 22,
    car: hatchback,
  };
  const dc: ChargeLimits = {
    powerType: "DC",
    connectorMaxKw: 150,
    car: saloon,
  };

  test("an hour of AC at 11 kW meters 11 kWh and adds 90 % of it to the battery", () => {
    const step = advanceCharge({ soc: 0.2, energyWh: 0 }, ac, 1, 3600);
    assert.ok(Math.abs(step.energyWh - 11_000) < 1e-6);
    assert.ok(Math.abs(step.soc - (0.2 + (11 * 0.9) / 50)) < 1e-9);
    assert.equal(step.elapsedS, 3600);
    assert.equal(step.powerW, 11_000);
    assert.equal(step.hasReachedTarget, false);
  });

  test("a step that reaches the target stops there and reports the seconds it used", () => {
    const step = advanceCharge({ soc: 0.5, energyWh: 1000 }, ac, 0.6, 3600);
    assert.equal(step.soc, 0.6);
    assert.equal(step.hasReachedTarget, true);
    const expectedKwh = (0.1 * 50) / 0.9;
    assert.ok(Math.abs(step.energyWh - (1000 + expectedKwh * 1000)) < 1e-6);
    assert.ok(Math.abs(step.elapsedS - (expectedKwh / 11) * 3600) < 1e-6);
  });

  test("a zero-length step changes nothing", () => {
    const step = advanceCharge({ soc: 0.4, energyWh: 500 }, dc, 1, 0);
    assert.deepEqual([step.soc, step.energyWh, step.elapsedS], [0.4, 500, 0]);
  });

  test("energy over a tapering stretch is below peak power times time", () => {
    const step = advanceCharge({ soc: 0.85, energyWh: 0 }, dc, 1, 300);
    assert.ok(step.energyWh < (150_000 * 300) / 3600);
    assert.ok(step.powerW < 150_000 * (1 - 0.85 * 0.25));
  });

  test("a DC session from 20 % to full: energy rises every step and power never rises after 80 %", () => {
    let state = { soc: 0.2, energyWh: 0 };
    let lastPowerW = Infinity;
    for (let i = 0; i < 200 && state.soc < 1; i++) {
      const step = advanceCharge(state, dc, 1, 60);
      assert.ok(step.energyWh > state.energyWh);
      if (step.soc > 0.8) {
        assert.ok(step.powerW <= lastPowerW);
        lastPowerW = step.powerW;
      }
      state = step;
    }
    assert.equal(state.soc, 1);
    assert.equal(lastPowerW, 22_500);
  });
});
