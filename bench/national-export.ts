// Generates a seeded "national access point" OCPI 2.2.1 Locations export with the defects real ones carry, in the
// proportions seen in such exports, so `npm run bench:import` measures what reaches the map.
import { createRandom, type Random } from "../lib/sim/random";
import { areas, place } from "./seed";

/** [name, party_id, weight, share of DC sites]: a national network is many CPOs of very different sizes. */
const operators: readonly (readonly [string, string, number, number])[] = [
  ["EDP Comercial", "EDP", 22, 0.2],
  ["Galp Electric", "GLP", 16, 0.35],
  ["Mobi.E", "MOB", 14, 0.1],
  ["Powerdot", "PWD", 10, 0.5],
  ["Iberdrola", "IBD", 8, 0.3],
  ["Prio Electric", "PRI", 6, 0.4],
  ["Repsol", "REP", 5, 0.4],
  ["KLC", "KLC", 5, 0.1],
  ["Atlante", "ATL", 3, 0.9],
  ["Ionity", "ION", 2, 1],
  ["Tesla", "TSL", 3, 1],
  ["Zunder", "ZUN", 2, 1],
  ["Município de Braga", "CMB", 2, 0],
  ["Hotel Charge Point", "HCP", 2, 0],
];

const streets = [
  "Rua de Santa Catarina",
  "Avenida da Liberdade",
  "Rua Augusta",
  "Avenida da República",
  "Rua do Comércio",
  "Estrada Nacional 1",
  "Praça da República",
  "Rua 25 de Abril",
  "Avenida dos Combatentes",
  "Largo do Município",
];

/**
 * How often each defect appears (share of the records it can apply to). Real exports omit power_type often, the
 * name of about a third of their sites, and the power of some connectors; the rest are the slips of tools and
 * feeds seen in national exports: rarer, but each of them alone used to cost the whole record.
 */
const defectRates = {
  connectorWithoutPowerType: 0.45,
  connectorWithoutPower: 0.2,
  connectorWithoutElectrics: 0.02,
  acLineVoltage: 0.3,
  powerInKw: 0.01,
  numbersAsStrings: 0.04,
  lowerCaseWords: 0.02,
  twoPhase: 0.002,
  unknownStandardBeside: 0.01,
  unknownStandardOnly: 0.004,
  connectorWithoutId: 0.01,
  locationWithoutName: 0.3,
  emptyName: 0.05,
  emptyPostalCode: 0.05,
  withoutAddress: 0.01,
  withoutOperator: 0.05,
  coordinatesAsNumbers: 0.15,
  decimalComma: 0.005,
  badCoordinates: 0.012,
  withoutParty: 0.03,
  withoutEvseId: 0.05,
  emptyEvseId: 0.02,
  evseWithoutUid: 0.005,
  removedEvse: 0.015,
  withoutLastUpdated: 0.1,
  unknownParkingType: 0.05,
  unknownParkingRestriction: 0.02,
  malformedOpeningTimes: 0.01,
  emptyTimeZone: 0.03,
  repeatedLocation: 0.003,
} as const;

type Json = Record<string, unknown>;

export type NationalExport = {
  data: Json[];
  status_code: number;
  status_message: string;
  timestamp: string;
};

