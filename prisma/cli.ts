// Runs the Prisma CLI on the app's DATABASE_URL (or its default SQLite file) with the config of its dialect.
// `generate` makes both clients (the app imports both); `migrate deploy` on PostgreSQL runs under an advisory lock.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getSettings } from "../lib/config";
import { dialectOf, sqliteFilePath } from "../lib/store/database-url";
import { withMigrationLock } from "./pg/migration-lock";
import { dialects, providers } from "./providers";
import { runPrisma } from "./run-prisma";

async function main(args: string[]): Promise<number> {
  const url = getSettings().DATABASE_URL;
  const dialect = dialectOf(url);
  if (args[0] === "generate") {
    for (const each of dialects) {
      const eachUrl = each === dialect ? url : providers[each].placeholderUrl;
      const { status } = await runPrisma(each, eachUrl, args);
      if (status !== 0) return status;
    }
    return 0;
  }
  const file = sqliteFilePath(url);
  if (file) mkdirSync(path.dirname(file), { recursive: true });
  const run = async () => (await runPrisma(dialect, url, args)).status;
  if (dialect === "postgres" && args[0] === "migrate" && args[1] === "deploy")
    return withMigrationLock(url, run);
  return run();
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
