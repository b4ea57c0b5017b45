-- CreateTable
CREATE TABLE "Station" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "address" TEXT,
    "city" TEXT,
    "operatorName" TEXT,
    "currency" TEXT,
    "pricePerKwh" DOUBLE PRECISION,
    "pricePerMinute" DOUBLE PRECISION,
    "pricePerMinuteAfterMin" INTEGER,
    "openingHours" JSONB,
    "timeZone" TEXT,
    "parkingType" TEXT,
    "parkingRestrictions" JSONB,
    "holdMinutes" INTEGER NOT NULL DEFAULT 10,
    "idlePricePerMinute" DOUBLE PRECISION,
    "idleGraceMinutes" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charger" (
    "chargePointId" TEXT NOT NULL,
    "stationId" TEXT,
    "passwordHash" TEXT,
    "allowUnauthenticated" BOOLEAN NOT NULL DEFAULT false,
    "ocppVersion" TEXT,
    "vendor" TEXT,
    "model" TEXT,
    "serialNumber" TEXT,
    "firmwareVersion" TEXT,
    "heartbeatIntervalS" INTEGER NOT NULL DEFAULT 60,
    "lastSeenAt" TIMESTAMP(3),
    "lastBootAt" TIMESTAMP(3),
    "firmwareStatus" TEXT,
    "diagnosticsStatus" TEXT,

    CONSTRAINT "Charger_pkey" PRIMARY KEY ("chargePointId")
);