export function generateNationalExport(
  seed: number,
  locationCount: number,
): NationalExport {
  const random = createRandom(seed);
  const has = (defect: keyof typeof defectRates) =>
    random.chance(defectRates[defect]);
  const data: Json[] = [];
  const counters = new Map<string, number>();
  while (data.length < locationCount) {
    if (data.length && has("repeatedLocation")) {
      data.push(structuredClone(random.pick(data)));
      continue;
    }
    const [operator, party, , dcShare] = random.weighted(
      operators.map((o) => [o, o[2]] as const),
    );
    const number = (counters.get(party) ?? 0) + 1;
    counters.set(party, number);
    const id = `${party}-${String(number).padStart(5, "0")}`;
    const isDc = random.chance(dcShare);
    const evseCount = isDc
      ? party === "ION" || party === "TSL"
        ? random.int(2, 6)
        : random.int(1, 2)
      : random.weighted([
          [1, 6],
          [2, 4],
        ] as const);
    const evses = Array.from({ length: evseCount }, (_, e) =>
      generateEvse(random, has, party, number, e + 1, isDc),
    );
    const { lat, lng } = place(random, areas.portugal);
    const town = nearestTownName(lat, lng);
    const location: Json = {
      country_code: "PT",
      party_id: party,
      id,
      publish: true,
      name: `${operator} ${town}`,
      address: `${random.pick(streets)} ${random.int(1, 300)}`,
      city: town,
      postal_code: `${random.int(1000, 9999)}-${String(random.int(0, 999)).padStart(3, "0")}`,
      country: "PRT",
      coordinates: coordinates(random, has, lat, lng),
      operator: { name: operator },
      time_zone: "Europe/Lisbon",
      parking_type: random.pick(["ON_STREET", "PARKING_LOT", "PARKING_GARAGE"]),
      opening_times: { twentyfourseven: true },
      evses,
      last_updated: "2026-11-28T10:00:00Z",
    };
    if (has("locationWithoutName")) delete location.name;
    else if (has("emptyName")) location.name = "";
    if (has("emptyPostalCode")) location.postal_code = "";
    if (has("withoutAddress")) delete location.address;
    if (has("withoutOperator")) delete location.operator;
    if (has("withoutParty")) {
      delete location.country_code;
      delete location.party_id;
    }
    if (has("withoutLastUpdated")) delete location.last_updated;
    if (has("unknownParkingType")) location.parking_type = "STREET";
    if (has("malformedOpeningTimes"))
      location.opening_times = {
        regular_hours: [
          { weekday: 1, period_begin: "08:00", period_end: "20:00" },
        ],
      };
    if (has("emptyTimeZone")) location.time_zone = "";
    data.push(location);
  }
  return {
    data,
    status_code: 1000,
    status_message: "Success",
    timestamp: "2026-11-28T10:00:00Z",
  };
}

function coordinates(
  random: Random,
  has: (defect: keyof typeof defectRates) => boolean,
  lat: number,
  lng: number,
): unknown {
  if (has("badCoordinates"))
    return random.pick([
      undefined,
      { latitude: "0", longitude: "0" },
      { latitude: "", longitude: "" },
      { latitude: String(lat * 10), longitude: String(lng) },
    ]);
  if (has("coordinatesAsNumbers")) return { latitude: lat, longitude: lng };
  const text = (n: number) => n.toFixed(6);
  if (has("decimalComma"))
    return {
      latitude: text(lat).replace(".", ","),
      longitude: text(lng).replace(".", ","),
    };
  return { latitude: text(lat), longitude: text(lng) };
}

function generateEvse(
  random: Random,
  has: (defect: keyof typeof defectRates) => boolean,
  party: string,
  site: number,
  position: number,
  isDc: boolean,
): Json {
  const standards: string[] = isDc
    ? party === "TSL"
      ? ["TESLA_S"]
      : random.chance(0.5)
        ? ["IEC_62196_T2_COMBO", "CHADEMO"]
        : ["IEC_62196_T2_COMBO"]
    : random.chance(0.3)
      ? ["IEC_62196_T2", "IEC_62196_T2"]
      : [random.chance(0.03) ? "DOMESTIC_F" : "IEC_62196_T2"];
  if (has("unknownStandardOnly"))
    standards.splice(0, standards.length, "IEC_62196_T3C");
  else if (has("unknownStandardBeside")) standards.push("NEMA_5_20");
  const uid = `${site}${String(position).padStart(2, "0")}`;
  const evse: Json = {
    uid,
    evse_id: `PT*${party}*E${site}*${position}`,
    status: has("removedEvse")
      ? "REMOVED"
      : random.pick(["AVAILABLE", "CHARGING", "UNKNOWN"]),
    capabilities: ["RFID_READER"],
    parking_restrictions: has("unknownParkingRestriction") ? ["RESIDENTS"] : [],
    connectors: standards.map((standard, c) =>
      generateConnector(random, has, standard, c + 1, isDc),
    ),
    last_updated: "2026-11-28T10:00:00Z",
  };
  if (has("withoutEvseId")) delete evse.evse_id;
  else if (has("emptyEvseId")) evse.evse_id = "";
  if (has("evseWithoutUid")) delete evse.uid;
  return evse;
}

