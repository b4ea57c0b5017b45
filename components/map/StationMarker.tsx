// One station's marker: its pill, and its popup on a tap, a click, Enter or Space.
import type { LeafletKeyboardEvent } from "leaflet";
import { memo, useMemo } from "react";
import { Marker, Popup } from "react-leaflet";
import { summariseStation } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { stateZIndex } from "./markerIcon";
import { stationIcon } from "./stationIcon";
import { StationPopup } from "./StationPopup";

/** Keeps popups clear of the header card on a phone. */
const popupPadding: [number, number] = [12, 150];

// Leaflet opens a marker's popup on Enter; a role="button" should answer Space as well.
const stationEvents = {
  keypress(event: LeafletKeyboardEvent) {
    if (event.originalEvent.key !== " ") return;
    event.originalEvent.preventDefault();
    event.target.openPopup();
  },
};

export const StationMarker = memo(function StationMarker({
  station,
}: {
  station: PublicStation;
}) {
  const position = useMemo<[number, number]>(
    () => [station.lat, station.lng],
    [station.lat, station.lng],
  );
  return (
    <Marker
      position={position}
      icon={stationIcon(station)}
      zIndexOffset={stateZIndex[summariseStation(station.connectors)]}
      riseOnHover
      eventHandlers={stationEvents}
    >
      <Popup autoPanPaddingTopLeft={popupPadding} maxWidth={300} minWidth={220}>
        <StationPopup station={station} />
      </Popup>
    </Marker>
  );
});
