-- AlterTable
ALTER TABLE "Station" ADD COLUMN "pricePerMinuteAfterMin" INTEGER;

