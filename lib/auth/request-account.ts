// Which driver account a request is signed in to (Better Auth's session cookie), for route handlers.
import { ApiError } from "../api/errors";

export type RequestAccount = { userId: string; email: string; name: string };

/** The signed-in account, or null. Reads Better Auth's session from the request's cookies. */
export async function findRequestAccount(
  req: Request,
): Promise<RequestAccount | null> {
  void req;
  throw new ApiError(
    "unavailable",
    "Driver accounts are being built (issue 15)",
  );
}

/** The signed-in account, or 401 `unauthorized` with a message saying to sign in. */
export async function requireAccount(req: Request): Promise<RequestAccount> {
  const account = await findRequestAccount(req);
  if (!account)
    throw new ApiError("unauthorized", "Sign in to start and see sessions");
  return account;
}
