// Maps one OCPI 2.2.1 Location to a Carrega station, or to the reasons it cannot be one; pure, no I/O.
/*
 * The mapping (the README's "Importing OCPI Locations" section says the same for operators):
 *
 * Location → station
 *   id          `${country_code}-${party_id}-${id}`, upper-cased (OCPI ids are case-insensitive) with characters
 *               outside StationId's alphabet turned into "_": PT, LXC, "loc 12" → PT-LXC-LOC_12. The same record
 *               always gives the same id, so importing a file again updates the stations it made.
 *   name        `name`, else `address`.   address: "`address`, `postal_code` `city`".   city: `city`.
 *   lat, lng    `coordinates` (strings in OCPI; numbers accepted), within ±90 / ±180, and not 0,0 (a placeholder).
 *   operator    `operator.name`.
 *   openingHours  `opening_times`: twentyfourseven and regular_hours (weekday 1 = Monday, "HH:MM" local time; the
 *               "24:00" many feeds write for midnight reads as OCPI's 23:59); exceptional openings and closings are
 *               ignored. Hours that still break the OCPI rules, or a `time_zone` that is not an IANA zone, are left
 *               out and reported: the station is imported without them, never lost over its hours.
 *   parkingType `parking_type` when it is an OCPI 2.2.1 ParkingType, else none.
 *   parkingRestrictions  those every kept EVSE lists in `parking_restrictions` (a station-wide "customers only"
 *               holds only if it holds for every charger); values Carrega does not know are dropped.
 *   tariff      the first tariff a kept connector names in `tariff_ids` that the file's own `tariffs` list holds
 *               (map-tariff.ts); no tariff otherwise. A station has one price, so connectors priced apart share it.
 *   rejected    when no EVSE is left (none listed, all REMOVED, or all rejected).
 *   ignored     every status (live status comes from OCPP), related_locations, facilities, exceptional hours, ...
 *
 * EVSE → charger: one OCPP charge point per EVSE, the common case behind OCPI feeds.
 *   chargePointId  `evse_id` upper-cased, e.g. PT*LXC*E0001*1: "*" is in OCPP's identity alphabet, and keeping it
 *                  keeps E12*31 and E123*1 apart. Without `evse_id`: `${country_code}-${party_id}-${uid}`. Any
 *                  character outside ChargePointId's alphabet becomes "-". The charger connects to
 *                  ws://HOST/ocpp/PT*LXC*E0001*1 (percent-encoding the "*" works too).
 *   skipped        status REMOVED: counted in the report, not a rejection.
 *   rejected       no valid connector; a chargePointId another EVSE of the file already took.
 *   ignored        physical_reference, floor_level, capabilities, status (parking_restrictions: see above).
 *
 * Connector → connector
 *   connectorId    its position in the EVSE's `connectors` list, 1..n (a rejected sibling keeps its number, so
 *                  fixing it later renumbers nothing); evseId 1 (OCPP 2.0.1: the charger's single EVSE).
 *   standard       `standard` when Carrega knows it (lib/domain/vocabulary.ts), else the connector is rejected.
 *   powerType      `power_type`; AC_2_PHASE and AC_2_PHASE_SPLIT are rejected (no such type on our map).
 *   maxPowerKw     `max_electric_power` / 1000, else `max_voltage` × `max_amperage` / 1000, × 3 for AC_3_PHASE
 *                  (OCPI gives AC voltage per phase, 230 V); a feed giving the 400 V line voltage instead gets
 *                  √3 × V × A, the same 22 kW. Rounded to 0.1 kW; it must come out above 0 and at most 1000.
 *   rejected       also a connector whose id repeats one of the same EVSE (the first is kept).
 */
import {
  OpeningHours,
  ParkingRestriction,
  ParkingType,
  TimeZone,
} from "../domain/access";
import { StationInput } from "../domain/station";
import {
  ConnectorStandard,
  connectorStandards,
  PowerType,
} from "../domain/vocabulary";
import { tariffKey, type StationTariff } from "./map-tariff";
import { OcpiConnector, OcpiEvse, OcpiLocation } from "./ocpi-schema";
import { describeIssues, recordId, type Rejection } from "./rejection";

type ChargerInput = StationInput["chargers"][number];
type ConnectorInput = ChargerInput["connectors"][number];

export type MappingContext = {
  /** The file's tariffs by tariffKey. */
  tariffs: ReadonlyMap<string, StationTariff>;
  /** chargePointIds that stations mapped earlier in the same import took, to those stations' ids. */
  claimedChargePoints: ReadonlyMap<string, string>;
};

