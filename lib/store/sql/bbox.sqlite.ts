// The bbox query's connector aggregate in SQLite: one JSON array of ConnectorTuple per station.
import { Prisma } from "../../generated/prisma/client";

/**
 * An ordered aggregate (SQLite 3.44+). maxPowerKw is printed with 17 significant digits: SQLite's JSON prints reals
 * with 15 and would round e.g. 0.1 + 0.2. Dates are the stored text (`2024-05-01T10:00:00.000+00:00`).
 * A station without connectors gets `[]`.
 */
export const connectorsJsonSqlite = Prisma.sql`(SELECT json_group_array(json_array(c."chargePointId", k."connectorId",
      k."evseId", k."standard", k."powerType", printf('%!.17g', k."maxPowerKw"), k."status", k."statusSince",
      k."expectedFreeAt") ORDER BY c."chargePointId", k."connectorId")
    FROM "Charger" c JOIN "Connector" k ON k."chargePointId" = c."chargePointId"
    WHERE c."stationId" = s."id")`;
