// Authors the next migration for both providers: diffs the committed schema (git HEAD) against the working one.
// `migrate dev` cannot run with a driver adapter, so migrations are diffs (see README, contributor notes).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getSettings } from "../lib/config";
import { testPostgresUrl } from "../lib/server/test-postgres";
import { dialectOf, type Dialect } from "../lib/store/database-url";
import { runPrisma } from "./run-prisma";
import { dialects, providers } from "./providers";

/** `migrate diff` writes the URL's schema into PostgreSQL scripts; the migrations run in whatever schema is set. */
const createSchema = /^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS .*\n\n?/m;

/**
 * `migrate diff` through a driver adapter connects although it compares two files: SQLite's to a scratch file,
 * PostgreSQL's to a server (any database on it): DATABASE_URL's, else the tests' TEST_POSTGRES_URL.
 */
function diffUrl(dialect: Dialect, tmp: string): string | undefined {
  const url = getSettings().DATABASE_URL;
  if (dialect === "sqlite") return `file:${path.join(tmp, "scratch.db")}`;
  return dialectOf(url) === dialect ? url : testPostgresUrl();
}

async function main(name: string | undefined): Promise<number> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- <snake_case_name>");
    return 2;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "carrega-migration-"));
  const unreachable = dialects.filter((dialect) => !diffUrl(dialect, tmp));
  if (unreachable.length) {
    console.error(
      "authoring the PostgreSQL migration needs a PostgreSQL server: set TEST_POSTGRES_URL (or DATABASE_URL) to one",
    );
    return 2;
  }
  for (const dialect of dialects) {
    const { schema, migrations } = providers[dialect];
    const previousSchema = path.join(tmp, `${dialect}.prisma`);
    writeFileSync(
      previousSchema,
      execFileSync("git", ["show", `HEAD:${schema}`]),
    );
    const diff = await runPrisma(
      dialect,
      diffUrl(dialect, tmp) as string,
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        previousSchema,
        "--to-schema-datamodel",
        schema,
        "--script",
      ],
      "pipe",
    );
    if (diff.status !== 0) {
      console.error(diff.stderr);
      return diff.status;
    }
    const number =
      readdirSync(migrations).filter((entry) => /^\d{4}_/.test(entry)).length +
      1;
    const folder = path.join(
      migrations,
      `${String(number).padStart(4, "0")}_${name}`,
    );
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, "migration.sql"),
      diff.stdout.replace(createSchema, ""),
    );
    console.log(`wrote ${folder}/migration.sql`);
  }
  return 0;
}

main(process.argv[2]).then((status) => process.exit(status));
