// The words and Intl formatting of one language without Next: for notifications sent from the server, and tests.
import { createFormatter, createTranslator } from "next-intl";
import { defaultTimeZone, type Locale } from "./locales";
import en from "./messages/en.json";
import pt from "./messages/pt.json";

export function wordsIn(locale: Locale) {
  const messages = locale === "en" ? en : pt;
  return {
    locale,
    t: createTranslator({ locale, messages }),
    words: createTranslator({ locale, messages, namespace: "Format" }),
    access: createTranslator({ locale, messages, namespace: "Access" }),
    format: createFormatter({ locale, timeZone: defaultTimeZone }),
  };
}
