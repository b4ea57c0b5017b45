// Authors the next migration: diffs the committed schema (git HEAD) against the working one into a new folder.
// `migrate dev` cannot run with a driver adapter, so migrations are diffs (see README, contributor notes).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const migrationsDir = path.resolve("prisma/migrations");
const previous = readdirSync(migrationsDir).filter((entry) =>
  /^\d{4}_/.test(entry),
);
const number = String(previous.length + 1).padStart(4, "0");

const tmp = mkdtempSync(path.join(os.tmpdir(), "carrega-migration-"));
const previousSchema = path.join(tmp, "previous.prisma");
writeFileSync(
  previousSchema,
  execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]),
);

const diff = spawnSync(
  "npx",
  [
    "tsx",
    "prisma/cli.ts",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previousSchema,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8" },
);
if (diff.status !== 0) {
  console.error(diff.stderr);
  process.exit(diff.status ?? 1);
}
const folder = path.join(migrationsDir, `${number}_${name}`);
mkdirSync(folder);
writeFileSync(path.join(folder, "migration.sql"), diff.stdout);
console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
