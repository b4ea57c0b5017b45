// Command line: `npm run import:ocpi -- FILE [--report out.json] [--generate-passwords]` imports into DATABASE_URL.
import { chmod, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { getSettings } from "../config";
import { createDb } from "../store/prisma";
import { importOcpiFile, OcpiFileError } from "./import-file";
import { progressOn } from "./progress";
import { formatSummary } from "./summary";

const usage = `Usage: npm run import:ocpi -- FILE [--report out.json] [--generate-passwords]
Imports an OCPI 2.2.1 Locations file (an array of Locations, or an OCPI response { "data": [...] }) into the
stations of DATABASE_URL. Importing the same file again updates those stations; it never duplicates them.
Fields real exports leave out (power_type, name, max_electric_power, ...) are inferred and counted.
--report FILE          writes every station, inference and rejection as JSON (the console shows a summary).
--generate-passwords   gives each imported charger without a password a random one, written to the report only
                       (requires --report); chargers that have a password keep it.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      report: { type: "string" },
      "generate-passwords": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const generatePasswords = values["generate-passwords"];
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (generatePasswords && !values.report) {
    // The passwords must land somewhere only the operator reads; the console ends up in logs.
    console.error("--generate-passwords needs --report FILE to write them to.");
    process.exitCode = 2;
    return;
  }
  const db = await createDb(getSettings().DATABASE_URL);
  try {
    const report = await importOcpiFile(db, positionals[0], {
      onProgress: progressOn(process.stderr),
      generatePasswords,
    });
    if (values.report) {
      await writeFile(values.report, JSON.stringify(report, null, 2) + "\n");
      // Owner-only when it holds passwords (chmod too: writeFile's mode applies only to a new file).
      if (report.passwords) await chmod(values.report, 0o600);
    }
    console.log(formatSummary(report, values.report));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  // A bad file or an unmigrated database is the user's to fix: a sentence is enough. Anything else gets its stack.
  if (error instanceof OcpiFileError) console.error(error.message);
  else if ((error as { code?: unknown } | null)?.code === "P2021") {
    console.error(
      "The database has no tables yet: run `npm run db:deploy` first.",
    );
  } else console.error(error);
  process.exit(1);
});
