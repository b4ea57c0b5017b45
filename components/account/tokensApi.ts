// The account's tokens from the browser: GET, POST and DELETE /api/me/tokens, errors as the API names them.
import type { TokenView, TokensView } from "@/lib/auth/contract";

export type CardProblem =
  "taken" | "malformed" | "full" | "signedOut" | "generic";

export class TokensError extends Error {
  constructor(readonly problem: CardProblem) {
    super(problem);
  }
}

function problemOf(status: number): CardProblem {
  if (status === 409) return "taken";
  if (status === 400) return "malformed";
  if (status === 429) return "full";
  if (status === 401) return "signedOut";
  return "generic";
}

async function send<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { "content-type": "application/json" },
    cache: "no-store",
  });
  if (!response.ok) throw new TokensError(problemOf(response.status));
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const fetchTokens = () =>
  send<TokensView>("/api/me/tokens").then((view) => view.tokens);

export const addCard = (idTag: string) =>
  send<TokenView>("/api/me/tokens", {
    method: "POST",
    body: JSON.stringify({ idTag }),
  });

export const removeCard = (idTag: string) =>
  send<void>(`/api/me/tokens/${encodeURIComponent(idTag)}`, {
    method: "DELETE",
  });
