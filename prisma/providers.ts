// Where each database dialect keeps its Prisma schema, migrations and CLI config.
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
