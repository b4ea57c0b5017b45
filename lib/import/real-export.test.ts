// A real export's defects (fixtures/real-export-defects.json, one Location per defect): inferred, counted, reported.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { verifyPassword } from "../ocpp/password";
import { openTestDb, withTestDb, type TestDb } from "../server/test-db";
import type { Db } from "../store/prisma";
import { getStation, upsertStation } from "../store/stations";
import { importOcpiFile, type ImportReport } from "./import-file";
import { describeInference } from "./inference";
import { describeRejection } from "./rejection";
import { formatSummary } from "./summary";

const fixture = path.join(
  import.meta.dirname,
  "fixtures/real-export-defects.json",
);

describe("importing a real export's defects", () => {
  let database: TestDb;
  let db: Db;
  let report: ImportReport;
  before(async () => {
    database = await openTestDb();
    db = database.db;
    report = await importOcpiFile(db, fixture);
  });
  after(() => database.close());

  /** [standard, powerType, maxPowerKw] of each connector of a station. */
  const connectorsOf = async (locationId: string) =>
    (await getStation(db, `PT-MOB-${locationId}`))?.connectors.map((c) => [
      c.standard,
      c.powerType,
      c.maxPowerKw,
    ]);

  test("only what cannot be placed or charged at is rejected: 18 of 22 Locations imported", () => {
    assert.deepEqual(
      [report.locations, report.imported, report.rejected],
      [22, 18, 4],
    );
    assert.deepEqual(
      report.rejections
        .filter((r) => r.record === "Location")
        .map(describeRejection),
      [
        "Location #15 RX-0016: coordinates.latitude is missing",
        'Location #16 RX-0017: coordinates.latitude "n/a" is not a decimal number',
        "Location #17 RX-0018: coordinates 0,0 are a placeholder, not the station's place",
        "Location #18 RX-0019: none of its 1 EVSEs can be imported",
        "Location #20 RX-0021: imported without opening_times: twentyfourseven: Invalid input: expected boolean, received undefined",
      ],
    );
  });

  test("every inference and repair is counted by kind", () => {
    assert.deepEqual(report.inferred, {
      "power_type:dc-standard": 2,
      "power_type:line-voltage": 1,
      "power_type:beyond-one-phase": 1,
      "power_type:one-phase": 2,
      "power_type:standard-default": 2,
      "power_type:two-phase": 1,
      "max_power:volts-amps": 4,
      "max_power:kilowatts": 1,
      "max_power:standard-default": 2,
      "name:operator-address": 3,
      "party:evse_id": 1,
      "party:file": 1,
      "id:position": 2,
      "value:empty-string": 3,
      "value:number-string": 2,
      "value:decimal-comma": 1,
      "value:case": 2,
      "value:unknown-dropped": 2,
    });
    assert.deepEqual(report.rejectedByKind, {
      coordinates: 3,
      "no-evse": 1,
      "no-connector": 1,
      "unknown-standard": 2,
      "left-out": 1,
    });
  });

  test("power_type comes from the standard and the electrics, power from V × A or the type's default", async () => {
    const expected: [string, (string | number)[][]][] = [
      [
        "RX-0001",
        [
          ["IEC_62196_T2", "AC_3_PHASE", 22],
          ["IEC_62196_T2_COMBO", "DC", 50],
        ],
      ],
      [
        "RX-0002",
        [
          ["CHADEMO", "DC", 50],
          ["IEC_62196_T2_COMBO", "DC", 150],
        ],
      ],
      ["RX-0003", [["IEC_62196_T2", "AC_3_PHASE", 22.2]]],
      ["RX-0004", [["IEC_62196_T2", "AC_1_PHASE", 3.7]]],
      ["RX-0005", [["IEC_62196_T2", "AC_3_PHASE", 22]]],
      ["RX-0006", [["IEC_62196_T2", "AC_3_PHASE", 11]]],
      ["RX-0010", [["IEC_62196_T2", "AC_3_PHASE", 22.1]]],
      ["RX-0011", [["IEC_62196_T2", "AC_3_PHASE", 22]]],
      ["RX-0013", [["IEC_62196_T2", "AC_1_PHASE", 14.7]]],
      ["RX-0014", [["TESLA_S", "DC", 120]]],
      ["RX-0015", [["DOMESTIC_F", "AC_1_PHASE", 3.7]]],
      ["RX-0020", [["IEC_62196_T2", "AC_3_PHASE", 22]]],
    ];
    for (const [locationId, connectors] of expected)
      assert.deepEqual(await connectorsOf(locationId), connectors, locationId);
  });

  test("names, parties, ids and coordinates are filled or repaired as the report says", async () => {
    const station = async (locationId: string) => {
      const s = await getStation(db, `PT-MOB-${locationId}`);
      assert.ok(s, locationId);
      return s;
    };
    assert.equal((await station("RX-0003")).name, "Galp – Rua Augusta 10");
    assert.equal((await station("RX-0007")).name, "Avenida dos Aliados 1");
    assert.deepEqual(
      [(await station("RX-0022")).name, (await station("RX-0022")).address],
      ["EDP – Porto", "Porto"],
    );
    assert.equal((await station("RX-0010")).lat, 41.15211);
    assert.equal((await station("RX-0007")).lng, -8.62);
    assert.deepEqual(
      (await station("RX-0008")).connectors.map((c) => c.chargePointId),
      ["PT*MOB*E0008*1"],
    );
    assert.deepEqual(
      (await station("RX-0009")).connectors.map((c) => c.chargePointId),
      ["PT-MOB-901"],
    );
    assert.deepEqual(
      (await station("RX-0012")).connectors.map(
        (c) => `${c.chargePointId}/${c.connectorId}`,
      ),
      ["PT*MOB*E0012*1/1", "PT-MOB-1202/1"],
    );
    const unknownValues = await station("RX-0011");
    assert.deepEqual(
      [unknownValues.parkingType, unknownValues.parkingRestrictions],
      [null, ["EV_ONLY"]],
    );
    const withoutHours = await station("RX-0021");
    assert.deepEqual(
      [withoutHours.openingHours, withoutHours.timeZone],
      [null, null],
    );
  });

  test("each inference names its record, what the file said and what was used", () => {
    const lines = report.inferences.map(describeInference);
    for (const line of [
      'RX-0002 › EVSE 201 › connector 1 power_type → "DC"',
      'RX-0013 › EVSE 1301 › connector 1 power_type "AC_2_PHASE" → "AC_1_PHASE"',
      "RX-0011 › EVSE 1101 › connector 1 max_electric_power 22 → 22000",
      'RX-0009 country_code/party_id → "PT/MOB"',
      'RX-0010 coordinates.latitude "41,15211" → 41.15211',
      'RX-0012 › EVSE PT*MOB*E0012*1 uid → "PT*MOB*E0012*1"',
    ])
      assert.ok(lines.includes(line), `${line} not in\n${lines.join("\n")}`);
  });

  test("the summary groups by kind, at most three examples each", () => {
    const lines = formatSummary(report, "report.json").split("\n");
    assert.equal(
      lines[0],
      `${fixture}: 22 Locations: 18 imported, 0 updated, 4 rejected (81.8 % imported); 0 REMOVED EVSEs skipped.`,
    );
    // Counts; per inference kind a heading and one line of examples; per rejection kind a heading and up to
    // three examples; the report's name. 18 rules, 5 reasons: still one screen.
    const rejectionLines = Object.values(report.rejectedByKind).map(
      (count) => 1 + Math.min(3, count),
    );
    assert.equal(
      lines.length,
      1 +
        (1 + 2 * Object.keys(report.inferred).length) +
        (1 + rejectionLines.reduce((a, b) => a + b)) +
        1,
    );
    assert.ok(lines.length <= 60);
    assert.equal(
      lines.at(-1),
      "Every record, inference and rejection: report.json",
    );
  });
});

