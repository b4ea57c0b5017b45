// Better Auth's own routes under /api/auth (sign-up/email, sign-in/email, sign-out, get-session, ...).
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

const handle = async (req: Request) => (await getAuth()).handler(req);

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handle);
