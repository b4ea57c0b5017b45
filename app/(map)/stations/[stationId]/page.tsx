// A station's page at /stations/{id}: rendered on the server in the driver's language (name, address, connectors,
// title, description, canonical URL, Open Graph), a real 404 for an unknown id; live in the browser, over the map.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import {
  getFormatter,
  getLocale,
  getNow,
  getTranslations,
} from "next-intl/server";
import { cache } from "react";
import { StationDetails } from "@/components/station/StationDetails";
import { getSettings } from "@/lib/config";
import { publicOrigin } from "@/lib/seo/public-url";
import { stationMetadata } from "@/lib/seo/station-metadata";
import { getDb } from "@/lib/store/prisma";
import { getStation } from "@/lib/store/stations";

type StationPageProps = { params: Promise<{ stationId: string }> };

// Metadata and page ask for the same station: one read per request.
const readStation = cache(async (stationId: string) =>
  getStation(await getDb(), stationId),
);

export async function generateMetadata({
  params,
}: StationPageProps): Promise<Metadata> {
  const station = await readStation((await params).stationId);
  // The not-found page gives its own title.
  if (!station) notFound();
  const settings = getSettings();
  return stationMetadata(station, {
    origin: publicOrigin(
      settings.PUBLIC_URL,
      await headers(),
      Boolean(settings.TLS_CERT),
    ),
    locale: await getLocale(),
    t: await getTranslations(),
    words: await getTranslations("Format"),
    format: await getFormatter(),
  });
}

export default async function StationPage({ params }: StationPageProps) {
  const station = await readStation((await params).stationId);
  if (!station) notFound();
  // The request's one moment (next-intl's, cached per request), which the browser's first render also reads.
  const renderedAt = (await getNow()).getTime();
  // Keyed: another station's page starts from its own server-read state, not the live state of the last one.
  return (
    <StationDetails
      key={station.id}
      station={station}
      renderedAt={renderedAt}
    />
  );
}
