// Test support: drivers signing up and in through Better Auth's real route handler, each from an address of its own.
import * as authRoute from "../../app/api/auth/[...all]/route";
import { CLIENT_ADDRESS_HEADER } from "../api/rate-limit";

export const TEST_ORIGIN = "http://127.0.0.1:3000";
let addresses = 0;

/** A fresh client address (TEST-NET-2), so one test's tries never spend another's rate limit. */
export function newAddress(): string {
  addresses++;
  return `198.51.${100 + Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

export type AuthCall = {
  address?: string;
  origin?: string;
  /** Cookies the browser already holds (its device cookie). */
  cookie?: string;
};

/** POSTs to /api/auth/{path} as a browser on TEST_ORIGIN would. */
export function postAuth(
  path: string,
  body: unknown,
  { address = newAddress(), origin = TEST_ORIGIN, cookie }: AuthCall = {},
): Promise<Response> {
  return authRoute.POST(
    new Request(`${TEST_ORIGIN}/api/auth/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin,
        [CLIENT_ADDRESS_HEADER]: address,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

/** The session cookie a sign-up or sign-in set, as the browser would send it back. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("carrega.session_token="));
  if (!cookie)
    throw new Error(`no session cookie in a ${response.status} answer`);
  return cookie.split(";")[0];
}

let accounts = 0;

/** A new account, signed in: its e-mail, password and session cookie. */
export async function signUpDriver(call: AuthCall = {}) {
  const email = `driver${++accounts}-${process.pid}@carrega.test`;
  const password = "correct horse battery";
  const response = await postAuth(
    "sign-up/email",
    { email, password, name: `Driver ${accounts}` },
    call,
  );
  if (response.status !== 200)
    throw new Error(
      `sign-up answered ${response.status}: ${await response.text()}`,
    );
  return { email, password, cookie: sessionCookie(response) };
}
