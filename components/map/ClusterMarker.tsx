// A cluster's marker: its stations' free/total connectors and how many stations; activating it zooms in to split it.
import type { LeafletKeyboardEvent, Map as LeafletMap } from "leaflet";
import { useTranslations } from "next-intl";
import { memo, useMemo } from "react";
import { Marker, useMap } from "react-leaflet";
import type { AvailabilitySummary } from "@/lib/domain/availability";
import { stateZIndex } from "./markerIcon";
import { clusterIcon } from "./stationIcon";
import { describeCluster } from "./stationPresentation";

function isActivationKey(event: LeafletKeyboardEvent): boolean {
  return event.originalEvent.key === "Enter" || event.originalEvent.key === " ";
}

/**
 * Centred on the cluster, at the zoom where it splits and at least one level deeper, so every tap visibly opens it
 * up. The map's middle is clear of the header card on a phone and of the side panel on a desktop.
 */
function zoomInto(map: LeafletMap, at: [number, number], splitZoom: number) {
  const zoom = Math.max(splitZoom, Math.floor(map.getZoom()) + 1);
  map.setView(at, Math.min(map.getMaxZoom(), zoom));
}

type ClusterMarkerProps = AvailabilitySummary & {
  id: number;
  /** Names the marker across updates (stationClusters.ts). */
  markerKey: string;
  lat: number;
  lng: number;
  stations: number;
  expansionZoom: (clusterId: number) => number;
};

/** Props are plain values, so a live update redraws only the clusters whose counts changed. */
export const ClusterMarker = memo(function ClusterMarker({
  id,
  markerKey,
  lat,
  lng,
  stations,
  state,
  available,
  total,
  expansionZoom,
}: ClusterMarkerProps) {
  const map = useMap();
  const t = useTranslations("Marker");
  const events = useMemo(() => {
    const open = () => zoomInto(map, [lat, lng], expansionZoom(id));
    return {
      click: open,
      keypress(event: LeafletKeyboardEvent) {
        if (!isActivationKey(event)) return;
        event.originalEvent.preventDefault();
        open();
        // The cluster's marker goes once split: keep the keyboard on the map (labelled), where Tab reaches the
        // markers that replace it, rather than losing focus to the page.
        map.getContainer().focus();
      },
    };
  }, [map, id, lat, lng, expansionZoom]);
  const position = useMemo<[number, number]>(() => [lat, lng], [lat, lng]);
  return (
    <Marker
      position={position}
      icon={clusterIcon(
        markerKey,
        { state, available, total },
        stations,
        describeCluster(stations, available, total, t),
      )}
      zIndexOffset={stateZIndex[state]}
      riseOnHover
      eventHandlers={events}
    />
  );
});
