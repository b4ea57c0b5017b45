// DELETE /api/me/tokens/{idTag}: removes one of the account's RFID cards → 204 (the app token cannot be removed).
import { accountRoute } from "@/lib/api/account-route";
import { removeAccountCard } from "@/lib/auth/tokens";
import { getDb } from "@/lib/store/prisma";

export const dynamic = "force-dynamic";

export const DELETE = accountRoute<{ idTag: string }>(
  async (_req, ctx, account) => {
    const { idTag } = await ctx.params;
    await removeAccountCard(await getDb(), account.userId, idTag);
    return new Response(null, { status: 204 });
  },
);
