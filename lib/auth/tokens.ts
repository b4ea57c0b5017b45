// An account's tokens as route handlers ask for them: list, add an RFID card, remove one; errors typed.
import { ApiError } from "../api/errors";
import { RateLimiter } from "../api/rate-limit";
import {
  addRfidCard,
  listAccountTokens,
  MAX_RFID_CARDS,
  removeRfidCard,
  type DriverTokenKind,
} from "../store/driver-tokens";
import type { Db } from "../store/prisma";
import type { TokenView, TokensView } from "./contract";

// 409 tells whether an idTag exists anywhere: a budget keeps one account from probing for others' cards.
const cardAdds = new RateLimiter(20, 10 * 60_000);

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

export async function addAccountCard(
  db: Db,
  userId: string,
  idTag: string,
): Promise<TokenView> {
  cardAdds.take(userId, "card additions");
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
  if (!(await removeRfidCard(db, userId, idTag)))
    throw new ApiError(
      "not_found",
      "No such card on this account (the app token stays)",
    );
}
