// The OCPI Location → station mapping, rule by rule, as the comment at the top of map-location.ts states it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  mapLocation,
  type MappedLocation,
  type MappingContext,
} from "./map-location";
import { tariffKey } from "./map-tariff";

const noContext: MappingContext = {
  tariffs: new Map(),
  claimedChargePoints: new Map(),
};

const connector = (overrides: Record<string, unknown> = {}) => ({
  id: "1",
  standard: "IEC_62196_T2",
  format: "SOCKET",
  power_type: "AC_3_PHASE",
  max_voltage: 230,
  max_amperage: 32,
  max_electric_power: 22000,
  last_updated: "2026-11-20T09:15:00Z",
  ...overrides,
});

const evse = (overrides: Record<string, unknown> = {}) => ({
  uid: "3001",
  evse_id: "PT*LXC*E0001*1",
  status: "AVAILABLE",
  connectors: [connector()],
  last_updated: "2026-11-20T09:15:00Z",
  ...overrides,
});

const location = (overrides: Record<string, unknown> = {}) => ({
  country_code: "PT",
  party_id: "LXC",
  id: "LOC-0001",
  publish: true,
  name: "Praça do Comércio",
  address: "Praça do Comércio",
  city: "Lisboa",
  postal_code: "1100-148",
  country: "PRT",
  coordinates: { latitude: "38.70775", longitude: "-9.13652" },
  evses: [evse()],
  time_zone: "Europe/Lisbon",
  last_updated: "2026-11-20T09:15:00Z",
  ...overrides,
});

function accepted(result: MappedLocation) {
  assert.ok(
    result.ok,
    `expected the Location to be imported, got ${JSON.stringify(result.rejections)}`,
  );
  return result;
}

const reasons = (result: MappedLocation) =>
  result.rejections.map((r) => `${r.record} ${r.reason}`);

describe("station identity", () => {
  test("the station id joins country, party and Location id, upper-cased and made URL-safe", () => {
    const ids: [Record<string, unknown>, string][] = [
      [{}, "PT-LXC-LOC-0001"],
      [
        { country_code: "pt", party_id: "lxc", id: "loc-0001" },
        "PT-LXC-LOC-0001",
      ],
      [{ id: "Lisboa/Baixa 12" }, "PT-LXC-LISBOA_BAIXA_12"],
    ];
    for (const [overrides, id] of ids)
      assert.equal(
        accepted(mapLocation(location(overrides), 0, noContext)).id,
        id,
      );
  });

  test("one charger per EVSE, its chargePointId the evse_id upper-cased with '*' kept", () => {
    const ids: [Record<string, unknown>, string][] = [
      [{}, "PT*LXC*E0001*1"],
      [{ evse_id: "pt*lxc*e0001*1" }, "PT*LXC*E0001*1"],
      [{ evse_id: "PT LXC E0001/1" }, "PT-LXC-E0001-1"],
      [{ evse_id: undefined }, "PT-LXC-3001"],
      [{ evse_id: null }, "PT-LXC-3001"],
    ];
    for (const [overrides, chargePointId] of ids) {
      const { station } = accepted(
        mapLocation(location({ evses: [evse(overrides)] }), 0, noContext),
      );
      assert.deepEqual(
        station.chargers.map((c) => c.chargePointId),
        [chargePointId],
      );
    }
  });

  test("physical_reference and related_locations change nothing", () => {
    const plain = accepted(mapLocation(location(), 0, noContext));
    const decorated = accepted(
      mapLocation(
        location({
          evses: [evse({ physical_reference: "A", floor_level: "-1" })],
          related_locations: [
            {
              latitude: "38.70800",
              longitude: "-9.13700",
              name: { language: "pt", text: "Entrada" },
            },
          ],
        }),
        0,
        noContext,
      ),
    );
    assert.deepEqual(decorated, plain);
  });
});

