// The station a charger's status reports are published under is read once, and read again after an operator's change:
// a station moved, or a charger given to another station, shows on the map where the operator put it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { TestCharger } from "../server/test-charger";
import {
  oneChargerStation,
  startTestCarrega,
  type TestCarrega,
} from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { upsertStation } from "./stations";

type StatusChanged = Extract<PublicEvent, { type: "ConnectorStatusChanged" }>;

const CHARGER = "PT-LIS-MOVE-1";
const alvalade = { lat: 38.7531, lng: -9.1438 };
const belem = { lat: 38.6979, lng: -9.2066 };

let carrega: TestCarrega;
let charger: TestCharger;
const heard: StatusChanged[] = [];

before(async () => {
  carrega = await startTestCarrega();
  carrega.bus.subscribe((event) => {
    if (event.type === "ConnectorStatusChanged") heard.push(event);
  });
  await upsertStation(
    carrega.db,
    "alvalade",
    oneChargerStation("Alvalade", CHARGER, alvalade),
  );
  charger = new TestCharger(carrega.ocppUrl, CHARGER);
  await charger.connect();
  await charger.boot();
});
after(async () => {
  await charger?.close({ force: true });
  await carrega?.stop();
});

/** Reports `status` and returns the public change it made. */
async function report(status: string): Promise<StatusChanged> {
  const before = heard.length;
  await charger.reportStatus(1, status);
  return waitFor(`the ${status} report's public change`, () =>
    heard.length > before ? heard[heard.length - 1] : undefined,
  );
}

test("a station the operator moves is published at its new place from the next report on", async () => {
  assert.deepEqual(
    await report("Available").then(({ stationId, lat, lng }) => ({
      stationId,
      lat,
      lng,
    })),
    { stationId: "alvalade", ...alvalade },
  );
  await report("Charging"); // read from memory this time
  await upsertStation(
    carrega.db,
    "alvalade",
    oneChargerStation("Alvalade", CHARGER, belem),
  );
  const moved = await report("Available");
  assert.deepEqual(
    { stationId: moved.stationId, lat: moved.lat, lng: moved.lng },
    { stationId: "alvalade", ...belem },
  );
});

test("a charger the operator gives to another station reports under that station", async () => {
  await upsertStation(
    carrega.db,
    "belem",
    oneChargerStation("Belém", CHARGER, belem),
  );
  const changed = await report("Charging");
  assert.equal(changed.stationId, "belem");
});
