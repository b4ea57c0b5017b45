// Turns a stored session (with its transaction, samples and place) into what its owner sees: SessionView, the
// chart's points, and the progress facts the notices and "frees around" read.
import {
  computeSessionProgress,
  DEFAULT_CURRENCY,
  type SessionFacts,
  type SessionProgress,
  type SessionTariff,
} from "../domain/session-progress";
import { sessionState } from "../domain/session-state";
import type { PowerType } from "../domain/vocabulary";
import type { SessionWithPlace } from "../store/charging-sessions-read";
import type { StoredTransaction } from "../store/free-estimate-facts";
import type {
  SessionSeriesPoint,
  SessionTarget,
  SessionView,
} from "./contract";

export function targetOf(session: {
  targetSocPct: number;
  targetEnergyKwh: number | null;
}): SessionTarget {
  return session.targetEnergyKwh !== null
    ? { energyKwh: session.targetEnergyKwh }
    : { socPct: session.targetSocPct };
}

/** The domain's facts of a stored transaction, its session's moments (a card session of a stranger has none) and connector. */
export function transactionFacts(
  t: StoredTransaction,
  session: { chargingEndedAt: Date | null; departedAt: Date | null } | null,
  connector: { maxPowerKw: number; powerType: string | null },
): Omit<SessionFacts, "target" | "tariff"> {
  return {
    startedAt: t.startedAt,
    stoppedAt: t.stoppedAt,
    meterStartWh: t.meterStartWh,
    meterStopWh: t.meterStopWh,
    samples: t.meterSamples.map((s) => ({
      at: s.timestamp,
      energyWh: s.energyWh ?? undefined,
      powerW: s.powerW ?? undefined,
      socPct: s.socPct ?? undefined,
    })),
    chargingEndedAt: session?.chargingEndedAt ?? null,
    departedAt: session?.departedAt ?? null,
    maxPowerKw: connector.maxPowerKw,
    powerType: (connector.powerType as PowerType | null) ?? undefined,
  };
}

/** The progress of a session with a transaction, or null before the charger opened one. */
export function progressOf(
  { session, place }: SessionWithPlace,
  now: Date,
): SessionProgress | null {
  if (!session.transaction) return null;
  return computeSessionProgress(
    {
      ...transactionFacts(session.transaction, session, place),
      target: targetOf(session),
      tariff: (session.tariff as SessionTariff | null) ?? null,
    },
    now,
  );
}

const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);

export function toSessionView(
  found: SessionWithPlace,
  now: Date,
  progress = progressOf(found, now),
): SessionView {
  const { session, place } = found;
  const t = session.transaction;
  const tariff = session.tariff as SessionTariff | null;
  const target = targetOf(session);
  return {
    id: session.id,
    state: sessionState({
      request: session.request,
      transaction: t,
      ocppStatus: place.ocppStatus,
      departedAt: session.departedAt,
    }),
    stationId: session.stationId,
    chargePointId: session.chargePointId,
    connectorId: session.connectorId,
    startedAt: iso(t?.startedAt),
    stoppedAt: iso(t?.stoppedAt),
    energyKwh: progress?.energyKwh ?? 0,
    powerKw: progress?.powerKw ?? null,
    socPct: progress?.socPct ?? null,
    cost: progress?.cost ?? {
      currency: tariff?.currency ?? DEFAULT_CURRENCY,
      total: 0,
      energy: 0,
      time: 0,
      idle: 0,
    },
    eta: progress?.eta
      ? {
          at: progress.eta.at.toISOString(),
          low: progress.eta.low.toISOString(),
          high: progress.eta.high.toISOString(),
          target,
        }
      : null,
    stationName: place.stationName,
    requestedAt: session.createdAt.toISOString(),
    target,
    idleFeeFrom: iso(progress?.idleFeeFrom),
    capacityKwh: progress?.capacityKwh ?? null,
  };
}

export function toSeries(
  progress: SessionProgress | null,
): SessionSeriesPoint[] {
  return (progress?.series ?? []).map((p) => ({
    at: p.at.toISOString(),
    energyKwh: p.energyKwh,
    powerKw: p.powerKw,
    socPct: p.socPct,
  }));
}
