// The leniency list end to end: known deviations are accepted and logged, everything else is still refused.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestCharger } from "../server/test-charger";
import {
  oneChargerStation,
  startTestCarrega,
  type TestCarrega,
} from "../server/test-harness";
import { upsertStation } from "../store/stations";

describe("protocol leniency", () => {
  let carrega: TestCarrega;
  let client: TestCharger;
  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(
      carrega.db,
      "lenient",
      oneChargerStation("Lenient", "QUIRKY-1"),
    );
    await carrega.db.idTag.create({ data: { idTag: "CARD-Q" } });
    client = new TestCharger(carrega.ocppUrl, "QUIRKY-1", {
      strictMode: false,
    });
    await client.connect();
  });
  after(async () => {
    await client.close();
    await carrega.stop();
  });

  test("an over-long serial number is accepted, truncated to the schema's limit", async () => {
    const serial = "SN-2026-11-0000000000000000000042"; // 33 characters; the 1.6 limit is 25
    const boot = await client.send("BootNotification", {
      chargePointVendor: "Quirky",
      chargePointModel: "Q1",
      chargePointSerialNumber: serial,
    });
    assert.equal(boot.status, "Accepted");
    const charger = await carrega.db.charger.findUniqueOrThrow({
      where: { chargePointId: "QUIRKY-1" },
    });
    assert.equal(charger.serialNumber, serial.slice(0, 25));
  });

  test("a sample in an unknown unit is dropped and its valid siblings are stored", async () => {
    const start = await client.send<{ transactionId: number }>(
      "StartTransaction",
      {
        connectorId: 1,
        idTag: "CARD-Q",
        meterStart: 0,
        timestamp: "2026-11-25T06:00:00Z",
      },
    );
    await client.call("MeterValues", {
      connectorId: 1,
      transactionId: start.transactionId,
      meterValue: [
        {
          timestamp: "2026-11-25T06:05:00Z",
          sampledValue: [
            {
              value: "12",
              measurand: "Energy.Reactive.Import.Register",
              unit: "kvarh",
            },
            { value: "1500", unit: "Wh" },
          ],
        },
      ],
    });
    const samples = await carrega.db.meterSample.findMany({
      where: { transactionId: start.transactionId },
    });
    assert.deepEqual(
      samples.map((s) => s.energyWh),
      [1500],
    );
  });

  test("a deviation not on the list is still refused with the spec's code", async () => {
    await assert.rejects(
      client.call("BootNotification", {
        chargePointVendor: "A vendor name far longer than twenty",
        chargePointModel: "Q1",
      }),
      (error: { rpcErrorCode?: string }) =>
        error.rpcErrorCode === "PropertyConstraintViolation",
    );
  });
});
