// Drains the freeings outbox: each committed freeing matched once, its devices told, the first in line's hold asked.
import {
  dropFreeings,
  findFreeings,
  isAnyoneWaiting,
  matchFreeing,
  type FreedConnectorInfo,
  type FreeingMatch,
  type RequestedHold,
  type ToldAlert,
} from "../store/alert-freeings";
import { writeTransaction } from "../store/write-lock";
import { cancelReservation, reserveConnector } from "./holds";
import type { AlertsContext, Notices } from "./notices";

const FREEINGS_PER_ROUND = 100;

export type Matching = { wake(): void; stop(): Promise<void> };

/** `wake` on each committed freeing (the bus) and once at start, for what a previous process left. */
export function startMatching(
  context: AlertsContext,
  notices: Notices,
): Matching {
  const { db, commands, push, log, clock, holdAnswerMs, track } = context;
  let stopped = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;

  function wake(): void {
    if (stopped) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = drain()
      .catch((error: unknown) =>
        log.error({ err: error }, "alert matching failed"),
      )
      .finally(() => {
        draining = null;
        if (drainAgain) {
          drainAgain = false;
          wake();
        }
      });
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const ids = await findFreeings(db, FREEINGS_PER_ROUND);
      if (ids.length === 0) return;
      const now = clock();
      // Most freeings concern nobody: with no alert armed and no hold kept anywhere, one statement clears the round.
      if (!(await isAnyoneWaiting(db, now))) {
        await dropFreeings(db, ids);
        // A short round was all there was; a freeing committed since woke another drain (drainAgain).
        if (ids.length < FREEINGS_PER_ROUND) return;
        continue;
      }
      for (const id of ids) {
        const match = await writeTransaction(db, (tx) =>
          matchFreeing(db, tx, id, now, async (tx, match) => {
            for (const alert of match.told)
              await notices.enqueueNews(
                tx,
                alert,
                match.connector,
                { kind: "free" },
                now,
              );
          }),
        );
        if (match) tell(match);
      }
    }
  }

  function tell(match: FreeingMatch): void {
    const { connector } = match;
    for (const alert of match.told)
      notices.fired(alert.deviceId, alert.alertId, connector);
    if (match.told.length > 0) push.kick();
    for (const hold of match.endedHolds)
      notices.ended(
        hold.deviceId,
        hold.alertId,
        hold.expired ? "hold-expired" : "hold-released",
      );
    if (match.hold) track(holdFor(connector, match.hold, match.behindHold));
    else if (match.endedHolds.length > 0 || match.passedOver.length > 0)
      track(notices.tellLine(connector.stationId));
  }

  async function holdFor(
    connector: FreedConnectorInfo,
    hold: RequestedHold,
    behindHold: ToldAlert[],
  ): Promise<void> {
    const answer = await reserveConnector(
      commands,
      connector,
      hold,
      holdAnswerMs,
    );
    if (
      !(await notices.recordHoldAnswer(connector, hold, answer, behindHold))
    ) {
      // The driver let go while the charger was asked: a hold it made anyway is given back.
      if (answer.accepted)
        await cancelReservation(
          commands,
          connector.chargePointId,
          hold.reservationId,
          log,
        );
      return;
    }
    // Accepted, the line's first now holds; refused, a "not yet" may have been spent: either way, tell the line.
    await notices.tellLine(connector.stationId);
    if (!answer.accepted)
      log.info(
        { ...hold, chargerStatus: answer.chargerStatus },
        "hold refused",
      );
  }

  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      await draining;
    },
  };
}
