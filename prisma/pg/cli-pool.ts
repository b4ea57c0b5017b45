// The pg pool the Prisma CLI migrates through, with the two workarounds adapter-pg 6.19.3 needs for migrations.
import pg from "pg";

/** PostgreSQL's `name` type (catalog columns such as a schema's name) and `text`, which it is on the wire. */
const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * `?schema=` is honoured by the client at run time but not by migrate, so the search path is set on every
 * connection; and the schema engine cannot read `name` columns ("Column type 'name' could not be deserialized",
 * prisma/orm#27403), so their results are relabelled as text. Only the CLI reads catalogs: the app's pool is plain.
 */
function asText(result: pg.QueryResult): pg.QueryResult {
  for (const field of result?.fields ?? [])
    if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

export function cliPool(url: string): pg.Pool {
  const schema = new URL(url).searchParams.get("schema") ?? "public";
  const pool = new pg.Pool({
    connectionString: url,
    options: `-c search_path="${schema}"`,
    // The CLI never ends the pool, and pg's idle timer (10 s by default) held every run that long after its work.
    idleTimeoutMillis: 200,
  });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pg calls back (pool.query) or returns a promise (a checked-out client): relabel either way.
    client.query = ((...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === "function")
        return query(
          ...args.slice(0, -1),
          (error: Error, result: pg.QueryResult) =>
            callback(error, error ? result : asText(result)),
        );
      return (query(...args) as Promise<pg.QueryResult>).then(asText);
    }) as typeof client.query;
  });
  return pool;
}
