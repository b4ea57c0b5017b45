-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Charger" (
    "chargePointId" TEXT NOT NULL PRIMARY KEY,
    "stationId" TEXT,
    "passwordHash" TEXT,
    "allowUnauthenticated" BOOLEAN NOT NULL DEFAULT false,
    "ocppVersion" TEXT,
    "vendor" TEXT,
    "model" TEXT,
    "serialNumber" TEXT,
    "firmwareVersion" TEXT,
    "heartbeatIntervalS" INTEGER NOT NULL DEFAULT 60,
    "lastSeenAt" DATETIME,
    "lastBootAt" DATETIME,
    "firmwareStatus" TEXT,
    "diagnosticsStatus" TEXT,
    CONSTRAINT "Charger_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Charger" ("chargePointId", "diagnosticsStatus", "firmwareStatus", "firmwareVersion", "heartbeatIntervalS", "lastBootAt", "lastSeenAt", "model", "ocppVersion", "passwordHash", "serialNumber", "stationId", "vendor") SELECT "chargePointId", "diagnosticsStatus", "firmwareStatus", "firmwareVersion", "heartbeatIntervalS", "lastBootAt", "lastSeenAt", "model", "ocppVersion", "passwordHash", "serialNumber", "stationId", "vendor" FROM "Charger";
DROP TABLE "Charger";
ALTER TABLE "new_Charger" RENAME TO "Charger";
CREATE INDEX "Charger_stationId_idx" ON "Charger"("stationId");
CREATE INDEX "Charger_lastSeenAt_idx" ON "Charger"("lastSeenAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

