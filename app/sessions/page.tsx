// The driver's past sessions, newest first: when, where, energy, how long, what it cost; each opens its receipt.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SessionHistoryRow } from "@/components/session/SessionHistoryRow";
import { findPageAccount } from "./pageAccount";
import { readOwnHistory } from "./reads";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Session");
  return { title: t("historyPageTitle"), robots: { index: false } };
}

export default async function SessionHistoryPage() {
  const account = await findPageAccount();
  if (!account) redirect(`/account?next=${encodeURIComponent("/sessions")}`);
  const t = await getTranslations("Session");
  const sessions = await readOwnHistory(account);
  return (
    <section className="session-card" aria-labelledby="history-title">
      <h1 id="history-title" className="session-page-title">
        {t("historyTitle")}
      </h1>
      {sessions.length === 0 ? (
        <div className="session-empty" data-testid="history-empty">
          <p>{t("historyEmpty")}</p>
          <Link href="/" className="session-button session-button--primary">
            {t("findCharger")}
          </Link>
        </div>
      ) : (
        <>
          <ul className="session-history" data-testid="session-history">
            {sessions.map((session) => (
              <SessionHistoryRow key={session.id} session={session} />
            ))}
          </ul>
          <a
            className="session-button session-csv"
            href="/api/sessions.csv"
            download
          >
            {t("downloadCsv")}
          </a>
        </>
      )}
    </section>
  );
}
