// npm run bench:clusters [-- --stations 20000 --updates 300]: what the map's clustering costs in the browser's place.
// Seeds --stations stations over the Lisbon metro box (as bench:api does), reads them back as the API returns them,
// then times the supercluster index build (once per set of stations) and one live update as the map handles it: a
// connector status applied to the list, the "same places?" check that spares a rebuild, and the visible markers
// summed again. Views: the whole area zoomed out (every station in view) and a city view.
import { parseArgs } from "node:util";
import type { ConnectorStatus } from "../lib/domain/vocabulary";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb } from "../lib/store/prisma";
import { getStationsInBbox } from "../lib/store/stations";
import { applyConnectorStatus } from "../components/map/liveStationsState";
import {
  MAX_CLUSTER_ZOOM,
  clusterStations,
  hasSamePlaces,
  visibleMarkers,
  type Bounds,
} from "../components/map/stationClusters";
import { areas, seedArea } from "./seed";

const { values } = parseArgs({
  options: {
    stations: { type: "string", default: "20000" },
    updates: { type: "string", default: "300" },
  },
});

const views: { name: string; bounds: Bounds; zoom: number }[] = [
  { name: "whole area, zoom 10", bounds: areas.metro.box, zoom: 10 },
  { name: "city, zoom 13", bounds: [-9.2, 38.69, -9.08, 38.76], zoom: 13 },
];

const statuses: ConnectorStatus[] = ["AVAILABLE", "CHARGING", "UNKNOWN"];

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

function percentiles(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
}

async function main() {
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  try {
    await seedArea(db, areas.metro, Number(values.stations));
    let stations = await getStationsInBbox(db, areas.metro.box);
    await db.$disconnect();
    console.log(`\n${stations.length} stations from getStationsInBbox`);

    const builds = Array.from({ length: 7 }, () =>
      time(() => clusterStations(stations, MAX_CLUSTER_ZOOM)),
    );
    console.log(
      `index build (supercluster load): ${percentiles(builds.map((b) => b.ms))}`,
    );
    const clusters = builds[builds.length - 1].result;

    for (const view of views) {
      const first = time(() =>
        visibleMarkers(clusters, stations, view.bounds, view.zoom),
      );
      const markers = first.result;
      const inClusters = markers.filter((m) => m.kind === "cluster").length;
      console.log(
        `\n${view.name}: ${markers.length} markers (${inClusters} clusters); first query ${first.ms.toFixed(1)} ms`,
      );
      const updates: number[] = [];
      for (let i = 0; i < Number(values.updates); i++) {
        const station = stations[(i * 7919) % stations.length];
        const connector = station.connectors[0];
        const message = {
          stationId: station.id,
          chargePointId: connector.chargePointId,
          connectorId: connector.connectorId,
          evseId: connector.evseId,
          status: statuses[i % statuses.length],
          statusSince: new Date(Date.now() + i).toISOString(),
        };
        const before = stations;
        updates.push(
          time(() => {
            stations = applyConnectorStatus(stations, message);
            if (!hasSamePlaces(before, stations))
              throw new Error("a status update moved a station");
            return visibleMarkers(clusters, stations, view.bounds, view.zoom);
          }).ms,
        );
      }
      console.log(
        `  live update (apply, same-places check, markers summed): ${percentiles(updates)}`,
      );
    }
  } finally {
    database.cleanup();
  }
}

void main().then(() => process.exit(0));
