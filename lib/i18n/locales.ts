// The languages drivers can read Carrega in, and which one a request gets: the driver's choice, else the browser's.

/** BCP 47 tags, as `<html lang>` and Intl take them; pt-PT, not pt: Intl's plain "pt" writes Brazilian money ("€ 0,35"). */
export const locales = ["en", "pt-PT"] as const;
export type Locale = (typeof locales)[number];

/** For a browser that prefers neither language: the app's words were English first. */
export const defaultLocale: Locale = "en";

/** next-intl's own cookie name, so its tooling (and a later move to its middleware) reads the same choice. */
export const localeCookie = "NEXT_LOCALE";

/** Each language's name in itself, as a language switch shows it (never translated). */
export const localeNames: Record<Locale, string> = {
  en: "English",
  "pt-PT": "Português",
};

/** Open Graph writes locales as language_TERRITORY. */
export const openGraphLocales: Record<Locale, string> = {
  en: "en_GB",
  "pt-PT": "pt_PT",
};

/**
 * The zone server and browser format times in, so a server-rendered clock reads the same after hydration. The
 * network is Portugal's; a station with its own zone (the Azores) has its times told in that zone instead.
 */
export const defaultTimeZone = "Europe/Lisbon";

export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? "");
}

/** A supported locale for one Accept-Language tag: exact first, then by language alone (pt-BR reads pt-PT). */
function matchTag(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  const exact = locales.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split("-")[0];
  return (
    locales.find((l) => l.toLowerCase().split("-")[0] === language) ?? null
  );
}

/** Accept-Language's tags by preference (RFC 9110 §12.5.4): highest q first, header order among equals, q=0 dropped. */
function preferredTags(acceptLanguage: string): string[] {
  return acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim(),
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((t) => t.tag);
}

/** The driver's remembered choice (the cookie), else the first language the browser asks for that we have. */
export function resolveLocale(
  cookie: string | undefined,
  acceptLanguage: string | null,
): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of preferredTags(acceptLanguage ?? "")) {
    const locale = matchTag(tag);
    if (locale) return locale;
  }
  return defaultLocale;
}
