// Holds end as chargers say: 2.0.1 ReservationStatusUpdate, and a 1.6 or 2.0.1 session started on the reservation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { TestCharger } from "../server/test-charger";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { createTestDriver } from "../server/test-holds";
import { waitFor } from "../server/test-wait";
import { upsertStation } from "./stations";

const charger16 = "PT-LIS-RES-16";
const charger201 = "PT-LIS-RES-201";

type Ended = Extract<PublicEvent, { type: "ReservationEnded" }>;

describe("reservations ended by chargers", () => {
  let carrega: TestCarrega;
  let driver: Awaited<ReturnType<typeof createTestDriver>>;
  let appToken: string;
  const heard: Ended[] = [];
  const clients: TestCharger[] = [];

  before(async () => {
    carrega = await startTestCarrega();
    const connector = {
      connectorId: 1,
      evseId: 1,
      standard: "IEC_62196_T2_COMBO" as const,
      powerType: "DC" as const,
      maxPowerKw: 150,
    };
    await upsertStation(carrega.db, "oriente", {
      name: "Ionity Oriente",
      lat: 38.768,
      lng: -9.099,
      chargers: [
        {
          chargePointId: charger16,
          allowUnauthenticated: true,
          connectors: [connector],
        },
        {
          chargePointId: charger201,
          allowUnauthenticated: true,
          connectors: [connector],
        },
      ],
    });
    driver = await createTestDriver(carrega.db);
    appToken = driver.appToken;
    carrega.bus.subscribe((event) => {
      if (event.type === "ReservationEnded") heard.push(event);
    });
  });
  after(async () => {
    for (const client of clients) await client.close();
    await carrega.stop();
  });

  async function connect(identity: string, protocol: "ocpp1.6" | "ocpp2.0.1") {
    const client = new TestCharger(carrega.ocppUrl, identity, {
      protocols: [protocol],
    });
    await client.connect();
    clients.push(client);
    return client;
  }

  const hold = (chargePointId: string) => driver.hold(chargePointId);

  const reservation = (id: number) =>
    carrega.db.reservation.findUniqueOrThrow({ where: { id } });
  const heardOf = (reservationId: number) =>
    waitFor(`ReservationEnded for ${reservationId} on the bus`, () =>
      heard.find((e) => e.reservationId === reservationId),
    );

  test("a 2.0.1 ReservationStatusUpdate Expired is answered {} and ends the hold as expired, heard on the bus", async () => {
    const client = await connect(charger201, "ocpp2.0.1");
    const id = await hold(charger201);
    const before = new Date();
    const reply = await client.send("ReservationStatusUpdate", {
      reservationId: id,
      reservationUpdateStatus: "Expired",
    });
    assert.deepEqual(reply, {});
    const row = await reservation(id);
    assert.equal(row.status, "expired");
    assert.ok(row.endedAt && row.endedAt >= before, "endedAt is set");
    assert.deepEqual(await heardOf(id), {
      type: "ReservationEnded",
      reservationId: id,
      reason: "expired",
    });
  });

  test("a Removed update ends the hold as cancelled; one for another charger's hold or an ended one changes nothing", async () => {
    const client = clients[0];
    const theirs = await hold(charger16);
    const ours = await hold(charger201);
    const ended = await hold(charger201);
    await client.send("ReservationStatusUpdate", {
      reservationId: ended,
      reservationUpdateStatus: "Expired",
    });
    await heardOf(ended);
    const endedAt = (await reservation(ended)).endedAt;
    for (const reservationId of [theirs, ended, 999_999])
      assert.deepEqual(
        await client.send("ReservationStatusUpdate", {
          reservationId,
          reservationUpdateStatus: "Removed",
        }),
        {},
      );
    await client.send("ReservationStatusUpdate", {
      reservationId: ours,
      reservationUpdateStatus: "Removed",
    });
    assert.equal((await heardOf(ours)).reason, "cancelled");
    assert.equal((await reservation(ours)).status, "cancelled");
    // The updates that changed nothing came before the one that did, so the bus had heard them by now.
    assert.equal(heard.filter((e) => e.reservationId === ended).length, 1);
    assert.ok(!heard.some((e) => e.reservationId === theirs));
    assert.equal((await reservation(theirs)).status, "accepted");
    assert.deepEqual((await reservation(ended)).endedAt, endedAt);
  });

  test("a 1.6 StartTransaction with the reservationId uses the hold, once, and the bus hears it used", async () => {
    const client = await connect(charger16, "ocpp1.6");
    const id = await hold(charger16);
    const start = {
      connectorId: 1,
      idTag: appToken,
      meterStart: 1_000,
      timestamp: new Date().toISOString(),
      reservationId: id,
    };
    const reply = await client.send<{ idTagInfo: { status: string } }>(
      "StartTransaction",
      start,
    );
    assert.equal(reply.idTagInfo.status, "Accepted");
    assert.equal((await heardOf(id)).reason, "used");
    const row = await reservation(id);
    assert.equal(row.status, "used");
    assert.ok(row.endedAt);
    // A retransmitted start is one session and no second end; a later end, heard after it, proves it was quiet.
    await client.send("StartTransaction", start);
    const later = await hold(charger201);
    await clients[0].send("ReservationStatusUpdate", {
      reservationId: later,
      reservationUpdateStatus: "Expired",
    });
    await heardOf(later);
    assert.equal(heard.filter((e) => e.reservationId === id).length, 1);
  });

  test("a 1.6 start naming another charger's reservation leaves that hold alone", async () => {
    const client = clients[1];
    const theirs = await hold(charger201);
    await client.send("StartTransaction", {
      connectorId: 1,
      idTag: "SOMEONE-ELSE",
      meterStart: 2_000,
      timestamp: new Date(Date.now() + 1_000).toISOString(),
      reservationId: theirs,
    });
    assert.equal((await reservation(theirs)).status, "accepted");
  });

  test("a 2.0.1 TransactionEvent Started with the reservationId uses the hold", async () => {
    const client = clients[0];
    const id = await hold(charger201);
    // The same driver's 1.6 session above is still open (ConcurrentTx): the hold is used all the same.
    await client.send("TransactionEvent", {
      eventType: "Started",
      timestamp: new Date().toISOString(),
      triggerReason: "Authorized",
      seqNo: 0,
      reservationId: id,
      transactionInfo: { transactionId: "tx-res-201" },
      idToken: { idToken: appToken, type: "Central" },
      evse: { id: 1, connectorId: 1 },
    });
    assert.equal((await heardOf(id)).reason, "used");
    assert.equal((await reservation(id)).status, "used");
  });
});
