// The alerts contract shared by route handlers, socket.io and the browser: request bodies, the alert as shown, events.
import { z } from "zod";
import { StationId } from "../domain/station";
import { ConnectorStandard, ConnectorStatus } from "../domain/vocabulary";

/** The lives a driver picks from; the API takes any whole number of minutes up to the longest. */
export const alertMinutes = [30, 60, 120] as const;
export const MAX_ALERT_MINUTES = 120;
export const MAX_RADIUS_KM = 50;
/** Active alerts one device may hold at once. */
export const MAX_ACTIVE_ALERTS = 10;

const Minutes = z.number().int().min(1).max(MAX_ALERT_MINUTES);

export const StationAlertRequest = z
  .object({
    stationId: StationId,
    minutes: Minutes,
    hold: z.boolean().optional(),
  })
  .strict();

export const Near = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    radiusKm: z.number().positive().max(MAX_RADIUS_KM),
  })
  .strict();
export type Near = z.infer<typeof Near>;

export const NearAlertRequest = z
  .object({
    near: Near,
    standard: z.array(ConnectorStandard).min(1).max(10).optional(),
    minPowerKw: z.number().min(0).max(1000).optional(),
    minutes: Minutes,
    // A hold reserves one station's connector in that station's line; an area has no line to stand in.
    hold: z
      .literal(false, "a hold needs a stationId: holds are kept per station")
      .optional(),
  })
  .strict();

/** `POST /api/alerts` reads one station's alert, or an area's when the body has `near`: each with its own messages. */
export function alertRequestSchema(body: unknown) {
  return typeof body === "object" && body !== null && "near" in body
    ? NearAlertRequest
    : StationAlertRequest;
}
export type StationAlertRequest = z.infer<typeof StationAlertRequest>;
export type NearAlertRequest = z.infer<typeof NearAlertRequest>;
export type AlertRequest = StationAlertRequest | NearAlertRequest;

/** A hold the charger accepted: the connector is RESERVED for this device until `expiresAt`. */
export type HeldConnector = {
  chargePointId: string;
  connectorId: number;
  evseId: number | null;
  expiresAt: string;
};

/** An alert as its device sees it (`GET /api/alerts`, `POST /api/alerts`). */
export type AlertView = {
  id: string;
  stationId?: string;
  /** The station's name, for the list of alerts. */
  stationName?: string;
  near?: Near;
  standard?: ConnectorStandard[];
  minPowerKw?: number;
  expiresAt: string;
  hold: boolean;
  /** Place in the station's line of holds, 1 first; only for alerts with a hold. */
  queuePosition?: number;
  /** "Not yet": the next freeing goes to the next in line. */
  skipNext?: boolean;
  held?: HeldConnector;
};

export type AlertFiredMessage = {
  alertId: string;
  stationId: string;
  chargePointId: string;
  connectorId: number;
  status: ConnectorStatus;
  hold?: { expiresAt: string } | { refused: true };
};

/** A place in line, and whether its "not yet" still stands (a freeing that passed it over spends it). */
export type AlertQueueMessage = {
  alertId: string;
  queuePosition: number;
  skipNext: boolean;
};

/** Why an alert stopped waiting; the page takes it off the list. */
export const alertEndReasons = [
  "cancelled",
  "expired",
  "hold-used",
  "hold-released",
  "hold-expired",
] as const;
export type AlertEndReason = (typeof alertEndReasons)[number];
export type AlertEndedMessage = { alertId: string; reason: AlertEndReason };

/** What the service worker receives (contract), encrypted aes128gcm. */
export type AlertPushPayload = {
  type: "alert";
  alertId: string;
  stationId: string;
  title: string;
  body: string;
  url: string;
};
