// Test support for sessions: a Carrega with a DC station (a 1.6 and a 2.0.1 charger, idle-fee tariff), drivers
// with accounts and app tokens in their account's room, and strict chargers that answer remote starts as told.
import { randomBytes } from "node:crypto";
import type { RequestAccount } from "../auth/request-account";
import type { StationInput } from "../domain/station";
import { accountRoom } from "./contract";
import { upsertStation } from "../store/stations";
import { connectTestBrowser, type TestBrowser } from "../server/test-browser";
import { TestCharger } from "../server/test-charger";
import {
  startTestCarrega,
  withoutPasswords,
  type TestCarrega,
  type TestSettings,
} from "../server/test-harness";
import { withDeadline } from "../server/test-wait";

const ccs = (connectorId: number) => ({
  connectorId,
  evseId: connectorId,
  standard: "IEC_62196_T2_COMBO" as const,
  powerType: "DC" as const,
  maxPowerKw: 150,
});

/** Gare do Oriente: SES-16 (1.6, two CCS) and SES-201 (2.0.1, one CCS); energy, time after 0, and an idle fee. */
export const station: StationInput = withoutPasswords({
  name: "Oriente Rápido",
  lat: 38.7678,
  lng: -9.0991,
  tariff: { currency: "EUR", pricePerKwh: 0.4, pricePerMinute: 0.05 },
  chargers: [
    { chargePointId: "SES-16", connectors: [ccs(1), ccs(2)] },
    { chargePointId: "SES-201", connectors: [ccs(1)] },
  ],
});
export const STATION_ID = "oriente-rapido";

export type StartAnswer = "Accepted" | "Rejected" | "silent";

export type Driver = {
  account: RequestAccount;
  appToken: string;
  browser: TestBrowser;
};

export class SessionsLab {
  private readonly opened: (() => unknown)[] = [];

  private constructor(readonly carrega: TestCarrega) {}

  static async start(settings: TestSettings = {}): Promise<SessionsLab> {
    const lab = new SessionsLab(await startTestCarrega(settings));
    lab.opened.push(() => lab.carrega.stop());
    await upsertStation(lab.carrega.db, STATION_ID, station);
    // The idle fee as the operator API will store it (idlePricePerMinute / idleGraceMinutes).
    await lab.carrega.db.station.update({
      where: { id: STATION_ID },
      data: { idlePricePerMinute: 0.2, idleGraceMinutes: 10 },
    });
    return lab;
  }

  /** An account with its app token (a DriverToken "app" and its IdTag), and a socket in the account's room. */
  async driver(name = "Ana"): Promise<Driver> {
    const { db, io } = this.carrega;
    const userId = randomBytes(12).toString("base64url");
    const email = `${userId}@example.test`;
    const appToken = `APP${randomBytes(8).toString("hex").toUpperCase()}`;
    await db.user.create({ data: { id: userId, name, email } });
    await db.idTag.create({ data: { idTag: appToken } });
    await db.driverToken.create({
      data: { idTag: appToken, userId, kind: "app" },
    });
    const browser = connectTestBrowser(this.carrega.url);
    this.opened.push(() => browser.close());
    await withDeadline(
      new Promise<void>((resolve) => browser.once("connect", resolve)),
      "the driver's socket connected",
    );
    // The handshake's account lookup is the auth helper's; the room is what matters here.
    io.in(browser.id as string).socketsJoin(accountRoom(userId));
    return { account: { userId, email, name }, appToken, browser };
  }

  /**
   * A strict charger with its connectors Available, answering remote starts as `answer` says. `started` lists the
   * idTags (and 2.0.1 remoteStartIds) it was asked to start with.
   */
  async charger(
    chargePointId: "SES-16" | "SES-201",
    answer: () => StartAnswer = () => "Accepted",
  ) {
    const is201 = chargePointId === "SES-201";
    const charger = new TestCharger(this.carrega.ocppUrl, chargePointId, {
      protocols: [is201 ? "ocpp2.0.1" : "ocpp1.6"],
    });
    this.opened.push(() => charger.close({ force: true }));
    const started: {
      idTag: string;
      remoteStartId?: number;
      evseId?: number;
      connectorId?: number;
    }[] = [];
    const stopped: unknown[] = [];
    const reply = (status: StartAnswer) =>
      status === "silent"
        ? new Promise<never>(() => undefined) // never answers: the server's timeout decides
        : { status };
    if (is201) {
      charger.handle("RequestStartTransaction", ({ params }) => {
        const p = params as {
          idToken: { idToken: string };
          remoteStartId: number;
          evseId?: number;
        };
        started.push({
          idTag: p.idToken.idToken,
          remoteStartId: p.remoteStartId,
          evseId: p.evseId,
        });
        return Promise.resolve(reply(answer()));
      });
      charger.handle("RequestStopTransaction", ({ params }) => {
        stopped.push(params);
        return Promise.resolve({ status: "Accepted" });
      });
    } else {
      charger.handle("RemoteStartTransaction", ({ params }) => {
        const p = params as { idTag: string; connectorId?: number };
        started.push({ idTag: p.idTag, connectorId: p.connectorId });
        return Promise.resolve(reply(answer()));
      });
      charger.handle("RemoteStopTransaction", ({ params }) => {
        stopped.push(params);
        return Promise.resolve({ status: "Accepted" });
      });
    }
    await charger.connect();
    await charger.send(
      "BootNotification",
      is201
        ? {
            reason: "PowerUp",
            chargingStation: { vendorName: "Alpitronic", model: "HYC300" },
          }
        : { chargePointVendor: "Alpitronic", chargePointModel: "HYC300" },
    );
    const status = (connectorId: number, ocppStatus: string) =>
      is201
        ? charger.send("StatusNotification", {
            timestamp: new Date().toISOString(),
            connectorStatus: ocppStatus,
            evseId: connectorId,
            connectorId: 1,
          })
        : charger.send("StatusNotification", {
            connectorId,
            status: ocppStatus,
            errorCode: "NoError",
          });
    for (const connectorId of is201 ? [1] : [1, 2])
      await status(connectorId, "Available");
    return { charger, started, stopped, status };
  }

  async close(): Promise<void> {
    while (this.opened.length > 0) await this.opened.pop()?.();
  }
}
