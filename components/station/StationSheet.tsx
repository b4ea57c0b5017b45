// The sheet a station's page opens over the live map (a panel on a desktop, the whole screen on a phone): it closes
// with Escape or "Back to map" and then hands the keyboard back where it came from.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, type KeyboardEvent, type ReactNode } from "react";

/**
 * Under a phone's sheet the map is inert until the navigation that closes the sheet re-renders it, which can come a
 * few frames after this component is gone: focus refuses an inert element, so wait for it (a second at most).
 */
function focusOnceLive(element: HTMLElement, framesLeft = 60) {
  if (element.closest("[inert]") && framesLeft > 0)
    requestAnimationFrame(() => focusOnceLive(element, framesLeft - 1));
  else element.focus();
}

export function StationSheet({ children }: { children: ReactNode }) {
  const t = useTranslations("Station");
  const router = useRouter();
  useEffect(() => {
    // Closing hands the keyboard back where it came from (the list row or popup link that opened the details),
    // or to the map after a deep link, never to the page's top.
    const opener = document.activeElement;
    return () => {
      const back =
        opener instanceof HTMLElement &&
        opener.isConnected &&
        opener !== document.body
          ? opener
          : document.querySelector<HTMLElement>(".station-map");
      if (back) focusOnceLive(back);
    };
  }, []);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") router.push("/");
  };
  return (
    <section
      className="station-sheet"
      aria-label={t("region")}
      onKeyDown={closeOnEscape}
    >
      <Link href="/" className="station-sheet__back">
        <span aria-hidden="true">←</span>
        {t("back")}
      </Link>
      {children}
    </section>
  );
}
