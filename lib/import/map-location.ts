// Maps one OCPI 2.2.1 Location to a Carrega station, or to the reasons it cannot be one; pure, no I/O.
/*
 * The mapping (the README's "Importing OCPI Locations" section says the same for operators). EVSEs: map-evse.ts;
 * connectors: map-connector.ts; what is inferred where a feed is silent: infer-location.ts and infer-power.ts.
 *
 * Location → station
 *   id          `${country_code}-${party_id}-${id}`, upper-cased (OCPI ids are case-insensitive) with characters
 *               outside StationId's alphabet turned into "_": PT, LXC, "loc 12" → PT-LXC-LOC_12. The same record
 *               always gives the same id, so importing a file again updates the stations it made. A missing
 *               country_code/party_id is read from the EVSEs' evse_id, else from the file's one party.
 *   name        `name`, else "operator – address" (operator, suboperator or owner; the city for a missing address).
 *   address     "`address`, `postal_code` `city`".   city: `city`.
 *   lat, lng    `coordinates` (strings in OCPI; numbers and decimal commas read), within ±90 / ±180, not 0,0.
 *   operator    `operator.name`.
 *   openingHours  `opening_times`: twentyfourseven and regular_hours (weekday 1 = Monday, "HH:MM" local time; the
 *               "24:00" many feeds write for midnight reads as OCPI's 23:59); exceptional openings and closings are
 *               ignored. Hours that still break the OCPI rules, or a `time_zone` that is not an IANA zone, are left
 *               out and reported: the station is imported without them, never lost over its hours.
 *   parkingType `parking_type` when it is an OCPI 2.2.1 ParkingType, else none (reported).
 *   parkingRestrictions  those every kept EVSE lists in `parking_restrictions` (a station-wide "customers only"
 *               holds only if it holds for every charger); values Carrega does not know are dropped.
 *   tariff      the first tariff a kept connector names in `tariff_ids` that the file's own `tariffs` list holds
 *               (map-tariff.ts); no tariff otherwise. A station has one price, so connectors priced apart share it.
 *   repaired    empty strings read as absent (every record).
 *   rejected    when it cannot be placed (coordinates) or charged at (no EVSE left: none listed, all REMOVED, or
 *               all rejected), or no party can be found for its id.
 *   ignored     every status (live status comes from OCPP), last_updated, related_locations, facilities, ...
 */
import { OpeningHours, ParkingType, TimeZone } from "../domain/access";
import { StationInput } from "../domain/station";
import type { Inference } from "./inference";
import { inferName, inferParty, type Party } from "./infer-location";
import { mapEvses } from "./map-evse";
import { tariffKey, type StationTariff } from "./map-tariff";
import { createNoter, type Noter, type Notes } from "./notes";
import { OcpiLocation, OcpiOpeningTimes } from "./ocpi-schema";
import {
  describeIssues,
  recordId,
  type Rejection,
  type RejectionKind,
} from "./rejection";
import { asRaw, dropEmptyStrings, readCoordinate, type Raw } from "./repair";
import { safeId } from "./safe-id";

export type MappingContext = {
  /** The file's tariffs by tariffKey. */
  tariffs: ReadonlyMap<string, StationTariff>;
  /** chargePointIds that stations mapped earlier in the same import took, to those stations' ids. */
  claimedChargePoints: ReadonlyMap<string, string>;
  /** The one party of the file, for Locations that forget theirs (commonParty). */
  fileParty?: Party;
};

type Outcome = {
  rejections: Rejection[];
  inferences: Inference[];
  removedEvses: number;
};
export type MappedLocation =
  | ({ ok: true; id: string; station: StationInput } & Outcome)
  | ({ ok: false } & Outcome);

