// The SQLite connection itself, for the write path's hottest statements, without Prisma's cost per query.
import type { Db } from "./prisma";
import type { Turns } from "./sqlite-transactions";
import type { Tx } from "./write-batcher";

/** What a statement binds: dates and booleans are stored as the Prisma adapter stores them. */
export type SqlValue = string | number | boolean | Date | null | undefined;

/**
 * Statements run synchronously on the connection Prisma's transactions use. Measured on this machine: a one-row
 * `findUnique` through Prisma 6.19 costs 770 µs of CPU (its query compiler and client), `$queryRaw` 290 µs, and the
 * same statement prepared on better-sqlite3 a few µs. The adapter has one connection, and a batch's transaction
 * holds it from BEGIN to COMMIT, so a statement run here inside that transaction is part of it.
 */
export type DirectSql = Turns & {
  /** Rows as objects; integers as numbers, dates as the stored text (read them with `storedDate`). */
  all<Row>(sql: string, args?: readonly SqlValue[]): Row[];
  /** How many rows the statement changed. */
  run(sql: string, args?: readonly SqlValue[]): number;
};

/** A Date as the adapter writes it (`2024-05-01T10:00:00.000+00:00`), so stored text compares in time order. */
export function toStored(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

export function storedDate(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}

// On globalThis, like lib/store/prisma.ts's client and dialects: Next's route handlers load their own copy of this
// module, and their transactions must find the connection server.ts's client registered.
const globalForDirectSql = globalThis as unknown as {
  carregaDirectSql?: {
    connections: WeakMap<Db, () => DirectSql | undefined>;
    transactions: WeakMap<Tx, DirectSql>;
    batchClients: WeakMap<Db, Tx>;
  };
};
const { connections, transactions, batchClients } =
  (globalForDirectSql.carregaDirectSql ??= {
    connections: new WeakMap(),
    transactions: new WeakMap(),
    batchClients: new WeakMap(),
  });

/** Called by createDb for a SQLite client: its connection, once the adapter has opened it. */
export function registerDirectSql(
  db: Db,
  connection: () => DirectSql | undefined,
): void {
  connections.set(db, connection);
}

/** The client's connection (SQLite), or undefined (PostgreSQL: its queries go through Prisma). */
export function directSqlOfDb(db: Db): DirectSql | undefined {
  return connections.get(db)?.();
}

/**
 * The client as a write batch's ops get it on SQLite, inside the connection's own transaction (DirectSql's
 * `transaction`): its queries go to the one connection, so into that transaction, and its ops' statements find the
 * connection (directSqlOf). Only the batch's ops take that fast path: other callers pass the client itself.
 */
export function batchClientOf(db: Db, direct: DirectSql): Tx {
  let client = batchClients.get(db);
  if (!client) {
    client = new Proxy(db, {});
    batchClients.set(db, client);
    transactions.set(client, direct);
  }
  return client;
}

export function directSqlOf(tx: Tx): DirectSql | undefined {
  return transactions.get(tx);
}
