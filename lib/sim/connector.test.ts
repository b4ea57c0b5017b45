// Simulated connectors honour holds against a real Carrega: ReserveNow shows RESERVED, expiry and cancel free it,
// a busy one is Occupied, and the reserved driver's start uses the reservation; a sim charger can refuse or stay silent.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ConnectorStatusChanged } from "../domain/events";
import { CallTimeout } from "../ocpp/call-errors";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";
import { createTestDriver } from "../server/test-holds";
import { waitFor } from "../server/test-wait";
import { upsertStation } from "../store/stations";
import { SimulatedCharger, type SimulatedChargerOptions } from "./charger";

const connectors: SimulatedChargerOptions["connectors"] = [
  {
    connectorId: 1,
    standard: "IEC_62196_T2_COMBO",
    powerType: "DC",
    maxPowerKw: 150,
  },
  { connectorId: 2, standard: "CHADEMO", powerType: "DC", maxPowerKw: 50 },
];
const ids = {
  honouring: "PT-LIS-HOLD-1",
  refusing: "PT-LIS-HOLD-NO",
  silent: "PT-LIS-HOLD-MUTE",
  faulted: "PT-LIS-HOLD-FLT",
  closed: "PT-LIS-HOLD-MNT",
};
/** Short enough to wait for in real time, long enough to see RESERVED first. */
const EXPIRY_MS = 1_500;

