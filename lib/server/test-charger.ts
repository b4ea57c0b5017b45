// Test support: a charger nobody on the team wrote (ocpp-rpc's strict RPCClient), with typed options and replies.
import { RPCClient } from "ocpp-rpc";
import WebSocket from "ws";

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

/** ocpp-rpc's typings mark every option required; these are the ones a test chooses. */
export type TestChargerOptions = Partial<
  Pick<ClientOptions, "protocols" | "strictMode" | "password" | "reconnect">
>;

export class TestCharger extends RPCClient {
  constructor(
    endpoint: string,
    identity: string,
    options: TestChargerOptions = {},
  ) {
    super({
      endpoint,
      identity,
      protocols: ["ocpp1.6"],
      strictMode: true,
      reconnect: false,
      ...options,
    } as ClientOptions);
  }

  /** A CALL whose CALLRESULT the test reads as the shape it expects (strict mode validated it already). */
  async send<Reply = Record<string, unknown>>(
    action: string,
    payload: object,
  ): Promise<Reply> {
    return (await this.call(action, payload)) as Reply;
  }

  /** Whether the connection speaks OCPP 2.0.1 (after connect: the subprotocol the server chose). */
  get is201(): boolean {
    return this.protocol === "ocpp2.0.1";
  }

  /** BootNotification in the charger's version. */
  boot(vendor = "ABB", model = "Terra 184") {
    return this.send(
      "BootNotification",
      this.is201
        ? {
            reason: "PowerUp",
            chargingStation: { vendorName: vendor, model },
          }
        : { chargePointVendor: vendor, chargePointModel: model },
    );
  }

  /** A StatusNotification in the charger's version: 2.0.1 says Occupied for Charging, and names EVSE n's connector 1. */
  reportStatus(connectorId: number, status: string) {
    return this.is201
      ? this.send("StatusNotification", {
          timestamp: new Date().toISOString(),
          connectorStatus: status === "Charging" ? "Occupied" : status,
          evseId: connectorId,
          connectorId: 1,
        })
      : this.send("StatusNotification", {
          connectorId,
          status,
          errorCode: "NoError",
        });
  }
}

/** HTTP Basic credentials as a charger sends them (OCPP security profile 1). */
export const basicAuth = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

/** The HTTP status an OCPP 1.6 WebSocket upgrade to `url` gets: 101 when admitted, else the refusal's. */
export function upgradeStatus(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, "ocpp1.6", options);
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", () => undefined);
  });
}
