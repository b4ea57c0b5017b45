// The language switch: one small button naming the other language in itself ("Português" / "English"). The choice
// is remembered in a cookie by a server action, and the page renders again in it where the driver stands.
"use client";

import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { localeNames, locales } from "@/lib/i18n/locales";
import { setLocale } from "@/lib/i18n/set-locale";

export function LanguageSwitch() {
  const t = useTranslations("Language");
  const current = useLocale();
  const [isSwitching, startSwitching] = useTransition();
  // Two languages: the switch offers the one not in use.
  const other = locales.find((l) => l !== current) ?? current;
  return (
    <button
      type="button"
      className="language-switch"
      title={t("switchTo", { language: localeNames[other] })}
      aria-busy={isSwitching}
      disabled={isSwitching}
      onClick={() => startSwitching(() => setLocale(other))}
    >
      <svg
        className="language-switch__glyph"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      >
        <circle cx="8" cy="8" r="6.4" />
        <path d="M1.6 8h12.8M8 1.6c-3.2 3.6-3.2 9.2 0 12.8M8 1.6c3.2 3.6 3.2 9.2 0 12.8" />
      </svg>
      <span lang={other}>{localeNames[other]}</span>
    </button>
  );
}
