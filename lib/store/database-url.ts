// Tells the kinds of DATABASE_URL apart: `file:` is the embedded SQLite database, `postgres://` PostgreSQL.

export type Dialect = "sqlite" | "postgres";

/** The database a URL names; lib/config.ts admits only these two kinds. */
export function dialectOf(url: string): Dialect {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

/** The SQLite file a `file:` URL names (relative paths from the working directory), or null for other URLs. */
export function sqliteFilePath(url: string): string | null {
  return url.startsWith("file:")
    ? url.slice("file:".length).split("?")[0]
    : null;
}
