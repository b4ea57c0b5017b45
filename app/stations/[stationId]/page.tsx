// A station's details page at /stations/{id}: deep-linkable, live, with a way back to the map.
import type { Metadata } from "next";
import { StationDetails } from "@/components/station/StationDetails";

type StationPageProps = { params: Promise<{ stationId: string }> };

export const metadata: Metadata = { title: "Station — Carrega" };

export default async function StationPage({ params }: StationPageProps) {
  const { stationId } = await params;
  return <StationDetails stationId={stationId} />;
}
