// Generates the demo network: a seeded, plausible set of public charging stations across Lisbon's neighbourhoods.
import type { z } from "zod";
import type { ConnectorInput, StationInput } from "../domain/station";
import {
  isOnLandWithin,
  lisbonBbox,
  neighbourhoods,
  type Neighbourhood,
} from "./lisbon";
import { createRandom, type Random } from "./random";

export type DemoStation = StationInput & { id: string };
type Connector = z.infer<typeof ConnectorInput>;

/** Hardware families seen on Lisbon streets, by the connectors one unit carries. */
type ChargerKind =
  "acPost" | "acWallbox" | "dcMulti" | "dcFast" | "dcHighPower";

type Operator = {
  brand: string;
  /** Mobi.E numbers its public posts per parish ("Mobi.E Alfama 3"); retailers and fuel brands use the place name. */
  isNumbered: boolean;
  weight: number;
  chargers: readonly [number, number];
  kinds: readonly (readonly [ChargerKind, number])[];
  perMinuteChance: number;
  /** Where its chargers stand and who may use them; the same at every station of the brand. */
  site: Site;
};

type Site = Pick<
  StationInput,
  "openingHours" | "parkingType" | "parkingRestrictions"
>;

const allWeek = [1, 2, 3, 4, 5, 6, 7];

/** A kerbside post: open to anyone, any time, while charging. */
const street: Site = {
  openingHours: { twentyfourseven: true, regularHours: [] },
  parkingType: "ON_STREET",
  parkingRestrictions: ["PLUGGED"],
};

/** A fuel station's forecourt: always open. */
const forecourt: Site = {
  openingHours: { twentyfourseven: true, regularHours: [] },
  parkingType: "PARKING_LOT",
  parkingRestrictions: [],
};

/** A supermarket car park: shop hours, shoppers only. */
function supermarket(periodBegin: string, periodEnd: string): Site {
  return {
    openingHours: {
      twentyfourseven: false,
      regularHours: allWeek.map((weekday) => ({
        weekday,
        periodBegin,
        periodEnd,
      })),
    },
    parkingType: "PARKING_LOT",
    parkingRestrictions: ["CUSTOMERS"],
  };
}

const operators: readonly Operator[] = [
  {
    brand: "Mobi.E",
    isNumbered: true,
    weight: 30,
    chargers: [1, 2],
    kinds: [
      ["acPost", 85],
      ["dcMulti", 15],
    ],
    perMinuteChance: 0.6,
    site: street,
  },
  {
    brand: "EDP",
    isNumbered: false,
    weight: 12,
    chargers: [1, 2],
    kinds: [
      ["acPost", 50],
      ["acWallbox", 20],
      ["dcMulti", 30],
    ],
    perMinuteChance: 0.2,
    site: street,
  },
  {
    brand: "Galp Electric",
    isNumbered: false,
    weight: 12,
    chargers: [1, 3],
    kinds: [
      ["dcFast", 45],
      ["dcMulti", 35],
      ["acPost", 20],
    ],
    perMinuteChance: 0.1,
    site: forecourt,
  },
  {
    brand: "Continente",
    isNumbered: false,
    weight: 7,
    chargers: [1, 3],
    kinds: [
      ["dcMulti", 50],
      ["acPost", 50],
    ],
    perMinuteChance: 0,
    site: supermarket("08:00", "23:00"),
  },
  {
    brand: "Pingo Doce",
    isNumbered: false,
    weight: 6,
    chargers: [1, 2],
    kinds: [
      ["dcMulti", 50],
      ["acPost", 50],
    ],
    perMinuteChance: 0,
    site: supermarket("08:00", "21:00"),
  },
  {
    brand: "Lidl",
    isNumbered: false,
    weight: 5,
    chargers: [1, 2],
    kinds: [
      ["dcMulti", 60],
      ["acPost", 40],
    ],
    perMinuteChance: 0,
    site: supermarket("08:00", "21:30"),
  },
  {
    brand: "Powerdot",
    isNumbered: false,
    weight: 8,
    chargers: [1, 3],
    kinds: [
      ["dcFast", 50],
      ["dcMulti", 30],
      ["acPost", 20],
    ],
    perMinuteChance: 0.3,
    site: forecourt,
  },
  {
    brand: "Prio",
    isNumbered: false,
    weight: 5,
    chargers: [1, 2],
    kinds: [
      ["dcFast", 60],
      ["dcMulti", 40],
    ],
    perMinuteChance: 0.1,
    site: forecourt,
  },
  {
    brand: "Ionity",
    isNumbered: false,
    weight: 1,
    chargers: [2, 4],
    kinds: [["dcHighPower", 1]],
    perMinuteChance: 0,
    site: forecourt,
  },
  {
    brand: "EMEL",
    isNumbered: false,
    weight: 8,
    chargers: [1, 3],
    kinds: [
      ["acWallbox", 70],
      ["acPost", 30],
    ],
    perMinuteChance: 0.2,
    site: {
      openingHours: { twentyfourseven: true, regularHours: [] },
      parkingType: "UNDERGROUND_GARAGE",
      parkingRestrictions: ["EV_ONLY"],
    },
  },
];

