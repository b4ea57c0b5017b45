// `npm run test:unit`: every test file on SQLite, then the same files on PostgreSQL when TEST_POSTGRES_URL is set.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { testPostgresUrl } from "./test-postgres";

const roots = ["lib", "components", "prisma"];
const files = roots
  .flatMap((root) =>
    readdirSync(root, { recursive: true })
      .map(String)
      .filter((entry) => entry.endsWith(".test.ts"))
      .map((entry) => path.join(root, entry)),
  )
  .filter((file) => !file.startsWith(path.join("lib", "generated")))
  .sort();

function runSuite(dialect: "sqlite" | "postgres"): number {
  console.log(`\n# ${files.length} test files on ${dialect}`);
  const started = Date.now();
  const { status } = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=1", ...files],
    { stdio: "inherit", env: { ...process.env, TEST_DATABASE: dialect } },
  );
  console.log(`# ${dialect}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return status ?? 1;
}

const statuses = [runSuite("sqlite")];
if (testPostgresUrl()) statuses.push(runSuite("postgres"));
else console.log("PostgreSQL run skipped: TEST_POSTGRES_URL is not set");
process.exit(Math.max(...statuses));