describe("station fields", () => {
  test("name, address, city and coordinates come from the Location", () => {
    const { station } = accepted(mapLocation(location(), 0, noContext));
    assert.deepEqual(
      { ...station, chargers: undefined },
      {
        name: "Praça do Comércio",
        lat: 38.70775,
        lng: -9.13652,
        address: "Praça do Comércio, 1100-148 Lisboa",
        city: "Lisboa",
        operator: undefined,
        tariff: undefined,
        openingHours: undefined,
        timeZone: "Europe/Lisbon",
        parkingType: undefined,
        parkingRestrictions: [],
        chargers: undefined,
      },
    );
  });

  test("operator, hours and parking: OCPI's words, unknown parking values dropped", () => {
    const { station } = accepted(
      mapLocation(
        location({
          operator: { name: "Lisboa Carga", website: "https://example.pt" },
          parking_type: "PARKING_LOT",
          opening_times: {
            twentyfourseven: false,
            regular_hours: [
              { weekday: 6, period_begin: "09:00", period_end: "13:00" },
            ],
            exceptional_closings: [
              {
                period_begin: "2026-12-25T00:00:00Z",
                period_end: "2026-12-26T00:00:00Z",
              },
            ],
          },
          evses: [
            evse({ parking_restrictions: ["CUSTOMERS", "VALET_ONLY"] }),
            evse({
              uid: "3002",
              evse_id: "PT*LXC*E0001*2",
              parking_restrictions: ["CUSTOMERS", "PLUGGED"],
            }),
          ],
        }),
        0,
        noContext,
      ),
    );
    assert.deepEqual(
      {
        operator: station.operator,
        parkingType: station.parkingType,
        parkingRestrictions: station.parkingRestrictions,
        openingHours: station.openingHours,
      },
      {
        operator: "Lisboa Carga",
        parkingType: "PARKING_LOT",
        parkingRestrictions: ["CUSTOMERS"],
        openingHours: {
          twentyfourseven: false,
          regularHours: [
            { weekday: 6, periodBegin: "09:00", periodEnd: "13:00" },
          ],
        },
      },
    );
    const oldType = accepted(
      mapLocation(location({ parking_type: "ON_STREET_OLD" }), 0, noContext),
    );
    assert.equal(oldType.station.parkingType, undefined);
  });

  test("hours that break OCPI's rules, or a zone that is not IANA's, are left out and reported; the station stays", () => {
    const table: [Record<string, unknown>, string][] = [
      [
        {
          opening_times: {
            twentyfourseven: false,
            regular_hours: [
              { weekday: 8, period_begin: "08:00", period_end: "20:00" },
            ],
          },
        },
        "imported without opening_times: regularHours.0.weekday: Too big: expected number to be <=7",
      ],
      [
        { opening_times: { twentyfourseven: false, regular_hours: [] } },
        "imported without opening_times: give regularHours or set twentyfourseven",
      ],
      [
        { time_zone: "Lisbon" },
        "imported without time_zone: must be an IANA time zone such as Europe/Lisbon",
      ],
    ];
    for (const [overrides, reason] of table) {
      const result = accepted(mapLocation(location(overrides), 0, noContext));
      assert.equal(result.station.chargers.length, 1);
      assert.deepEqual(
        result.rejections.map(
          (r) => `${r.record} ${r.locationId}: ${r.reason}`,
        ),
        [`Location LOC-0001: ${reason}`],
      );
    }
  });

  test("null opening_times are no hours, and the 24:00 feeds write for midnight reads as OCPI's 23:59", () => {
    const none = accepted(
      mapLocation(location({ opening_times: null }), 0, noContext),
    );
    assert.equal(none.station.openingHours, undefined);
    assert.deepEqual(none.rejections, []);
    const lateShop = accepted(
      mapLocation(
        location({
          opening_times: {
            twentyfourseven: false,
            regular_hours: [
              { weekday: 1, period_begin: "08:00", period_end: "24:00" },
            ],
          },
        }),
        0,
        noContext,
      ),
    );
    assert.deepEqual(lateShop.station.openingHours?.regularHours, [
      { weekday: 1, periodBegin: "08:00", periodEnd: "23:59" },
    ]);
  });

  test("a Location without a name is named by its address", () => {
    for (const name of [undefined, null, "  "]) {
      assert.equal(
        accepted(mapLocation(location({ name }), 0, noContext)).station.name,
        "Praça do Comércio",
      );
    }
  });

  const coordinates: [unknown, unknown, string | null][] = [
    ["38.70775", "-9.13652", null],
    [38.70775, -9.13652, null],
    ["-90", "180", null],
    ["90.00001", "-9.1", "coordinates.latitude 90.00001 is outside -90..90"],
    ["38.7", "-180.5", "coordinates.longitude -180.5 is outside -180..180"],
    ["38,70775", "-9.13652", null],
    [
      "38.7.1",
      "-9.13652",
      'coordinates.latitude "38.7.1" is not a decimal number',
    ],
    [undefined, "-9.13652", "coordinates.latitude is missing"],
    [
      "0.00000",
      "0.00000",
      "coordinates 0,0 are a placeholder, not the station's place",
    ],
  ];
  for (const [latitude, longitude, reason] of coordinates) {
    test(`coordinates ${JSON.stringify(latitude)}, ${JSON.stringify(longitude)} are ${reason ? "rejected" : "accepted"}`, () => {
      const result = mapLocation(
        location({ coordinates: { latitude, longitude } }),
        0,
        noContext,
      );
      assert.deepEqual(reasons(result), reason ? [`Location ${reason}`] : []);
    });
  }

  test("the station takes the first tariff its connectors name that the file holds", () => {
    const tariff = {
      currency: "EUR",
      pricePerKwh: 0.369,
      pricePerMinute: 0.0246,
    };
    const context = {
      ...noContext,
      tariffs: new Map([[tariffKey("PT", "LXC", "LXC-AC"), tariff]]),
    };
    const priced = location({
      evses: [
        evse({
          connectors: [connector({ tariff_ids: ["NOT-IN-FILE", "LXC-AC"] })],
        }),
      ],
    });
    assert.deepEqual(
      accepted(mapLocation(priced, 0, context)).station.tariff,
      tariff,
    );
    assert.equal(
      accepted(mapLocation(location(), 0, context)).station.tariff,
      undefined,
    );
  });
});

