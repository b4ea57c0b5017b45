import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Bbox } from "../domain/geo";
import { StationReplacement, type StationInput } from "../domain/station";
import { connectorStandards, type ConnectorStatus } from "../domain/vocabulary";
import type { Prisma } from "../generated/prisma/client";
import { createRandom } from "../sim/random";
import type { Db } from "./prisma";
import {
  getStation,
  getStationsInBbox,
  listOperators,
  toPublicStation,
  type StationFilters,
  upsertStation,
} from "./stations";
import { openTestDb, withTestDb, type TestDb } from "../server/test-db";

/** The bbox query as it was first written with Prisma's nested include: the reference the SQL version must match. */
async function referenceStationsInBbox(
  db: Db,
  bbox: Bbox,
  filters: StationFilters = {},
) {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const connectorFilter: Prisma.ConnectorWhereInput = {
    ...(filters.available ? { status: "AVAILABLE" } : {}),
    ...(filters.standards?.length
      ? { standard: { in: filters.standards } }
      : {}),
    ...(filters.minPowerKw !== undefined
      ? { maxPowerKw: { gte: filters.minPowerKw } }
      : {}),
  };
  const rows = await db.station.findMany({
    where: {
      lat: { gte: minLat, lte: maxLat },
      lng: { gte: minLng, lte: maxLng },
      ...(filters.operator ? { operatorName: filters.operator } : {}),
      chargers: { some: { connectors: { some: connectorFilter } } },
    },
    include: {
      chargers: {
        orderBy: { chargePointId: "asc" },
        include: { connectors: { orderBy: { connectorId: "asc" } } },
      },
    },
    orderBy: { id: "asc" },
  });
  return rows.map(toPublicStation);
}

const ids = (stations: { id: string }[]) => stations.map((s) => s.id);

async function setStatus(
  db: Db,
  chargePointId: string,
  connectorId: number,
  status: ConnectorStatus,
  since: string,
) {
  await db.connector.update({
    where: { chargePointId_connectorId: { chargePointId, connectorId } },
    data: { status, statusSince: new Date(since) },
  });
}

function station(
  lat: number,
  lng: number,
  chargers: StationInput["chargers"],
  extra: Partial<StationInput> = {},
) {
  return { name: "Test", lat, lng, chargers, ...extra } satisfies StationInput;
}

const ac = (connectorId: number, maxPowerKw = 22) =>
  ({
    connectorId,
    standard: "IEC_62196_T2",
    powerType: "AC_3_PHASE",
    maxPowerKw,
  }) as const;
const ccs = (connectorId: number, maxPowerKw = 150) =>
  ({
    connectorId,
    standard: "IEC_62196_T2_COMBO",
    powerType: "DC",
    maxPowerKw,
  }) as const;
const chademo = (connectorId: number, maxPowerKw = 50) =>
  ({ connectorId, standard: "CHADEMO", powerType: "DC", maxPowerKw }) as const;

