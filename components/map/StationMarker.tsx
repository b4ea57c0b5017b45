// One station's marker: its pill, and its popup on a tap, a click, Enter or Space.
import type { LeafletKeyboardEvent } from "leaflet";
import { useTranslations } from "next-intl";
import { memo, useMemo } from "react";
import { Marker, Popup } from "react-leaflet";
import { summariseConnectors } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { isPhoneScreen } from "../screen";
import { stateZIndex } from "./markerIcon";
import { stationIcon } from "./stationIcon";
import { describeStation } from "./stationPresentation";
import { StationPopup } from "./StationPopup";

/**
 * Keeps an opening popup clear of the cards over the map: across the top on a phone (header, filters and List,
 * search), down the left on a desktop (the side panel, 400 px wide).
 */
function popupPadding(): [number, number] {
  return isPhoneScreen() ? [12, 250] : [420, 12];
}

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
  const t = useTranslations("Marker");
  const summary = summariseConnectors(station.connectors);
  return (
    <Marker
      position={position}
      icon={stationIcon(station.id, summary, describeStation(station, t))}
      zIndexOffset={stateZIndex[summary.state]}
      riseOnHover
      eventHandlers={stationEvents}
    >
      <Popup
        autoPanPaddingTopLeft={popupPadding()}
        maxWidth={300}
        minWidth={220}
      >
        <StationPopup station={station} />
      </Popup>
    </Marker>
  );
});
