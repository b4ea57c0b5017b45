// Which driver account a request is signed in to (Better Auth's session cookie), for route handlers.
import { ApiError } from "../api/errors";
import { getSettings } from "../config";
import { getAuth } from "./auth";
import { isAuthHost } from "./hosts";

export type RequestAccount = { userId: string; email: string; name: string };

/** The account these headers' session cookie is signed in to and that auth session's id, or null. */
export async function findHeadersSession(
  headers: Headers,
): Promise<{ account: RequestAccount; authSessionId: string } | null> {
  // No cookie, no session; and no session on a host sign-in is not served on.
  if (!headers.get("cookie") || !isAuthHost(getSettings(), headers))
    return null;
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const { id, email, name } = found.user;
  return {
    account: { userId: id, email, name },
    authSessionId: found.session.id,
  };
}

/** The account signed in with these headers' session cookie, or null (HTTP requests and socket.io handshakes). */
export async function findHeadersAccount(
  headers: Headers,
): Promise<RequestAccount | null> {
  return (await findHeadersSession(headers))?.account ?? null;
}

/** The request's headers with its Host: a request made in-process (a test) has only its URL. */
export function withHost(req: Request): Headers {
  const headers = new Headers(req.headers);
  if (!headers.has("host")) headers.set("host", new URL(req.url).host);
  return headers;
}

/** The signed-in account, or null. Reads Better Auth's session from the request's cookies. */
export function findRequestAccount(
  req: Request,
): Promise<RequestAccount | null> {
  return findHeadersAccount(withHost(req));
}

/** The signed-in account, or 401 `unauthorized` with a message saying to sign in. */
export async function requireAccount(req: Request): Promise<RequestAccount> {
  const account = await findRequestAccount(req);
  if (!account)
    throw new ApiError("unauthorized", "Sign in to start and see sessions");
  return account;
}
