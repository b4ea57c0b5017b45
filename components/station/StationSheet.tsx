// The sheet a station's page opens over the live map (a panel on a desktop, the whole screen on a phone): it closes
// with Escape or "Back to map" and then hands the keyboard back where it came from.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, type KeyboardEvent, type ReactNode } from "react";

/**
 * Hands the keyboard to `target()` once it can take it. Focus refuses an element that is not there yet (after a deep
 * link the map's script can arrive after the details were closed), not focusable yet (Leaflet gives its container a
 * tabindex as it starts) or inert (under a phone's sheet the map stays inert until the navigation that closes the
 * sheet re-renders it, a commit or more after this component is gone). So it retries on each such DOM change, not on
 * a frame budget, which a loaded machine outran; it gives up once the keyboard is somewhere else or other details open.
 */
let cancelPendingHandBack: (() => void) | undefined;

function handFocusBack(target: () => HTMLElement | null) {
  cancelPendingHandBack?.();
  const tryFocus = () => {
    const element = target();
    if (!element || element.closest("[inert]")) return false;
    element.focus();
    return document.activeElement === element;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if ((active && active !== document.body) || tryFocus()) cancel();
  });
  const cancel = () => {
    observer.disconnect();
    cancelPendingHandBack = undefined;
  };
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["inert", "tabindex"],
  });
  cancelPendingHandBack = cancel;
}

export function StationSheet({ children }: { children: ReactNode }) {
  const t = useTranslations("Station");
  const router = useRouter();
  useEffect(() => {
    // Closing hands the keyboard back where it came from (the list row or popup link that opened the details),
    // or to the map after a deep link, never to the page's top.
    cancelPendingHandBack?.();
    const opener = document.activeElement;
    return () =>
      handFocusBack(() =>
        opener instanceof HTMLElement &&
        opener.isConnected &&
        opener !== document.body
          ? opener
          : document.querySelector<HTMLElement>(".station-map"),
      );
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
