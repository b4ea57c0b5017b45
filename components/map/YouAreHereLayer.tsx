// The "you are here" layer: a marker at the driver's position, and the map centred there when it is found.
import { useEffect } from "react";
import { CircleMarker, Tooltip, useMap } from "react-leaflet";
import type { LatLng } from "../list/StationList";

const NEAR_ZOOM = 15;

export function YouAreHereLayer({
  position,
  label,
}: {
  position: LatLng | null;
  /** "You are here", in the driver's language. */
  label: string;
}) {
  const map = useMap();
  useEffect(() => {
    if (position)
      map.setView(
        [position.lat, position.lng],
        Math.max(map.getZoom(), NEAR_ZOOM),
      );
  }, [map, position]);
  if (!position) return null;
  return (
    <CircleMarker
      center={[position.lat, position.lng]}
      radius={9}
      pathOptions={{
        color: "#fff",
        weight: 3,
        fillColor: "#1d4ed8",
        fillOpacity: 1,
      }}
      className="you-are-here"
    >
      <Tooltip permanent direction="top" offset={[0, -10]}>
        {label}
      </Tooltip>
    </CircleMarker>
  );
}
