// npm run bench:import [-- --locations 5000 --seed 2026 --generate-passwords --keep]: generates a seeded national OCPI
// export with real exports' defects (national-export.ts), imports it into a fresh SQLite file as `npm run
// import:ocpi` does, and prints how much of it reaches the map (stations the public bbox read returns), the wall
// time, and how long the console summary is. --keep keeps the temp dir (export, report, database).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importOcpiFile } from "../lib/import/import-file";
import { progressOn } from "../lib/import/progress";
import { formatSummary } from "../lib/import/summary";
import { createTestDatabaseUrl } from "../lib/server/test-harness";
import { createDb } from "../lib/store/prisma";
import { getStationsInBbox } from "../lib/store/stations";
import { generateNationalExport } from "./national-export";

const { values } = parseArgs({
  options: {
    locations: { type: "string", default: "5000" },
    seed: { type: "string", default: "2026" },
    "generate-passwords": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const seed = Number(values.seed);
const locationCount = Number(values.locations);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "carrega-bench-import-"));
  const file = path.join(dir, "national-export.json");
  const reportFile = path.join(dir, "report.json");
  const feed = generateNationalExport(seed, locationCount);
  writeFileSync(file, JSON.stringify(feed));
  const evses = feed.data.flatMap(
    (l) => (l.evses as { connectors: unknown[] }[] | undefined) ?? [],
  );
  const connectors = evses.reduce((n, e) => n + e.connectors.length, 0);
  console.log(
    `seed ${seed}: ${feed.data.length} Locations, ${evses.length} EVSEs, ${connectors} connectors in ${file}`,
  );
  const database = createTestDatabaseUrl();
  const db = await createDb(database.url);
  try {
    const started = performance.now();
    const report = await importOcpiFile(db, file, {
      onProgress: progressOn(process.stderr),
      generatePasswords: values["generate-passwords"],
    });
    const wallS = (performance.now() - started) / 1000;
    writeFileSync(reportFile, JSON.stringify(report, null, 2) + "\n");
    const summary = formatSummary(report, reportFile);
    console.log(summary);
    // What GET /api/stations?bbox= answers for the whole world: the stations a driver can find on the map.
    const onMap = (await getStationsInBbox(db, [-180, -90, 180, 90])).length;
    console.log(
      [
        "",
        `Locations in:        ${report.locations}`,
        `imported:            ${report.imported}`,
        `rejected:            ${report.rejected}`,
        `on the map (bbox):   ${onMap} (${((100 * onMap) / report.locations).toFixed(1)} %)`,
        `inferences:          ${report.inferences.length}`,
        `wall time:           ${wallS.toFixed(1)} s (${((1000 * wallS) / report.locations).toFixed(1)} ms per Location)`,
        `summary lines:       ${summary.split("\n").length}`,
      ].join("\n"),
    );
  } finally {
    await db.$disconnect();
    if (values.keep) console.log(`kept ${dir} and ${database.url}`);
    else {
      rmSync(dir, { recursive: true, force: true });
      database.cleanup();
    }
  }
}

void main();
