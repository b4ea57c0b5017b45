// What every connect and every status report read of a charger, in SQLite, on the connection itself
// (lib/store/direct-sql.ts): a reconnect storm is thousands of them. Each does what the Prisma query beside its
// caller does, which PostgreSQL runs; the store tests run both.
import type { StationPlace } from "../charger-stations";
import type { ChargerCredentials } from "../charger-passwords";
import type { DirectSql } from "../direct-sql";

/** Any number of chargers in one statement (a JSON list binds as one parameter); unknown identities are absent. */
export function readChargerCredentialsSqlite(
  sql: DirectSql,
  chargePointIds: readonly string[],
): ChargerCredentials[] {
  return sql
    .all<
      Omit<ChargerCredentials, "allowUnauthenticated"> & {
        allowUnauthenticated: number;
      }
    >(
      `SELECT "chargePointId", "stationId", "passwordHash", "allowUnauthenticated", "heartbeatIntervalS"
       FROM "Charger" WHERE "chargePointId" IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(chargePointIds)],
    )
    .map((row) => ({
      ...row,
      allowUnauthenticated: row.allowUnauthenticated === 1,
    }));
}

/** The station a charger stands at; null for an unknown charger or one at no station. */
export function findStationPlaceSqlite(
  sql: DirectSql,
  chargePointId: string,
): StationPlace | null {
  const [row] = sql.all<StationPlace>(
    `SELECT "Station"."id", "Station"."lat", "Station"."lng"
     FROM "Charger" JOIN "Station" ON "Station"."id" = "Charger"."stationId"
     WHERE "Charger"."chargePointId" = ?`,
    [chargePointId],
  );
  return row ?? null;
}
