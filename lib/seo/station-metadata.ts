// What a shared station link shows before anyone opens it: title, description, canonical URL and Open Graph tags,
// in the language of the request (a chat preview is read by the person the link was sent to, often in the same one).
import type { Metadata } from "next";
import type { PublicStation } from "@/lib/domain/station";
import { formatPower } from "@/lib/i18n/format";
import { openGraphLocales, type Locale } from "@/lib/i18n/locales";
import type { Formatter, Translator } from "@/lib/i18n/types";

/** The request's words: every message (t), the formatting ones (words), and Intl in its locale (format). */
export type Words = {
  t: Translator<never>;
  words: Translator<"Format">;
  format: Formatter;
};

export function stationPath(stationId: string): string {
  return `/stations/${encodeURIComponent(stationId)}`;
}

/** "Av. 24 de Julho, Lisboa. 1 of 2 connectors free now: CCS 150 kW (Free) and Type 2 22 kW (In use). Live on Carrega." */
export function describeStationLink(
  station: PublicStation,
  { t, words, format }: Words,
): string {
  const connectors = station.connectors.map((c) =>
    t("Station.pageConnector", {
      standard: t(`Standard.${c.standard}`),
      power: formatPower(c.maxPowerKw, words),
      status: t(`Status.${c.status}`),
    }),
  );
  // Addresses often end in their city already ("1200-450 Lisboa"): name it once.
  const { address, city } = station;
  const place =
    address && city && !address.includes(city)
      ? `${address}, ${city}`
      : (address ?? city ?? "");
  return t("Station.pageDescription", {
    place: place ? `${place}. ` : "",
    available: station.available,
    total: station.total,
    connectors: format.list(connectors, { type: "conjunction" }),
  });
}

export function stationMetadata(
  station: PublicStation,
  {
    origin,
    locale,
    ...words
  }: Words & {
    /** Absolute, without a trailing slash (publicOrigin). */
    origin: string;
    locale: Locale;
  },
): Metadata {
  const title = words.t("Station.pageTitle", { name: station.name });
  const description = describeStationLink(station, words);
  const url = `${origin}${stationPath(station.id)}`;
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      title,
      description,
      url,
      type: "website",
      siteName: "Carrega",
      locale: openGraphLocales[locale],
    },
  };
}
