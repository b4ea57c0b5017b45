// Importing a real-shaped OCPI file: good Locations become readable stations, broken records are reported, re-import updates.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Db } from "../store/prisma";
import { countStations, getStation } from "../store/stations";
import {
  importOcpiFeed,
  importOcpiFile,
  OcpiFileError,
  readOcpiFile,
  type ImportReport,
} from "./import-file";
import { describeRejection } from "./rejection";
import { openTestDb, withTestDb, type TestDb } from "../server/test-db";

const fixture = path.join(import.meta.dirname, "fixtures/lisbon-ocpi.json");

const expectedRejections = [
  'Connector #5 LOC-0006 › EVSE 3011 › connector 2: unknown standard "IEC_62196_T3C"',
  'Connector #6 LOC-0007 › EVSE 3012 › connector 1: connector id "1" repeats in this EVSE: the first one is kept',
  "Location #7 LOC-0008: coordinates.latitude 387.50210 is outside -90..90",
  "Location #8 LOC-0009: has no EVSEs",
  // Kept, without the hours it wrote overnight in one period (20:00-08:00) against OCPI's rules.
  "Location #10 LOC-0011: imported without opening_times: regularHours.0: periodBegin must come before periodEnd",
];

describe("importing the Lisbon OCPI fixture", () => {
  let database: TestDb;
  let db: Db;
  let first: ImportReport;
  let rowsAfterFirst: number[];
  const rowCounts = async () => [
    await countStations(db),
    await db.charger.count(),
    await db.connector.count(),
  ];
  const progress: [number, number][] = [];
  before(async () => {
    database = await openTestDb();
    db = database.db;
    first = await importOcpiFile(db, fixture, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    rowsAfterFirst = await rowCounts();
  });
  after(() => database.close());

  test("counts the Locations imported, rejected and the REMOVED EVSEs skipped", () => {
    const { rejections, inferences, stations, ...counts } = first;
    assert.deepEqual(counts, {
      file: fixture,
      locations: 11,
      imported: 9,
      updated: 0,
      rejected: 2,
      removedEvses: 1,
      // LOC-0004, 0005, 0010 and 0011 give V and A only; 0010 has no name.
      inferred: { "max_power:volts-amps": 4, "name:operator-address": 1 },
      rejectedByKind: {
        "unknown-standard": 1,
        repeated: 1,
        coordinates: 1,
        "no-evse": 1,
        "left-out": 1,
      },
    });
    assert.equal(rejections.length, 5);
    assert.equal(inferences.length, 5);
    assert.deepEqual(
      stations.map((s) => `${s.stationId} ${s.outcome}`),
      [1, 2, 3, 4, 5, 6, 7, 10, 11].map(
        (n) => `PT-LXC-LOC-${String(n).padStart(4, "0")} imported`,
      ),
    );
  });

  test("the report lists exactly the broken records, each with its id and reason", () => {
    assert.deepEqual(
      first.rejections.map(describeRejection),
      expectedRejections,
    );
  });

  test("progress is reported once per Location, up to the total", () => {
    assert.deepEqual(
      progress,
      Array.from({ length: 11 }, (_, i) => [i + 1, 11]),
    );
  });

  test("an imported station reads back with its chargers, connectors and tariff", async () => {
    const station = await getStation(db, "PT-LXC-LOC-0002");
    assert.ok(station);
    assert.deepEqual(
      {
        ...station,
        // statusSince is the import's own time.
        connectors: station.connectors.map((c) => ({ ...c, statusSince: "" })),
      },
      {
        id: "PT-LXC-LOC-0002",
        name: "Marquês de Pombal",
        lat: 38.72528,
        lng: -9.14999,
        address: "Praça Marquês de Pombal 1, 1250-160 Lisboa",
        city: "Lisboa",
        operator: "Lisboa Carga",
        tariff: {
          currency: "EUR",
          pricePerKwh: 0.5535,
          pricePerMinute: undefined,
        },
        openingHours: { twentyfourseven: true, regularHours: [] },
        timeZone: "Europe/Lisbon",
        parkingType: "ON_STREET",
        parkingRestrictions: [],
        holdMinutes: 10,
        connectors: [
          {
            chargePointId: "PT*LXC*E0002*1",
            connectorId: 1,
            evseId: 1,
            standard: "IEC_62196_T2_COMBO",
            powerType: "DC",
            maxPowerKw: 50,
            // The file's AVAILABLE is ignored: nothing is known until the charger reports over OCPP.
            status: "UNKNOWN",
            statusSince: "",
            expectedFreeAt: null,
          },
          {
            chargePointId: "PT*LXC*E0002*1",
            connectorId: 2,
            evseId: 1,
            standard: "CHADEMO",
            powerType: "DC",
            maxPowerKw: 50,
            status: "UNKNOWN",
            statusSince: "",
            expectedFreeAt: null,
          },
        ],
        available: 0,
        total: 2,
      },
    );
  });

  test("opening hours, parking and the restrictions every EVSE shares come from the Location", async () => {
    const station = await getStation(db, "PT-LXC-LOC-0003");
    assert.ok(station);
    assert.deepEqual(
      {
        operator: station.operator,
        parkingType: station.parkingType,
        parkingRestrictions: station.parkingRestrictions,
        hours: station.openingHours?.regularHours.map(
          (p) => `${p.weekday} ${p.periodBegin}-${p.periodEnd}`,
        ),
      },
      {
        operator: "Centro Vasco da Gama",
        parkingType: "PARKING_GARAGE",
        // CUSTOMERS is on both EVSEs; DISABLED and EV_ONLY each on one bay only.
        parkingRestrictions: ["CUSTOMERS"],
        hours: [1, 2, 3, 4, 5, 6, 7].map((d) => `${d} 07:00-23:00`),
      },
    );
  });

  test("partly broken Locations keep their good connectors; derived powers, fallback names and ids hold", async () => {
    const connectorsOf = async (id: string) =>
      (await getStation(db, id))?.connectors.map((c) => [
        c.chargePointId,
        c.connectorId,
        c.standard,
        c.maxPowerKw,
      ]);
    assert.deepEqual(await connectorsOf("PT-LXC-LOC-0006"), [
      ["PT*LXC*E0006*1", 1, "IEC_62196_T2", 22],
    ]);
    assert.deepEqual(await connectorsOf("PT-LXC-LOC-0007"), [
      ["PT*LXC*E0007*1", 1, "IEC_62196_T2", 7.4],
    ]);
    assert.deepEqual(await connectorsOf("PT-LXC-LOC-0004"), [
      ["PT-LXC-3007", 1, "IEC_62196_T2", 22.1],
    ]);
    assert.deepEqual(await connectorsOf("PT-LXC-LOC-0005"), [
      ["PT*LXC*E0005*1", 1, "IEC_62196_T2", 22.2],
    ]);
    assert.equal(
      (await getStation(db, "PT-LXC-LOC-0010"))?.name,
      "Lisboa Carga – Praça Duque da Terceira 5",
    );
    assert.equal(await getStation(db, "PT-LXC-LOC-0008"), null);
    assert.equal(await getStation(db, "PT-LXC-LOC-0009"), null);
  });

  test("importing the same file again updates every station and duplicates none", async () => {
    const again = await importOcpiFile(db, fixture);
    assert.deepEqual(
      { ...again, rejections: again.rejections.map(describeRejection) },
      {
        ...first,
        imported: 0,
        updated: 9,
        rejections: expectedRejections,
        stations: first.stations.map((s) => ({ ...s, outcome: "updated" })),
      },
    );
    assert.deepEqual(rowsAfterFirst, [9, 11, 12]);
    assert.deepEqual(await rowCounts(), rowsAfterFirst);
  });
});

describe("repeated records in one file", () => {
  test("a repeated Location, or an EVSE another Location already took, is rejected, not swapped on every import", () =>
    withTestDb(async (db) => {
      const { locations } = await readOcpiFile(fixture);
      const [comercio] = locations as { id: string; evses: unknown[] }[];
      const thief = { ...comercio, id: "LOC-0100", evses: [comercio.evses[0]] };
      const report = await importOcpiFeed(db, {
        locations: [comercio, comercio, thief],
        tariffs: [],
      });
      assert.deepEqual(report.rejections.map(describeRejection), [
        "Location #1 LOC-0001: station PT-LXC-LOC-0001 was already imported from Location #0 of this file",
        "EVSE #2 LOC-0100 › EVSE 3001: chargePointId PT*LXC*E0001*1 is already station PT-LXC-LOC-0001's, from earlier in this file",
        "Location #2 LOC-0100: none of its 1 EVSEs can be imported",
      ]);
      assert.deepEqual([report.imported, report.rejected], [1, 2]);
    }));
});

describe("reading an OCPI file", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "carrega-ocpi-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  test("a bare array of Locations is read like the response envelope, without tariffs", async () => {
    const envelope = await readOcpiFile(fixture);
    const file = write("bare.json", JSON.stringify(envelope.locations));
    assert.deepEqual(await readOcpiFile(file), {
      locations: envelope.locations,
      tariffs: [],
    });
  });

  const unusable: [string, string, RegExp][] = [
    ["text that is not JSON", "<html>", /is not JSON/],
    [
      "an object without data",
      '{"locations": []}',
      /neither an array of OCPI Locations nor an OCPI response/,
    ],
    [
      "an OCPI error response",
      '{"data": [], "status_code": 2001, "status_message": "Invalid parameters"}',
      /OCPI error response: 2001 Invalid parameters/,
    ],
  ];
  for (const [what, content, message] of unusable) {
    test(`${what} is refused as a whole`, async () => {
      await assert.rejects(
        readOcpiFile(write("bad.json", content)),
        (error) =>
          error instanceof OcpiFileError && message.test(error.message),
      );
    });
  }
});
