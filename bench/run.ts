// npm run bench [-- --chargers 10000 --seconds 60 --browsers 1000 --stations 20000 --map-stations 50000]: the
// production build under simulated chargers (OCPP 1.6J, passwords) and socket.io browsers from separate processes,
// then the same load against a no-persist ceiling; prints one table and writes bench/results/<date>.json.
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runLoad, type LoadOptions } from "./load-run";
import {
  benchArea,
  benchChargers,
  browserViews,
  seedBenchNetwork,
  type BenchPasswords,
} from "./network";
import { measureMap } from "./map";
import { machine, printTable, writeResult } from "./report";
import { seedArea } from "./seed";
import {
  ensureProductionBuild,
  prepareDatabase,
  startCeiling,
  startProduct,
  type Target,
} from "./targets";

const { values } = parseArgs({
  options: {
    chargers: { type: "string", default: "10000" },
    seconds: { type: "string", default: "60" },
    browsers: { type: "string", default: "1000" },
    stations: { type: "string", default: "20000" },
    "map-stations": { type: "string", default: "50000" },
    rate: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "200" },
    "boot-deadline": { type: "string", default: "120" },
    /** generated (SHA-256, as an import provisions a large network) or operator (scrypt): see bench/network.ts. */
    passwords: { type: "string", default: "generated" },
    "no-ceiling": { type: "boolean", default: false },
    /** The product server's V8 CPU profile into this folder (written as it stops after the load and bbox runs). */
    "cpu-prof": { type: "string" },
    /** Keep the seeded SQLite files (and the server's log beside each) for a look afterwards. */
    keep: { type: "boolean", default: false },
  },
});
const options = {
  chargers: Number(values.chargers),
  seconds: Number(values.seconds),
  browsers: Number(values.browsers),
  stations: Math.max(
    Number(values.stations),
    Math.ceil(Number(values.chargers) / 10),
  ),
  mapStations: Number(values["map-stations"]),
  rate: Number(values.rate),
  concurrency: Number(values.concurrency),
  bootDeadlineS: Number(values["boot-deadline"]),
  passwords: benchPasswords(values.passwords),
};

function benchPasswords(value: string): BenchPasswords {
  if (value === "generated" || value === "operator") return value;
  throw new Error(`--passwords is generated or operator, not ${value}`);
}

/** Removes a seeded file's temp dir (its -wal and the server log too) unless --keep; a WAL can reach gigabytes. */
function discard(databaseFile: string): void {
  if (values.keep) console.log(`kept ${databaseFile}`);
  else rmSync(path.dirname(databaseFile), { recursive: true, force: true });
}

async function withTarget<T>(
  start: () => Promise<Target>,
  measure: (target: Target) => Promise<T>,
): Promise<T> {
  const target = await start();
  try {
    return await measure(target);
  } finally {
    await target.stop();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const m = machine();
  console.log(
    `npm run bench ${JSON.stringify(options)} on ${m.cpus}× ${m.cpuModel}, ${m.ramGiB} GiB, Node ${m.node}`,
  );
  ensureProductionBuild();
  const chargers = benchChargers(options.chargers);
  // Browser 0 watches the whole network (the single browser); the others a tenth of its box each.
  const load: LoadOptions = {
    chargers,
    views: [benchArea.box, ...browserViews(options.browsers)],
    seconds: options.seconds,
    messagesPerSecond: options.rate,
    concurrency: options.concurrency,
    chargerProcesses: 2,
    bootDeadlineS: options.bootDeadlineS,
  };

  let t = performance.now();
  const databaseFile = await prepareDatabase((db) =>
    seedBenchNetwork(db, options.chargers, options.stations, options.passwords),
  );
  console.log(
    `seeded ${options.stations} stations (${options.chargers} bench chargers) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${databaseFile}`,
  );
  const { product, map } = await withTarget(
    () => startProduct(databaseFile, values["cpu-prof"]),
    async (target) => ({
      product: await runLoad(target, load),
      map: await measureMap({
        baseUrl: target.baseUrl,
        stations: options.stations,
      }),
    }),
  );
  discard(databaseFile);
  const ceiling = values["no-ceiling"]
    ? null
    : await withTarget(
        () => startCeiling(options.chargers),
        (target) => runLoad(target, load),
      );

  let mapLarge = null;
  if (options.mapStations > 0) {
    t = performance.now();
    const largeFile = await prepareDatabase(async (db) => {
      await seedArea(db, benchArea, options.mapStations);
    });
    console.log(
      `seeded ${options.mapStations} stations in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    mapLarge = await withTarget(
      () => startProduct(largeFile),
      async (target) => ({
        ...(await measureMap({
          baseUrl: target.baseUrl,
          stations: options.mapStations,
        })),
        stations: options.mapStations,
      }),
    );
    discard(largeFile);
  }

  const result = { options, product, ceiling, map, mapLarge };
  console.log("");
  printTable(result);
  console.log(
    `\n${writeResult(result, startedAt)} (load generator: ${os.cpus().length} cores shared with the server)`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
