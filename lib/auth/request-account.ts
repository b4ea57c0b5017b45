// Which driver account a request is signed in to (Better Auth's session cookie), for route handlers.
import { ApiError } from "../api/errors";
import { getAuth } from "./auth";

export type RequestAccount = { userId: string; email: string; name: string };

/** The account signed in with these headers' session cookie, or null (HTTP requests and socket.io handshakes). */
export async function findHeadersAccount(
  headers: Headers,
): Promise<RequestAccount | null> {
  if (!headers.get("cookie")) return null; // no cookie, no session: spare the lookup
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const { id, email, name } = found.user;
  return { userId: id, email, name };
}

/** The signed-in account, or null. Reads Better Auth's session from the request's cookies. */
export function findRequestAccount(
  req: Request,
): Promise<RequestAccount | null> {
  // Better Auth resolves its base URL from the Host header; a request made in-process (a test) has only its URL.
  const headers = new Headers(req.headers);
  if (!headers.has("host")) headers.set("host", new URL(req.url).host);
  return findHeadersAccount(headers);
}

/** The signed-in account, or 401 `unauthorized` with a message saying to sign in. */
export async function requireAccount(req: Request): Promise<RequestAccount> {
  const account = await findRequestAccount(req);
  if (!account)
    throw new ApiError("unauthorized", "Sign in to start and see sessions");
  return account;
}