-- CreateTable
CREATE TABLE "Connector" (
    "id" SERIAL NOT NULL,
    "chargePointId" TEXT NOT NULL,
    "connectorId" INTEGER NOT NULL,
    "evseId" INTEGER,
    "standard" TEXT NOT NULL,
    "powerType" TEXT NOT NULL,
    "maxPowerKw" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "statusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ocppStatus" TEXT,
    "ocppStatusAt" TIMESTAMP(3),
    "errorCode" TEXT,
    "expectedFreeAt" TIMESTAMP(3),

    CONSTRAINT "Connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusHistory" (
    "id" SERIAL NOT NULL,
    "connectorPk" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "ocppStatus" TEXT,
    "errorCode" TEXT,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT,
    "chargePointId" TEXT NOT NULL,
    "connectorId" INTEGER NOT NULL,
    "idTag" TEXT NOT NULL,
    "meterStartWh" DOUBLE PRECISION NOT NULL,
    "meterStopWh" DOUBLE PRECISION,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "stopReason" TEXT,
    "lastPowerW" DOUBLE PRECISION,
    "lastSocPct" DOUBLE PRECISION,
    "problems" TEXT,
    "remoteStartId" INTEGER,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrphanStop" (
    "id" SERIAL NOT NULL,
    "chargePointId" TEXT NOT NULL,
    "transactionRef" TEXT NOT NULL,
    "meterStopWh" DOUBLE PRECISION,
    "stoppedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "readings" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrphanStop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterSample" (
    "id" SERIAL NOT NULL,
    "transactionId" INTEGER NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "energyWh" DOUBLE PRECISION,
    "powerW" DOUBLE PRECISION,
    "socPct" DOUBLE PRECISION,

    CONSTRAINT "MeterSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdTag" (
    "idTag" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Accepted',
    "expiryDate" TIMESTAMP(3),
    "parentIdTag" TEXT,

    CONSTRAINT "IdTag_pkey" PRIMARY KEY ("idTag")
);

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "appToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushSubscription" (
    "id" SERIAL NOT NULL,
    "deviceId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "stationId" TEXT,
    "nearLat" DOUBLE PRECISION,
    "nearLng" DOUBLE PRECISION,
    "radiusKm" DOUBLE PRECISION,
    "standards" JSONB,
    "minPowerKw" DOUBLE PRECISION,
    "hold" BOOLEAN NOT NULL DEFAULT false,
    "skipNext" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertFiring" (
    "id" SERIAL NOT NULL,
    "alertId" TEXT NOT NULL,
    "connectorPk" INTEGER NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertFiring_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorFreeing" (
    "id" SERIAL NOT NULL,
    "connectorPk" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectorFreeing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" SERIAL NOT NULL,
    "alertId" TEXT,
    "connectorPk" INTEGER NOT NULL,
    "chargePointId" TEXT NOT NULL,
    "idTag" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "chargerStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushDelivery" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthAccount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequest" BIGINT NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriverToken" (
    "idTag" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriverToken_pkey" PRIMARY KEY ("idTag")
);

-- CreateTable
CREATE TABLE "ChargingSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "chargePointId" TEXT NOT NULL,
    "connectorId" INTEGER NOT NULL,
    "stationId" TEXT,
    "idTag" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "remoteStartId" INTEGER,
    "transactionId" INTEGER,
    "targetSocPct" DOUBLE PRECISION NOT NULL DEFAULT 80,
    "targetEnergyKwh" DOUBLE PRECISION,
    "tariff" JSONB,
    "chargingEndedAt" TIMESTAMP(3),
    "departedAt" TIMESTAMP(3),
    "targetReachedAt" TIMESTAMP(3),
    "idleWarnedAt" TIMESTAMP(3),
    "finishedToldAt" TIMESTAMP(3),
    "stopRequestedAt" TIMESTAMP(3),
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChargingSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Station_lat_lng_idx" ON "Station"("lat", "lng");

-- CreateIndex
CREATE INDEX "Station_operatorName_idx" ON "Station"("operatorName");

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

-- CreateIndex
CREATE UNIQUE INDEX "Device_tokenHash_key" ON "Device"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Device_appToken_key" ON "Device"("appToken");

-- CreateIndex
CREATE INDEX "Device_userId_idx" ON "Device"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_deviceId_idx" ON "PushSubscription"("deviceId");

-- CreateIndex
CREATE INDEX "Alert_deviceId_idx" ON "Alert"("deviceId");

-- CreateIndex
CREATE INDEX "Alert_stationId_idx" ON "Alert"("stationId");

-- CreateIndex
CREATE INDEX "Alert_nearLat_idx" ON "Alert"("nearLat");

-- CreateIndex
CREATE INDEX "Alert_expiresAt_idx" ON "Alert"("expiresAt");

-- CreateIndex
CREATE INDEX "AlertFiring_alertId_connectorPk_firedAt_idx" ON "AlertFiring"("alertId", "connectorPk", "firedAt");

-- CreateIndex
CREATE INDEX "Reservation_alertId_idx" ON "Reservation"("alertId");

-- CreateIndex
CREATE INDEX "Reservation_connectorPk_status_idx" ON "Reservation"("connectorPk", "status");

-- CreateIndex
CREATE INDEX "Reservation_status_expiresAt_idx" ON "Reservation"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "PushDelivery_sentAt_nextAttemptAt_idx" ON "PushDelivery"("sentAt", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "AuthSession_token_key" ON "AuthSession"("token");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "AuthAccount_userId_idx" ON "AuthAccount"("userId");

-- CreateIndex
CREATE INDEX "Verification_identifier_idx" ON "Verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "RateLimit_key_key" ON "RateLimit"("key");

-- CreateIndex
CREATE INDEX "DriverToken_userId_idx" ON "DriverToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ChargingSession_remoteStartId_key" ON "ChargingSession"("remoteStartId");

-- CreateIndex
CREATE UNIQUE INDEX "ChargingSession_transactionId_key" ON "ChargingSession"("transactionId");

-- CreateIndex
CREATE INDEX "ChargingSession_userId_createdAt_idx" ON "ChargingSession"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ChargingSession_chargePointId_connectorId_request_idx" ON "ChargingSession"("chargePointId", "connectorId", "request");

-- AddForeignKey
ALTER TABLE "Charger" ADD CONSTRAINT "Charger_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connector" ADD CONSTRAINT "Connector_chargePointId_fkey" FOREIGN KEY ("chargePointId") REFERENCES "Charger"("chargePointId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusHistory" ADD CONSTRAINT "StatusHistory_connectorPk_fkey" FOREIGN KEY ("connectorPk") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_chargePointId_fkey" FOREIGN KEY ("chargePointId") REFERENCES "Charger"("chargePointId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterSample" ADD CONSTRAINT "MeterSample_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertFiring" ADD CONSTRAINT "AlertFiring_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushDelivery" ADD CONSTRAINT "PushDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "PushSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthAccount" ADD CONSTRAINT "AuthAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriverToken" ADD CONSTRAINT "DriverToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargingSession" ADD CONSTRAINT "ChargingSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargingSession" ADD CONSTRAINT "ChargingSession_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

