// Maps the EVSEs of one OCPI Location to OCPP chargers (one charge point per EVSE, the common case behind feeds).
/*
 * EVSE → charger
 *   chargePointId  `evse_id` upper-cased, e.g. PT*LXC*E0001*1: "*" is in OCPP's identity alphabet, and keeping it
 *                  keeps E12*31 and E123*1 apart. Without `evse_id`: `${country_code}-${party_id}-${uid}`. Any
 *                  character outside ChargePointId's alphabet becomes "-". The charger connects to
 *                  ws://HOST/ocpp/PT*LXC*E0001*1 (percent-encoding the "*" works too). A missing `uid` is taken
 *                  from `evse_id`, else from the EVSE's position.
 *   skipped        status REMOVED: counted in the report, not a rejection.
 *   rejected       no valid connector; a chargePointId another EVSE of the file already took.
 *   ignored        physical_reference, floor_level, capabilities, any other status; parking_restrictions Carrega
 *                  does not know are dropped and reported.
 */
import { ParkingRestriction } from "../domain/access";
import type { StationInput } from "../domain/station";
import { mapConnectors } from "./map-connector";
import type { Noter } from "./notes";
import { OcpiEvse } from "./ocpi-schema";
import { readRecord } from "./read-record";
import { dropEmptyStrings, type NoteRepair, type Raw } from "./repair";
import { safeId } from "./safe-id";

type ChargerInput = StationInput["chargers"][number];

export type EvseContext = {
  stationId: string;
  countryCode: string;
  partyId: string;
  /** chargePointIds that stations mapped earlier in the same import took, to those stations' ids. */
  claimedChargePoints: ReadonlyMap<string, string>;
};

export type MappedEvses = {
  chargers: ChargerInput[];
  /** Every tariff id a kept connector names, in order. */
  tariffIds: string[];
  /** The known parking_restrictions of each kept EVSE. */
  restrictionsPerEvse: ParkingRestriction[][];
  removedEvses: number;
};

export function mapEvses(
  raws: readonly unknown[],
  context: EvseContext,
  location: Noter,
): MappedEvses {
  const mapped: MappedEvses = {
    chargers: [],
    tariffIds: [],
    restrictionsPerEvse: [],
    removedEvses: 0,
  };
  raws.forEach((raw, position) => {
    const { parsed: evse, notes } = readRecord(
      raw,
      "EVSE",
      OcpiEvse,
      (record, note) => repairEvse(record, position, note),
      location,
    );
    if (!evse) return;
    if (evse.status?.toUpperCase() === "REMOVED") {
      mapped.removedEvses += 1;
      return;
    }
    const chargePointId = evse.evse_id
      ? safeId(evse.evse_id, "-", /[^A-Z0-9._~:*+|@-]/g)
      : [context.countryCode, context.partyId, evse.uid]
          .map((part) => safeId(part, "-"))
          .join("-");
    const owner = context.claimedChargePoints.get(chargePointId);
    if (owner !== undefined && owner !== context.stationId) {
      return notes.reject(
        "repeated",
        `chargePointId ${chargePointId} is already station ${owner}'s, from earlier in this file`,
      );
    }
    if (mapped.chargers.some((c) => c.chargePointId === chargePointId)) {
      return notes.reject(
        "repeated",
        `chargePointId ${chargePointId} repeats an earlier EVSE of this Location`,
      );
    }
    const connectors = mapConnectors(evse.connectors ?? [], notes);
    if (!connectors.length)
      return notes.reject("no-connector", "has no valid connector");
    mapped.chargers.push({
      chargePointId,
      connectors: connectors.map((c) => c.connector),
    });
    mapped.tariffIds.push(...connectors.flatMap((c) => c.tariffIds));
    const restrictions = evse.parking_restrictions ?? [];
    const known = restrictions.filter(
      (r): r is ParkingRestriction => ParkingRestriction.safeParse(r).success,
    );
    for (const unknown of restrictions.filter(
      (r) => !known.includes(r as ParkingRestriction),
    ))
      notes.infer({
        kind: "value:unknown-dropped",
        field: "parking_restrictions",
        from: unknown,
        value: null,
      });
    mapped.restrictionsPerEvse.push(known);
  });
  return mapped;
}

/** Empty strings dropped; a missing uid taken from evse_id, else from the position. */
function repairEvse(raw: Raw, position: number, note: NoteRepair): Raw {
  const repaired = dropEmptyStrings(raw, note);
  if (repaired.uid === undefined || repaired.uid === null) {
    repaired.uid =
      typeof repaired.evse_id === "string"
        ? repaired.evse_id
        : String(position + 1);
    note({ kind: "id:position", field: "uid", value: repaired.uid });
  }
  return repaired;
}
