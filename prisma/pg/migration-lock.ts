// Two instances starting on one PostgreSQL database migrate one after the other, so no migration runs twice.
import pg from "pg";

/** Any fixed bigint, the same in every Carrega process: pg_advisory_lock keys are per database. */
const MIGRATION_LOCK_KEY = 7_261_716_203;

/**
 * Runs `migrate` holding a session advisory lock on the database `url` names. The second deploy waits, then finds
 * every migration applied and does nothing. Prisma's schema engine takes its own lock through the adapter too;
 * this one does not depend on it. The lock goes with the session, so a deploy that dies releases it.
 */
export async function withMigrationLock<T>(
  url: string,
  migrate: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [MIGRATION_LOCK_KEY],
    );
    if (!rows[0].locked) {
      // Said, so that an instance waiting on another's long migration does not look hung.
      console.log("waiting for another instance's migration to finish");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    return await migrate();
  } finally {
    await client.end();
  }
}
