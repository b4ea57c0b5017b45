// Prints (JSON) the timestamps of every status the database holds for a charger's connectors, through the app's own
// Prisma client and whichever dialect the URL names. A child process: Playwright's loader cannot load the client.
// Usage: node --import tsx e2e/setup/stored-statuses.ts <DATABASE_URL> <chargePointId>
import { createDb } from "../../lib/store/prisma";

async function main(databaseUrl: string, chargePointId: string) {
  const db = await createDb(databaseUrl);
  try {
    const rows = await db.statusHistory.findMany({
      where: { connector: { chargePointId } },
      select: { timestamp: true },
    });
    console.log(JSON.stringify(rows.map((row) => row.timestamp.toISOString())));
  } finally {
    await db.$disconnect();
  }
}

const [databaseUrl, chargePointId] = process.argv.slice(2);
void main(databaseUrl, chargePointId);