function generateConnector(
  random: Random,
  has: (defect: keyof typeof defectRates) => boolean,
  standard: string,
  position: number,
  isDc: boolean,
): Json {
  let electrics: {
    power_type: string;
    max_voltage: number;
    max_amperage: number;
    max_electric_power: number;
  };
  if (standard === "DOMESTIC_F")
    electrics = {
      power_type: "AC_1_PHASE",
      max_voltage: 230,
      max_amperage: 16,
      max_electric_power: 3680,
    };
  else if (isDc && standard === "CHADEMO")
    electrics = {
      power_type: "DC",
      max_voltage: 500,
      max_amperage: 125,
      max_electric_power: 50000,
    };
  else if (isDc) {
    const kw = random.weighted([
      [50, 5],
      [100, 2],
      [150, 3],
      [300, 1],
    ] as const);
    electrics = {
      power_type: "DC",
      max_voltage: 920,
      max_amperage: Math.round((kw * 1000) / 920),
      max_electric_power: kw * 1000,
    };
  } else {
    const [powerType, amps] = random.weighted([
      [["AC_3_PHASE", 32], 5],
      [["AC_3_PHASE", 16], 3],
      [["AC_1_PHASE", 32], 1],
      [["AC_1_PHASE", 16], 1],
    ] as const);
    const phases = powerType === "AC_3_PHASE" ? 3 : 1;
    electrics = {
      power_type: powerType,
      max_voltage: 230,
      max_amperage: amps,
      max_electric_power: phases * 230 * amps,
    };
    if (phases === 3 && has("acLineVoltage")) electrics.max_voltage = 400;
    if (has("twoPhase"))
      electrics = {
        ...electrics,
        power_type: "AC_2_PHASE",
        max_electric_power: 2 * 230 * amps,
      };
  }
  const connector: Json = {
    id: String(position),
    standard,
    format: isDc ? "CABLE" : "SOCKET",
    ...electrics,
    tariff_ids: ["STANDARD"],
    last_updated: "2026-11-28T10:00:00Z",
  };
  if (has("connectorWithoutElectrics")) {
    delete connector.power_type;
    delete connector.max_voltage;
    delete connector.max_amperage;
    delete connector.max_electric_power;
  }
  if (has("connectorWithoutPowerType")) delete connector.power_type;
  if (has("connectorWithoutPower")) delete connector.max_electric_power;
  else if (has("powerInKw") && typeof connector.max_electric_power === "number")
    connector.max_electric_power = connector.max_electric_power / 1000;
  if (has("numbersAsStrings"))
    for (const field of ["max_voltage", "max_amperage"])
      if (typeof connector[field] === "number")
        connector[field] = String(connector[field]);
  if (has("lowerCaseWords")) {
    connector.standard = standard.toLowerCase();
    if (typeof connector.power_type === "string")
      connector.power_type = connector.power_type.toLowerCase();
  }
  if (has("connectorWithoutId")) delete connector.id;
  return connector;
}

function nearestTownName(lat: number, lng: number): string {
  let best = areas.portugal.towns[0];
  let bestD = Infinity;
  for (const town of areas.portugal.towns) {
    const d = (town[1] - lat) ** 2 + (town[2] - lng) ** 2;
    if (d < bestD) [best, bestD] = [town, d];
  }
  return best[0];
}
