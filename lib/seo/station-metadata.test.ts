import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PublicStation } from "@/lib/domain/station";
import { wordsIn } from "@/lib/i18n/words";
import { stationMetadata } from "./station-metadata";

const connector = {
  chargePointId: "CP-1",
  evseId: null,
  statusSince: "2026-11-29T12:00:00.000Z",
  expectedFreeAt: null,
};

const station: PublicStation = {
  id: "alfama 1",
  name: "Mobi.E Alfama",
  lat: 38.7118,
  lng: -9.1303,
  address: "Largo do Chafariz de Dentro",
  city: "Lisboa",
  operator: "Mobi.E",
  tariff: { currency: "EUR", pricePerKwh: 0.35 },
  openingHours: null,
  timeZone: "Europe/Lisbon",
  parkingType: null,
  parkingRestrictions: [],
  holdMinutes: 10,
  connectors: [
    {
      ...connector,
      connectorId: 1,
      standard: "IEC_62196_T2_COMBO",
      powerType: "DC",
      maxPowerKw: 150,
      status: "AVAILABLE",
    },
    {
      ...connector,
      connectorId: 2,
      standard: "IEC_62196_T2",
      powerType: "AC_3_PHASE",
      maxPowerKw: 22,
      status: "CHARGING",
    },
  ],
  available: 1,
  total: 2,
};

const origin = "https://carrega.example";

describe("what a shared station link shows", () => {
  test("in English: title, description with address and connectors, canonical URL, Open Graph", () => {
    const metadata = stationMetadata(station, { origin, ...wordsIn("en") });
    const url = "https://carrega.example/stations/alfama%201";
    assert.equal(metadata.title, "Mobi.E Alfama — Carrega");
    assert.equal(
      metadata.description,
      "Largo do Chafariz de Dentro, Lisboa. 1 of 2 connectors free now: CCS 150 kW (Free) and Type 2 22 kW (In use). Live on Carrega.",
    );
    assert.deepEqual(metadata.alternates, { canonical: url });
    assert.deepEqual(metadata.openGraph, {
      title: "Mobi.E Alfama — Carrega",
      description: metadata.description,
      url,
      type: "website",
      siteName: "Carrega",
      locale: "en_GB",
    });
  });

  test("in Portuguese: the same station in the driver's words, og:locale pt_PT", () => {
    const metadata = stationMetadata(station, { origin, ...wordsIn("pt-PT") });
    assert.equal(
      metadata.description,
      "Largo do Chafariz de Dentro, Lisboa. 1 de 2 tomadas livre agora: CCS 150 kW (Disponível) e Tipo 2 22 kW (Ocupado). Em tempo real no Carrega.",
    );
    assert.equal(
      (metadata.openGraph as { locale?: string } | undefined)?.locale,
      "pt_PT",
    );
  });

  test("an address that ends in its city names the city once", () => {
    const metadata = stationMetadata(
      { ...station, address: "Cais do Sodré, 1200-450 Lisboa" },
      { origin, ...wordsIn("en") },
    );
    assert.match(
      String(metadata.description),
      /^Cais do Sodré, 1200-450 Lisboa\. 1 of 2/,
    );
  });

  test("a station without an address starts with its connectors", () => {
    const metadata = stationMetadata(
      { ...station, address: null, city: null },
      { origin, ...wordsIn("en") },
    );
    assert.match(String(metadata.description), /^1 of 2 connectors free now: /);
  });
});
