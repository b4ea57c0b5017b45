// Command line: `npm run import:ocpi -- FILE [--report out.json]` imports OCPI Locations into DATABASE_URL.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { getSettings } from "../config";
import { createDb } from "../store/prisma";
import {
  importOcpiFile,
  OcpiFileError,
  type ImportProgress,
  type ImportReport,
} from "./import-file";
import { describeRejection } from "./rejection";

const usage = `Usage: npm run import:ocpi -- FILE [--report out.json]
Imports an OCPI 2.2.1 Locations file (an array of Locations, or an OCPI response { "data": [...] }) into the
stations of DATABASE_URL. Importing the same file again updates those stations; it never duplicates them.
--report FILE  also writes the counts and every rejected record, with its reason, as JSON.`;

const BAR_WIDTH = 30;

/** A redrawn bar on a terminal; a line per 10% when stderr is a file or a CI log, which cannot redraw. */
function progressOn(stream: NodeJS.WriteStream): ImportProgress {
  let shown = 0;
  return (done, total) => {
    if (stream.isTTY) {
      const filled = Math.round((done / total) * BAR_WIDTH);
      stream.write(
        `\r[${"=".repeat(filled)}${" ".repeat(BAR_WIDTH - filled)}] ${done}/${total} stations`,
      );
      if (done === total) stream.write("\n");
    } else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth <= shown) return;
      shown = tenth;
      stream.write(`${tenth * 10}% ${done}/${total} stations\n`);
    }
  };
}

function formatReport(report: ImportReport): string {
  const lines = [
    `${report.file}: ${report.locations} Locations: ${report.imported} imported, ${report.updated} updated, ` +
      `${report.rejected} rejected; ${report.removedEvses} REMOVED EVSEs skipped.`,
  ];
  if (report.rejections.length) {
    lines.push(
      `${report.rejections.length} records rejected:`,
      ...report.rejections.map((r) => `  ${describeRejection(r)}`),
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const db = await createDb(getSettings().DATABASE_URL);
  try {
    const report = await importOcpiFile(
      db,
      positionals[0],
      progressOn(process.stderr),
    );
    console.log(formatReport(report));
    if (values.report)
      await writeFile(values.report, JSON.stringify(report, null, 2) + "\n");
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
