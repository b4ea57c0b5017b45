// An account's tokens as route handlers ask for them: list, add an RFID card, remove one; errors typed.
import { ApiError } from "../api/errors";
import { RateLimiter } from "../api/rate-limit";
import {
  addRfidCard,
  normaliseCardId,
  listAccountTokens,
  MAX_RFID_CARDS,
  removeRfidCard,
  type DriverTokenKind,
} from "../store/driver-tokens";
import type { Db } from "../store/prisma";
import type { TokenView, TokensView } from "./contract";

// 409 tells whether an idTag exists anywhere: budgets keep one account, and one address signing up accounts by
// the dozen, from probing for others' cards. The address's is wider: drivers share addresses behind carrier NAT.
export const CARD_ADDS_PER_ACCOUNT = 20;
export const CARD_ADDS_PER_ADDRESS = 60;
const TEN_MINUTES = 10 * 60_000;
const cardAddsPerAccount = new RateLimiter(
  "card-adds-per-account",
  CARD_ADDS_PER_ACCOUNT,
  TEN_MINUTES,
);
const cardAddsPerAddress = new RateLimiter(
  "card-adds-per-address",
  CARD_ADDS_PER_ADDRESS,
  TEN_MINUTES,
);

export async function getAccountTokens(
  db: Db,
  userId: string,
): Promise<TokensView> {
  const rows = await listAccountTokens(db, userId);
  return {
    tokens: rows.map((row): TokenView => ({
      idTag: row.idTag,
      kind: row.kind as DriverTokenKind,
    })),
  };
}

/** Adds a card as the charger will read it, in upper case (OCPP's idTag is case-insensitive). */
export async function addAccountCard(
  db: Db,
  userId: string,
  clientAddress: string,
  given: string,
): Promise<TokenView> {
  await cardAddsPerAddress.take(
    clientAddress,
    "card additions from this address",
  );
  await cardAddsPerAccount.take(userId, "card additions");
  const idTag = normaliseCardId(given);
  const result = await addRfidCard(db, userId, idTag);
  if (result === "taken")
    throw new ApiError(
      "conflict",
      `The card ${idTag} is registered already: ask the operator if it is yours`,
    );
  if (result === "full")
    throw new ApiError(
      "too_many_requests",
      `An account may keep ${MAX_RFID_CARDS} cards: remove one to add another`,
    );
  return { idTag, kind: "rfid" };
}

export async function removeAccountCard(
  db: Db,
  userId: string,
  idTag: string,
): Promise<void> {
  if (!(await removeRfidCard(db, userId, normaliseCardId(idTag))))
    throw new ApiError(
      "not_found",
      "No such card on this account (the app token stays)",
    );
}
