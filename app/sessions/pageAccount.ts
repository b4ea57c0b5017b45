// The signed-in account of the page being rendered: Better Auth's cookie read through the same lib call as the routes.
import { headers } from "next/headers";
import {
  findHeadersAccount,
  type RequestAccount,
} from "@/lib/auth/request-account";

export async function findPageAccount(): Promise<RequestAccount | null> {
  return findHeadersAccount(new Headers(await headers()));
}
