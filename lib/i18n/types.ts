// next-intl's types for this app: its locales and the shape of its messages (English is the reference), so a
// missing or misspelt key fails the type check, and the translator and formatter types shared code takes.
import type {
  createFormatter,
  createTranslator,
  Messages,
  NamespaceKeys,
  NestedKeyOf,
} from "next-intl";
import type { Locale } from "./locales";
import type en from "./messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** What useTranslations(namespace) and getTranslations(namespace) both return. */
export type Translator<N extends Namespace> = ReturnType<
  typeof createTranslator<Messages, N>
>;

/** What useFormatter() and getFormatter() both return: Intl in the driver's locale and time zone. */
export type Formatter = ReturnType<typeof createFormatter>;
