// GET /api/me/tokens: the signed-in account's idTags. POST { idTag }: adds an RFID card → 201.
import { accountRoute } from "@/lib/api/account-route";
import { json, parseWith, readJson } from "@/lib/api/handler";
import { requestAddress } from "@/lib/api/rate-limit";
import { AddCardRequest } from "@/lib/auth/contract";
import { addAccountCard, getAccountTokens } from "@/lib/auth/tokens";
import { getDb } from "@/lib/store/prisma";

export const dynamic = "force-dynamic";

export const GET = accountRoute(async (_req, _ctx, account) =>
  json(await getAccountTokens(await getDb(), account.userId)),
);

export const POST = accountRoute(async (req, _ctx, account) => {
  const { idTag } = parseWith(AddCardRequest, await readJson(req));
  const card = await addAccountCard(
    await getDb(),
    account.userId,
    requestAddress(req),
    idTag,
  );
  return json(card, 201);
});
