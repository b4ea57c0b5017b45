// Maps what a charger reports (OCPP 1.6 / 2.0.1 statuses) to the public OCPI status, and orders reports in time.
import type { ConnectorStatus } from "./vocabulary";

const publicStatusByOcpp: Record<string, ConnectorStatus> = {
  // OCPP 1.6 ChargePointStatus
  Available: "AVAILABLE",
  Preparing: "CHARGING",
  Charging: "CHARGING",
  SuspendedEV: "CHARGING",
  SuspendedEVSE: "CHARGING",
  Finishing: "CHARGING",
  Reserved: "RESERVED",
  Unavailable: "INOPERATIVE",
  Faulted: "OUTOFORDER",
  // OCPP 2.0.1 ConnectorStatusEnumType adds Occupied; the rest share 1.6's names.
  Occupied: "CHARGING",
};

export function toPublicStatus(ocppStatus: string): ConnectorStatus {
  return publicStatusByOcpp[ocppStatus] ?? "UNKNOWN";
}

/**
 * A report replaces the shown status only if it is not older than the one shown: chargers replay
 * offline-queued StatusNotifications hours late, and those must not flicker the map back in time.
 */
export function isNewerReport(shownSince: Date, reportedAt: Date): boolean {
  return reportedAt.getTime() >= shownSince.getTime();
}

/** A charger is offline once it has been silent (no frame, no pong) for longer than the grace. */
export function isOffline(
  lastSeenAt: Date | null,
  now: Date,
  graceS: number,
): boolean {
  return (
    lastSeenAt === null || now.getTime() - lastSeenAt.getTime() > graceS * 1000
  );
}

/** Before this, a charger's clock was never set (chargers boot at 1970-01-01 or year 0 until they sync). */
const CLOCK_SET_SINCE = Date.UTC(2010, 0, 1);

/**
 * The time a report counts at: the charger's clock, but never later than when we received it, so one charger with
 * a clock years ahead cannot freeze its connectors against every later report; and our receive time when the
 * charger's clock was never set, so its reports are not all "older" than the last one.
 */
export function effectiveReportTime(
  reportedAt: Date | undefined,
  receivedAt: Date,
): Date {
  if (!reportedAt || reportedAt.getTime() < CLOCK_SET_SINCE) return receivedAt;
  return reportedAt.getTime() < receivedAt.getTime() ? reportedAt : receivedAt;
}
