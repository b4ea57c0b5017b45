// The bbox query's connector aggregate in PostgreSQL: the same JSON text, tuple for tuple, as SQLite's.
import { Prisma } from "../../generated/prisma/client";

/** SQLite's stored DateTime text, so both dialects hand the reader identical rows. */
const storedDate = (column: string) =>
  Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"')`);

/**
 * maxPowerKw as text: PostgreSQL 12+ prints a double with the fewest digits that read back exactly. The aggregate
 * is sent as text (json would arrive parsed) and is `[]` for a station without connectors, as in SQLite.
 */
export const connectorsJsonPostgres = Prisma.sql`(SELECT coalesce(json_agg(json_build_array(c."chargePointId",
      k."connectorId", k."evseId", k."standard", k."powerType", k."maxPowerKw"::text, k."status",
      ${storedDate('k."statusSince"')}, ${storedDate('k."expectedFreeAt"')}) ORDER BY c."chargePointId", k."connectorId"),
      '[]')::text
    FROM "Charger" c JOIN "Connector" k ON k."chargePointId" = c."chargePointId"
    WHERE c."stationId" = s."id")`;
