// Our CALLs to a charger fail at once when its socket closes or is replaced, and the line behind a silent one is bounded.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestCharger } from "../server/test-charger";
import {
  oneChargerStation,
  startTestCarrega,
  type TestCarrega,
} from "../server/test-harness";
import { signal, withDeadline } from "../server/test-wait";
import { upsertStation } from "../store/stations";
import { ChargerBusy, ChargerDisconnected } from "./call-errors";
import type { ChargerCommand } from "./commands";
import { MAX_PENDING_CALLS } from "./outbound-calls";

const identity = "PT-LIS-SILENT";
const reserve: ChargerCommand = {
  type: "Reserve",
  reservationId: 1,
  idTag: "APP-1",
  expiresAt: new Date(Date.now() + 600_000),
  connectorId: 1,
};

/** Well under the 30 s the calls would otherwise wait for their reply. */
const AT_ONCE_MS = 1_000;

describe("outbound calls", () => {
  let carrega: TestCarrega;
  before(async () => {
    carrega = await startTestCarrega();
    await upsertStation(
      carrega.db,
      "alvalade",
      oneChargerStation("Galp Alvalade", identity, {
        lat: 38.753,
        lng: -9.144,
      }),
    );
  });
  after(() => carrega.stop());

  /** A booted charger that takes our CALLs and never answers them; `received` fires with the first one. */
  async function silentCharger() {
    const client = new TestCharger(carrega.ocppUrl, identity);
    const received = signal<string>();
    client.handle(({ method }) => {
      received.fire(String(method));
      return new Promise<never>(() => {});
    });
    await client.connect();
    await client.send("BootNotification", {
      chargePointVendor: "ABB",
      chargePointModel: "Terra AC",
    });
    return { client, received: received.promise };
  }

  /** Each command's failure, caught as it happens, so none is an unhandled rejection while the test waits. */
  const failures = (commands: Promise<unknown>[]) =>
    commands.map((command) =>
      command.then(
        () => new Error("the charger never answered, yet a reply was read"),
        (error: unknown) => error,
      ),
    );

  test("a command whose charger's socket closes before it answers fails at once with ChargerDisconnected, as do those waiting behind it", async () => {
    const { client, received } = await silentCharger();
    const sent = failures([
      carrega.endpoint.sendCommand(identity, reserve),
      carrega.endpoint.sendCommand(identity, {
        type: "CancelReservation",
        reservationId: 1,
      }),
    ]);
    assert.equal(
      await withDeadline(received, "the ReserveNow at the charger"),
      "ReserveNow",
    );
    const closedAt = Date.now();
    // force: ocpp-rpc would otherwise wait for its own never-ending handler; a dropped socket is the field's case too.
    await client.close({ force: true });
    const errors = await withDeadline(
      Promise.all(sent),
      "both commands to fail",
      AT_ONCE_MS,
    );
    for (const error of errors) assert.ok(error instanceof ChargerDisconnected);
    assert.deepEqual(
      errors.map((e) => (e as ChargerDisconnected).action),
      ["ReserveNow", "CancelReservation"],
    );
    assert.ok(Date.now() - closedAt < AT_ONCE_MS);
    await assert.rejects(
      carrega.endpoint.sendCommand(identity, reserve),
      /not connected/,
      "a command after the close finds no charger",
    );
  });

  test("a newer connection of the same charger fails what was pending on the old one at once", async () => {
    const old = await silentCharger();
    const [pending] = failures([
      carrega.endpoint.sendCommand(identity, reserve),
    ]);
    await withDeadline(old.received, "the ReserveNow at the old connection");
    const newer = await silentCharger();
    try {
      assert.ok(
        (await withDeadline(
          pending,
          "the old call to fail",
          AT_ONCE_MS,
        )) instanceof ChargerDisconnected,
      );
    } finally {
      await newer.client.close({ force: true });
      await old.client.close({ force: true });
    }
  });

  test(`with ${MAX_PENDING_CALLS} commands unanswered by a silent charger, one more fails at once with ChargerBusy`, async () => {
    const { client, received } = await silentCharger();
    const waiting = failures(
      Array.from({ length: MAX_PENDING_CALLS }, () =>
        carrega.endpoint.sendCommand(identity, reserve),
      ),
    );
    await withDeadline(received, "the first ReserveNow at the charger");
    await withDeadline(
      assert.rejects(
        carrega.endpoint.sendCommand(identity, reserve),
        ChargerBusy,
      ),
      "the command over the bound to fail",
      AT_ONCE_MS,
    );
    await client.close({ force: true });
    const errors = await withDeadline(
      Promise.all(waiting),
      "every waiting command to fail",
      AT_ONCE_MS,
    );
    assert.ok(errors.every((error) => error instanceof ChargerDisconnected));
  });
});
