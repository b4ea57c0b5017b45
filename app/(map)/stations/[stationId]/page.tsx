// A station's details at /stations/{id}: deep-linkable and live, a panel over the map (a full sheet on a phone).
import type { Metadata } from "next";
import { StationDetails } from "@/components/station/StationDetails";

type StationPageProps = { params: Promise<{ stationId: string }> };

export const metadata: Metadata = { title: "Station — Carrega" };

export default async function StationPage({ params }: StationPageProps) {
  const { stationId } = await params;
  return <StationDetails stationId={stationId} />;
}
