// An unknown address, or a link to a station that is not there: HTTP 404 in the driver's language, rendered on the
// server, and the way to the map.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  MISSING_STATION,
  NOT_FOUND_KIND_HEADER,
} from "@/lib/seo/not-found-kind";

async function isMissingStation(): Promise<boolean> {
  return (await headers()).get(NOT_FOUND_KIND_HEADER) === MISSING_STATION;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return {
    title: (await isMissingStation())
      ? t("Station.notFoundPageTitle")
      : t("NotFound.pageTitle"),
  };
}

export default async function NotFoundPage() {
  const t = await getTranslations();
  const isStation = await isMissingStation();
  return (
    <main className="not-found">
      <h1>{isStation ? t("Station.notFoundTitle") : t("NotFound.title")}</h1>
      <p>{isStation ? t("Station.notFoundBody") : t("NotFound.body")}</p>
      <Link href="/" className="not-found__back">
        <span aria-hidden="true">←</span>
        {t("Station.back")}
      </Link>
    </main>
  );
}
