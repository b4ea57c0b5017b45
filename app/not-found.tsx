// Any other unknown address: HTTP 404 in the driver's language, and the way to the map.
import type { Metadata } from "next";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NotFound");
  return { title: t("pageTitle") };
}

export default function NotFoundPage() {
  const t = useTranslations();
  return (
    <main className="not-found">
      <h1>{t("NotFound.title")}</h1>
      <p>{t("NotFound.body")}</p>
      <Link href="/" className="not-found__back">
        <span aria-hidden="true">←</span>
        {t("Station.back")}
      </Link>
    </main>
  );
}
