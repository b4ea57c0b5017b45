// Driver accounts' tokens (idTags): the app token each account gets and the RFID cards it adds, each with its IdTag row.
import { randomBytes } from "node:crypto";
import {
  Prisma,
  type DriverToken,
  type IdTag,
} from "../generated/prisma/client";
import { directSqlOf } from "./direct-sql";
import type { Db } from "./prisma";
import { findIdTagSqlite } from "./sql/transactions.sqlite";
import type { Tx } from "./write-batcher";

export type DriverTokenKind = "app" | "rfid";

/** Enough for a household's cards; more is more likely a script than a driver. */
export const MAX_RFID_CARDS = 10;

/** OCPP's idTag is a CiString (case-insensitive): cards are kept in upper case, so abcd1234 and ABCD1234 are one card. */
export function normaliseCardId(idTag: string): string {
  return idTag.toUpperCase();
}

/** The IdTag row a charger's idTag names: as read, else as cards are kept (a reader may send abcd1234 for ABCD1234). */
export async function findIdTag(tx: Tx, idTag: string): Promise<IdTag | null> {
  const direct = directSqlOf(tx);
  if (direct) return findIdTagSqlite(direct, idTag, normaliseCardId(idTag));
  const exact = await tx.idTag.findUnique({ where: { idTag } });
  const upper = normaliseCardId(idTag);
  if (exact || upper === idTag) return exact;
  return tx.idTag.findUnique({ where: { idTag: upper } });
}

/** An app token: 19 characters, within OCPP 1.6's CiString20 idTag. */
export function newAppToken(): string {
  return `APP${randomBytes(8).toString("hex").toUpperCase()}`;
}

/**
 * The token and its IdTag row in one batch (not an interactive transaction, which would hold the one SQLite
 * connection across awaits): a token without its row would authorise nothing, a row without its token belong to no one.
 */
function insertToken(
  db: Db,
  userId: string,
  idTag: string,
  kind: DriverTokenKind,
) {
  return db.$transaction([
    db.idTag.create({ data: { idTag, status: "Accepted" } }),
    db.driverToken.create({ data: { idTag, userId, kind } }),
  ]);
}

/** A new account's own app token: the idTag the app starts its sessions with. */
export async function createAccountAppToken(
  db: Db,
  userId: string,
): Promise<string> {
  const idTag = newAppToken();
  await insertToken(db, userId, idTag, "app");
  return idTag;
}

/** The account's tokens, app tokens first, each kind oldest first. */
export function listAccountTokens(
  db: Db,
  userId: string,
): Promise<DriverToken[]> {
  return db.driverToken.findMany({
    where: { userId },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { idTag: "asc" }],
  });
}

export type AddCardResult = "added" | "taken" | "full";

/**
 * Adds an RFID card (normalised: see normaliseCardId); "taken" when the idTag is known already in any case, anyone's
 * (operator tags, which may be in any case, other accounts, devices).
 */
export async function addRfidCard(
  db: Db,
  userId: string,
  idTag: string,
): Promise<AddCardResult> {
  const cards = await db.driverToken.count({
    where: { userId, kind: "rfid" },
  });
  if (cards >= MAX_RFID_CARDS) return "full";
  const known = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "IdTag" WHERE upper("idTag") = ${idTag} LIMIT 1`;
  if (known.length > 0) return "taken";
  try {
    await insertToken(db, userId, idTag, "rfid");
    return "added";
  } catch (error) {
    // Two adds of one card at once: the loser's insert hits the primary key.
    if (
      error instanceof Prisma.PrismaClientKnownRequestError &&
      error.code === "P2002"
    )
      return "taken";
    throw error;
  }
}

/** Removes one of the account's cards and its IdTag row, so chargers refuse it from now on; false when it had none. */
export async function removeRfidCard(
  db: Db,
  userId: string,
  idTag: string,
): Promise<boolean> {
  const { count } = await db.driverToken.deleteMany({
    where: { idTag, userId, kind: "rfid" },
  });
  if (count === 0) return false;
  await db.idTag.deleteMany({ where: { idTag } });
  return true;
}
