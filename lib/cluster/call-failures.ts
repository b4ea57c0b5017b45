// The typed failures of a charger command (lib/ocpp/call-errors.ts) as they cross between instances, and back.
import {
  CallTimeout,
  ChargerBusy,
  ChargerDisconnected,
  ChargerNotConnected,
  ChargerRefusedCall,
} from "../ocpp/call-errors";

export type CallFailure =
  | { type: "ChargerNotConnected"; chargePointId: string }
  | { type: "ChargerDisconnected"; chargePointId: string; action: string }
  | {
      type: "ChargerBusy";
      chargePointId: string;
      action: string;
      pending: number;
    }
  | { type: "CallTimeout"; action: string; timeoutMs: number }
  | {
      type: "ChargerRefusedCall";
      action: string;
      errorCode: string;
      description: string;
    }
  /** Anything else (a command the charger's version cannot express, a bug): its message only. */
  | { type: "Error"; message: string };

export function describeFailure(error: unknown): CallFailure {
  if (error instanceof ChargerNotConnected)
    return { type: "ChargerNotConnected", chargePointId: error.chargePointId };
  if (error instanceof ChargerDisconnected)
    return {
      type: "ChargerDisconnected",
      chargePointId: error.chargePointId,
      action: error.action,
    };
  if (error instanceof ChargerBusy)
    return {
      type: "ChargerBusy",
      chargePointId: error.chargePointId,
      action: error.action,
      pending: error.pending,
    };
  if (error instanceof CallTimeout)
    return {
      type: "CallTimeout",
      action: error.action,
      timeoutMs: error.timeoutMs,
    };
  if (error instanceof ChargerRefusedCall)
    return {
      type: "ChargerRefusedCall",
      action: error.action,
      errorCode: error.errorCode,
      description: error.description,
    };
  return { type: "Error", message: String((error as Error)?.message ?? error) };
}

/** The same class with the same fields as the holding instance threw, so callers catch it as they do locally. */
export function rebuildFailure(failure: CallFailure): Error {
  switch (failure.type) {
    case "ChargerNotConnected":
      return new ChargerNotConnected(failure.chargePointId);
    case "ChargerDisconnected":
      return new ChargerDisconnected(failure.chargePointId, failure.action);
    case "ChargerBusy":
      return new ChargerBusy(
        failure.chargePointId,
        failure.action,
        failure.pending,
      );
    case "CallTimeout":
      return new CallTimeout(failure.action, failure.timeoutMs);
    case "ChargerRefusedCall":
      return new ChargerRefusedCall(
        failure.action,
        failure.errorCode,
        failure.description,
      );
    case "Error":
      return new Error(failure.message);
  }
}
