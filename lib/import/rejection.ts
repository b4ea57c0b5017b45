// A record the importer turned down, and why: the unit of the validation report.
import type { z } from "zod";
import { connectorStandards } from "../domain/vocabulary";

/** Which record of the file a rejection or an inference is about. */
export type RecordRef = {
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
};

/** Why records are turned down, as the console summary groups them; `reason` says the particulars of each. */
export const rejectionKinds = {
  malformed: "not shaped like OCPI",
  coordinates:
    "cannot be placed: coordinates missing, not numbers, out of range or 0,0",
  "no-party":
    "no country_code/party_id, and neither the evse_ids nor the file give one",
  unpublished: "not for public maps: publish is false",
  "no-evse": "no EVSE left to import (none listed, or all rejected)",
  removed: "no longer in service: every EVSE REMOVED",
  "no-connector": "EVSEs without a connector Carrega can show",
  // The list once here rather than in each of hundreds of rejections.
  "unknown-standard": `connectors of a standard Carrega does not know (it knows ${connectorStandards.join(", ")})`,
  repeated: "ids that repeat earlier records (the first is kept)",
  "too-large": "does not fit a station (more than 50 EVSEs, ...)",
  "left-out": "fields left out, the station kept",
  tariff: "tariffs without a price Carrega can show",
} as const;
export type RejectionKind = keyof typeof rejectionKinds;

export type Rejection = RecordRef & { kind: RejectionKind; reason: string };

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

/** "LOC-0006 › EVSE 6001 › connector 2": where a record is, by the ids the file gives. */
export function describeRef(ref: RecordRef): string {
  return [
    ref.locationId ?? ref.tariffId ?? "(no id)",
    ref.evseUid && `EVSE ${ref.evseUid}`,
    ref.connectorId && `connector ${ref.connectorId}`,
  ]
    .filter(Boolean)
    .join(" › ");
}

/** One line a person can act on: "Connector #5 LOC-0006 › EVSE 6001 › connector 2: unknown standard …". */
export function describeRejection(rejection: Rejection): string {
  return `${rejection.record} #${rejection.index} ${describeRef(rejection)}: ${rejection.reason}`;
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
