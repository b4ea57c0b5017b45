// Prisma CLI settings: the JavaScript schema engine over the better-sqlite3 adapter (no engine downloads).
// DATABASE_URL is required here: run the CLI through `npm run db:*` (prisma/cli.ts), which sets the default.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "" });
  },
});
