// OCPI Tariffs → the price a station shows: VAT added, hourly time price per minute, base price before restricted.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mapTariffs, tariffKey } from "./map-tariff";
import type { RejectionKind } from "./rejection";

const tariff = (
  elements: unknown[],
  overrides: Record<string, unknown> = {},
) => ({
  country_code: "PT",
  party_id: "LXC",
  id: "LXC-AC",
  currency: "EUR",
  elements,
  last_updated: "2026-11-20T09:15:00Z",
  ...overrides,
});
const component = (type: string, price: number, vat?: number) => ({
  type,
  price,
  vat,
  step_size: 1,
});

describe("mapTariffs", () => {
  const prices: [
    string,
    unknown[],
    {
      pricePerKwh: number;
      pricePerMinute?: number;
      pricePerMinuteAfterMin?: number;
      idlePricePerMinute?: number;
    },
  ][] = [
    [
      "a parking-time price (OCPI PARKING_TIME, per hour) is the idle fee per minute, VAT added",
      [
        {
          price_components: [
            component("ENERGY", 0.4),
            component("PARKING_TIME", 10, 23),
          ],
        },
      ],
      { pricePerKwh: 0.4, idlePricePerMinute: 0.205 },
    ],
    [
      "a time price that starts after an hour (min_duration) says so",
      [
        { price_components: [component("ENERGY", 0.45)] },
        {
          price_components: [component("TIME", 6)],
          restrictions: { min_duration: 3600 },
        },
      ],
      { pricePerKwh: 0.45, pricePerMinute: 0.1, pricePerMinuteAfterMin: 60 },
    ],
    [
      "an energy price gets its VAT",
      [{ price_components: [component("ENERGY", 0.3, 23)] }],
      { pricePerKwh: 0.369 },
    ],
    [
      "a price without VAT stays as it is",
      [{ price_components: [component("ENERGY", 0.3)] }],
      { pricePerKwh: 0.3 },
    ],
    [
      "a time price per hour becomes per minute",
      [
        {
          price_components: [
            component("ENERGY", 0.3, 23),
            component("TIME", 1.2, 23),
          ],
        },
      ],
      { pricePerKwh: 0.369, pricePerMinute: 0.0246 },
    ],
    [
      "a time-only tariff costs nothing per kWh",
      [{ price_components: [component("TIME", 6)] }],
      { pricePerKwh: 0, pricePerMinute: 0.1 },
    ],
    [
      "the unrestricted element is the base price, whatever its place",
      [
        {
          price_components: [component("ENERGY", 0.6)],
          restrictions: { start_time: "08:00", end_time: "20:00" },
        },
        { price_components: [component("ENERGY", 0.45), component("FLAT", 1)] },
      ],
      { pricePerKwh: 0.45 },
    ],
    [
      "a restricted price serves when there is no other",
      [
        {
          price_components: [component("ENERGY", 0.6)],
          restrictions: { min_power: 50 },
        },
      ],
      { pricePerKwh: 0.6 },
    ],
  ];
  for (const [rule, elements, price] of prices) {
    test(rule, () => {
      const { tariffs, rejections } = mapTariffs([tariff(elements)]);
      assert.deepEqual(rejections, []);
      assert.deepEqual(tariffs.get(tariffKey("pt", "lxc", "lxc-ac")), {
        currency: "EUR",
        ...price,
      });
    });
  }

  const refused: [string, unknown, string, RejectionKind][] = [
    [
      "a flat-only tariff",
      tariff([{ price_components: [component("FLAT", 2)] }]),
      "no ENERGY or TIME price: Carrega shows prices per kWh and per minute",
      "tariff",
    ],
    [
      "a tariff in an unknown currency form",
      tariff([{ price_components: [component("ENERGY", 0.3)] }], {
        currency: "€",
      }),
      "currency: must be an ISO 4217 code such as EUR",
      "malformed",
    ],
    [
      "a price in cents where euros are due",
      tariff([{ price_components: [component("ENERGY", 300)] }]),
      "pricePerKwh: Too big: expected number to be <=100",
      "tariff",
    ],
  ];
  for (const [what, record, reason, kind] of refused) {
    test(`${what} is rejected with its id and reason`, () => {
      const { tariffs, rejections } = mapTariffs([record]);
      assert.equal(tariffs.size, 0);
      assert.deepEqual(rejections, [
        { record: "Tariff", index: 0, tariffId: "LXC-AC", kind, reason },
      ]);
    });
  }

  test("a repeated tariff id keeps the first", () => {
    const { tariffs, rejections } = mapTariffs([
      tariff([{ price_components: [component("ENERGY", 0.3)] }]),
      tariff([{ price_components: [component("ENERGY", 0.9)] }]),
    ]);
    assert.equal(
      tariffs.get(tariffKey("PT", "LXC", "LXC-AC"))?.pricePerKwh,
      0.3,
    );
    assert.deepEqual(
      rejections.map((r) => [r.index, r.reason]),
      [[1, "duplicate Tariff id: the first one is kept"]],
    );
  });
});
