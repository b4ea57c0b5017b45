// npm run bench:api [-- --area metro|portugal --stations 20000 --samples 100 --route --keep --db file:...]: latency of the public
// bbox read (contract 3). Seeds a fresh SQLite file (WAL, as the app runs it) with --stations stations, spread over a
// 60×60 km Lisbon metro box (the default: the densest case, every station in one metropolitan area) or over mainland
// Portugal's towns, then times getStationsInBbox (what GET /api/stations calls) plus JSON.stringify of its result over
// random map views: phone street view, desktop city view and a zoomed-out region view, each without and with filters.
// With --route it also times the route handler (query-string parsing, the query, Response.json), without HTTP.
// Wall time suffers from whatever else the machine runs; CPU time (this process, all threads) is what an idle
// machine's wall time would be, give or take GC threads. --keep keeps the seeded file; --db measures such a file again.
import os from "node:os";
import { parseArgs } from "node:util";
import type { Bbox } from "../lib/domain/geo";
import type { ConnectorStatus } from "../lib/domain/vocabulary";
import { createRandom, type Random } from "../lib/sim/random";
import { generateDemoNetwork } from "../lib/sim/network";
import { isInTagus } from "../lib/sim/lisbon";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb, type Db } from "../lib/store/prisma";
import { getStationsInBbox, type StationFilters } from "../lib/store/stations";

const { values } = parseArgs({
  options: {
    area: { type: "string", default: "metro" },
    stations: { type: "string", default: "20000" },
    samples: { type: "string", default: "100" },
    route: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    db: { type: "string" },
  },
});
const stationCount = Number(values.stations);
const samples = Number(values.samples);

