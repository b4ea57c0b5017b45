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
import { createRandom, type Random } from "../lib/sim/random";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb, type Db } from "../lib/store/prisma";
import { getStationsInBbox, type StationFilters } from "../lib/store/stations";
import {
  areas,
  metresPerDegreeLat,
  metresPerDegreeLng,
  seedArea,
} from "./seed";

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

const area = areas[values.area];
if (!area)
  throw new Error(`--area must be one of ${Object.keys(areas).join(", ")}`);

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
      stations = await seedArea(db, area, stationCount);
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