export function mapLocation(
  raw: unknown,
  index: number,
  context: MappingContext,
): MappedLocation {
  const notes: Notes = { rejections: [], inferences: [] };
  const noter = createNoter(notes, {
    record: "Location",
    index,
    locationId: recordId(raw, "id"),
  });
  let removedEvses = 0;
  const outcome = () => ({ ...notes, removedEvses });
  const reject = (kind: RejectionKind, reason: string): MappedLocation => {
    noter.reject(kind, reason);
    return { ok: false, ...outcome() };
  };
  const repaired = repairLocation(asRaw(raw) ?? {}, context.fileParty, noter);
  if (!repaired)
    return reject(
      "no-party",
      "no country_code/party_id: neither its EVSEs' evse_id nor the file's other Locations give one",
    );
  const parsed = OcpiLocation.safeParse(repaired);
  if (!parsed.success) return reject("malformed", describeIssues(parsed.error));
  // OCPI 2.2.1 §8.3.1: a Location with publish false is not to be shown to the public, and this map is public.
  if (repaired.publish === false)
    return reject("unpublished", "publish is false");
  const location = parsed.data;
  const id = [location.country_code, location.party_id, location.id]
    .map((part) => safeId(part, "_"))
    .join("-");
  const coordinates = asRaw(location.coordinates) ?? {};
  const lat = readCoordinate(
    coordinates.latitude,
    "coordinates.latitude",
    90,
    noter.infer,
  );
  const lng = readCoordinate(
    coordinates.longitude,
    "coordinates.longitude",
    180,
    noter.infer,
  );
  if (typeof lat === "string")
    return reject("coordinates", `coordinates.latitude ${lat}`);
  if (typeof lng === "string")
    return reject("coordinates", `coordinates.longitude ${lng}`);
  if (lat === 0 && lng === 0)
    return reject(
      "coordinates",
      "coordinates 0,0 are a placeholder, not the station's place",
    );
  if (!location.evses?.length) return reject("no-evse", "has no EVSEs");

  const evses = mapEvses(
    location.evses,
    {
      stationId: id,
      countryCode: location.country_code,
      partyId: location.party_id,
      claimedChargePoints: context.claimedChargePoints,
    },
    noter,
  );
  removedEvses = evses.removedEvses;
  if (!evses.chargers.length) {
    const removed = removedEvses ? ` (${removedEvses} REMOVED)` : "";
    return reject(
      removedEvses === location.evses.length ? "removed" : "no-evse",
      `none of its ${location.evses.length} EVSEs can be imported${removed}`,
    );
  }

  const tariff = evses.tariffIds
    .map((tariffId) =>
      context.tariffs.get(
        tariffKey(location.country_code, location.party_id, tariffId),
      ),
    )
    .find((found) => found !== undefined);
  const leaveOut = (field: string, reason: string) =>
    noter.reject("left-out", `imported without ${field}: ${reason}`);
  const openingHours = readOpeningTimes(location.opening_times);
  if (openingHours?.success === false)
    leaveOut("opening_times", describeIssues(openingHours.error));
  const timeZone = location.time_zone
    ? TimeZone.safeParse(location.time_zone)
    : undefined;
  if (timeZone?.success === false)
    leaveOut("time_zone", describeIssues(timeZone.error));
  const parkingType = ParkingType.safeParse(location.parking_type);
  if (location.parking_type && !parkingType.success)
    noter.infer({
      kind: "value:unknown-dropped",
      field: "parking_type",
      from: location.parking_type,
      value: null,
    });
  const name = noter.noteInferred(
    "name",
    location.name ?? undefined,
    inferName({
      name: location.name,
      operator: (location.operator ?? location.suboperator ?? location.owner)
        ?.name,
      address: location.address,
      city: location.city,
      id: location.id,
    }),
  );
  const place = [location.postal_code, location.city].filter(Boolean).join(" ");
  const address = [location.address, place].filter(Boolean).join(", ");
  const station = StationInput.safeParse({
    name: name.slice(0, 120),
    lat,
    lng,
    address: address ? address.slice(0, 200) : undefined,
    city: location.city?.slice(0, 80) || undefined,
    operator: location.operator?.name.slice(0, 80),
    tariff,
    openingHours: openingHours?.data,
    timeZone: timeZone?.data,
    parkingType: parkingType.data,
    parkingRestrictions: evses.restrictionsPerEvse.reduce((common, evse) =>
      common.filter((r) => evse.includes(r)),
    ),
    chargers: evses.chargers,
  });
  if (!station.success)
    return reject("too-large", describeIssues(station.error));
  return { ok: true, id, station: station.data, ...outcome() };
}

/**
 * The Location with empty strings dropped and its party filled, or undefined when no party can be found. The
 * party's repair notes go to the Location's noter; the EVSEs' evse_ids are read raw, before their own repair.
 */
function repairLocation(
  raw: Raw,
  fileParty: Party | undefined,
  noter: Noter,
): Raw | undefined {
  const repaired = dropEmptyStrings(raw, noter.infer);
  const evseIds = (Array.isArray(repaired.evses) ? repaired.evses : [])
    .map((evse) => asRaw(evse)?.evse_id)
    .filter((evseId): evseId is string => typeof evseId === "string");
  const party = inferParty(repaired, evseIds, fileParty);
  if (!party) return undefined;
  if (party.kind) {
    noter.infer({
      kind: party.kind,
      field: "country_code/party_id",
      from:
        [repaired.country_code, repaired.party_id]
          .filter((part) => part !== undefined)
          .join("/") || undefined,
      value: `${party.value.countryCode}/${party.value.partyId}`,
    });
  }
  return {
    ...repaired,
    country_code: party.value.countryCode,
    party_id: party.value.partyId,
  };
}

function readOpeningTimes(raw: unknown) {
  if (raw === undefined || raw === null) return undefined;
  const times = OcpiOpeningTimes.safeParse(raw);
  if (!times.success) return times;
  return OpeningHours.safeParse({
    twentyfourseven: times.data.twentyfourseven,
    regularHours: (times.data.regular_hours ?? []).map((p) => ({
      weekday: p.weekday,
      periodBegin: p.period_begin,
      periodEnd: p.period_end === "24:00" ? "23:59" : p.period_end,
    })),
  });
}