export type MappedLocation =
  | {
      ok: true;
      id: string;
      station: StationInput;
      rejections: Rejection[];
      removedEvses: number;
    }
  | { ok: false; rejections: Rejection[]; removedEvses: number };

/** Above this an AC_3_PHASE max_voltage is the line-to-line voltage (400 V), not OCPI's per-phase one (230 V). */
const LINE_TO_LINE_ABOVE_V = 300;

export function mapLocation(
  raw: unknown,
  index: number,
  context: MappingContext,
): MappedLocation {
  const rejections: Rejection[] = [];
  let removedEvses = 0;
  const rejectLocation = (reason: string): MappedLocation => ({
    ok: false,
    rejections: [
      ...rejections,
      { record: "Location", index, locationId: recordId(raw, "id"), reason },
    ],
    removedEvses,
  });
  const parsed = OcpiLocation.safeParse(raw);
  if (!parsed.success) return rejectLocation(describeIssues(parsed.error));
  const location = parsed.data;
  const id = [location.country_code, location.party_id, location.id]
    .map((part) => safeId(part, "_"))
    .join("-");
  const lat = readCoordinate(location.coordinates.latitude, 90);
  const lng = readCoordinate(location.coordinates.longitude, 180);
  if (typeof lat === "string")
    return rejectLocation(`coordinates.latitude ${lat}`);
  if (typeof lng === "string")
    return rejectLocation(`coordinates.longitude ${lng}`);
  if (lat === 0 && lng === 0)
    return rejectLocation(
      "coordinates 0,0 are a placeholder, not the station's place",
    );
  if (!location.evses?.length) return rejectLocation("has no EVSEs");

  const chargers: ChargerInput[] = [];
  const tariffIds: string[] = [];
  const restrictionsPerEvse: ParkingRestriction[][] = [];
  for (const rawEvse of location.evses) {
    const rejectEvse = (reason: string) =>
      rejections.push({
        record: "EVSE",
        index,
        locationId: location.id,
        evseUid: recordId(rawEvse, "uid"),
        reason,
      });
    const evse = OcpiEvse.safeParse(rawEvse);
    if (!evse.success) {
      rejectEvse(describeIssues(evse.error));
      continue;
    }
    if (evse.data.status === "REMOVED") {
      removedEvses += 1;
      continue;
    }
    const chargePointId = chargePointIdOf(location, evse.data);
    const owner = context.claimedChargePoints.get(chargePointId);
    if (owner !== undefined && owner !== id) {
      rejectEvse(
        `chargePointId ${chargePointId} is already station ${owner}'s, from earlier in this file`,
      );
      continue;
    }
    if (chargers.some((charger) => charger.chargePointId === chargePointId)) {
      rejectEvse(
        `chargePointId ${chargePointId} repeats an earlier EVSE of this Location`,
      );
      continue;
    }
    const connectors = mapConnectors(
      evse.data.connectors ?? [],
      (connectorId, reason) =>
        rejections.push({
          record: "Connector",
          index,
          locationId: location.id,
          evseUid: evse.data.uid,
          connectorId,
          reason,
        }),
    );
    if (!connectors.length) {
      rejectEvse("has no valid connector");
      continue;
    }
    chargers.push({
      chargePointId,
      connectors: connectors.map((c) => c.connector),
    });
    tariffIds.push(...connectors.flatMap((c) => c.tariffIds));
    restrictionsPerEvse.push(
      (evse.data.parking_restrictions ?? []).filter(
        (r): r is ParkingRestriction => ParkingRestriction.safeParse(r).success,
      ),
    );
  }
  if (!chargers.length) {
    const removed = removedEvses ? ` (${removedEvses} REMOVED)` : "";
    return rejectLocation(
      `none of its ${location.evses.length} EVSEs can be imported${removed}`,
    );
  }

  const tariff = tariffIds
    .map((tariffId) =>
      context.tariffs.get(
        tariffKey(location.country_code, location.party_id, tariffId),
      ),
    )
    .find((found) => found !== undefined);
  const place = [location.postal_code, location.city].filter(Boolean).join(" ");
  const leaveOut = (field: string, reason: string) =>
    rejections.push({
      record: "Location",
      index,
      locationId: location.id,
      reason: `imported without ${field}: ${reason}`,
    });
  const openingHours = location.opening_times
    ? OpeningHours.safeParse(mapOpeningTimes(location.opening_times))
    : undefined;
  if (openingHours?.success === false)
    leaveOut("opening_times", describeIssues(openingHours.error));
  const timeZone = location.time_zone
    ? TimeZone.safeParse(location.time_zone)
    : undefined;
  if (timeZone?.success === false)
    leaveOut("time_zone", describeIssues(timeZone.error));
  const station = StationInput.safeParse({
    name: (location.name?.trim() || location.address).slice(0, 120),
    lat,
    lng,
    address: `${location.address}, ${place}`.slice(0, 200),
    city: location.city.slice(0, 80),
    operator: location.operator?.name,
    tariff,
    openingHours: openingHours?.data,
    timeZone: timeZone?.data,
    parkingType: ParkingType.safeParse(location.parking_type).data,
    parkingRestrictions: restrictionsPerEvse.reduce((common, evse) =>
      common.filter((r) => evse.includes(r)),
    ),
    chargers,
  });
  if (!station.success) return rejectLocation(describeIssues(station.error));
  return { ok: true, id, station: station.data, rejections, removedEvses };
}

