// Benchmark server: a Carrega process without Next on a fresh SQLite file, with N chargers registered.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startTestCarrega } from "../lib/server/test-harness";
import { upsertStation } from "../lib/store/stations";

const chargers = Number(process.argv[2] ?? 1000);

async function main() {
  const carrega = await startTestCarrega();
  for (let s = 0; s < chargers / 10; s++) {
    await upsertStation(carrega.db, `bench-${s}`, {
      name: `Bench ${s}`,
      lat: 38.7 + (s % 100) * 0.001,
      lng: -9.2 + Math.floor(s / 100) * 0.001,
      chargers: Array.from({ length: 10 }, (_, c) => ({
        chargePointId: `BENCH-${s * 10 + c}`,
        allowUnauthenticated: true,
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2" as const,
            powerType: "AC_3_PHASE" as const,
            maxPowerKw: 22,
          },
        ],
      })),
    });
  }
  // Collect first so the per-charger figure measures connections, not garbage left by seeding.
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  collect();
  const rssBefore = process.memoryUsage().rss;
  // From the chargers' first frame on: seeding's own blocks are not what a charger waits behind.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const ms = (ns: number) => Number((ns / 1e6).toFixed(1));
  process.send?.({
    ready: true,
    ocppUrl: carrega.ocppUrl,
    rssBefore,
    // On the clock of a .cpuprofile's timestamps (µs), so its summary can leave seeding out.
    loadStartUs: Number(process.hrtime.bigint() / 1000n),
  });
  process.on("message", (message: { measure?: boolean; stop?: boolean }) => {
    if (message.measure) {
      // The bench's own full collection is not a block a charger would meet: left out of the delay.
      delay.disable();
      collect();
      delay.enable();
      process.send?.({
        rss: process.memoryUsage().rss,
        atUs: Number(process.hrtime.bigint() / 1000n),
        connected: carrega.endpoint.connectedCount,
        stats: carrega.batcher.stats,
        eventLoopDelayMs: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
      });
    }
    if (message.stop) void carrega.stop().then(() => process.exit(0));
  });
}

void main();
