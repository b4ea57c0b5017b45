// A driver session's state from what the app and the charger said: the request's answer, the transaction, the
// connector's OCPP status and whether the car has left. Pure: every fact is passed in.
import type { SessionState } from "../sessions/contract";

export type SessionStateFacts = {
  /** requested, accepted, refused, no_answer; "charger" for a session begun at the charger. */
  request: string;
  /** The linked transaction, or null while none has opened. */
  transaction: { stoppedAt: Date | null } | null;
  /** The connector's last OCPP status (1.6 words, or 2.0.1's Occupied/Available ...), or null when never reported. */
  ocppStatus: string | null;
  departedAt: Date | null;
};

/** While a transaction is open, the connector's status says what the car is doing. */
const whileOpen: Record<string, SessionState> = {
  Preparing: "waiting_for_car",
  Charging: "charging",
  Occupied: "charging", // 2.0.1 says only Occupied; its transaction events say the rest
  SuspendedEV: "suspended",
  SuspendedEVSE: "suspended",
  Finishing: "finishing",
};

/** After the stop, a car still plugged in (the statuses that mean a cable in the socket) is finishing. */
const stillPlugged = new Set([
  "Finishing",
  "SuspendedEV",
  "SuspendedEVSE",
  "Charging",
  "Occupied",
]);

export function sessionState(facts: SessionStateFacts): SessionState {
  const { request, transaction, ocppStatus, departedAt } = facts;
  if (!transaction) {
    if (request === "refused") return "refused";
    if (request === "no_answer") return "no_answer";
    // A request withdrawn, or one the car never came for, ended without energy.
    if (departedAt) return "finished";
    return request === "accepted" && ocppStatus === "Preparing"
      ? "waiting_for_car"
      : "starting";
  }
  if (departedAt) return "finished";
  if (transaction.stoppedAt)
    return ocppStatus && stillPlugged.has(ocppStatus)
      ? "finishing"
      : "finished";
  return (ocppStatus && whileOpen[ocppStatus]) || "charging";
}
