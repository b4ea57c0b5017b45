// Secrets the server makes once and keeps with its data, so every restart and every instance on it share them.
import { randomBytes } from "node:crypto";
import type { Db } from "./prisma";

/** The secret called `name`, made (256 random bits) the first time it is asked for. */
export async function getServerSecret(db: Db, name: string): Promise<string> {
  const row = await db.serverSecret.upsert({
    where: { name },
    create: { name, value: randomBytes(32).toString("base64url") },
    update: {},
  });
  return row.value;
}
