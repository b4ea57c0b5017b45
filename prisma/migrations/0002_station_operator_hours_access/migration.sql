-- AlterTable
ALTER TABLE "Station" ADD COLUMN "openingHours" JSONB;
ALTER TABLE "Station" ADD COLUMN "operatorName" TEXT;
ALTER TABLE "Station" ADD COLUMN "parkingRestrictions" JSONB;
ALTER TABLE "Station" ADD COLUMN "parkingType" TEXT;
ALTER TABLE "Station" ADD COLUMN "timeZone" TEXT;

-- CreateIndex
CREATE INDEX "Station_operatorName_idx" ON "Station"("operatorName");

