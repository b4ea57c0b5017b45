// The bus between instances: only the event types some subscriber wants from every instance are relayed, and
// events from elsewhere reach only the subscribers that asked for their type.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { PublicEvent } from "../domain/events";
import { waitFor } from "../server/test-wait";
import { EventBus } from "./event-bus";

const statusChanged: PublicEvent = {
  type: "ConnectorStatusChanged",
  stationId: "saldanha",
  lat: 38.7343,
  lng: -9.1448,
  chargePointId: "PT-1",
  connectorId: 1,
  evseId: null,
  status: "CHARGING",
  statusSince: new Date(),
  connectorPk: 1,
};
const progressed: PublicEvent = {
  type: "TransactionProgressed",
  transactionId: 7,
  chargePointId: "PT-1",
  ended: false,
  linked: false,
};

test("only wanted types go to the other instances, and theirs only to the subscribers that want them", async () => {
  const bus = new EventBus();
  const local: string[] = [];
  const everywhere: string[] = [];
  bus.subscribe((event) => void local.push(event.type));
  bus.subscribe((event) => void everywhere.push(event.type), {
    everyInstance: ["ConnectorStatusChanged"],
  });
  const relayed: PublicEvent[][] = [];
  bus.relayTo((events) => relayed.push([...events]));

  // A MeterValues commit: nobody elsewhere wants it, so nothing is encoded or published.
  bus.publish([progressed]);
  bus.publish([progressed, statusChanged]);
  assert.deepEqual(relayed, [[statusChanged]]);

  bus.deliverRemote([progressed, statusChanged]);
  // Local events reach every subscriber here whatever their type; a remote one only those that want its type.
  await waitFor("the every-instance deliveries", () => everywhere.length === 4);
  assert.deepEqual(everywhere, [
    "TransactionProgressed",
    "TransactionProgressed",
    "ConnectorStatusChanged",
    "ConnectorStatusChanged",
  ]);
  assert.deepEqual(local, [
    "TransactionProgressed",
    "TransactionProgressed",
    "ConnectorStatusChanged",
  ]);
});
