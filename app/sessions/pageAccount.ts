// The signed-in account of the page being rendered: Better Auth's cookie read through the same lib call as the routes.
import { headers } from "next/headers";
import {
  findRequestAccount,
  type RequestAccount,
} from "@/lib/auth/request-account";

export async function findPageAccount(): Promise<RequestAccount | null> {
  // The lib reads a Request; a page has the request's headers, which carry its cookies.
  return findRequestAccount(
    new Request("http://page.invalid/", { headers: await headers() }),
  );
}
