// The benchmark's network: stations of ten one-connector chargers placed over mainland Portugal the way people live,
// among the map's other stations (bench/seed.ts); the same arguments give the same network in every process.
import type { Bbox } from "../lib/domain/geo";
import { createRandom } from "../lib/sim/random";
import { hashGeneratedPassword, hashPassword } from "../lib/ocpp/password";
import type { Db } from "../lib/store/prisma";
import { areas, place, seedArea } from "./seed";

export const benchArea = areas.portugal;
export const CHARGERS_PER_STATION = 10;
/** Every bench charger's password: one hash serves them all (see seedBenchNetwork). */
export const BENCH_PASSWORD = "bench-charger-password-0123456789";

/**
 * How the network's passwords were provisioned: "generated" as `import:ocpi --generate-passwords` gives a large
 * network (machine-made, stored as SHA-256), or "operator" as an operator sets each one by hand (stored as scrypt:
 * every charger's first connect to a process costs a scrypt, ~45 ms of CPU).
 */
export type BenchPasswords = "generated" | "operator";

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
 * Seeds `stations` stations in all: the chargers' stations, then the rest through seedArea. Rows as
 * upsertStation (the operator API) writes them, but by createMany as seedArea does: upsertStation's one
 * transaction per station took 0.4 s each on the shared machine. Passwords: one hash of BENCH_PASSWORD on every charger
 * (scrypting 10,000 would cost ~400 s of CPU before the run); the server verifies each charger's first connect in full.
 */
export async function seedBenchNetwork(
  db: Db,
  chargerCount: number,
  stations: number,
  passwords: BenchPasswords,
): Promise<void> {
  const chargers = benchChargers(chargerCount);
  const stationRows = new Map(
    chargers.map((c) => [
      c.stationId,
      { id: c.stationId, name: `Bench ${c.stationId}`, lat: c.lat, lng: c.lng },
    ]),
  );
  const passwordHash =
    passwords === "generated"
      ? hashGeneratedPassword(BENCH_PASSWORD)
      : await hashPassword(BENCH_PASSWORD);
  const chunk = 1000;
  const createInChunks = async <T>(
    rows: T[],
    create: (data: T[]) => Promise<unknown>,
  ) => {
    for (let i = 0; i < rows.length; i += chunk)
      await create(rows.slice(i, i + chunk));
  };
  await createInChunks([...stationRows.values()], (data) =>
    db.station.createMany({ data }),
  );
  await createInChunks(chargers, (data) =>
    db.charger.createMany({
      data: data.map((c) => ({
        chargePointId: c.chargePointId,
        stationId: c.stationId,
        passwordHash,
        lastSeenAt: new Date(),
      })),
    }),
  );
  await createInChunks(chargers, (data) =>
    db.connector.createMany({
      data: data.map((c) => ({
        chargePointId: c.chargePointId,
        connectorId: 1,
        evseId: 1,
        standard: "IEC_62196_T2_COMBO",
        powerType: "DC",
        maxPowerKw: 150,
      })),
    }),
  );
  await seedArea(db, benchArea, Math.max(0, stations - stationRows.size));
}
