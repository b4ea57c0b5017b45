// When an occupied connector will likely free up, for the public map: the late edge of its session's ETA band.
import {
  DEFAULT_TARGET_SOC_PCT,
  type SessionTarget,
} from "../sessions/contract";
import { computeSessionProgress, type SessionFacts } from "./session-progress";

export type FreeAtFacts = Omit<SessionFacts, "tariff" | "target"> & {
  /** The driver's target for an app session; null for a card session, whose driver told us nothing. */
  target: SessionTarget | null;
};

const FULL: SessionTarget = { socPct: 100 };

/**
 * The ETA band's late edge: a driver looking for a charger is better served by "around 14:40" that holds than by an
 * earlier time that does not. A card session is taken to stop at 80 %, the usual DC limit; a car charging past its
 * target (the driver's or that one) is taken to charge to full. Null while no ETA is honest, and once charging has
 * ended: when an idle car leaves is its driver's choice, not something the meter tells.
 */
export function estimateFreeAt(facts: FreeAtFacts, now: Date): Date | null {
  if (facts.stoppedAt !== null || facts.chargingEndedAt !== null) return null;
  const target = facts.target ?? { socPct: DEFAULT_TARGET_SOC_PCT };
  const progress = computeSessionProgress(
    { ...facts, target, tariff: null },
    now,
  );
  if (progress.targetReached && progress.socPct !== null)
    return (
      computeSessionProgress({ ...facts, target: FULL, tariff: null }, now).eta
        ?.high ?? null
    );
  return progress.eta?.high ?? null;
}
