// A record the importer turned down, and why: the unit of the validation report.
import type { z } from "zod";

export type Rejection = {
  record: "Location" | "EVSE" | "Connector" | "Tariff";
  /** Position of the Location (or Tariff) in the file's list, from 0: finds records whose id is missing or bad. */
  index: number;
  /** OCPI Location.id as written in the file. */
  locationId?: string;
  /** OCPI EVSE.uid. */
  evseUid?: string;
  /** OCPI Connector.id. */
  connectorId?: string;
  /** OCPI Tariff.id. */
  tariffId?: string;
  reason: string;
};

/** Zod's issues as one line for the report: "coordinates.latitude: Invalid input: expected string, received null". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length
        ? `${issue.path.join(".")}: ${issue.message}`
        : issue.message,
    )
    .join("; ");
}

/** One line a person can act on: "Connector #5 LOC-0006 › EVSE 6001 › 2: unknown standard …". */
export function describeRejection(rejection: Rejection): string {
  const where = [
    rejection.locationId ?? rejection.tariffId ?? "(no id)",
    rejection.evseUid && `EVSE ${rejection.evseUid}`,
    rejection.connectorId && `connector ${rejection.connectorId}`,
  ].filter(Boolean);
  return `${rejection.record} #${rejection.index} ${where.join(" › ")}: ${rejection.reason}`;
}

/** A record's id for the report, read even when the record itself is malformed. */
export function recordId(
  record: unknown,
  key: "id" | "uid",
): string | undefined {
  const value =
    typeof record === "object" && record !== null
      ? (record as Record<string, unknown>)[key]
      : undefined;
  return typeof value === "string" || typeof value === "number"
    ? String(value)
    : undefined;
}
