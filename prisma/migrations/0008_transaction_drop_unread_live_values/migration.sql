-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Transaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "externalId" TEXT,
    "chargePointId" TEXT NOT NULL,
    "connectorId" INTEGER NOT NULL,
    "idTag" TEXT NOT NULL,
    "meterStartWh" REAL NOT NULL,
    "meterStopWh" REAL,
    "startedAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME,
    "stopReason" TEXT,
    "problems" TEXT,
    "remoteStartId" INTEGER,
    CONSTRAINT "Transaction_chargePointId_fkey" FOREIGN KEY ("chargePointId") REFERENCES "Charger" ("chargePointId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Transaction" ("chargePointId", "connectorId", "externalId", "id", "idTag", "meterStartWh", "meterStopWh", "problems", "remoteStartId", "startedAt", "stopReason", "stoppedAt") SELECT "chargePointId", "connectorId", "externalId", "id", "idTag", "meterStartWh", "meterStopWh", "problems", "remoteStartId", "startedAt", "stopReason", "stoppedAt" FROM "Transaction";
DROP TABLE "Transaction";
ALTER TABLE "new_Transaction" RENAME TO "Transaction";
CREATE INDEX "Transaction_chargePointId_stoppedAt_idx" ON "Transaction"("chargePointId", "stoppedAt");
CREATE INDEX "Transaction_idTag_stoppedAt_idx" ON "Transaction"("idTag", "stoppedAt");
CREATE UNIQUE INDEX "Transaction_chargePointId_connectorId_startedAt_key" ON "Transaction"("chargePointId", "connectorId", "startedAt");
CREATE UNIQUE INDEX "Transaction_chargePointId_externalId_key" ON "Transaction"("chargePointId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

