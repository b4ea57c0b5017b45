// What crosses the HTTP and socket.io edge about a driver's charging session (issue 15's public contract).
import { z } from "zod";

export const SESSION_STATES = [
  "starting",
  "waiting_for_car",
  "charging",
  "suspended",
  "finishing",
  "finished",
  "refused",
  "no_answer",
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** A session that can still change; the others are history. */
export function isLiveState(state: SessionState): boolean {
  return !["finished", "refused", "no_answer"].includes(state);
}

export const DEFAULT_TARGET_SOC_PCT = 80;

export const SessionTargetSchema = z.union([
  z.object({ socPct: z.number().min(10).max(100) }).strict(),
  z.object({ energyKwh: z.number().positive().max(500) }).strict(),
]);
export type SessionTarget = z.infer<typeof SessionTargetSchema>;

/** `POST /api/sessions`. The target is optional: 80 % SoC, or a kWh target the driver sets for AC. */
export const StartSessionRequest = z
  .object({
    chargePointId: z.string().min(1).max(64),
    connectorId: z.number().int().min(1).max(100),
    target: SessionTargetSchema.optional(),
  })
  .strict();

/** `PATCH /api/sessions/{id}`: change the target while charging. */
export const UpdateSessionRequest = z
  .object({ target: SessionTargetSchema })
  .strict();

export type SessionCost = {
  currency: string;
  total: number;
  energy: number;
  time: number;
  idle: number;
};

export type SessionEta = {
  at: string;
  low: string;
  high: string;
  target: SessionTarget;
};

/** `GET /api/sessions/{id}`, each entry of `GET /api/sessions`, and socket.io `session:update`. */
export type SessionView = {
  id: string;
  state: SessionState;
  stationId: string | null;
  chargePointId: string;
  connectorId: number;
  startedAt: string | null;
  stoppedAt: string | null;
  energyKwh: number;
  powerKw: number | null;
  socPct: number | null;
  cost: SessionCost;
  eta: SessionEta | null;
  // Beyond the contract: what the session page shows.
  stationName: string | null;
  /** When the driver asked (app start) or the charger began (card start). */
  requestedAt: string;
  target: SessionTarget;
  /** When an idle fee starts or started (charging stopped + grace), or null when the tariff has none. */
  idleFeeFrom: string | null;
  /** Estimated usable battery capacity, from ΔkWh/ΔSoC, once the car has reported enough SoC. */
  capacityKwh: number | null;
};

/** One point of the session's chart: `GET /api/sessions/{id}/series` answers `{ points }`, oldest first. */
export type SessionSeriesPoint = {
  at: string;
  energyKwh: number;
  powerKw: number | null;
  socPct: number | null;
};

/** What the driver is told about their own session, in the page (and as Web Push). */
export type SessionNoticeKind = "target_reached" | "finished" | "idle_fee_soon";
export type SessionNoticeMessage = {
  sessionId: string;
  kind: SessionNoticeKind;
  /** For idle_fee_soon: when the fee starts. */
  idleFeeFrom?: string;
};

/** A session notice's Web Push payload (the service worker shows `title` and `body`, and opens `url` on a tap). */
export type SessionPushPayload = {
  type: "session";
  sessionId: string;
  kind: SessionNoticeKind;
  title: string;
  body: string;
  url: string;
};

/** The account's own room: its sessions' updates and notices, and (signed in) its alerts. */
export function accountRoom(userId: string): string {
  return `account:${userId}`;
}
