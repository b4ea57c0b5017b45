// Reuses better-sqlite3's prepared statements across queries (the Prisma adapter prepares every query afresh), and
// hands the connection out for the statements written by hand (lib/store/direct-sql.ts).
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { toStored, type DirectSql } from "./direct-sql";
import { takeTurns, type Connection, type Turns } from "./sqlite-transactions";

/** The part of better-sqlite3's Statement and Database the adapter uses (the package ships no types here). */
type Statement = {
  reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): { name: string; type: string | null }[];
  raw(toggle: boolean): Statement;
  all(...args: unknown[]): unknown[];
  safeIntegers(toggle: boolean): Statement;
};
type Database = Connection & { prepare(sql: string): Statement };
/** The connection's statements; its turns come from takeTurns. */
type Statements = Omit<DirectSql, keyof Turns>;

/**
 * Distinct SQL texts kept (oldest dropped first): Prisma's queries come in a few hundred shapes, but an IN list's
 * length is part of its text.
 */
const MAX_STATEMENTS = 1_000;

/** What the adapter does with a prepared statement: run it, or read it raw, after binding its arguments once. */
type Bound = {
  reader: boolean;
  run(): unknown;
  columns(): ReturnType<Statement["columns"]>;
  raw(): { all(): unknown[] };
};

/**
 * The adapter calls `prepare(sql).bind(args)` for every query, and better-sqlite3 binds a statement for good, so
 * its statements cannot be kept as they are. A kept statement is handed out behind a facade that passes the
 * arguments on each call instead. Measured before: `prepare` was the largest single function in the OCPP load's
 * CPU profile (6.4% of the server's CPU at 2,000 chargers).
 */
function reuseStatements(client: Database): Statements {
  const prepare = client.prepare.bind(client);
  const statementFor = keptStatements(prepare);
  const facade = (statement: Statement, args: unknown[]): Bound => ({
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  });
  client.prepare = ((sql: string) => {
    const statement = statementFor(sql);
    return {
      ...facade(statement, []),
      bind: (args: unknown[]) => facade(statement, args),
    };
  }) as unknown as Database["prepare"];
  return directSql(prepare);
}

function keptStatements(
  prepare: (sql: string) => Statement,
): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size >= MAX_STATEMENTS)
        statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** Statements of their own (the adapter's read integers as bigint), reading rows as objects with plain numbers. */
function directSql(prepare: (sql: string) => Statement): Statements {
  const statementFor = keptStatements((sql) =>
    prepare(sql).safeIntegers(false),
  );
  return {
    all: <Row>(sql: string, args: Parameters<DirectSql["all"]>[1] = []) =>
      statementFor(sql).all(...args.map(toStored)) as Row[],
    run: (sql, args = []) =>
      (statementFor(sql).run(...args.map(toStored)) as { changes: number })
        .changes,
  };
}

/**
 * The adapter factory, with statements reused on the connection it makes, which `connected` is handed with
 * transactions of its own that take turns with Prisma's (lib/store/sqlite-transactions.ts).
 */
export function withReusedStatements(
  factory: PrismaBetterSQLite3,
  connected: (direct: DirectSql) => void,
): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const { client } = adapter as unknown as { client: Database };
    connected({
      ...reuseStatements(client),
      ...takeTurns(
        adapter as unknown as Parameters<typeof takeTurns>[0],
        client,
      ),
    });
    return adapter;
  };
  return factory;
}
