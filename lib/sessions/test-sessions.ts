// Test support for sessions: a Carrega with a DC station (a 1.6 and a 2.0.1 charger, idle-fee tariff), drivers
// with accounts and app tokens in their account's room, and strict chargers that answer remote starts as told.
import { randomBytes } from "node:crypto";
import type { RequestAccount } from "../auth/request-account";
import type { StationInput } from "../domain/station";
import { accountRoom } from "./contract";
import { createDb, type Db } from "../store/prisma";
import { upsertStation } from "../store/stations";
import { connectTestBrowser, type TestBrowser } from "../server/test-browser";
import { ccs } from "../server/test-alerts";
import { TestCharger } from "../server/test-charger";
import pino from "pino";
import { startCarrega, type Carrega } from "../server/carrega";
import {
  createTestDatabaseUrl,
  withoutPasswords,
} from "../server/test-harness";
import { withDeadline } from "../server/test-wait";

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

export type LabTimings = NonNullable<
  Parameters<typeof startCarrega>[0]["sessions"]
>;

export class SessionsLab {
  private readonly opened: (() => unknown)[] = [];
  carrega!: Carrega & { ocppUrl: string };

  private constructor(
    private readonly database: { url: string; cleanup: () => void },
    private readonly timings: LabTimings,
  ) {}

  static async start(timings: LabTimings = {}): Promise<SessionsLab> {
    const lab = new SessionsLab(createTestDatabaseUrl(), timings);
    lab.opened.push(() => lab.database.cleanup());
    await lab.boot();
    await upsertStation(lab.carrega.db, STATION_ID, station);
    // The idle fee as the operator API stores it (OCPI PARKING_TIME after a grace).
    await lab.carrega.db.station.update({
      where: { id: STATION_ID },
      data: { idlePricePerMinute: 0.2, idleGraceMinutes: 10 },
    });
    return lab;
  }

  private async boot(): Promise<void> {
    const carrega = await startCarrega({
      settings: {
        PORT: 0,
        HOST: "127.0.0.1",
        DATABASE_URL: this.database.url,
        OCPP_OFFLINE_GRACE_S: 120,
        OCPP_AUTO_REGISTER: false,
        TRUSTED_PROXIES: [],
      },
      sessions: this.timings,
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    });
    this.carrega = {
      ...carrega,
      ocppUrl: carrega.url.replace(/^http/, "ws") + "/ocpp",
    };
    this.opened.push(() => carrega.close());
  }

  /**
   * The process ends (its chargers' and browsers' sockets with it) and a new one starts on the same database;
   * `whileDown` writes what a commit left when the process died before its modules ran.
   */
  async restart(whileDown?: (db: Db) => Promise<unknown>): Promise<void> {
    await this.close(1);
    if (whileDown) {
      const db = await createDb(this.database.url);
      await whileDown(db);
      await db.$disconnect();
    }
    await this.boot();
  }

  /** An account with its app token (a DriverToken "app" and its IdTag), and a socket in the account's room. */
  async driver(name = "Ana"): Promise<Driver> {
    const { db } = this.carrega;
    const userId = randomBytes(12).toString("base64url");
    const email = `${userId}@example.test`;
    const appToken = `APP${randomBytes(8).toString("hex").toUpperCase()}`;
    await db.user.create({ data: { id: userId, name, email } });
    await db.idTag.create({ data: { idTag: appToken } });
    await db.driverToken.create({
      data: { idTag: appToken, userId, kind: "app" },
    });
    const browser = await this.browser(userId);
    return { account: { userId, email, name }, appToken, browser };
  }

  /** A socket.io client in the account's room (the handshake's account lookup is the auth module's; the room is what matters). */
  async browser(userId: string): Promise<TestBrowser> {
    const browser = connectTestBrowser(this.carrega.url);
    this.opened.push(() => browser.close());
    await withDeadline(
      new Promise<void>((resolve) => browser.once("connect", resolve)),
      "the driver's socket connected",
    );
    this.carrega.io.in(browser.id as string).socketsJoin(accountRoom(userId));
    return browser;
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
    await charger.boot("Alpitronic", "HYC300");
    const status = (connectorId: number, ocppStatus: string) =>
      charger.reportStatus(connectorId, ocppStatus);
    for (const connectorId of is201 ? [1] : [1, 2])
      await status(connectorId, "Available");
    return { charger, started, stopped, status };
  }

  /** Closes what was opened, newest first; `keep` leaves that many of the oldest (the database) open. */
  async close(keep = 0): Promise<void> {
    while (this.opened.length > keep) await this.opened.pop()?.();
  }
}