describe("connectors", () => {
  const powers: [string, Record<string, unknown>, number][] = [
    ["max_electric_power in W", { max_electric_power: 22000 }, 22],
    [
      "AC_1_PHASE V × A",
      { power_type: "AC_1_PHASE", max_amperage: 16, max_electric_power: null },
      3.7,
    ],
    ["AC_3_PHASE 3 × V × A per phase", { max_electric_power: undefined }, 22.1],
    [
      "AC_3_PHASE √3 × V × A for a 400 V line voltage",
      { max_voltage: 400, max_electric_power: 0 },
      22.2,
    ],
    [
      "DC V × A",
      {
        power_type: "DC",
        max_voltage: 500,
        max_amperage: 125,
        max_electric_power: null,
      },
      62.5,
    ],
  ];
  for (const [rule, overrides, kw] of powers) {
    test(`maxPowerKw from ${rule} is ${kw}`, () => {
      const result = mapLocation(
        location({ evses: [evse({ connectors: [connector(overrides)] })] }),
        0,
        noContext,
      );
      assert.equal(
        accepted(result).station.chargers[0].connectors[0].maxPowerKw,
        kw,
      );
    });
  }

  test("connectors are numbered by their place in the EVSE, evseId 1, and a rejected one keeps its number", () => {
    const connectors = [
      connector({ id: "A" }),
      connector({ id: "B", standard: "IEC_62196_T3C" }),
      connector({
        id: "C",
        standard: "IEC_62196_T2_COMBO",
        power_type: "DC",
        max_electric_power: 50000,
      }),
    ];
    const result = accepted(
      mapLocation(location({ evses: [evse({ connectors })] }), 0, noContext),
    );
    assert.deepEqual(result.station.chargers[0].connectors, [
      {
        connectorId: 1,
        evseId: 1,
        standard: "IEC_62196_T2",
        powerType: "AC_3_PHASE",
        maxPowerKw: 22,
      },
      {
        connectorId: 3,
        evseId: 1,
        standard: "IEC_62196_T2_COMBO",
        powerType: "DC",
        maxPowerKw: 50,
      },
    ]);
    assert.deepEqual(result.rejections, [
      {
        record: "Connector",
        index: 0,
        locationId: "LOC-0001",
        evseUid: "3001",
        connectorId: "B",
        kind: "unknown-standard",
        reason: 'unknown standard "IEC_62196_T3C"',
      },
    ]);
  });

  const refused: [string, Record<string, unknown>, string][] = [
    [
      "a connector without a standard",
      { standard: undefined },
      "standard: Invalid input: expected string, received undefined",
    ],
  ];
  for (const [what, overrides, reason] of refused) {
    test(`${what} is rejected, and its EVSE and Location with it when it was the only one`, () => {
      const result = mapLocation(
        location({ evses: [evse({ connectors: [connector(overrides)] })] }),
        0,
        noContext,
      );
      assert.deepEqual(reasons(result), [
        `Connector ${reason}`,
        "EVSE has no valid connector",
        "Location none of its 1 EVSEs can be imported",
      ]);
    });
  }

  test("a connector id repeated in one EVSE is rejected and the first one kept", () => {
    const result = mapLocation(
      location({ evses: [evse({ connectors: [connector(), connector()] })] }),
      0,
      noContext,
    );
    assert.equal(accepted(result).station.chargers[0].connectors.length, 1);
    assert.deepEqual(reasons(result), [
      'Connector connector id "1" repeats in this EVSE: the first one is kept',
    ]);
  });
});

