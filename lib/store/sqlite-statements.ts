// Reuses better-sqlite3's prepared statements across queries: the Prisma adapter prepares every query afresh.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/** The part of better-sqlite3's Statement and Database the adapter uses (the package ships no types here). */
type Statement = {
  reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): { name: string; type: string | null }[];
  raw(toggle: boolean): Statement;
  all(...args: unknown[]): unknown[];
};
type Database = { prepare(sql: string): Statement };

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
function reuseStatements(client: Database): void {
  const statements = new Map<string, Statement>();
  const prepare = client.prepare.bind(client);
  const statementFor = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size >= MAX_STATEMENTS)
        statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
    }
    return statement;
  };
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
}

/** The adapter factory, with statements reused on the connection it makes. */
export function withReusedStatements(
  factory: PrismaBetterSQLite3,
): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    reuseStatements((adapter as unknown as { client: Database }).client);
    return adapter;
  };
  return factory;
}
