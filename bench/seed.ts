// Seeds a SQLite database with a synthetic network for the benchmarks: stations spread over an area's towns the way
// people live (a Lisbon metro box, or mainland Portugal), chargers and connectors from the demo network's generator.
import type { Bbox } from "../lib/domain/geo";
import type { ConnectorStatus } from "../lib/domain/vocabulary";
import { createRandom, type Random } from "../lib/sim/random";
import { generateDemoNetwork } from "../lib/sim/network";
import { isOnLandWithin } from "../lib/sim/lisbon";
import { createDb, type Db } from "../lib/store/prisma";

/** [name, lat, lng, how far stations scatter (m), weight ~ population in thousands]. */
type Town = readonly [string, number, number, number, number];
export type Area = {
  name: string;
  box: Bbox;
  towns: readonly Town[];
  scatteredShare: number;
  scatterM: number;
};

/** Municipalities of the Lisbon metro area. */
const lisbonMetro: readonly Town[] = [
  ["Lisboa", 38.722, -9.139, 3500, 545],
  ["Sintra", 38.77, -9.3, 5000, 385],
  ["Cascais", 38.705, -9.4, 4000, 214],
  ["Loures", 38.83, -9.17, 3500, 201],
  ["Almada", 38.667, -9.16, 3000, 177],
  ["Amadora", 38.754, -9.23, 2000, 175],
  ["Oeiras", 38.697, -9.3, 2500, 171],
  ["Seixal", 38.63, -9.1, 3000, 166],
  ["Odivelas", 38.79, -9.18, 2000, 148],
  ["Vila Franca de Xira", 38.955, -8.99, 4000, 137],
  ["Setúbal", 38.524, -8.89, 3000, 123],
  ["Barreiro", 38.66, -9.07, 2000, 78],
  ["Palmela", 38.57, -8.9, 4000, 68],
  ["Moita", 38.65, -8.99, 2000, 66],
  ["Montijo", 38.707, -8.974, 2500, 55],
  ["Sesimbra", 38.47, -9.1, 3000, 52],
];

export const areas: Record<string, Area> = {
  /** About 60 × 60 km around Lisbon; one station in ten anywhere in the box. */
  metro: {
    name: "Lisbon metro box, 60×60 km",
    box: [-9.49, 38.45, -8.8, 38.99],
    towns: lisbonMetro,
    scatteredShare: 0.1,
    scatterM: 0,
  },
  /** Mainland Portugal: the Lisbon metro, Porto's and the other district capitals; one station in six on the roads between. */
  portugal: {
    name: "mainland Portugal",
    box: [-9.55, 36.96, -6.19, 42.15],
    towns: [
      ...lisbonMetro,
      ["Porto", 41.155, -8.615, 4000, 700],
      ["Vila Nova de Gaia", 41.12, -8.61, 4000, 300],
      ["Matosinhos e Maia", 41.21, -8.65, 4000, 310],
      ["Gondomar e Valongo", 41.16, -8.52, 4000, 260],
      ["Braga", 41.55, -8.42, 4000, 190],
      ["Guimarães", 41.44, -8.29, 4000, 150],
      ["Coimbra", 40.21, -8.43, 4000, 140],
      ["Leiria", 39.74, -8.81, 4000, 130],
      ["Viseu", 40.66, -7.91, 3000, 100],
      ["Aveiro", 40.64, -8.65, 3000, 80],
      ["Viana do Castelo", 41.69, -8.83, 3000, 85],
      ["Faro e Loulé", 37.05, -7.95, 5000, 130],
      ["Albufeira", 37.09, -8.25, 4000, 40],
      ["Portimão e Lagoa", 37.13, -8.5, 4000, 80],
      ["Santarém", 39.24, -8.69, 3000, 60],
      ["Évora", 38.57, -7.91, 3000, 55],
      ["Castelo Branco", 39.82, -7.49, 3000, 55],
      ["Vila Real", 41.3, -7.74, 3000, 50],
      ["Guarda", 40.54, -7.27, 3000, 40],
      ["Bragança", 41.81, -6.76, 3000, 35],
      ["Beja", 38.02, -7.86, 3000, 35],
      ["Portalegre", 39.29, -7.43, 3000, 25],
    ],
    scatteredShare: 1 / 6,
    scatterM: 30_000,
  },
};
export const metresPerDegreeLat = 111_320;
export const metresPerDegreeLng = (lat: number) =>
  metresPerDegreeLat * Math.cos((lat * Math.PI) / 180);

