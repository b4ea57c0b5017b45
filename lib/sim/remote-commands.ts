// The simulated charger's answers to the central system's commands: remote start/stop, holds, triggered messages.
import type { RPCClient } from "ocpp-rpc";
import type { Logger } from "../log";
import type { ReserveNowStatus, SimulatedConnector } from "./connector";

/**
 * How ReserveNow and CancelReservation are met: "honour" reserves a free connector as a charger does; a status
 * word ("Rejected", "Occupied", ...) answers every ReserveNow with it and reserves nothing; "silent" answers
 * neither, like a charger that lost the message, so the central system's timeout runs.
 */
export type ReservationAnswers =
  "honour" | "silent" | Exclude<ReserveNowStatus, "Accepted">;

/**
 * How RemoteStartTransaction is met: "accept" starts a visit on a connector that can take it (Rejected when none
 * can), as a charger does; "Rejected" refuses every one; "silent" never answers, so the central system's timeout runs.
 */
export type RemoteStartAnswers = "accept" | "Rejected" | "silent";

/** What the commands reach on the charger. */
export type CommandedCharger = {
  connectors: readonly SimulatedConnector[];
  reservations: ReservationAnswers;
  remoteStarts: RemoteStartAnswers;
  /** Settles when the charger stops. */
  stopped: Promise<void>;
  call(method: string, params: object): Promise<unknown>;
  boot(): Promise<unknown>;
  log: Logger;
};

/** A handler that never replies while the charger runs; at stop it fails, so ocpp-rpc's close can finish. */
async function neverAnswer(charger: CommandedCharger): Promise<never> {
  await charger.stopped;
  throw new Error("Simulator stopped before answering");
}

export function handleRemoteCommands(
  client: RPCClient,
  charger: CommandedCharger,
): void {
  client.handle("RemoteStartTransaction", async ({ params }) => {
    const { connectorId, idTag } = params as {
      connectorId?: number;
      idTag: string;
    };
    if (charger.remoteStarts === "silent") return neverAnswer(charger);
    if (charger.remoteStarts === "Rejected") return { status: "Rejected" };
    // A connector held for this card is the one its driver came for.
    const candidates = charger.connectors
      .filter(
        (c) => connectorId === undefined || c.spec.connectorId === connectorId,
      )
      .sort(
        (a, b) =>
          Number(b.isReservedFor(idTag)) - Number(a.isReservedFor(idTag)),
      );
    return {
      status: candidates.some((connector) => connector.beginVisit(idTag))
        ? "Accepted"
        : "Rejected",
    };
  });
  client.handle("RemoteStopTransaction", async ({ params }) => {
    const { transactionId } = params as { transactionId: number };
    return {
      status: charger.connectors.some((c) => c.requestStop(transactionId))
        ? "Accepted"
        : "Rejected",
    };
  });
  client.handle("ReserveNow", async ({ params }) => {
    const { connectorId, expiryDate, idTag, reservationId } = params as {
      connectorId: number;
      expiryDate: string;
      idTag: string;
      reservationId: number;
    };
    if (charger.reservations === "silent") return neverAnswer(charger);
    if (charger.reservations !== "honour")
      return { status: charger.reservations };
    // Connector 0 (any connector) needs ReserveConnectorZeroSupported, which this charger does not claim.
    const connector = charger.connectors.find(
      (c) => c.spec.connectorId === connectorId,
    );
    return {
      status: connector
        ? connector.reserve({ reservationId, idTag }, new Date(expiryDate))
        : "Rejected",
    };
  });
  client.handle("CancelReservation", async ({ params }) => {
    const { reservationId } = params as { reservationId: number };
    if (charger.reservations === "silent") return neverAnswer(charger);
    return {
      status: charger.connectors.some((c) => c.cancelReservation(reservationId))
        ? "Accepted"
        : "Rejected",
    };
  });
  client.handle("TriggerMessage", async ({ params }) => {
    const { requestedMessage, connectorId } = params as {
      requestedMessage: string;
      connectorId?: number;
    };
    const targets = charger.connectors.filter(
      (c) => connectorId === undefined || c.spec.connectorId === connectorId,
    );
    const send: Partial<Record<string, () => Promise<unknown>>> = {
      StatusNotification: () =>
        Promise.all(targets.map((c) => c.reportStatus())),
      MeterValues: () => Promise.all(targets.map((c) => c.reportMeterValues())),
      Heartbeat: () => charger.call("Heartbeat", {}),
      BootNotification: () => charger.boot(),
    };
    const trigger = send[requestedMessage];
    if (!trigger || targets.length === 0)
      return { status: trigger ? "Rejected" : "NotImplemented" };
    // The requested message must follow our CALLRESULT, which ocpp-rpc sends when this handler returns.
    setImmediate(() =>
      trigger().catch((error: unknown) =>
        charger.log.warn({ err: error }, "triggered message failed"),
      ),
    );
    return { status: "Accepted" };
  });
}
