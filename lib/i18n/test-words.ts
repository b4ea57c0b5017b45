// For unit tests: the words and Intl formatting a request in the given language gets, without Next.
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
