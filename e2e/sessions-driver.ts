// Helpers for the session specs: a station on the empty server with a strict OCPP 1.6 test charger that answers
// remote starts as told and meters a charge the spec paces, and driver accounts signed up in a browser context.
import type { BrowserContext, Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { SessionView } from "@/lib/sessions/contract";
import type { ServerToClientEvents } from "@/lib/realtime/protocol";
import { TestCharger } from "@/lib/server/test-charger";
import { waitFor } from "@/lib/server/test-wait";
import { Inbox } from "./alerts-driver";
import { putStation, type TestStation } from "./driver";
import { expect } from "./fixtures";
import { emptyOcppUrl, emptyUrl } from "./ports";

export type RemoteStart = { connectorId?: number; idTag: string };

/** A DC station of one charger with a tariff (energy, and time after 30 min) on the empty network. */
export function sessionStation(
  name: string,
  chargePointId: string,
): TestStation {
  return {
    name,
    lat: 38.7369,
    lng: -9.1427,
    address: "Av. da República 50, 1050-196 Lisboa",
    tariff: {
      currency: "EUR",
      pricePerKwh: 0.45,
      pricePerMinute: 0.1,
      pricePerMinuteAfterMin: 30,
    },
    chargers: [
      {
        chargePointId,
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2_COMBO",
            powerType: "DC",
            maxPowerKw: 150,
          },
        ],
      },
    ],
  };
}

/**
 * The charger a spec drives: boots, says Available, answers RemoteStartTransaction with `startAnswer`, and on the
 * spec's word plugs the car in, starts the transaction, meters it and stops it (remotely or at the spec's word).
 */
export class SessionCharger {
  startAnswer: "Accepted" | "Rejected" = "Accepted";
  readonly remoteStarts = new Inbox<RemoteStart>(
    "a RemoteStartTransaction at the charger",
  );
  readonly remoteStops = new Inbox<number>(
    "a RemoteStopTransaction at the charger",
  );
  private readonly charger: TestCharger;
  private transactionId: number | null = null;
  private energyWh = 0;
  private socPct = 40;
  /** The charger's clock for samples: minutes of charging pass between samples sent a moment apart. */
  private meterClock = Date.now();

  /** `ocppUrl`: the empty server's by default; the cluster spec picks an instance. */
  constructor(
    readonly chargePointId: string,
    ocppUrl = emptyOcppUrl,
  ) {
    this.charger = new TestCharger(ocppUrl, chargePointId);
    this.charger.handle("RemoteStartTransaction", async ({ params }) => {
      this.remoteStarts.put(params as RemoteStart);
      return { status: this.startAnswer };
    });
    this.charger.handle("RemoteStopTransaction", async ({ params }) => {
      this.remoteStops.put((params as { transactionId: number }).transactionId);
      return { status: "Accepted" };
    });
  }

  async start() {
    await this.charger.connect();
    await this.charger.send("BootNotification", {
      chargePointVendor: "Carrega E2E",
      chargePointModel: "Sessions",
    });
    await this.status("Available");
  }

  status(status: "Available" | "Preparing" | "Charging" | "Finishing") {
    return this.charger.send("StatusNotification", {
      connectorId: 1,
      errorCode: "NoError",
      status,
      timestamp: new Date().toISOString(),
    });
  }

  /**
   * The charger opens the transaction for the tag the remote start carried. Its clock starts `minutesAgo` back, so
   * samples a second apart can each carry a minute of charging and stay true to the connector's power (a session
   * whose energy outran its power would be a meter fault, and the math drops it).
   */
  async beginTransaction(idTag: string, minutesAgo = 30) {
    this.meterClock = Date.now() - minutesAgo * 60_000;
    const reply = await this.charger.send<{
      transactionId: number;
      idTagInfo: { status: string };
    }>("StartTransaction", {
      connectorId: 1,
      idTag,
      meterStart: 0,
      timestamp: new Date(this.meterClock).toISOString(),
    });
    expect(reply.idTagInfo.status).toBe("Accepted");
    this.transactionId = reply.transactionId;
    await this.status("Charging");
    return reply.transactionId;
  }

