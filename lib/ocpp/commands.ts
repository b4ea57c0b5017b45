// What drivers and operators ask of a charger, in words that do not depend on its OCPP version.

export type ChargerCommand =
  | {
      type: "StartSession";
      idTag: string;
      connectorId?: number;
      evseId?: number;
      remoteStartId?: number;
    }
  /** `transactionId` is ours (1.6); `externalId` the charger's own (2.0.1). */
  | { type: "StopSession"; transactionId: number; externalId?: string | null }
  | {
      type: "Reserve";
      reservationId: number;
      idTag: string;
      expiresAt: Date;
      connectorId: number;
      evseId?: number;
    }
  | { type: "CancelReservation"; reservationId: number }
  | {
      type: "Trigger";
      message:
        "StatusNotification" | "Heartbeat" | "BootNotification" | "MeterValues";
      connectorId?: number;
      evseId?: number;
    }
  /** Without a connector: the whole charger. */
  | {
      type: "ChangeAvailability";
      available: boolean;
      connectorId?: number;
      evseId?: number;
    }
  | { type: "Unlock"; connectorId: number; evseId?: number }
  /** `hard`: reboot now (1.6 Hard, 2.0.1 Immediate); otherwise when idle (Soft / OnIdle). */
  | { type: "Reset"; hard: boolean }
  /** 2.0.1 keys are `Component/Variable`, e.g. `OCPPCommCtrlr/HeartbeatInterval`. */
  | { type: "GetConfiguration"; keys: string[] }
  | { type: "SetConfiguration"; key: string; value: string };

export type CommandResult = {
  /** Whether the charger agreed (Accepted, Unlocked, Scheduled, RebootRequired ...). */
  accepted: boolean;
  /** The charger's own status word, for operators. */
  status: string;
  /** GetConfiguration: the values the charger reported, by key. */
  values?: Record<string, string>;
};

/** The OCPP call a command becomes in one version, and how to read its reply. */
export type CommandDialect = {
  toCall(command: ChargerCommand): { action: string; payload: object };
  readReply(
    command: ChargerCommand,
    reply: Record<string, unknown>,
  ): CommandResult;
};

const agreeing = new Set([
  "Accepted",
  "Unlocked",
  "Scheduled",
  "RebootRequired",
]);

/** A reply that is one status word: whether the charger agreed, and the word itself. */
export function resultOf(status: string): CommandResult {
  return { accepted: agreeing.has(status), status };
}
