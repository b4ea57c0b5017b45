-- CreateTable
CREATE TABLE "Station" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "lat" REAL NOT NULL,
    "lng" REAL NOT NULL,
    "address" TEXT,
    "city" TEXT,
    "currency" TEXT,
    "pricePerKwh" REAL,
    "pricePerMinute" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Charger" (
    "chargePointId" TEXT NOT NULL PRIMARY KEY,
    "stationId" TEXT,
    "passwordHash" TEXT,
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

-- CreateTable
CREATE TABLE "Connector" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chargePointId" TEXT NOT NULL,
    "connectorId" INTEGER NOT NULL,
    "evseId" INTEGER,
    "standard" TEXT NOT NULL,
    "powerType" TEXT NOT NULL,
    "maxPowerKw" REAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "statusSince" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ocppStatus" TEXT,
    "ocppStatusAt" DATETIME,
    "errorCode" TEXT,
    CONSTRAINT "Connector_chargePointId_fkey" FOREIGN KEY ("chargePointId") REFERENCES "Charger" ("chargePointId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "connectorPk" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "ocppStatus" TEXT,
    "errorCode" TEXT,
    "timestamp" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatusHistory_connectorPk_fkey" FOREIGN KEY ("connectorPk") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Transaction" (
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
    "lastPowerW" REAL,
    "lastSocPct" REAL,
    "problems" TEXT,
    CONSTRAINT "Transaction_chargePointId_fkey" FOREIGN KEY ("chargePointId") REFERENCES "Charger" ("chargePointId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrphanStop" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chargePointId" TEXT NOT NULL,
    "transactionRef" TEXT NOT NULL,
    "meterStopWh" REAL,
    "stoppedAt" DATETIME NOT NULL,
    "reason" TEXT,
    "readings" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeterSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "transactionId" INTEGER NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "energyWh" REAL,
    "powerW" REAL,
    "socPct" REAL,
    CONSTRAINT "MeterSample_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdTag" (
    "idTag" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'Accepted',
    "expiryDate" DATETIME,
    "parentIdTag" TEXT
);

-- CreateIndex
CREATE INDEX "Station_lat_lng_idx" ON "Station"("lat", "lng");

-- CreateIndex
CREATE INDEX "Charger_stationId_idx" ON "Charger"("stationId");

-- CreateIndex
CREATE INDEX "Charger_lastSeenAt_idx" ON "Charger"("lastSeenAt");

-- CreateIndex
CREATE INDEX "Connector_chargePointId_evseId_idx" ON "Connector"("chargePointId", "evseId");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_chargePointId_connectorId_key" ON "Connector"("chargePointId", "connectorId");

-- CreateIndex
CREATE INDEX "StatusHistory_connectorPk_timestamp_idx" ON "StatusHistory"("connectorPk", "timestamp");

-- CreateIndex
CREATE INDEX "Transaction_chargePointId_stoppedAt_idx" ON "Transaction"("chargePointId", "stoppedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_chargePointId_connectorId_startedAt_key" ON "Transaction"("chargePointId", "connectorId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_chargePointId_externalId_key" ON "Transaction"("chargePointId", "externalId");

-- CreateIndex
CREATE INDEX "OrphanStop_chargePointId_idx" ON "OrphanStop"("chargePointId");

-- CreateIndex
CREATE UNIQUE INDEX "MeterSample_transactionId_timestamp_key" ON "MeterSample"("transactionId", "timestamp");