/** [name, lat, lng, how far stations scatter (m), weight ~ population in thousands]. */
type Town = readonly [string, number, number, number, number];
type Area = {
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

const areas: Record<string, Area> = {
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
const area = areas[values.area];
if (!area)
  throw new Error(`--area must be one of ${Object.keys(areas).join(", ")}`);

const metresPerDegreeLat = 111_320;
const metresPerDegreeLng = (lat: number) =>
  metresPerDegreeLat * Math.cos((lat * Math.PI) / 180);

function gaussian(random: Random): number {
  return (
    Math.sqrt(-2 * Math.log(1 - random.next())) *
    Math.cos(2 * Math.PI * random.next())
  );
}

/** A point scattered (Gaussian) around a town picked by population; never in the Tagus nor out of the area's box. */
function place(random: Random): { lat: number; lng: number } {
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
    if (
      lat >= minLat &&
      lat <= maxLat &&
      lng >= minLng &&
      lng <= maxLng &&
      !isInTagus(lat, lng)
    )
      return { lat, lng };
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

async function seed(db: Db): Promise<{ lat: number; lng: number }[]> {
  const random = createRandom(20_000);
  const network = generateDemoNetwork({ seed: 7, stations: stationCount });
  const now = Date.now();
  const stations = [];
  const chargers = [];
  const connectors = [];
  for (const s of network) {
    const { lat, lng } = place(random);
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
      chargers.push({ chargePointId: c.chargePointId, stationId: s.id });
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

type ViewKind = { name: string; widthM: number; heightM: number };
const viewKinds: ViewKind[] = [
  { name: "phone 1.5×2.5 km", widthM: 1500, heightM: 2500 },
  { name: "city 10×6 km", widthM: 10_000, heightM: 6000 },
  { name: "region 60×40 km", widthM: 60_000, heightM: 40_000 },
];
const filterSets: { name: string; filters: StationFilters }[] = [
  { name: "none", filters: {} },
  { name: "available", filters: { available: true } },
  { name: "standard=CCS", filters: { standards: ["IEC_62196_T2_COMBO"] } },
  { name: "minPowerKw=50", filters: { minPowerKw: 50 } },
  {
    name: "all three",
    filters: {
      available: true,
      standards: ["IEC_62196_T2_COMBO", "CHADEMO"],
      minPowerKw: 100,
    },
  },
];

/** People look where stations are: a view centred near a random station. */
function randomView(
  random: Random,
  kind: ViewKind,
  stations: { lat: number; lng: number }[],
): Bbox {
  const s = random.pick(stations);
  const halfLat = kind.heightM / 2 / metresPerDegreeLat;
  const halfLng = kind.widthM / 2 / metresPerDegreeLng(s.lat);
  const lat = s.lat + random.between(-0.6, 0.6) * halfLat;
  const lng = s.lng + random.between(-0.6, 0.6) * halfLng;
  return [lng - halfLng, lat - halfLat, lng + halfLng, lat + halfLat];
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

type Query = (
  bbox: Bbox,
  filters: StationFilters,
) => Promise<{ count: number; bytes: number }>;
type Sample = { wallMs: number; cpuMs: number; count: number; bytes: number };

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

function row(label: string, samples: Sample[]): string {
  const wall = sorted(samples.map((x) => x.wallMs));
  const cpu = sorted(samples.map((x) => x.cpuMs));
  const counts = sorted(samples.map((x) => x.count));
  const kb = percentile(sorted(samples.map((x) => x.bytes)), 50) / 1024;
  return (
    `${label.padEnd(33)}${[50, 95, 99].map((p) => fmt(percentile(wall, p))).join("")}  ` +
    `${[50, 95, 99].map((p) => fmt(percentile(cpu, p))).join("")}` +
    `${`${percentile(counts, 50)} / ${counts[counts.length - 1]}`.padStart(16)}${kb.toFixed(0).padStart(8)}`
  );
}

/** Every view kind with every filter set, over the same seeded views whatever is measured. */
async function measure(
  label: string,
  query: Query,
  stations: { lat: number; lng: number }[],
) {
  const random = createRandom(42);
  console.log(`\n${label}`);
  console.log(
    `${"".padEnd(33)}${"wall ms".padStart(14).padEnd(23)}${"CPU ms".padStart(14).padEnd(23)}   stations    KB`,
  );
  console.log(
    `${"view, filters".padEnd(33)}    p50    p95    p99      p50    p95    p99   median / max  median`,
  );
  const byKind = new Map<string, Sample[]>();
  for (const kind of viewKinds) {
    for (const { name, filters } of filterSets) {
      const n =
        kind.widthM >= 50_000 ? Math.max(10, Math.round(samples / 4)) : samples;
      const results: Sample[] = [];
      for (let i = 0; i < n; i++) {
        const bbox = randomView(random, kind, stations);
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        const { count, bytes } = await query(bbox, filters);
        const wallMs = performance.now() - start;
        const cpu = process.cpuUsage(cpuStart);
        results.push({
          wallMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          count,
          bytes,
        });
      }
      byKind.set(kind.name, [...(byKind.get(kind.name) ?? []), ...results]);
      console.log(row(`${kind.name}, ${name}`, results));
    }
  }
  console.log("every filter set together:");
  for (const [kind, results] of byKind)
    console.log(row(`${kind} (n=${results.length})`, results));
}

async function main() {
  // Other work on this machine skews the numbers: say how busy it was.
  console.log(
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const database = values.db
    ? { url: values.db, cleanup: () => {} }
    : createTestDatabaseUrl();
  const db = await createDb(database.url);
  try {
    let stations: { lat: number; lng: number }[];
    if (values.db) {
      stations = await db.$queryRaw<
        { lat: number; lng: number }[]
      >`SELECT "lat", "lng" FROM "Station" ORDER BY rowid`;
      console.log(`measuring ${values.db}: ${stations.length} stations`);
    } else {
      console.log(`seeding ${stationCount} stations over ${area.name}`);
      const seedStart = performance.now();
      stations = await seed(db);
      console.log(
        `seeding took ${((performance.now() - seedStart) / 1000).toFixed(1)} s (createMany in chunks of 1000)`,
      );
    }

    // Warm up: the first queries compile Prisma's query plans and fill SQLite's page cache.
    for (let i = 0; i < 20; i++)
      await getStationsInBbox(
        db,
        randomView(createRandom(i), viewKinds[1], stations),
      );

    await measure(
      "getStationsInBbox + JSON.stringify (what GET /api/stations does, minus HTTP)",
      async (bbox, filters) => {
        const result = await getStationsInBbox(db, bbox, filters);
        return {
          count: result.length,
          bytes: JSON.stringify({ stations: result }).length,
        };
      },
      stations,
    );

    if (values.route) {
      // The route takes its client from getDb(), which keeps one per process in this global: hand it the bench's.
      (globalThis as { carregaDb?: Promise<Db> }).carregaDb =
        Promise.resolve(db);
      const { GET } = await import("../app/api/stations/route");
      const ctx = { params: Promise.resolve({}) };
      await measure(
        "route handler GET /api/stations (zod parsing, query, Response.json and reading its body)",
        async (bbox, filters) => {
          const params = new URLSearchParams({ bbox: bbox.join(",") });
          if (filters.available) params.set("available", "true");
          if (filters.standards)
            params.set("standard", filters.standards.join(","));
          if (filters.minPowerKw !== undefined)
            params.set("minPowerKw", String(filters.minPowerKw));
          const response = await GET(
            new Request(`http://bench/api/stations?${params}`),
            ctx,
          );
          const body = await response.text();
          if (response.status !== 200)
            throw new Error(`route answered ${response.status}: ${body}`);
          return { count: body.split('{"id":').length - 1, bytes: body.length };
        },
        stations,
      );
    }
    console.log(
      `\nload average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await db.$disconnect();
    if (values.keep && !values.db)
      console.log(
        `\nkept ${database.url}: measure it again with --db ${database.url}`,
      );
    else database.cleanup();
  }
}

void main().then(() => process.exit(0));
