// lib/store/free-estimate-facts.ts's read in SQLite, on the connection itself (lib/store/direct-sql.ts): three
// statements of a few µs, where Prisma ran six. The Prisma query beside it is what PostgreSQL runs.
import { storedDate, type DirectSql } from "../direct-sql";
import type { FreeEstimateFacts } from "../free-estimate-facts";

type Stored<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | null
      ? string | null
      : T[K];
};

type TransactionRow = Stored<
  Omit<FreeEstimateFacts["transaction"], "meterSamples">
> &
  Stored<NonNullable<FreeEstimateFacts["session"]>> & { hasSession: number };

type SampleRow = Stored<
  FreeEstimateFacts["transaction"]["meterSamples"][number]
>;

type ConnectorRow = Stored<FreeEstimateFacts["connector"]> & {
  stationId: string;
  lat: number;
  lng: number;
};

export function readFreeEstimateFactsSqlite(
  sql: DirectSql,
  transactionId: number,
): FreeEstimateFacts | null {
  const [t] = sql.all<TransactionRow>(
    `SELECT t."chargePointId", t."connectorId", t."startedAt", t."stoppedAt", t."meterStartWh", t."meterStopWh",
            s."id" IS NOT NULL AS "hasSession", s."targetSocPct", s."targetEnergyKwh", s."chargingEndedAt",
            s."departedAt"
     FROM "Transaction" t LEFT JOIN "ChargingSession" s ON s."transactionId" = t."id"
     WHERE t."id" = ?`,
    [transactionId],
  );
  if (!t) return null;
  const [c] = sql.all<ConnectorRow>(
    `SELECT c."id", c."evseId", c."maxPowerKw", c."powerType", c."expectedFreeAt",
            st."id" AS "stationId", st."lat", st."lng"
     FROM "Connector" c
     JOIN "Charger" ch ON ch."chargePointId" = c."chargePointId"
     JOIN "Station" st ON st."id" = ch."stationId"
     WHERE c."chargePointId" = ? AND c."connectorId" = ?`,
    [t.chargePointId, t.connectorId],
  );
  if (!c) return null;
  const samples = sql.all<SampleRow>(
    `SELECT "timestamp", "energyWh", "powerW", "socPct" FROM "MeterSample"
     WHERE "transactionId" = ? ORDER BY "timestamp"`,
    [transactionId],
  );
  return {
    transaction: {
      chargePointId: t.chargePointId,
      connectorId: t.connectorId,
      startedAt: new Date(t.startedAt),
      stoppedAt: storedDate(t.stoppedAt),
      meterStartWh: t.meterStartWh,
      meterStopWh: t.meterStopWh,
      meterSamples: samples.map((s) => ({
        ...s,
        timestamp: new Date(s.timestamp),
      })),
    },
    session: t.hasSession
      ? {
          targetSocPct: t.targetSocPct,
          targetEnergyKwh: t.targetEnergyKwh,
          chargingEndedAt: storedDate(t.chargingEndedAt),
          departedAt: storedDate(t.departedAt),
        }
      : null,
    connector: {
      id: c.id,
      evseId: c.evseId,
      maxPowerKw: c.maxPowerKw,
      powerType: c.powerType,
      expectedFreeAt: storedDate(c.expectedFreeAt),
    },
    station: { id: c.stationId, lat: c.lat, lng: c.lng },
  };
}
