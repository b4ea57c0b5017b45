// PostgreSQL's migrations: they build exactly prisma/pg/schema.prisma, and two deploys at once apply each one once.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { after, describe, test } from "node:test";
import pg from "pg";
import {
  createPostgresTestDatabase,
  postgresOnlySkip,
} from "../../lib/server/test-postgres";
import { providers } from "../providers";
import { runPrisma } from "../run-prisma";

const skip = postgresOnlySkip();
if (skip) console.log(`prisma/pg/migrations.test.ts: ${skip}`);

/** What a database is made of: columns, indexes and constraints, in words, beside Prisma's own bookkeeping. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
              coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace
          AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'`,
    ];
    const lines: string[] = [];
    for (const query of queries)
      for (const row of (await client.query<{ line: string }>(query)).rows)
        lines.push(row.line);
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** `npm run db:deploy` as a separate process, as an instance's start runs it. */
function deploy(
  url: string,
): Promise<{ status: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "prisma/cli.ts", "migrate", "deploy"],
    { env: { ...process.env, DATABASE_URL: url } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) =>
    child.on("close", (status) => resolve({ status, output })),
  );
}

describe("PostgreSQL migrations", { skip }, () => {
  const cleanups: (() => void)[] = [];
  after(() => cleanups.forEach((cleanup) => cleanup()));
  const database = (migrated: boolean) => {
    const made = createPostgresTestDatabase({ migrated });
    cleanups.push(made.cleanup);
    return made.url;
  };

  test("migrating a fresh database builds what the schema describes, column for column", async () => {
    const migrated = database(true);
    const fromSchema = database(false);
    const script = await runPrisma(
      "postgres",
      migrated, // migrate diff through the adapter connects, though it only compares the schema with nothing
      [
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        providers.postgres.schema,
        "--script",
      ],
      "pipe",
    );
    assert.equal(script.status, 0, script.stderr);
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(script.stdout);
    await client.end();
    const [expected, actual] = await Promise.all([
      catalog(fromSchema),
      catalog(migrated),
    ]);
    assert.ok(
      expected.length > 100,
      `a catalog of ${expected.length} lines is not the schema`,
    );
    assert.deepEqual(
      actual,
      expected,
      "prisma/pg/migrations do not build prisma/pg/schema.prisma: author the migration with npm run db:migration",
    );
  });

  test("two deploys at once on one fresh database both succeed and apply each migration once", async () => {
    const url = database(false);
    const [first, second] = await Promise.all([deploy(url), deploy(url)]);
    assert.equal(first.status, 0, first.output);
    assert.equal(second.status, 0, second.output);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{
      migration_name: string;
      applied: number;
    }>(
      `SELECT migration_name, count(*)::int AS applied FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name ORDER BY migration_name`,
    );
    await client.end();
    const folders = readdirSync(providers.postgres.migrations).filter((entry) =>
      /^\d{4}_/.test(entry),
    );
    assert.deepEqual(
      rows,
      folders.sort().map((migration_name) => ({ migration_name, applied: 1 })),
    );
  });
});