  /** One MeterValues sample: `kw` for `seconds` more of charging, the battery rising with it (an 80 kWh car). */
  meter(kw: number, seconds: number) {
    this.meterClock = Math.min(Date.now(), this.meterClock + seconds * 1000);
    const addedWh = (kw * 1000 * seconds) / 3600;
    this.energyWh += addedWh;
    this.socPct = Math.min(100, this.socPct + (addedWh / 80_000) * 100);
    return this.charger.send("MeterValues", {
      connectorId: 1,
      transactionId: this.transactionId,
      meterValue: [
        {
          timestamp: new Date(this.meterClock).toISOString(),
          sampledValue: [
            {
              value: String(Math.round(this.energyWh)),
              measurand: "Energy.Active.Import.Register",
              unit: "Wh",
            },
            {
              value: String(kw * 1000),
              measurand: "Power.Active.Import",
              unit: "W",
            },
            {
              value: this.socPct.toFixed(1),
              measurand: "SoC",
              unit: "Percent",
              location: "EV",
            },
          ],
        },
      ],
    });
  }

  /** Finishing, StopTransaction, then Available as the driver unplugs; `unplug: false` leaves the car plugged in. */
  async stopTransaction({ unplug = true } = {}) {
    await this.status("Finishing");
    await this.charger.send("StopTransaction", {
      transactionId: this.transactionId,
      meterStop: Math.round(this.energyWh),
      timestamp: new Date().toISOString(),
      reason: "Remote",
    });
    // The driver unplugs and leaves.
    if (unplug) await this.status("Available");
  }

  /** Resolves when the server closes the charger's socket (another connection replaced it, or the server went). */
  closed(): Promise<{ code: number }> {
    return new Promise((resolve) => this.charger.once("close", resolve));
  }

  close() {
    return this.charger.close({ force: true });
  }
}

/** A station with its charger connected and Available on the empty server. */
export async function startSessionStation(
  request: Parameters<typeof putStation>[0],
  id: string,
  station: TestStation,
): Promise<SessionCharger> {
  await putStation(request, id, station, emptyUrl);
  const charger = new SessionCharger(station.chargers[0].chargePointId);
  await charger.start();
  return charger;
}

/** Signs a new driver up through Better Auth's route with the browser context's cookie jar: the context is signed in. */
export async function signUp(
  context: BrowserContext,
  name: string,
  server = emptyUrl,
) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@e2e.test`;
  const response = await context.request.post(
    `${server}/api/auth/sign-up/email`,
    {
      data: { email, password: "correct horse battery staple", name },
      headers: { origin: server },
    },
  );
  expect(response.status(), await response.text()).toBe(200);
  return { email };
}

/** The account's app token (its idTag): the tag the charger sees in a remote start for this driver. */
export async function appToken(
  context: BrowserContext,
  server = emptyUrl,
): Promise<string> {
  const response = await context.request.get(`${server}/api/me/tokens`);
  expect(response.status()).toBe(200);
  const { tokens } = (await response.json()) as {
    tokens: { idTag: string; kind: string }[];
  };
  const app = tokens.find((token) => token.kind === "app");
  expect(app, "the account has an app token").toBeDefined();
  return app!.idTag;
}

/** A socket.io client with the context's cookies, in the account's room once `joined` resolves; it keeps every update. */
export async function accountSocket(context: BrowserContext) {
  const cookie = (await context.cookies(emptyUrl))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  const socket: Socket<ServerToClientEvents> = io(emptyUrl, {
    transports: ["websocket"],
    extraHeaders: { cookie },
  });
  const updates: SessionView[] = [];
  socket.on("session:update", (view) => updates.push(view));
  let isJoined = false;
  socket.on("account:joined", () => (isJoined = true));
  await waitFor("account:joined on the second driver's socket", () => isJoined);
  return { socket, updates };
}

/** The session page's live region says the socket is in the account's room. */
export async function expectSessionLive(page: Page) {
  await expect(page.locator(".alert-toasts")).toHaveAttribute(
    "data-account-joined",
    "true",
  );
}
