// Fails with a clear message when there is no production build: `npm run serve` serves one, it never builds.
import { existsSync } from "node:fs";
import path from "node:path";

/** Next writes BUILD_ID last, so its presence means a whole build (next.config.ts keeps the default distDir). */
const buildId = path.resolve(".next", "BUILD_ID");

export function requireProductionBuild(): void {
  if (existsSync(buildId)) return;
  console.error(
    `No production build (${buildId} is missing). \`npm run serve\` serves the build already there and never builds: ` +
      "run `npm run build` first, or `npm start` (build, migrate, serve).",
  );
  process.exit(1);
}

// `tsx lib/server/require-build.ts` (the serve script's first step): check before migrating anything.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename)
  requireProductionBuild();
