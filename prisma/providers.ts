// Where each database dialect keeps its Prisma schema, migrations and CLI config.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Dialect } from "../lib/store/database-url";

export type Provider = {
  config: string;
  schema: string;
  migrations: string;
  /**
   * For `generate`, which never connects: the schema's url must still look like its provider's, or the CLI goes
   * looking for the Rust engines (a misleading "ENOTFOUND binaries.prisma.sh").
   */
  placeholderUrl: string;
};

export const providers: Record<Dialect, Provider> = {
  sqlite: {
    config: "prisma.config.ts",
    schema: "prisma/schema.prisma",
    migrations: "prisma/migrations",
    placeholderUrl: "file:./unused.db",
  },
  postgres: {
    config: "prisma/pg/prisma.config.ts",
    schema: "prisma/pg/schema.prisma",
    migrations: "prisma/pg/migrations",
    placeholderUrl: "postgres://localhost/unused",
  },
};

export const dialects = Object.keys(providers) as Dialect[];

/** 16 hex digits naming a dialect's migration set: migrated test templates are built once per set. */
export function migrationsHash(dialect: Dialect): string {
  const dir = path.resolve(providers[dialect].migrations);
  const hash = createHash("sha256");
  for (const entry of readdirSync(dir, { recursive: true }).map(String).sort())
    if (entry.endsWith(".sql"))
      hash.update(entry).update(readFileSync(path.join(dir, entry)));
  return hash.digest("hex").slice(0, 16);
}
