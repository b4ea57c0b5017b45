-- AlterTable
ALTER TABLE "Transaction" DROP COLUMN "lastPowerW",
DROP COLUMN "lastSocPct";