describe("--generate-passwords", () => {
  test("every imported charger without a password gets a random one, in the report only; set ones are kept", () =>
    withTestDb(async (db) => {
      // RX-0001's charger already has the operator's password.
      const operatorPassword = "operator-set-password-0001";
      await upsertStation(db, "PT-MOB-RX-0001", {
        name: "Before the import",
        lat: 41.1,
        lng: -8.6,
        chargers: [
          {
            chargePointId: "PT*MOB*E0001*1",
            password: operatorPassword,
            connectors: [
              {
                connectorId: 1,
                standard: "IEC_62196_T2",
                powerType: "AC_3_PHASE",
                maxPowerKw: 22,
              },
            ],
          },
        ],
      });
      const first = await importOcpiFile(db, fixture, {
        generatePasswords: true,
      });
      const passwords = first.passwords ?? [];
      const chargers = first.stations.reduce((n, s) => n + s.chargers, 0);
      assert.equal(passwords.length, chargers - 1);
      assert.ok(!passwords.some((p) => p.chargePointId === "PT*MOB*E0001*1"));
      assert.equal(
        new Set(passwords.map((p) => p.password)).size,
        passwords.length,
      );
      for (const { password } of passwords)
        assert.match(password, /^[A-Za-z0-9]{24}$/);
      const hashOf = async (chargePointId: string) =>
        (await db.charger.findUniqueOrThrow({ where: { chargePointId } }))
          .passwordHash ?? "";
      for (const { chargePointId, password } of passwords.slice(0, 3)) {
        // 143 random bits need no slow hash (see hashGeneratedPassword).
        assert.match(await hashOf(chargePointId), /^sha256\$/);
        assert.ok(await verifyPassword(password, await hashOf(chargePointId)));
      }
      assert.ok(
        await verifyPassword(operatorPassword, await hashOf("PT*MOB*E0001*1")),
      );
      // Nothing in the console summary reveals them.
      const summary = formatSummary(first, "report.json");
      assert.ok(!passwords.some((p) => summary.includes(p.password)));
      assert.match(
        summary,
        new RegExp(
          `${passwords.length} chargers were given a generated password, written to report.json only`,
        ),
      );

      const again = await importOcpiFile(db, fixture, {
        generatePasswords: true,
      });
      assert.deepEqual(again.passwords, []);
      const [kept] = passwords;
      assert.ok(
        await verifyPassword(kept.password, await hashOf(kept.chargePointId)),
      );
    }));

  test("without the option no password is generated and none is listed", () =>
    withTestDb(async (db) => {
      const report = await importOcpiFile(db, fixture);
      assert.equal(report.passwords, undefined);
      assert.equal(
        await db.charger.count({ where: { passwordHash: { not: null } } }),
        0,
      );
    }));
});
