// The benchmark's network: stations of ten one-connector chargers placed over mainland Portugal the way people live,
// among the map's other stations (bench/seed.ts); the same arguments give the same network in every process.
import type { Bbox } from "../lib/domain/geo";
import { createRandom } from "../lib/sim/random";
import { hashPassword } from "../lib/ocpp/password";
import type { Db } from "../lib/store/prisma";
import { upsertStation } from "../lib/store/stations";
import { areas, place, seedStations } from "./seed";

export const benchArea = areas.portugal;
export const CHARGERS_PER_STATION = 10;
/** Every bench charger's password: one scrypt hash serves them all (see seedBenchNetwork). */
export const BENCH_PASSWORD = "bench-charger-password-0123456789";

export type BenchCharger = {
  chargePointId: string;
  stationId: string;
  lat: number;
  lng: number;
};

export function benchChargers(count: number): BenchCharger[] {
  const random = createRandom(17);
  const chargers: BenchCharger[] = [];
  for (let s = 0; s * CHARGERS_PER_STATION < count; s++) {
    const { lat, lng } = place(random, benchArea);
    for (let c = 0; c < CHARGERS_PER_STATION; c++) {
      const n = s * CHARGERS_PER_STATION + c;
      if (n < count)
        chargers.push({
          chargePointId: `BENCH-${n}`,
          stationId: `bench-${s}`,
          lat,
          lng,
        });
    }
  }
  return chargers;
}

/** `count` views, each a tenth of the network's box (a third of each side), placed at random inside it. */
export function browserViews(count: number, seed = 23): Bbox[] {
  const random = createRandom(seed);
  const [minLng, minLat, maxLng, maxLat] = benchArea.box;
  const width = (maxLng - minLng) * Math.sqrt(0.1);
  const height = (maxLat - minLat) * Math.sqrt(0.1);
  return Array.from({ length: count }, () => {
    const lng = random.between(minLng, maxLng - width);
    const lat = random.between(minLat, maxLat - height);
    return [lng, lat, lng + width, lat + height];
  });
}

/**
 * Seeds `stations` stations in all: the chargers' stations through upsertStation (as the operator API stores them)
 * and the rest through seedStations. Passwords: upsertStation would scrypt each charger's (~40 ms of CPU each, 400 s
 * for 10,000), so it is called without one and one scrypt hash of BENCH_PASSWORD is then set on every charger:
 * the stored format is the operator API's, and the server still runs scrypt to verify each connect.
 */
export async function seedBenchNetwork(
  db: Db,
  chargerCount: number,
  stations: number,
): Promise<void> {
  const chargers = benchChargers(chargerCount);
  const byStation = new Map<string, BenchCharger[]>();
  for (const c of chargers)
    byStation.set(c.stationId, [...(byStation.get(c.stationId) ?? []), c]);
  await seedStations(db, benchArea, Math.max(0, stations - byStation.size));
  for (const [stationId, members] of byStation)
    await upsertStation(db, stationId, {
      name: `Bench ${stationId}`,
      lat: members[0].lat,
      lng: members[0].lng,
      chargers: members.map((c) => ({
        chargePointId: c.chargePointId,
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2_COMBO" as const,
            powerType: "DC" as const,
            maxPowerKw: 150,
          },
        ],
      })),
    });
  await db.charger.updateMany({
    where: { chargePointId: { startsWith: "BENCH-" } },
    data: { passwordHash: await hashPassword(BENCH_PASSWORD) },
  });
}