describe("EVSEs", () => {
  test("a REMOVED EVSE is skipped and counted, not rejected", () => {
    const result = mapLocation(
      location({
        evses: [
          evse(),
          evse({ uid: "3002", evse_id: "PT*LXC*E0001*2", status: "REMOVED" }),
        ],
      }),
      0,
      noContext,
    );
    assert.equal(accepted(result).station.chargers.length, 1);
    assert.equal(result.removedEvses, 1);
    assert.deepEqual(result.rejections, []);
  });

  test("a Location whose every EVSE is REMOVED is rejected as out of service", () => {
    const result = mapLocation(
      location({ evses: [evse({ status: "removed" })] }),
      0,
      noContext,
    );
    assert.deepEqual(reasons(result), [
      "Location none of its 1 EVSEs can be imported (1 REMOVED)",
    ]);
    assert.equal(result.rejections[0].kind, "removed");
  });

  test("a Location without EVSEs is rejected", () => {
    for (const evses of [undefined, null, []]) {
      assert.deepEqual(
        reasons(mapLocation(location({ evses }), 3, noContext)),
        ["Location has no EVSEs"],
      );
    }
  });

  test("a chargePointId repeated within a Location or taken by another station of the file is rejected", () => {
    const twice = mapLocation(
      location({ evses: [evse(), evse({ uid: "3002" })] }),
      0,
      noContext,
    );
    assert.deepEqual(reasons(twice), [
      "EVSE chargePointId PT*LXC*E0001*1 repeats an earlier EVSE of this Location",
    ]);
    const claimed = {
      ...noContext,
      claimedChargePoints: new Map([["PT*LXC*E0001*1", "PT-LXC-LOC-0000"]]),
    };
    assert.deepEqual(reasons(mapLocation(location(), 0, claimed)), [
      "EVSE chargePointId PT*LXC*E0001*1 is already station PT-LXC-LOC-0000's, from earlier in this file",
      "Location none of its 1 EVSEs can be imported",
    ]);
  });

  test("a malformed EVSE is rejected by its uid while its siblings are imported", () => {
    const result = mapLocation(
      location({
        evses: [
          evse(),
          { uid: "3009", status: "AVAILABLE", connectors: "none" },
        ],
      }),
      0,
      noContext,
    );
    assert.equal(accepted(result).station.chargers.length, 1);
    assert.deepEqual(result.rejections, [
      {
        record: "EVSE",
        index: 0,
        locationId: "LOC-0001",
        evseUid: "3009",
        kind: "malformed",
        reason: "connectors: Invalid input: expected array, received string",
      },
    ]);
  });
});

test("a Location its owner does not publish stays off the public map; one that says nothing of it is shown", () => {
  const hidden = mapLocation(location({ publish: false }), 3, noContext);
  assert.equal(hidden.ok, false);
  assert.deepEqual(
    hidden.rejections.map((r) => [r.kind, r.locationId]),
    [["unpublished", "LOC-0001"]],
  );
  accepted(mapLocation(location({ publish: undefined }), 3, noContext));
});

describe("malformed Locations", () => {
  test("a Location missing required fields is rejected with every field named, and by position when it has no id", () => {
    const result = mapLocation(
      {
        country_code: "PT",
        party_id: "LXC",
        coordinates: { latitude: "38.7", longitude: "-9.1" },
        evses: [],
        publish: "yes",
        name: 12,
      },
      7,
      noContext,
    );
    assert.equal(result.ok, false);
    assert.equal(result.rejections.length, 1);
    const [rejection] = result.rejections;
    assert.deepEqual([rejection.index, rejection.locationId], [7, undefined]);
    assert.equal(rejection.kind, "malformed");
    for (const field of ["id", "name"]) {
      assert.match(rejection.reason, new RegExp(`(^|; )${field}: `));
    }
  });

  test("fields Carrega does not read, and nulls in optional ones, are accepted", () => {
    const result = mapLocation(
      location({
        postal_code: null,
        facilities: ["MALL"],
        energy_mix: { is_green_energy: true },
        vendor_x: 1,
      }),
      0,
      noContext,
    );
    assert.equal(accepted(result).station.address, "Praça do Comércio, Lisboa");
  });
});
