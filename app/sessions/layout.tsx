// The driver's own screens (a live session, history, receipts): a scrolling page with the way back to the map,
// outside the map group so no map loads under them.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import "./sessions.css";

export default async function SessionsLayout({
  children,
}: {
  children: ReactNode;
}) {
  const t = await getTranslations("Session");
  return (
    <div className="session-screen">
      <nav className="session-nav" aria-label={t("navRegion")}>
        <Link href="/" className="session-nav__link">
          <span aria-hidden="true">←</span> {t("toMap")}
        </Link>
        <Link href="/sessions" className="session-nav__link">
          {t("historyLink")}
        </Link>
      </nav>
      <main className="session-main">{children}</main>
    </div>
  );
}
