// Centres the map on a place the driver searched for.
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../list/StationList";

const PLACE_ZOOM = 16;

export function PlaceFocusLayer({ place }: { place: LatLng | null }) {
  const map = useMap();
  useEffect(() => {
    if (place) map.setView([place.lat, place.lng], PLACE_ZOOM);
  }, [map, place]);
  return null;
}