describe("getStationsInBbox (public read API, the run's real database)", () => {
  let database: TestDb;
  let db: Db;

  before(async () => {
    database = await openTestDb();
    db = database.db;
  });
  after(() => database.close());

  describe("the bbox", () => {
    const box: Bbox = [-9.2, 38.7, -9.1, 38.8];
    before(async () => {
      const one = (id: string) => [
        { chargePointId: `${id}-1`, connectors: [ac(1)] },
      ];
      // On each edge and corner (inclusive), just outside each edge, and well inside.
      for (const [id, lat, lng] of [
        ["EDGE-W", 38.75, -9.2],
        ["EDGE-E", 38.75, -9.1],
        ["EDGE-S", 38.7, -9.15],
        ["EDGE-N", 38.8, -9.15],
        ["CORNER-SW", 38.7, -9.2],
        ["CORNER-NE", 38.8, -9.1],
        ["INSIDE", 38.75, -9.15],
        ["OUT-W", 38.75, -9.200001],
        ["OUT-E", 38.75, -9.099999],
        ["OUT-S", 38.699999, -9.15],
        ["OUT-N", 38.800001, -9.15],
        ["FAR", 41.15, -8.61],
      ] as const) {
        await upsertStation(db, id, station(lat, lng, one(id)));
      }
    });

    test("includes stations on every edge and corner, and excludes those just outside", async () => {
      assert.deepEqual(ids(await getStationsInBbox(db, box)), [
        "CORNER-NE",
        "CORNER-SW",
        "EDGE-E",
        "EDGE-N",
        "EDGE-S",
        "EDGE-W",
        "INSIDE",
      ]);
    });

    test("a zero-area bbox on a station finds it", async () => {
      assert.deepEqual(
        ids(await getStationsInBbox(db, [-9.15, 38.75, -9.15, 38.75])),
        ["INSIDE"],
      );
    });

    test("a bbox with no station gives an empty list", async () => {
      assert.deepEqual(await getStationsInBbox(db, [0, 0, 1, 1]), []);
    });
  });

  describe("filters (a station matches when one connector matches every filter given)", () => {
    const box: Bbox = [10, 10, 11, 11];
    before(async () => {
      // F-MIXED: a free 22 kW Type 2 and a busy 150 kW CCS. No single connector is free, CCS and >= 100 kW.
      await upsertStation(
        db,
        "F-MIXED",
        station(10.1, 10.1, [
          { chargePointId: "F-MIXED-1", connectors: [ac(1), ccs(2)] },
        ]),
      );
      // F-FAST-FREE: a free 150 kW CCS on its second charger.
      await upsertStation(
        db,
        "F-FAST-FREE",
        station(10.2, 10.2, [
          { chargePointId: "F-FAST-FREE-1", connectors: [ac(1, 11)] },
          { chargePointId: "F-FAST-FREE-2", connectors: [ccs(1, 150)] },
        ]),
      );
      // F-CHADEMO: a free 50 kW CHAdeMO (exactly on the minPowerKw=50 boundary).
      await upsertStation(
        db,
        "F-CHADEMO",
        station(10.3, 10.3, [
          { chargePointId: "F-CHADEMO-1", connectors: [chademo(1, 50)] },
        ]),
      );
      // F-BUSY: everything charging.
      await upsertStation(
        db,
        "F-BUSY",
        station(10.4, 10.4, [
          { chargePointId: "F-BUSY-1", connectors: [ac(1), ac(2)] },
        ]),
      );
      const since = "2024-05-01T10:00:00.000Z";
      await setStatus(db, "F-MIXED-1", 1, "AVAILABLE", since);
      await setStatus(db, "F-MIXED-1", 2, "CHARGING", since);
      await setStatus(db, "F-FAST-FREE-1", 1, "CHARGING", since);
      await setStatus(db, "F-FAST-FREE-2", 1, "AVAILABLE", since);
      await setStatus(db, "F-CHADEMO-1", 1, "AVAILABLE", since);
      await setStatus(db, "F-BUSY-1", 1, "CHARGING", since);
      await setStatus(db, "F-BUSY-1", 2, "CHARGING", since);
    });

    const cases: [string, StationFilters, string[]][] = [
      ["no filter", {}, ["F-BUSY", "F-CHADEMO", "F-FAST-FREE", "F-MIXED"]],
      [
        "available",
        { available: true },
        ["F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      [
        "available=false is no filter",
        { available: false },
        ["F-BUSY", "F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      [
        "one standard",
        { standards: ["IEC_62196_T2_COMBO"] },
        ["F-FAST-FREE", "F-MIXED"],
      ],
      [
        "several standards",
        { standards: ["CHADEMO", "IEC_62196_T2_COMBO"] },
        ["F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      [
        "an empty standard list is no filter",
        { standards: [] },
        ["F-BUSY", "F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      ["a standard nobody has", { standards: ["GBT_DC"] }, []],
      [
        "minPowerKw is inclusive",
        { minPowerKw: 50 },
        ["F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      [
        "minPowerKw=0 keeps all",
        { minPowerKw: 0 },
        ["F-BUSY", "F-CHADEMO", "F-FAST-FREE", "F-MIXED"],
      ],
      ["minPowerKw above all", { minPowerKw: 151 }, []],
      [
        "available + CCS: on one connector",
        { available: true, standards: ["IEC_62196_T2_COMBO"] },
        ["F-FAST-FREE"],
      ],
      [
        "available + 100 kW",
        { available: true, minPowerKw: 100 },
        ["F-FAST-FREE"],
      ],
      [
        "CCS + 22 kW",
        { standards: ["IEC_62196_T2_COMBO"], minPowerKw: 22 },
        ["F-FAST-FREE", "F-MIXED"],
      ],
      [
        "Type 2 + 22 kW",
        { standards: ["IEC_62196_T2"], minPowerKw: 22 },
        ["F-BUSY", "F-MIXED"],
      ],
      [
        "all three",
        {
          available: true,
          standards: ["CHADEMO", "IEC_62196_T2_COMBO"],
          minPowerKw: 50,
        },
        ["F-CHADEMO", "F-FAST-FREE"],
      ],
      [
        "all three, none matching one connector",
        { available: true, standards: ["IEC_62196_T2"], minPowerKw: 50 },
        [],
      ],
    ];
    for (const [name, filters, expected] of cases) {
      test(name, async () => {
        assert.deepEqual(
          ids(await getStationsInBbox(db, box, filters)),
          expected,
        );
      });
    }

    test("a matching station comes with all its connectors, not only the matching ones", async () => {
      const [mixed] = await getStationsInBbox(db, [10.1, 10.1, 10.1, 10.1], {
        standards: ["IEC_62196_T2_COMBO"],
      });
      assert.deepEqual(
        mixed.connectors.map((c) => [c.connectorId, c.standard, c.status]),
        [
          [1, "IEC_62196_T2", "AVAILABLE"],
          [2, "IEC_62196_T2_COMBO", "CHARGING"],
        ],
      );
      assert.equal(mixed.available, 1);
      assert.equal(mixed.total, 2);
    });
  });

  describe("what a station looks like", () => {
    const box: Bbox = [20, 20, 21, 21];
    before(async () => {
      // Inserted out of order, chargers and connectors listed backwards: the output is sorted regardless.
      await upsertStation(
        db,
        "S-B",
        station(
          20.5,
          20.5,
          [
            { chargePointId: "S-B|z", connectors: [ccs(2, 0.3), ccs(1, 7.4)] },
            {
              chargePointId: "S-B*a",
              connectors: [
                { ...ac(3), evseId: 2 },
                { ...ac(1), evseId: 1 },
              ],
            },
          ],
          {
            name: 'Café "O Zé" — Praça',
            address: "Rua Augusta 1, 1100-048 Lisboa",
            city: "Lisboa",
            tariff: {
              currency: "EUR",
              pricePerKwh: 0.35,
              pricePerMinute: 0.05,
            },
          },
        ),
      );
      await upsertStation(
        db,
        "S-A",
        station(20.4, 20.4, [{ chargePointId: "S-A-1", connectors: [ac(1)] }], {
          tariff: { currency: "EUR", pricePerKwh: 0.29 },
        }),
      );
      await upsertStation(
        db,
        "S-C",
        station(20.6, 20.6, [{ chargePointId: "S-C-1", connectors: [ac(1)] }]),
      );
      // Chargers without connectors, and a station without chargers: nothing to show on a map.
      await upsertStation(db, "S-EMPTY", station(20.7, 20.7, []));
      await db.station.create({
        data: { id: "S-NO-CONNECTORS", name: "Bare", lat: 20.8, lng: 20.8 },
      });
      await db.charger.create({
        data: {
          chargePointId: "S-NO-CONNECTORS-1",
          stationId: "S-NO-CONNECTORS",
        },
      });
      await setStatus(db, "S-B*a", 1, "AVAILABLE", "2024-05-01T10:00:00.123Z");
      await setStatus(db, "S-B*a", 3, "AVAILABLE", "1999-12-31T23:59:59.999Z");
      await setStatus(db, "S-B|z", 1, "CHARGING", "2024-05-01T11:30:00.000Z");
      await setStatus(db, "S-B|z", 2, "OUTOFORDER", "2024-02-29T00:00:00.000Z");
      // A real that needs all 17 digits. Prisma's parameters round it to 0.3 on the way in, the database's double
      // arithmetic does not (cast: PostgreSQL's 0.1 + 0.2 is an exact numeric 0.3).
      await db.$executeRaw`UPDATE "Connector" SET "maxPowerKw" = CAST(0.1 AS DOUBLE PRECISION) + CAST(0.2 AS DOUBLE PRECISION) WHERE "chargePointId" = 'S-B|z' AND "connectorId" = 2`;
    });

    test("stations by id; connectors by chargePointId, then connectorId; no station without connectors", async () => {
      const stations = await getStationsInBbox(db, box);
      assert.deepEqual(ids(stations), ["S-A", "S-B", "S-C"]);
      assert.deepEqual(
        stations[1].connectors.map(
          (c) => `${c.chargePointId}#${c.connectorId}`,
        ),
        ["S-B*a#1", "S-B*a#3", "S-B|z#1", "S-B|z#2"],
      );
    });

    test("every field, exactly: statusSince as an ISO string, tariffs, counts", async () => {
      const [a, b, c] = await getStationsInBbox(db, box);
      assert.deepEqual(b, {
        id: "S-B",
        name: 'Café "O Zé" — Praça',
        lat: 20.5,
        lng: 20.5,
        address: "Rua Augusta 1, 1100-048 Lisboa",
        city: "Lisboa",
        operator: null,
        tariff: { currency: "EUR", pricePerKwh: 0.35, pricePerMinute: 0.05 },
        openingHours: null,
        timeZone: null,
        parkingType: null,
        parkingRestrictions: [],
        holdMinutes: 10,
        connectors: [
          {
            chargePointId: "S-B*a",
            connectorId: 1,
            evseId: 1,
            standard: "IEC_62196_T2",
            powerType: "AC_3_PHASE",
            maxPowerKw: 22,
            status: "AVAILABLE",
            statusSince: "2024-05-01T10:00:00.123Z",
            expectedFreeAt: null,
          },
          {
            chargePointId: "S-B*a",
            connectorId: 3,
            evseId: 2,
            standard: "IEC_62196_T2",
            powerType: "AC_3_PHASE",
            maxPowerKw: 22,
            status: "AVAILABLE",
            statusSince: "1999-12-31T23:59:59.999Z",
            expectedFreeAt: null,
          },
          {
            chargePointId: "S-B|z",
            connectorId: 1,
            evseId: null,
            standard: "IEC_62196_T2_COMBO",
            powerType: "DC",
            maxPowerKw: 7.4,
            status: "CHARGING",
            statusSince: "2024-05-01T11:30:00.000Z",
            expectedFreeAt: null,
          },
          {
            chargePointId: "S-B|z",
            connectorId: 2,
            evseId: null,
            standard: "IEC_62196_T2_COMBO",
            powerType: "DC",
            maxPowerKw: 0.1 + 0.2,
            status: "OUTOFORDER",
            statusSince: "2024-02-29T00:00:00.000Z",
            expectedFreeAt: null,
          },
        ],
        available: 2,
        total: 4,
      });
      assert.deepEqual(a.tariff, {
        currency: "EUR",
        pricePerKwh: 0.29,
        pricePerMinute: undefined,
      });
      assert.equal(
        JSON.stringify(a.tariff),
        '{"currency":"EUR","pricePerKwh":0.29}',
      );
      assert.equal(c.tariff, null);
      assert.equal(c.address, null);
      assert.equal(c.city, null);
      assert.deepEqual(
        [c.available, c.total, c.connectors[0].status],
        [0, 1, "UNKNOWN"],
      );
      assert.equal(typeof c.connectors[0].statusSince, "string");
      assert.ok(!Number.isNaN(Date.parse(c.connectors[0].statusSince)));
    });

    test("a currency without a price per kWh is no tariff", async () => {
      await db.station.update({
        where: { id: "S-C" },
        data: { currency: "EUR", pricePerKwh: null },
      });
      const [, , c] = await getStationsInBbox(db, box);
      assert.equal(c.tariff, null);
    });

    test("the same bytes as GET /api/stations/{id} for each station", async () => {
      for (const found of await getStationsInBbox(db, box)) {
        assert.equal(
          JSON.stringify(found),
          JSON.stringify(await getStation(db, found.id)),
        );
      }
    });
  });

  test("matches the reference Prisma query over a random network, bboxes and filters", async () => {
    const random = createRandom(4);
    const statuses: ConnectorStatus[] = [
      "AVAILABLE",
      "CHARGING",
      "OUTOFORDER",
      "UNKNOWN",
      "RESERVED",
    ];
    for (let i = 0; i < 120; i++) {
      const id = `R-${String(random.int(0, 99_999)).padStart(5, "0")}-${i}`;
      const chargers = Array.from({ length: random.int(1, 3) }, (_, c) => ({
        chargePointId: `${id}-${c}`,
        connectors: Array.from({ length: random.int(1, 3) }, (_, k) => ({
          connectorId: k + 1,
          evseId: random.chance(0.5) ? k + 1 : undefined,
          standard: random.pick(connectorStandards.slice(0, 3)),
          powerType: random.pick(["AC_3_PHASE", "DC"] as const),
          maxPowerKw: random.pick([3.7, 7.4, 11, 22, 50, 150, 350]),
        })),
      }));
      // A coarse grid, so many stations share a latitude or longitude with a bbox edge.
      const lat = 30 + random.int(0, 20) / 10;
      const lng = 30 + random.int(0, 20) / 10;
      await upsertStation(
        db,
        id,
        station(lat, lng, chargers, {
          ...(random.chance(0.5)
            ? { tariff: { currency: "EUR", pricePerKwh: 0.3 } }
            : {}),
          ...(random.chance(0.7)
            ? { operator: random.pick(["Mobi.E", "EDP", "Ionity"]) }
            : {}),
          ...(random.chance(0.5)
            ? {
                openingHours: random.chance(0.5)
                  ? { twentyfourseven: true, regularHours: [] }
                  : {
                      twentyfourseven: false,
                      regularHours: [
                        {
                          weekday: 1,
                          periodBegin: "08:00",
                          periodEnd: "22:00",
                        },
                      ],
                    },
                timeZone: "Europe/Lisbon",
                parkingType: "PARKING_LOT" as const,
                parkingRestrictions: ["CUSTOMERS" as const],
              }
            : {}),
        }),
      );
      for (const charger of chargers) {
        for (const { connectorId } of charger.connectors) {
          const since = new Date(
            Date.UTC(2024, 0, 1) + random.int(0, 1e9),
          ).toISOString();
          await setStatus(
            db,
            charger.chargePointId,
            connectorId,
            random.pick(statuses),
            since,
          );
        }
      }
    }
    const filterSets: StationFilters[] = [
      {},
      { available: true },
      { standards: ["CHADEMO"] },
      { standards: ["IEC_62196_T2", "IEC_62196_T2_COMBO"] },
      { minPowerKw: 22 },
      { available: true, minPowerKw: 50 },
      { available: true, standards: ["IEC_62196_T2_COMBO"], minPowerKw: 150 },
      { operator: "EDP" },
      { operator: "Ionity", available: true },
    ];
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const minLat = 30 + random.int(0, 20) / 10;
      const minLng = 30 + random.int(0, 20) / 10;
      const bbox: Bbox = [
        minLng,
        minLat,
        minLng + random.int(0, 10) / 10,
        minLat + random.int(0, 10) / 10,
      ];
      for (const filters of filterSets) {
        const actual = await getStationsInBbox(db, bbox, filters);
        assert.equal(
          JSON.stringify(actual),
          JSON.stringify(await referenceStationsInBbox(db, bbox, filters)),
        );
        compared += actual.length;
      }
    }
    assert.ok(compared > 500, `only ${compared} stations compared`);
  });
});

describe("upsertStation", () => {
  test("a replace that lists a charger without its password keeps the password; a new password replaces it", () =>
    withTestDb(async (db) => {
      const charger = { chargePointId: "KEEP-PW", connectors: [ac(1)] };
      await upsertStation(
        db,
        "pw",
        station(38.7, -9.1, [{ ...charger, password: "first-password-0001" }]),
      );
      const first = (
        await db.charger.findUniqueOrThrow({
          where: { chargePointId: "KEEP-PW" },
        })
      ).passwordHash;
      assert.ok(first);
      await upsertStation(db, "pw", station(38.7, -9.1, [charger]));
      assert.equal(
        (
          await db.charger.findUniqueOrThrow({
            where: { chargePointId: "KEEP-PW" },
          })
        ).passwordHash,
        first,
      );
      await upsertStation(
        db,
        "pw",
        station(38.7, -9.1, [{ ...charger, password: "second-password-002" }]),
      );
      const second = (
        await db.charger.findUniqueOrThrow({
          where: { chargePointId: "KEEP-PW" },
        })
      ).passwordHash;
      assert.ok(second && second !== first);
    }));

  test("a re-import that leaves allowUnauthenticated out keeps the operator's choice; the operator API's PUT takes it back", () =>
    withTestDb(async (db) => {
      const charger = { chargePointId: "OPEN-1", connectors: [ac(1)] };
      const isAllowed = async () =>
        (
          await db.charger.findUniqueOrThrow({
            where: { chargePointId: "OPEN-1" },
          })
        ).allowUnauthenticated;
      await upsertStation(db, "open", station(38.7, -9.1, [charger]));
      assert.equal(await isAllowed(), false);
      await upsertStation(
        db,
        "open",
        station(38.7, -9.1, [{ ...charger, allowUnauthenticated: true }]),
      );
      await upsertStation(db, "open", station(38.7, -9.1, [charger]));
      assert.equal(await isAllowed(), true);
      await upsertStation(
        db,
        "open",
        StationReplacement.parse(station(38.7, -9.1, [charger])),
      );
      assert.equal(await isAllowed(), false);
    }));

  test("a station's hold length: set by the operator, kept by a re-import that leaves it out, 10 min after a PUT without it", () =>
    withTestDb(async (db) => {
      const charger = { chargePointId: "HOLD-1", connectors: [ac(1)] };
      const holdMinutes = async () =>
        (await getStation(db, "hold"))?.holdMinutes;
      await upsertStation(db, "hold", station(38.7, -9.1, [charger]));
      assert.equal(await holdMinutes(), 10);
      await upsertStation(db, "hold", {
        ...station(38.7, -9.1, [charger]),
        holdMinutes: 15,
      });
      await upsertStation(db, "hold", station(38.7, -9.1, [charger]));
      assert.equal(await holdMinutes(), 15);
      await upsertStation(
        db,
        "hold",
        StationReplacement.parse(station(38.7, -9.1, [charger])),
      );
      assert.equal(await holdMinutes(), 10);
    }));
});

describe("operators, opening hours and access", () => {
  test("round-trip through a replace; a replace that leaves them out clears them; operators are counted", () =>
    withTestDb(async (db) => {
      const chargers = (id: string) => [
        { chargePointId: `${id}-1`, connectors: [ac(1)] },
      ];
      const access = {
        operator: "Continente",
        openingHours: {
          twentyfourseven: false,
          regularHours: [
            { weekday: 6, periodBegin: "09:00", periodEnd: "13:00" },
          ],
        },
        timeZone: "Europe/Lisbon",
        parkingType: "PARKING_LOT",
        parkingRestrictions: ["CUSTOMERS", "PLUGGED"],
      } satisfies Partial<StationInput>;
      const saved = await upsertStation(
        db,
        "shop",
        station(38.7, -9.1, chargers("SHOP"), access),
      );
      assert.deepEqual(
        {
          operator: saved.operator,
          openingHours: saved.openingHours,
          timeZone: saved.timeZone,
          parkingType: saved.parkingType,
          parkingRestrictions: saved.parkingRestrictions,
        },
        access,
      );
      await upsertStation(
        db,
        "edp-1",
        station(38.71, -9.1, chargers("E1"), { operator: "EDP" }),
      );
      await upsertStation(
        db,
        "edp-2",
        station(38.72, -9.1, chargers("E2"), { operator: "EDP" }),
      );
      await upsertStation(db, "none", station(38.73, -9.1, chargers("N")));
      assert.deepEqual(await listOperators(db), [
        { name: "EDP", stations: 2 },
        { name: "Continente", stations: 1 },
      ]);

      const cleared = await upsertStation(
        db,
        "shop",
        station(38.7, -9.1, chargers("SHOP")),
      );
      assert.equal(cleared.operator, null);
      assert.equal(cleared.openingHours, null);
      assert.deepEqual(cleared.parkingRestrictions, []);
      assert.deepEqual(await listOperators(db), [{ name: "EDP", stations: 2 }]);
    }));
});

describe("a tariff whose per-minute price starts later", () => {
  test("reads back with its minutes, from one station and from the bbox; without them the shape is unchanged", () =>
    withTestDb(async (db) => {
      const chargers = [{ chargePointId: "IDLE-1", connectors: [ac(1)] }];
      const tariff = {
        currency: "EUR",
        pricePerKwh: 0.45,
        pricePerMinute: 0.1,
        pricePerMinuteAfterMin: 60,
      };
      await upsertStation(
        db,
        "idle",
        station(38.7, -9.1, chargers, { tariff }),
      );
      assert.deepEqual((await getStation(db, "idle"))?.tariff, tariff);
      const [inBox] = await getStationsInBbox(db, [-9.2, 38.6, -9.0, 38.8]);
      assert.deepEqual(inBox.tariff, tariff);
      await upsertStation(
        db,
        "idle",
        station(38.7, -9.1, chargers, {
          tariff: { currency: "EUR", pricePerKwh: 0.45, pricePerMinute: 0.1 },
        }),
      );
      assert.equal(
        JSON.stringify((await getStation(db, "idle"))?.tariff),
        '{"currency":"EUR","pricePerKwh":0.45,"pricePerMinute":0.1}',
      );
    }));
});

describe("a tariff with an idle fee (OCPI PARKING_TIME)", () => {
  test("reads back with its price and grace, from one station and from the bbox", () =>
    withTestDb(async (db) => {
      const chargers = [{ chargePointId: "PARK-1", connectors: [ac(1)] }];
      const tariff = {
        currency: "EUR",
        pricePerKwh: 0.45,
        pricePerMinute: 0.05,
        idlePricePerMinute: 0.2,
        idleGraceMinutes: 15,
      };
      await upsertStation(
        db,
        "park",
        station(38.7, -9.1, chargers, { tariff }),
      );
      assert.deepEqual((await getStation(db, "park"))?.tariff, tariff);
      const [inBox] = await getStationsInBbox(db, [-9.2, 38.6, -9.0, 38.8]);
      assert.deepEqual(inBox.tariff, tariff);
      const stored = await db.station.findUniqueOrThrow({
        where: { id: "park" },
      });
      assert.deepEqual(
        [stored.idlePricePerMinute, stored.idleGraceMinutes],
        [0.2, 15],
      );
    }));
});
