// The language switch's server action: remembers the driver's choice in the locale cookie for a year.
"use server";

import { cookies } from "next/headers";
import { isLocale, localeCookie } from "./locales";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Setting a cookie in a server action makes Next render the current page again, now in the chosen language. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) throw new RangeError(`Unsupported locale ${locale}`);
  (await cookies()).set(localeCookie, locale, {
    path: "/",
    maxAge: ONE_YEAR_S,
    sameSite: "lax",
  });
}
