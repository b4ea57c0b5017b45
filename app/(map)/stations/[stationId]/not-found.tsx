// An unknown station id: HTTP 404, and the sheet over the live map says so, with the way back to it.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StationNotFound } from "@/components/station/StationNotFound";
import { StationSheet } from "@/components/station/StationSheet";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Station");
  return { title: t("notFoundPageTitle") };
}

export default function StationNotFoundPage() {
  return (
    <StationSheet>
      <StationNotFound />
    </StationSheet>
  );
}
