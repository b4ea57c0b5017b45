// Prisma CLI settings for PostgreSQL: the JavaScript schema engine over the pg adapter (no engine downloads).
// prisma/cli.ts picks this config when DATABASE_URL is postgres://; prisma.config.ts at the top is SQLite's.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { cliPool } from "./cli-pool";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  async adapter() {
    return new PrismaPg(cliPool(process.env.DATABASE_URL ?? ""));
  },
});
