// Better Auth's own routes under /api/auth (sign-up/email, sign-in/email, sign-out, get-session, ...).
import { toNextJsHandler } from "better-auth/next-js";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getAuth } from "@/lib/auth/auth";
import { isAuthHost } from "@/lib/auth/hosts";
import { withHost } from "@/lib/auth/request-account";
import { getSettings } from "@/lib/config";

export const dynamic = "force-dynamic";

const handle = route(async (req) => {
  if (!isAuthHost(getSettings(), withHost(req)))
    throw new ApiError(
      "bad_request",
      "Sign-in is not served on this address: the operator sets AUTH_URL or PUBLIC_URL to it",
    );
  return (await getAuth()).handler(req);
});

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler((req) =>
  handle(req, { params: Promise.resolve({}) }),
);
