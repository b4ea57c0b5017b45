// Creates the Prisma client for DATABASE_URL: the embedded SQLite file (WAL, busy timeout) by default, or PostgreSQL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "../generated/prisma-pg/client";
import { getSettings } from "../config";
import { dialectOf, type Dialect } from "./database-url";
import { registerDirectSql, type DirectSql } from "./direct-sql";
import { withReusedStatements } from "./sqlite-statements";

export type Db = PrismaClient;

/**
 * Connections per process: the write batcher holds one for its transaction, reads and route handlers share the
 * rest. PostgreSQL allows 100 by default, shared by every instance (and every test process) on the server.
 */
const POSTGRES_POOL_SIZE = 10;

async function createSqliteDb(url: string): Promise<Db> {
  let direct: DirectSql | undefined;
  // Another process on the same file (an import, a migration) may hold the lock: wait, don't fail.
  const db = new PrismaClient({
    adapter: withReusedStatements(
      new PrismaBetterSQLite3({ url, timeout: 10_000 }),
      (connection) => (direct = connection),
    ),
  });
  registerDirectSql(db, () => direct);
  // WAL lets readers run beside the one writer; measured 4x faster single writes than the rollback journal.
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL;");
  // NORMAL is durable across process crashes in WAL mode (only an OS crash may lose the last commits).
  await db.$queryRawUnsafe("PRAGMA synchronous=NORMAL;");
  return db;
}

function createPostgresDb(url: string): Db {
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  const db = new PrismaPgClient({
    adapter: new PrismaPg(
      { connectionString: url, max: POSTGRES_POOL_SIZE },
      { schema },
    ),
  });
  // The one Db type is the SQLite client's. Safe: both clients are generated from schemas with the same models
  // (prisma/schema-sync.test.ts) onto the same runtime (@prisma/client/runtime/client), so queries, results,
  // Prisma.sql fragments and error classes are the same; PostgreSQL's extras (mode: "insensitive") go unused.
  return db as unknown as Db;
}

/**
 * Which dialect each client speaks, for the few queries written by hand (lib/store/sql). On globalThis, like the
 * client itself below: Next's route handlers get server.ts's client (shareDb) and must find its dialect too.
 */
const globalForDialects = globalThis as unknown as {
  carregaDialects?: WeakMap<Db, Dialect>;
};
const dialects = (globalForDialects.carregaDialects ??= new WeakMap());

export async function createDb(url = getSettings().DATABASE_URL): Promise<Db> {
  const dialect = dialectOf(url);
  const db =
    dialect === "sqlite" ? await createSqliteDb(url) : createPostgresDb(url);
  dialects.set(db, dialect);
  return db;
}

/** The dialect of a client createDb made (a transaction client is not one: pass the client it came from). */
export function dialectOfDb(db: Db): Dialect {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error("not a client made by createDb");
  return dialect;
}

// Next's route handlers and server.ts load separate copies of this module; globalThis holds the one client.
const globalForDb = globalThis as unknown as { carregaDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  globalForDb.carregaDb ??= createDb();
  return globalForDb.carregaDb;
}

/**
 * Makes the server's client the one route handlers get. Two better-sqlite3 connections in one process deadlock:
 * a write waiting on the other's lock sleeps synchronously, so the other's transaction, open across awaits, can
 * never finish (measured: 10 s stalls, then SQLITE_BUSY). One connection serialises transactions with its mutex.
 * Returns the undo, for a process that stops its server and goes on (tests).
 */
export function shareDb(db: Db): () => void {
  const shared = Promise.resolve(db);
  globalForDb.carregaDb = shared;
  return () => {
    if (globalForDb.carregaDb === shared) delete globalForDb.carregaDb;
  };
}
