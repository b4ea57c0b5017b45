// Test support for alerts: a Carrega with two Lisbon stations, strict busy chargers, and drivers in their device rooms.
import { DEVICE_COOKIE } from "../api/device";
import type { StationInput } from "../domain/station";
import { createDevice } from "../store/devices";
import { upsertStation } from "../store/stations";
import {
  connectTestBrowser,
  nextMessage,
  type TestBrowser,
} from "./test-browser";
import { TestCharger, type TestChargerOptions } from "./test-charger";
import {
  startTestCarrega,
  withoutPasswords,
  type TestCarrega,
} from "./test-harness";

/** A 150 kW CCS connector on its own EVSE: the test stations' fast chargers. */
export const ccs = (connectorId: number) => ({
  connectorId,
  evseId: connectorId,
  standard: "IEC_62196_T2_COMBO" as const,
  powerType: "DC" as const,
  maxPowerKw: 150,
});

/** Oriente: two CCS on a 1.6 charger (ORI-1) and one on a 2.0.1 charger (ORI-2); Moscavide 1.6 km north, Type 2. */
const stations: Record<string, StationInput> = {
  oriente: withoutPasswords({
    name: "Oriente",
    lat: 38.7678,
    lng: -9.0991,
    chargers: [
      { chargePointId: "ORI-1", connectors: [ccs(1), ccs(2)] },
      { chargePointId: "ORI-2", connectors: [ccs(1)] },
    ],
  }),
  moscavide: withoutPasswords({
    name: "Moscavide",
    lat: 38.7822,
    lng: -9.1011,
    chargers: [
      {
        chargePointId: "MOS-1",
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
  }),
};

/** What a charger was asked to reserve, in either version's words. */
export type ReserveAsked = {
  idTag: string;
  reservationId: number;
  connectorId?: number;
  evseId?: number;
};

type ReserveAnswer = (asked: ReserveAsked) => string | Promise<string>;

export class AlertsLab {
  private readonly opened: (() => unknown)[] = [];

  private constructor(readonly carrega: TestCarrega) {}

  static async start(): Promise<AlertsLab> {
    const lab = new AlertsLab(await startTestCarrega());
    lab.opened.push(() => lab.carrega.stop());
    for (const [id, station] of Object.entries(stations))
      await upsertStation(lab.carrega.db, id, station);
    return lab;
  }

  /** A strict charger with the given connectors busy, answering ReserveNow as the test says (Accepted by default). */
  async busyCharger(
    chargePointId: string,
    connectors: number[],
    reserve: ReserveAnswer = () => "Accepted",
    options: TestChargerOptions = {},
  ) {
    const charger = new TestCharger(
      this.carrega.ocppUrl,
      chargePointId,
      options,
    );
    this.opened.push(() => charger.close({ force: true }));
    const is201 = options.protocols?.includes("ocpp2.0.1") ?? false;
    const reservations: ReserveAsked[] = [];
    charger.handle("ReserveNow", async ({ params }) => {
      const p = params as ReserveAsked & {
        id?: number;
        idToken?: { idToken: string };
      };
      const asked: ReserveAsked = is201
        ? {
            idTag: p.idToken?.idToken ?? "",
            reservationId: p.id ?? 0,
            evseId: p.evseId,
          }
        : p;
      reservations.push(asked);
      return { status: await reserve(asked) };
    });
    charger.handle("CancelReservation", async () => ({ status: "Accepted" }));
    await charger.connect();
    await charger.boot();
    const report = (connectorId: number, status: string) =>
      charger.reportStatus(connectorId, status);
    for (const connectorId of connectors) await report(connectorId, "Charging");
    return { charger, reservations, report };
  }

  /** A device and a socket.io client in its room, as a browser with the device cookie would be. */
  async driver(): Promise<{
    device: Awaited<ReturnType<typeof createDevice>>["device"];
    browser: TestBrowser;
  }> {
    const { device, token } = await createDevice(this.carrega.db);
    const browser = connectTestBrowser(this.carrega.url, {
      cookie: `${DEVICE_COOKIE}=${token}`,
    });
    this.opened.push(() => browser.close());
    await nextMessage(browser, "device:joined");
    return { device, browser };
  }

  async close(): Promise<void> {
    while (this.opened.length > 0) await this.opened.pop()?.();
  }
}