function connectorsFor(kind: ChargerKind, random: Random): Connector[] {
  const type2 = (
    connectorId: number,
    maxPowerKw: number,
    powerType: "AC_1_PHASE" | "AC_3_PHASE" = "AC_3_PHASE",
  ) => ({
    connectorId,
    standard: "IEC_62196_T2" as const,
    powerType,
    maxPowerKw,
  });
  const dc = (
    connectorId: number,
    standard: "IEC_62196_T2_COMBO" | "CHADEMO",
    maxPowerKw: number,
  ) => ({
    connectorId,
    standard,
    powerType: "DC" as const,
    maxPowerKw,
  });
  switch (kind) {
    case "acPost": {
      // Twin-socket posts share one rating per socket.
      const kw = random.weighted([
        [22, 3],
        [11, 1],
      ] as const);
      return [type2(1, kw), type2(2, kw)];
    }
    case "acWallbox":
      return random.chance(0.25)
        ? [type2(1, random.pick([3.7, 7.4]), "AC_1_PHASE")]
        : [type2(1, random.pick([11, 22]))];
    case "dcMulti": {
      const ccs = dc(1, "IEC_62196_T2_COMBO", random.pick([50, 50, 60]));
      return random.chance(0.7) ? [ccs, dc(2, "CHADEMO", 50)] : [ccs];
    }
    case "dcFast": {
      const kw = random.pick([100, 120, 150, 160, 180]);
      return random.chance(0.5)
        ? [dc(1, "IEC_62196_T2_COMBO", kw), dc(2, "IEC_62196_T2_COMBO", kw)]
        : [dc(1, "IEC_62196_T2_COMBO", kw)];
    }
    case "dcHighPower":
      return [dc(1, "IEC_62196_T2_COMBO", random.pick([300, 350]))];
  }
}

/** A point scattered uniformly over a disc around the neighbourhood centre, redrawn until it is on land. */
function placeIn(
  hood: Neighbourhood,
  random: Random,
): { lat: number; lng: number } {
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLng =
    metresPerDegreeLat * Math.cos((hood.lat * Math.PI) / 180);
  for (;;) {
    const distance = hood.spreadM * Math.sqrt(random.next());
    const angle = random.between(0, 2 * Math.PI);
    const lat = round(
      hood.lat + (distance * Math.sin(angle)) / metresPerDegreeLat,
      6,
    );
    const lng = round(
      hood.lng + (distance * Math.cos(angle)) / metresPerDegreeLng,
      6,
    );
    if (isOnLandWithin(lisbonBbox, lat, lng)) return { lat, lng };
  }
}

function addressIn(hood: Neighbourhood, random: Random): string {
  const postcode = `${random.pick(hood.postcodes)}-${String(random.int(1, 299)).padStart(3, "0")}`;
  return `${random.pick(hood.streets)} ${random.int(1, 180)}, ${postcode} Lisboa`;
}

function tariffFor(
  connectors: Connector[],
  operator: Operator,
  random: Random,
): NonNullable<StationInput["tariff"]> {
  const hasDc = connectors.some((c) => c.powerType === "DC");
  const pricePerKwh = round(
    hasDc ? random.between(0.45, 0.69) : random.between(0.25, 0.4),
    2,
  );
  if (!random.chance(operator.perMinuteChance))
    return { currency: "EUR", pricePerKwh };
  const pricePerMinute = round(
    hasDc ? random.between(0.05, 0.15) : random.between(0.01, 0.05),
    3,
  );
  return { currency: "EUR", pricePerKwh, pricePerMinute };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function generateDemoNetwork(
  options: { seed?: number; stations?: number } = {},
): DemoStation[] {
  const random = createRandom(options.seed ?? 1);
  const count = options.stations ?? 200;
  const namesUsed = new Map<string, number>();
  const stations: DemoStation[] = [];
  for (let index = 1; index <= count; index++) {
    const hood = random.weighted(
      neighbourhoods.map((n) => [n, n.weight] as const),
    );
    const operator = random.weighted(
      operators.map((o) => [o, o.weight] as const),
    );
    const id = `PT-LIS-${String(index).padStart(4, "0")}`;
    const chargers = Array.from(
      { length: random.int(...operator.chargers) },
      (_, i) => ({
        chargePointId: `${id}-${i + 1}`,
        connectors: connectorsFor(random.weighted(operator.kinds), random),
      }),
    );
    const baseName = `${operator.brand} ${hood.name}`;
    const seen = (namesUsed.get(baseName) ?? 0) + 1;
    namesUsed.set(baseName, seen);
    const name =
      operator.isNumbered || seen > 1 ? `${baseName} ${seen}` : baseName;
    stations.push({
      id,
      name,
      ...placeIn(hood, random),
      address: addressIn(hood, random),
      city: "Lisboa",
      operator: operator.brand,
      timeZone: "Europe/Lisbon",
      ...operator.site,
      tariff: tariffFor(
        chargers.flatMap((c) => c.connectors),
        operator,
        random,
      ),
      chargers,
    });
  }
  return stations;
}
