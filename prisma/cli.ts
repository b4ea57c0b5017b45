// Runs the Prisma CLI with the app's DATABASE_URL (or its default SQLite file), which prisma.config.ts needs.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getSettings } from "../lib/config";
import { sqliteFilePath } from "../lib/store/database-url";

const url = getSettings().DATABASE_URL;
const file = sqliteFilePath(url);
if (file) mkdirSync(path.dirname(file), { recursive: true });

const result = spawnSync(
  path.resolve("node_modules/.bin/prisma"),
  process.argv.slice(2),
  {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  },
);
process.exit(result.status ?? 1);
