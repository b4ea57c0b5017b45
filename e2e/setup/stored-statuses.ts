// Prints (JSON, by chargePointId) the timestamps of every status the database holds for chargers' connectors, through
// the app's own Prisma client and whichever dialect the URL names. A child process: Playwright's loader cannot load
// the client. Usage: node --import tsx e2e/setup/stored-statuses.ts <DATABASE_URL> <chargePointId>...
import { createDb } from "../../lib/store/prisma";

async function main(databaseUrl: string, chargePointIds: string[]) {
  const db = await createDb(databaseUrl);
  try {
    const rows = await db.statusHistory.findMany({
      where: { connector: { chargePointId: { in: chargePointIds } } },
      select: {
        timestamp: true,
        connector: { select: { chargePointId: true } },
      },
    });
    const stored: Record<string, string[]> = Object.fromEntries(
      chargePointIds.map((id) => [id, []]),
    );
    for (const row of rows)
      stored[row.connector.chargePointId].push(row.timestamp.toISOString());
    console.log(JSON.stringify(stored));
  } finally {
    await db.$disconnect();
  }
}

const [databaseUrl, ...chargePointIds] = process.argv.slice(2);
void main(databaseUrl, chargePointIds);
