// npm run bench:api [-- --stations 20000 --samples 100 --keep]: latency of the public bbox read (contract 3) over a
// realistic metropolitan network. Seeds a fresh SQLite file (WAL) with --stations stations spread over a 60×60 km
// Lisbon metro box, then times getStationsInBbox (what GET /api/stations calls) plus JSON.stringify of its result
// over random map views: phone street view, desktop city view and a zoomed-out region view, with and without filters.
// With --route it also times the route handler itself (query parsing, the query, Response.json), without HTTP.
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
    stations: { type: "string", default: "20000" },
    samples: { type: "string", default: "100" },
    route: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const stationCount = Number(values.stations);
const samples = Number(values.samples);

/** The metro box, about 60 × 60 km around Lisbon: [minLng, minLat, maxLng, maxLat]. */
const metroBox: Bbox = [-9.49, 38.45, -8.8, 38.99];
const metresPerDegreeLat = 111_320;
const metresPerDegreeLng = metresPerDegreeLat * Math.cos((38.72 * Math.PI) / 180);

/** Municipalities of the metro area: centre, how far their stations scatter (m), weight ~ population (thousands). */
const towns: readonly (readonly [string, number, number, number, number])[] = [
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

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** A point near a town (Gaussian scatter), or anywhere in the box for one station in ten; never in the Tagus. */
function place(random: Random): { lat: number; lng: number } {
  const [minLng, minLat, maxLng, maxLat] = metroBox;
  for (;;) {
    let lat: number;
    let lng: number;
    if (random.chance(0.1)) {
      lat = random.between(minLat, maxLat);
      lng = random.between(minLng, maxLng);
    } else {
      const [, tLat, tLng, spreadM] = random.weighted(towns.map((t) => [t, t[4]] as const));
      lat = tLat + (gaussian(random) * spreadM) / metresPerDegreeLat;
      lng = tLng + (gaussian(random) * spreadM) / metresPerDegreeLng;
    }
    lat = Math.round(lat * 1e6) / 1e6;
    lng = Math.round(lng * 1e6) / 1e6;
    if (lat >= minLat && lat <= maxLat && lng >= minLng && lng <= maxLng && !isInTagus(lat, lng)) return { lat, lng };
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
          statusSince: new Date(now - Math.floor(random.between(0, 86_400_000))),
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
  for (let i = 0; i < stations.length; i += chunk) await db.station.createMany({ data: stations.slice(i, i + chunk) });
  lap("stations");
  for (let i = 0; i < chargers.length; i += chunk) await db.charger.createMany({ data: chargers.slice(i, i + chunk) });
  lap("chargers");
  for (let i = 0; i < connectors.length; i += chunk) {
    await db.connector.createMany({ data: connectors.slice(i, i + chunk) });
  }
  lap("connectors");
  console.log(`seeded ${stations.length} stations, ${chargers.length} chargers, ${connectors.length} connectors`);
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
  { name: "all three", filters: { available: true, standards: ["IEC_62196_T2_COMBO", "CHADEMO"], minPowerKw: 100 } },
];

/** People look where stations are: a view centred near a random station (regions anywhere in the metro box). */
function randomView(random: Random, kind: ViewKind, stations: { lat: number; lng: number }[]): Bbox {
  let lat: number;
  let lng: number;
  if (kind.widthM >= 50_000) {
    lat = random.between(38.6, 38.85);
    lng = random.between(-9.3, -9.0);
  } else {
    const s = random.pick(stations);
    lat = s.lat + random.between(-0.3, 0.3) * (kind.heightM / metresPerDegreeLat);
    lng = s.lng + random.between(-0.3, 0.3) * (kind.widthM / metresPerDegreeLng);
  }
  const halfLat = kind.heightM / 2 / metresPerDegreeLat;
  const halfLng = kind.widthM / 2 / metresPerDegreeLng;
  return [lng - halfLng, lat - halfLat, lng + halfLng, lat + halfLat];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

type Query = (bbox: Bbox, filters: StationFilters) => Promise<{ count: number; bytes: number }>;

async function measure(label: string, query: Query, stations: { lat: number; lng: number }[]) {
  const random = createRandom(42);
  console.log(`\n${label}`);
  console.log("view               filters         p50 ms   p95 ms   p99 ms   stations (median / max)   KB (median)");
  const all = new Map<string, number[]>();
  for (const kind of viewKinds) {
    for (const { name, filters } of filterSets) {
      const n = kind.widthM >= 50_000 ? Math.max(10, Math.round(samples / 4)) : samples;
      const times: number[] = [];
      const counts: number[] = [];
      const sizes: number[] = [];
      for (let i = 0; i < n; i++) {
        const bbox = randomView(random, kind, stations);
        const start = performance.now();
        const { count, bytes } = await query(bbox, filters);
        times.push(performance.now() - start);
        counts.push(count);
        sizes.push(bytes);
      }
      const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const t = sort(times);
      const c = sort(counts);
      all.set(kind.name, [...(all.get(kind.name) ?? []), ...times]);
      console.log(
        `${kind.name.padEnd(18)} ${name.padEnd(14)} ${fmt(percentile(t, 50))} ${fmt(percentile(t, 95))} ${fmt(percentile(t, 99))}` +
          `   ${`${percentile(c, 50)} / ${c[c.length - 1]}`.padStart(13)}             ${(percentile(sort(sizes), 50) / 1024).toFixed(0).padStart(6)}`,
      );
    }
  }
  console.log("all filters together:");
  for (const [kind, times] of all) {
    const t = [...times].sort((a, b) => a - b);
    console.log(`${kind.padEnd(18)} ${"(n=" + t.length + ")".padEnd(4)}      ${fmt(percentile(t, 50))} ${fmt(percentile(t, 95))} ${fmt(percentile(t, 99))}`);
  }
}

const fmt = (ms: number) => ms.toFixed(1).padStart(8);

async function main() {
  // Other work on this machine skews the numbers: say how busy it was.
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  try {
    const seedStart = performance.now();
    const stations = await seed(db);
    console.log(`seeding took ${((performance.now() - seedStart) / 1000).toFixed(1)} s (createMany in chunks of 1000)`);

    // Warm up: the first queries compile Prisma's query plans and fill SQLite's page cache.
    for (let i = 0; i < 20; i++) await getStationsInBbox(db, randomView(createRandom(i), viewKinds[1], stations));

    await measure("getStationsInBbox + JSON.stringify (what GET /api/stations does, minus HTTP)", async (bbox, filters) => {
      const result = await getStationsInBbox(db, bbox, filters);
      return { count: result.length, bytes: JSON.stringify({ stations: result }).length };
    }, stations);

    if (values.route) {
      // The route takes its client from getDb(), which keeps one per process in this global: hand it the bench's.
      (globalThis as { carregaDb?: Promise<Db> }).carregaDb = Promise.resolve(db);
      const { GET } = await import("../app/api/stations/route");
      const ctx = { params: Promise.resolve({}) };
      await measure("route handler GET /api/stations (zod parsing, query, Response.json and reading its body)", async (bbox, filters) => {
        const params = new URLSearchParams({ bbox: bbox.join(",") });
        if (filters.available) params.set("available", "true");
        if (filters.standards) params.set("standard", filters.standards.join(","));
        if (filters.minPowerKw !== undefined) params.set("minPowerKw", String(filters.minPowerKw));
        const response = await GET(new Request(`http://bench/api/stations?${params}`), ctx);
        const body = await response.text();
        if (response.status !== 200) throw new Error(`route answered ${response.status}: ${body}`);
        return { count: body.split('{"id":').length - 1, bytes: body.length };
      }, stations);
    }
    console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await db.$disconnect();
    if (values.keep) console.log(`\nkept ${database.url}`);
    else database.cleanup();
  }
}

void main().then(() => process.exit(0));