function gaussian(random: Random): number {
  return (
    Math.sqrt(-2 * Math.log(1 - random.next())) *
    Math.cos(2 * Math.PI * random.next())
  );
}

/** A point scattered (Gaussian) around a town picked by population; never in the Tagus nor out of the area's box. */
export function place(
  random: Random,
  area: Area,
): { lat: number; lng: number } {
  const [minLng, minLat, maxLng, maxLat] = area.box;
  const byWeight = area.towns.map((t) => [t, t[4]] as const);
  for (;;) {
    let lat: number;
    let lng: number;
    const scattered = random.chance(area.scatteredShare);
    if (scattered && area.scatterM === 0) {
      lat = random.between(minLat, maxLat);
      lng = random.between(minLng, maxLng);
    } else {
      const [, tLat, tLng, spreadM] = random.weighted(byWeight);
      const m = scattered ? area.scatterM : spreadM;
      lat = tLat + (gaussian(random) * m) / metresPerDegreeLat;
      lng = tLng + (gaussian(random) * m) / metresPerDegreeLng(tLat);
    }
    lat = Math.round(lat * 1e6) / 1e6;
    lng = Math.round(lng * 1e6) / 1e6;
    if (isOnLandWithin(area.box, lat, lng)) return { lat, lng };
  }
}

const statusWeights: readonly (readonly [ConnectorStatus, number])[] = [
  ["AVAILABLE", 55],
  ["CHARGING", 28],
  ["RESERVED", 2],
  ["BLOCKED", 2],
  ["OUTOFORDER", 5],
  ["INOPERATIVE", 2],
  ["UNKNOWN", 6],
];

/** Seeds `db` (migrated, empty) with `stationCount` stations over `area`; the same arguments give the same network. */
export async function seedArea(
  db: Db,
  area: Area,
  stationCount: number,
): Promise<{ lat: number; lng: number }[]> {
  const random = createRandom(20_000);
  const network = generateDemoNetwork({ seed: 7, stations: stationCount });
  const now = Date.now();
  const stations = [];
  const chargers = [];
  const connectors = [];
  for (const s of network) {
    const { lat, lng } = place(random, area);
    stations.push({
      id: s.id,
      name: s.name,
      lat,
      lng,
      address: s.address ?? null,
      city: s.city ?? null,
      // One station in ten publishes no tariff.
      currency: random.chance(0.1) ? null : (s.tariff?.currency ?? null),
      pricePerKwh: s.tariff?.pricePerKwh ?? null,
      pricePerMinute: s.tariff?.pricePerMinute ?? null,
    });
    for (const c of s.chargers) {
      // Seen as the server starts: with the bench's long offline grace, the sweep leaves their statuses as seeded.
      chargers.push({
        chargePointId: c.chargePointId,
        stationId: s.id,
        lastSeenAt: new Date(now),
      });
      for (const k of c.connectors) {
        connectors.push({
          chargePointId: c.chargePointId,
          connectorId: k.connectorId,
          evseId: k.connectorId,
          standard: k.standard,
          powerType: k.powerType,
          maxPowerKw: k.maxPowerKw,
          status: random.weighted(statusWeights),
          statusSince: new Date(
            now - Math.floor(random.between(0, 86_400_000)),
          ),
        });
      }
    }
  }
  const chunk = 1000;
  let t = performance.now();
  const lap = (what: string) => {
    console.log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  lap("generating");
  for (let i = 0; i < stations.length; i += chunk)
    await db.station.createMany({ data: stations.slice(i, i + chunk) });
  lap("stations");
  for (let i = 0; i < chargers.length; i += chunk)
    await db.charger.createMany({ data: chargers.slice(i, i + chunk) });
  lap("chargers");
  for (let i = 0; i < connectors.length; i += chunk) {
    await db.connector.createMany({ data: connectors.slice(i, i + chunk) });
  }
  lap("connectors");
  console.log(
    `seeded ${stations.length} stations, ${chargers.length} chargers, ${connectors.length} connectors`,
  );
  return stations;
}

/**
 * Seeds the migrated, empty database at `dbUrl` with `stationCount` stations over mainland Portugal (the issue's
 * country-wide network), for a server started on it afterwards (bench/map.ts measures it).
 */
export async function seedStations(
  dbUrl: string,
  stationCount: number,
  area: Area = areas.portugal,
): Promise<void> {
  const db = await createDb(dbUrl);
  try {
    await seedArea(db, area, stationCount);
  } finally {
    await db.$disconnect();
  }
}
