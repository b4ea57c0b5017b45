// The demo network: repeatable, about 200 valid stations on Lisbon's land, with consistent connector descriptions.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { containsPoint } from "../domain/geo";
import { StationId, StationInput } from "../domain/station";
import { isInTagus, lisbonBbox } from "./lisbon";
import { generateDemoNetwork } from "./network";

describe("generateDemoNetwork", () => {
  const network = generateDemoNetwork();
  const chargers = network.flatMap((station) => station.chargers);
  const connectors = chargers.flatMap((charger) => charger.connectors);

  test("the same seed gives the same network, another seed a different one", () => {
    assert.deepEqual(generateDemoNetwork({ seed: 1 }), network);
    assert.notDeepEqual(generateDemoNetwork({ seed: 2 }), network);
  });

  test("a larger network starts with the smaller one, so a seeded server and a simulator agree", () => {
    assert.deepEqual(
      generateDemoNetwork({ stations: 300 }).slice(0, 200),
      network,
    );
  });

  test("has about 200 stations and 600 connectors, 1-4 chargers per station and 1-2 connectors per charger", () => {
    assert.equal(network.length, 200);
    assert.ok(
      connectors.length >= 500 && connectors.length <= 700,
      `${connectors.length} connectors`,
    );
    for (const station of network)
      assert.ok(station.chargers.length >= 1 && station.chargers.length <= 4);
    for (const charger of chargers)
      assert.ok(
        charger.connectors.length >= 1 && charger.connectors.length <= 2,
      );
  });

  test("every station is a valid operator API body with an id fit for a URL, and no passwords", () => {
    for (const { id, ...station } of network) {
      StationId.parse(id);
      StationInput.parse(station);
      assert.ok(
        station.chargers.every((charger) => charger.password === undefined),
      );
    }
  });

  test("station ids, names and chargePointIds are unique", () => {
    assert.equal(new Set(network.map((s) => s.id)).size, network.length);
    assert.equal(new Set(network.map((s) => s.name)).size, network.length);
    assert.equal(
      new Set(chargers.map((c) => c.chargePointId)).size,
      chargers.length,
    );
    assert.ok(chargers.every((c) => /^PT-LIS-\d{4}-\d$/.test(c.chargePointId)));
  });

  test("every station is within Lisbon and on land, not in the Tagus", () => {
    for (const { name, lat, lng } of network) {
      assert.ok(
        containsPoint(lisbonBbox, lng, lat),
        `${name} at ${lat},${lng} is outside Lisbon`,
      );
      assert.ok(
        !isInTagus(lat, lng),
        `${name} at ${lat},${lng} is in the river`,
      );
      // The brief's coarse shoreline: north of 38.69 everywhere, west of -9.09 (Parque das Nações reaches -9.095).
      assert.ok(lat > 38.69 && lng < -9.09, `${name} at ${lat},${lng}`);
    }
  });

  test("the river check knows the water from the shore", () => {
    assert.equal(isInTagus(38.7035, -9.1365), true, "off Praça do Comércio");
    assert.equal(isInTagus(38.69, -9.2), true, "off Belém");
    assert.equal(isInTagus(38.765, -9.085), true, "off Parque das Nações");
    assert.equal(isInTagus(38.7108, -9.1372), false, "Rua Augusta");
    assert.equal(isInTagus(38.6979, -9.2068), false, "Jerónimos");
    assert.equal(isInTagus(38.7679, -9.0992), false, "Gare do Oriente");
  });

  test("standards and power types agree: Type 2 is AC, CCS and CHAdeMO are DC, in plausible ratings", () => {
    for (const { standard, powerType, maxPowerKw } of connectors) {
      if (standard === "IEC_62196_T2") {
        assert.ok(powerType === "AC_1_PHASE" || powerType === "AC_3_PHASE");
        assert.ok(maxPowerKw >= 3.7 && maxPowerKw <= 22);
      } else {
        assert.ok(
          standard === "IEC_62196_T2_COMBO" || standard === "CHADEMO",
          standard,
        );
        assert.equal(powerType, "DC");
        assert.ok(maxPowerKw >= 50 && maxPowerKw <= 350);
        if (standard === "CHADEMO") assert.equal(maxPowerKw, 50);
      }
    }
    const ac = connectors.filter((c) => c.powerType !== "DC").length;
    assert.ok(ac > connectors.length / 2, "Type 2 AC is the most common");
    assert.ok(
      connectors.some((c) => c.standard === "CHADEMO") &&
        connectors.some((c) => c.maxPowerKw >= 150),
    );
  });

  test("a CHAdeMO connector sits beside a CCS one on the same DC unit, as connector 2", () => {
    for (const charger of chargers) {
      const chademo = charger.connectors.find((c) => c.standard === "CHADEMO");
      if (!chademo) continue;
      assert.equal(chademo.connectorId, 2);
      assert.equal(charger.connectors[0].standard, "IEC_62196_T2_COMBO");
    }
  });

  test("tariffs are in euros: AC 0.25-0.40 €/kWh, with DC 0.45-0.69 €/kWh, some per minute too", () => {
    for (const station of network) {
      assert.ok(station.tariff);
      const { currency, pricePerKwh } = station.tariff;
      assert.equal(currency, "EUR");
      const hasDc = station.chargers.some((c) =>
        c.connectors.some((x) => x.powerType === "DC"),
      );
      const [min, max] = hasDc ? [0.45, 0.69] : [0.25, 0.4];
      assert.ok(
        pricePerKwh >= min && pricePerKwh <= max,
        `${station.name}: ${pricePerKwh}`,
      );
    }
    assert.ok(network.some((s) => s.tariff?.pricePerMinute !== undefined));
  });

  test("addresses read like Lisbon addresses", () => {
    for (const { address } of network)
      assert.match(address ?? "", /^.+ \d+, \d{4}-\d{3} Lisboa$/);
  });
});
