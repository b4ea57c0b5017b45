// OCPP 2.0.1 spelling of the charger commands (RequestStartTransaction, ReserveNow, GetVariables, ...).
import { assertNever } from "../../domain/events";
import {
  resultOf,
  type ChargerCommand,
  type CommandDialect,
} from "../commands";

/** Keys are `Component/Variable`; a bare name is a variable of the charger's own OCPPCommCtrlr. */
function componentVariable(key: string) {
  const [component, variable] = key.includes("/")
    ? key.split("/", 2)
    : ["OCPPCommCtrlr", key];
  return { component: { name: component }, variable: { name: variable } };
}

function evse(command: { evseId?: number; connectorId?: number }) {
  return command.evseId === undefined
    ? undefined
    : { id: command.evseId, connectorId: command.connectorId };
}

function toCall(command: ChargerCommand): { action: string; payload: object } {
  switch (command.type) {
    case "StartSession":
      // The id the charger echoes in TransactionEvent is how its transaction finds the request: it must be ours.
      if (command.remoteStartId === undefined)
        throw new Error(
          "A 2.0.1 remote start needs the remoteStartId its session was given",
        );
      return {
        action: "RequestStartTransaction",
        payload: {
          idToken: { idToken: command.idTag, type: "Central" },
          remoteStartId: command.remoteStartId,
          evseId: command.evseId,
        },
      };
    case "StopSession":
      if (!command.externalId)
        throw new Error(
          "A 2.0.1 charger's transaction is stopped by its own transactionId",
        );
      return {
        action: "RequestStopTransaction",
        payload: { transactionId: command.externalId },
      };
    case "Reserve":
      return {
        action: "ReserveNow",
        payload: {
          id: command.reservationId,
          expiryDateTime: command.expiresAt.toISOString(),
          idToken: { idToken: command.idTag, type: "Central" },
          evseId: command.evseId,
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
        payload: { requestedMessage: command.message, evse: evse(command) },
      };
    case "ChangeAvailability":
      return {
        action: "ChangeAvailability",
        payload: {
          operationalStatus: command.available ? "Operative" : "Inoperative",
          evse: evse(command),
        },
      };
    case "Unlock":
      return {
        action: "UnlockConnector",
        payload: {
          evseId: command.evseId ?? 1,
          connectorId: command.connectorId,
        },
      };
    case "Reset":
      return {
        action: "Reset",
        payload: { type: command.hard ? "Immediate" : "OnIdle" },
      };
    case "GetConfiguration":
      return {
        action: "GetVariables",
        payload: { getVariableData: command.keys.map(componentVariable) },
      };
    case "SetConfiguration":
      return {
        action: "SetVariables",
        payload: {
          setVariableData: [
            {
              attributeValue: command.value,
              ...componentVariable(command.key),
            },
          ],
        },
      };
    default:
      return assertNever(command);
  }
}

type VariableResult = {
  attributeStatus: string;
  attributeValue?: string;
  component: { name: string };
  variable: { name: string };
};

export const commands201: CommandDialect = {
  toCall,
  readReply(command, reply) {
    if (command.type === "GetConfiguration") {
      const results = (reply.getVariableResult ?? []) as VariableResult[];
      const values = Object.fromEntries(
        results
          .filter(
            (r) =>
              r.attributeStatus === "Accepted" &&
              r.attributeValue !== undefined,
          )
          .map((r) => [
            `${r.component.name}/${r.variable.name}`,
            r.attributeValue as string,
          ]),
      );
      const accepted = results.every((r) => r.attributeStatus === "Accepted");
      return { accepted, status: accepted ? "Accepted" : "Rejected", values };
    }
    if (command.type === "SetConfiguration") {
      const [result] = (reply.setVariableResult ?? []) as VariableResult[];
      const status = result?.attributeStatus ?? "Rejected";
      return resultOf(status);
    }
    return resultOf(String(reply.status));
  },
};
