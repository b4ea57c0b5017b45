// /account: sign up, sign in and out, and the account's tokens (app token, RFID cards); phone first.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountScreen } from "@/components/account/AccountScreen";
import { safeNextPath } from "@/components/account/nextPath";
import styles from "@/components/account/account.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account");
  return { title: t("pageTitle"), robots: { index: false } };
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Account");
  const { next } = await searchParams;
  const back = safeNextPath(typeof next === "string" ? next : null);
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Link href={back ?? "/"} className={styles.back}>
          <span aria-hidden="true">←</span>
          {t("back")}
        </Link>
        <h1 className={styles.heading}>{t("pageTitle")}</h1>
      </header>
      <AccountScreen next={back} />
    </main>
  );
}
