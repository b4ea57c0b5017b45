// Secrets the server makes once and keeps with its data, so every restart and every instance on it share them.
import { randomBytes } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import type { Db } from "./prisma";

/** The secret called `name`, made (256 random bits) the first time it is asked for. */
export function getServerSecret(db: Db, name: string): Promise<string> {
  return getOrCreateServerSecret(
    db,
    name,
    randomBytes(32).toString("base64url"),
  );
}

/**
 * The secret called `name`: the one kept already, or `value` kept from now on. Two processes asking at once agree:
 * the one that lost the insert reads the winner's value.
 */
export async function getOrCreateServerSecret(
  db: Db,
  name: string,
  value: string,
): Promise<string> {
  try {
    const row = await db.serverSecret.upsert({
      where: { name },
      create: { name, value },
      update: {},
    });
    return row.value;
  } catch (error) {
    if (
      !(error instanceof Prisma.PrismaClientKnownRequestError) ||
      error.code !== "P2002"
    )
      throw error;
    const row = await db.serverSecret.findUniqueOrThrow({ where: { name } });
    return row.value;
  }
}
