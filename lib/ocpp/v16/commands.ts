// OCPP 1.6J spelling of the charger commands (RemoteStartTransaction, ReserveNow, GetConfiguration, ...).
import { assertNever } from "../../domain/events";
import { resultOf, type CommandDialect } from "../commands";

export const commands16: CommandDialect = {
  toCall(command) {
    switch (command.type) {
      case "StartSession":
        return {
          action: "RemoteStartTransaction",
          payload: { idTag: command.idTag, connectorId: command.connectorId },
        };
      case "StopSession":
        return {
          action: "RemoteStopTransaction",
          payload: { transactionId: command.transactionId },
        };
      case "Reserve":
        return {
          action: "ReserveNow",
          payload: {
            connectorId: command.connectorId,
            expiryDate: command.expiresAt.toISOString(),
            idTag: command.idTag,
            reservationId: command.reservationId,
          },
        };
      case "CancelReservation":
        return {
          action: "CancelReservation",
          payload: { reservationId: command.reservationId },
        };
      case "Trigger":
        return {
          action: "TriggerMessage",
          payload: {
            requestedMessage: command.message,
            connectorId: command.connectorId,
          },
        };
      case "ChangeAvailability":
        return {
          action: "ChangeAvailability",
          payload: {
            connectorId: command.connectorId ?? 0,
            type: command.available ? "Operative" : "Inoperative",
          },
        };
      case "Unlock":
        return {
          action: "UnlockConnector",
          payload: { connectorId: command.connectorId },
        };
      case "Reset":
        return {
          action: "Reset",
          payload: { type: command.hard ? "Hard" : "Soft" },
        };
      case "GetConfiguration":
        return {
          action: "GetConfiguration",
          payload: command.keys.length > 0 ? { key: command.keys } : {},
        };
      case "SetConfiguration":
        return {
          action: "ChangeConfiguration",
          payload: { key: command.key, value: command.value },
        };
      default:
        return assertNever(command);
    }
  },

  readReply(command, reply) {
    if (command.type === "GetConfiguration") {
      const found = (reply.configurationKey ?? []) as {
        key: string;
        value?: string;
      }[];
      const values = Object.fromEntries(
        found
          .filter((k) => k.value !== undefined)
          .map((k) => [k.key, k.value as string]),
      );
      const unknown = (reply.unknownKey ?? []) as string[];
      return {
        accepted: unknown.length === 0,
        status: unknown.length === 0 ? "Accepted" : "UnknownKey",
        values,
      };
    }
    return resultOf(String(reply.status));
  },
};