function mapOpeningTimes(
  times: NonNullable<OcpiLocation["opening_times"]>,
): unknown {
  return {
    twentyfourseven: times.twentyfourseven,
    regularHours: (times.regular_hours ?? []).map((p) => ({
      weekday: p.weekday,
      periodBegin: p.period_begin,
      periodEnd: p.period_end === "24:00" ? "23:59" : p.period_end,
    })),
  };
}

type MappedConnector = { connector: ConnectorInput; tariffIds: string[] };

function mapConnectors(
  raws: readonly unknown[],
  reject: (connectorId: string | undefined, reason: string) => void,
): MappedConnector[] {
  const mapped: MappedConnector[] = [];
  const seen = new Set<string>();
  raws.forEach((raw, position) => {
    const parsed = OcpiConnector.safeParse(raw);
    if (!parsed.success)
      return reject(recordId(raw, "id"), describeIssues(parsed.error));
    const ocpi = parsed.data;
    const refuse = (reason: string) => reject(ocpi.id, reason);
    if (seen.has(ocpi.id))
      return refuse(
        `connector id "${ocpi.id}" repeats in this EVSE: the first one is kept`,
      );
    seen.add(ocpi.id);
    const standard = ConnectorStandard.safeParse(ocpi.standard);
    if (!standard.success) {
      return refuse(
        `unknown standard "${ocpi.standard}": Carrega knows ${connectorStandards.join(", ")}`,
      );
    }
    const powerType = PowerType.safeParse(ocpi.power_type);
    if (!powerType.success) {
      return refuse(
        `power_type ${ocpi.power_type} is not one Carrega shows (${PowerType.options.join(", ")})`,
      );
    }
    const maxPowerKw = powerOf(ocpi, powerType.data);
    if (maxPowerKw === undefined) {
      return refuse(
        "no power rating: needs max_electric_power, or max_voltage and max_amperage",
      );
    }
    if (maxPowerKw <= 0 || maxPowerKw > 1000) {
      return refuse(
        `max power ${maxPowerKw} kW is not above 0 and at most 1000 kW`,
      );
    }
    mapped.push({
      connector: {
        connectorId: position + 1,
        evseId: 1,
        standard: standard.data,
        powerType: powerType.data,
        maxPowerKw,
      },
      tariffIds: ocpi.tariff_ids ?? [],
    });
  });
  return mapped;
}

/** kW to 0.1; undefined when the connector says nothing usable about its power. */
function powerOf(
  ocpi: OcpiConnector,
  powerType: PowerType,
): number | undefined {
  const round = (watts: number) => Math.round(watts / 100) / 10;
  if (ocpi.max_electric_power) return round(ocpi.max_electric_power);
  const volts = ocpi.max_voltage;
  const amps = ocpi.max_amperage;
  if (!volts || !amps) return undefined;
  if (powerType !== "AC_3_PHASE") return round(volts * amps);
  return round(
    (volts > LINE_TO_LINE_ABOVE_V ? Math.sqrt(3) : 3) * volts * amps,
  );
}

function chargePointIdOf(location: OcpiLocation, evse: OcpiEvse): string {
  if (evse.evse_id) return safeId(evse.evse_id, "-", /[^A-Z0-9._~:*+|@-]/g);
  return [location.country_code, location.party_id, evse.uid]
    .map((part) => safeId(part, "-"))
    .join("-");
}

/** A number within ±limit, or why not. */
function readCoordinate(
  value: string | number,
  limit: number,
): number | string {
  const number =
    typeof value === "number"
      ? value
      : /^\s*-?\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (Number.isNaN(number)) return `"${value}" is not a decimal number`;
  if (Math.abs(number) > limit)
    return `${value} is outside -${limit}..${limit}`;
  return number;
}

/** Upper-cased (OCPI CiString) with characters outside an identifier's alphabet replaced. */
function safeId(
  text: string,
  replacement: string,
  unsafe = /[^A-Z0-9._~-]/g,
): string {
  return text.trim().toUpperCase().replace(unsafe, replacement);
}