describe("simulated reservations", () => {
  let carrega: TestCarrega;
  let driver: Awaited<ReturnType<typeof createTestDriver>>;
  let appToken: string;
  const chargers: SimulatedCharger[] = [];
  const statuses: ConnectorStatusChanged[] = [];

  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(carrega.db, "colombo", {
      name: "Tesla Colombo",
      lat: 38.754,
      lng: -9.188,
      chargers: Object.values(ids).map((chargePointId) => ({
        chargePointId,
        allowUnauthenticated: true,
        connectors,
      })),
    });
    driver = await createTestDriver(carrega.db);
    appToken = driver.appToken;
    carrega.bus.subscribe((event) => {
      if (event.type === "ConnectorStatusChanged") statuses.push(event);
    });
    await Promise.all([
      start(ids.honouring),
      start(ids.refusing, "Rejected"),
      start(ids.silent, "silent"),
    ]);
    await waitFor("every charger's connectors AVAILABLE", async () => {
      const shown = await carrega.db.connector.count({
        where: { status: "AVAILABLE" },
      });
      return shown === 3 * connectors.length;
    });
  });
  /** A charger whose drivers never come of their own; a remote start reaches the car in well under a second. */
  function start(
    chargePointId: string,
    reservations?: SimulatedChargerOptions["reservations"],
    options: Partial<SimulatedChargerOptions> = {},
  ) {
    const charger = new SimulatedCharger({
      url: carrega.ocppUrl,
      chargePointId,
      connectors,
      reservations,
      timeScale: 600,
      behaviour: { meanIdleS: 1e9, faultChance: 0, maintenanceChance: 0 },
      ...options,
    });
    chargers.push(charger);
    return charger.start();
  }

  after(async () => {
    await Promise.all(chargers.map((charger) => charger.stop()));
    await carrega.stop();
  });

  /** The next status of the connector on the bus after `since` events, within a deadline. */
  const nextStatus = (
    connectorId: number,
    since: number,
    status: string,
    chargePointId = ids.honouring,
  ) =>
    waitFor(
      `${chargePointId} connector ${connectorId} ${status} on the bus`,
      () =>
        statuses
          .slice(since)
          .find(
            (e) =>
              e.chargePointId === chargePointId &&
              e.connectorId === connectorId &&
              e.status === status,
          ),
    );

  const reserve = (
    chargePointId: string,
    connectorId: number,
    reservationId: number,
    expiresInMs = 600_000,
    idTag = appToken,
  ) =>
    carrega.endpoint.sendCommand(chargePointId, {
      type: "Reserve",
      reservationId,
      idTag,
      connectorId,
      expiresAt: new Date(Date.now() + expiresInMs),
    });

  test("a reserved connector shows RESERVED, and AVAILABLE again at its expiry", async () => {
    const since = statuses.length;
    const reply = await reserve(ids.honouring, 1, 101, EXPIRY_MS);
    assert.deepEqual(reply, { accepted: true, status: "Accepted" });
    await nextStatus(1, since, "RESERVED");
    await nextStatus(1, since, "AVAILABLE");
  });

  test("CancelReservation frees the connector; an unknown reservation is Rejected", async () => {
    const since = statuses.length;
    await reserve(ids.honouring, 1, 102);
    await nextStatus(1, since, "RESERVED");
    const cancel = (reservationId: number) =>
      carrega.endpoint.sendCommand(ids.honouring, {
        type: "CancelReservation",
        reservationId,
      });
    assert.equal((await cancel(999)).status, "Rejected");
    assert.equal((await cancel(102)).status, "Accepted");
    await nextStatus(1, since, "AVAILABLE");
  });

  test("a reserved connector turns other drivers away, and a busy connector answers Occupied", async () => {
    const since = statuses.length;
    await reserve(ids.honouring, 2, 103);
    await nextStatus(2, since, "RESERVED");
    const start = (idTag: string) =>
      carrega.endpoint.sendCommand(ids.honouring, {
        type: "StartSession",
        idTag,
        connectorId: 2,
      });
    assert.equal((await start("SOMEONE-ELSE")).status, "Rejected");
    await carrega.endpoint.sendCommand(ids.honouring, {
      type: "CancelReservation",
      reservationId: 103,
    });
    await carrega.db.idTag.create({ data: { idTag: "DRIVER-2" } });
    assert.equal((await start("DRIVER-2")).status, "Accepted");
    await nextStatus(2, since, "CHARGING");
    assert.equal((await reserve(ids.honouring, 2, 104)).status, "Occupied");
  });

  test("a remote start with the reservation's idTag starts the session on it and the hold ends used", async () => {
    const holdId = await driver.hold(ids.honouring, { status: "requested" });
    const since = statuses.length;
    assert.equal((await reserve(ids.honouring, 1, holdId)).status, "Accepted");
    await nextStatus(1, since, "RESERVED");
    // No connector named: the charger picks the one held for this card.
    const started = await carrega.endpoint.sendCommand(ids.honouring, {
      type: "StartSession",
      idTag: appToken,
    });
    assert.equal(started.status, "Accepted");
    const used = await waitFor("the hold marked used", async () => {
      const row = await carrega.db.reservation.findUniqueOrThrow({
        where: { id: holdId },
      });
      return row.status === "used" && row;
    });
    assert.ok(used.endedAt);
    const session = await carrega.db.transaction.findFirstOrThrow({
      where: { chargePointId: ids.honouring, idTag: appToken },
    });
    assert.equal(session.connectorId, 1);
    await nextStatus(1, since, "CHARGING");
  });

  test("a charger set to refuse answers Rejected and reserves nothing; one set to stay silent never answers", async () => {
    const since = statuses.length;
    assert.deepEqual(await reserve(ids.refusing, 1, 105), {
      accepted: false,
      status: "Rejected",
    });
    await assert.rejects(
      carrega.endpoint.sendCommand(
        ids.silent,
        {
          type: "Reserve",
          reservationId: 106,
          idTag: appToken,
          connectorId: 1,
          expiresAt: new Date(Date.now() + 600_000),
        },
        300,
      ),
      CallTimeout,
    );
    // A status the refusing charger reports after the refusal: had it reserved, RESERVED would have come before.
    const asked = new Date();
    await carrega.endpoint.sendCommand(ids.refusing, {
      type: "Trigger",
      message: "StatusNotification",
      connectorId: 1,
    });
    const marker = await waitFor(
      "the refusing charger's status report",
      async () =>
        (await carrega.db.statusHistory.findFirst({
          where: {
            connector: { chargePointId: ids.refusing, connectorId: 1 },
            receivedAt: { gte: asked },
          },
        })) ?? undefined,
    );
    assert.equal(marker.ocppStatus, "Available");
    assert.ok(
      !statuses
        .slice(since)
        .some(
          (e) => e.chargePointId !== ids.honouring && e.status === "RESERVED",
        ),
    );
  });

  test("a faulted connector answers Faulted, and one taken out for maintenance Unavailable", async () => {
    const since = statuses.length;
    // Their first wait for a driver ends at once, in a fault or in maintenance that lasts simulated minutes.
    const breakingDown = { meanIdleS: 1, faultChance: 0, maintenanceChance: 0 };
    await Promise.all([
      start(ids.faulted, undefined, {
        timeScale: 60,
        behaviour: { ...breakingDown, faultChance: 1 },
      }),
      start(ids.closed, undefined, {
        timeScale: 60,
        behaviour: { ...breakingDown, maintenanceChance: 1 },
      }),
    ]);
    await nextStatus(1, since, "OUTOFORDER", ids.faulted);
    assert.equal((await reserve(ids.faulted, 1, 107)).status, "Faulted");
    await nextStatus(1, since, "INOPERATIVE", ids.closed);
    assert.equal((await reserve(ids.closed, 1, 108)).status, "Unavailable");
  });
});
