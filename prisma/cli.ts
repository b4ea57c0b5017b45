// Runs the Prisma CLI on the app's DATABASE_URL (or its default SQLite file) with the config of its dialect.
// `generate` makes both clients (the app imports both); `migrate deploy` on PostgreSQL runs under an advisory lock.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getSettings } from "../lib/config";
import {
  dialectOf,
  sqliteFilePath,
  type Dialect,
} from "../lib/store/database-url";
import { withMigrationLock } from "./pg/migration-lock";

const configs: Record<Dialect, string> = {
  sqlite: "prisma.config.ts",
  postgres: "prisma/pg/prisma.config.ts",
};

/**
 * Generating never connects, but the PostgreSQL schema's url must look like one, or the CLI goes looking for
 * the Rust engines (a misleading "ENOTFOUND binaries.prisma.sh").
 */
const placeholderUrls: Record<Dialect, string> = {
  sqlite: "file:./unused.db",
  postgres: "postgres://localhost/unused",
};

function prisma(
  dialect: Dialect,
  url: string,
  args: string[],
): Promise<number> {
  const child = spawn(
    path.resolve("node_modules/.bin/prisma"),
    [...args, "--config", configs[dialect]],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: url,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
  return new Promise((resolve) =>
    child.on("close", (code) => resolve(code ?? 1)),
  );
}

async function main(args: string[]): Promise<number> {
  const url = getSettings().DATABASE_URL;
  const dialect = dialectOf(url);
  if (args[0] === "generate") {
    for (const each of Object.keys(configs) as Dialect[]) {
      const status = await prisma(
        each,
        each === dialect ? url : placeholderUrls[each],
        args,
      );
      if (status !== 0) return status;
    }
    return 0;
  }
  const file = sqliteFilePath(url);
  if (file) mkdirSync(path.dirname(file), { recursive: true });
  if (dialect === "postgres" && args[0] === "migrate" && args[1] === "deploy")
    return withMigrationLock(url, () => prisma(dialect, url, args));
  return prisma(dialect, url, args);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
