// next-intl's request configuration (next.config.ts points its plugin here): the driver's language and its words.
// URLs carry no locale ("without i18n routing"): the language comes from the cookie, else Accept-Language.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import en from "./messages/en.json";
import pt from "./messages/pt.json";
import {
  defaultTimeZone,
  localeCookie,
  resolveLocale,
  type Locale,
} from "./locales";

const messages: Record<Locale, typeof en> = { en, "pt-PT": pt };

// next-intl loads this module's default export.
export default getRequestConfig(async () => {
  const locale = resolveLocale(
    (await cookies()).get(localeCookie)?.value,
    (await headers()).get("accept-language"),
  );
  return { locale, messages: messages[locale], timeZone: defaultTimeZone };
});
