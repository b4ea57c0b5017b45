// Holds on the charger: ReserveNow for the first in line, CancelReservation when a driver lets go, and their answers.
import { COMMAND_ANSWER_MS } from "../ocpp/outbound-calls";
import type { ChargerCommands } from "../server/app-services";
import type { Logger } from "../log";
import type { RequestedHold } from "../store/alert-freeings";
import type { FreedConnectorInfo } from "../store/alert-freeings";

export type HoldAnswer = { accepted: boolean; chargerStatus: string };

/** Asks the charger to reserve the connector; every failure (refusal, silence, gone) is an answer, never a throw. */
export async function reserveConnector(
  commands: ChargerCommands,
  connector: FreedConnectorInfo,
  hold: RequestedHold,
  answerMs = COMMAND_ANSWER_MS,
): Promise<HoldAnswer> {
  try {
    const result = await commands.send(
      connector.chargePointId,
      {
        type: "Reserve",
        reservationId: hold.reservationId,
        idTag: hold.idTag,
        expiresAt: hold.holdExpiresAt,
        connectorId: connector.connectorId,
        evseId: connector.evseId ?? undefined,
      },
      answerMs,
    );
    return { accepted: result.accepted, chargerStatus: result.status };
  } catch (error) {
    return {
      accepted: false,
      chargerStatus: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Lets the charger free a held connector; the driver has moved on already, so a failure is only logged. */
export async function cancelReservation(
  commands: ChargerCommands,
  chargePointId: string,
  reservationId: number,
  log: Logger,
): Promise<void> {
  try {
    const result = await commands.send(
      chargePointId,
      { type: "CancelReservation", reservationId },
      COMMAND_ANSWER_MS,
    );
    if (!result.accepted)
      log.warn(
        { chargePointId, reservationId, status: result.status },
        "CancelReservation refused",
      );
  } catch (error) {
    log.warn(
      { err: error, chargePointId, reservationId },
      "CancelReservation failed",
    );
  }
}
