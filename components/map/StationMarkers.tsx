// The stations layer: one labelled, focusable marker per station, or per group of stations that would overlap.
import {
  latLngBounds,
  point,
  type LeafletKeyboardEvent,
  type Map as LeafletMap,
} from "leaflet";
import { memo, useMemo, useState } from "react";
import { Marker, Popup, useMap, useMapEvent } from "react-leaflet";
import { summariseStation } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { groupOverlapping, type MarkerGroup } from "./groupOverlapping";
import { stateZIndex } from "./markerIcon";
import { groupIcon, stationIcon } from "./stationIcon";
import { StationPopup } from "./StationPopup";

/** Room kept around a zoomed-into group: the header card covers the top of the map. */
const groupPadding = point(80, 220);

/** Keeps popups clear of the header card on a phone. */
const popupPadding: [number, number] = [12, 150];

function isActivationKey(event: LeafletKeyboardEvent): boolean {
  return event.originalEvent.key === "Enter" || event.originalEvent.key === " ";
}

// Leaflet opens a marker's popup on Enter; a role="button" should answer Space as well.
const stationEvents = {
  keypress(event: LeafletKeyboardEvent) {
    if (event.originalEvent.key !== " ") return;
    event.originalEvent.preventDefault();
    event.target.openPopup();
  },
};

const StationMarker = memo(function StationMarker({
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

/** Zooms to fit a group's stations, and at least two levels deeper, so every tap visibly opens the group up. */
function zoomInto(map: LeafletMap, stations: readonly PublicStation[]) {
  const bounds = latLngBounds(
    stations.map((s) => [s.lat, s.lng] as [number, number]),
  );
  const fitting = map.getBoundsZoom(bounds, false, groupPadding);
  map.setView(
    bounds.getCenter(),
    Math.min(map.getMaxZoom(), Math.max(fitting, map.getZoom() + 2)),
  );
}

function GroupMarker({ group }: { group: MarkerGroup }) {
  const map = useMap();
  const events = useMemo(
    () => ({
      click: () => zoomInto(map, group.stations),
      keypress(event: LeafletKeyboardEvent) {
        if (!isActivationKey(event)) return;
        event.originalEvent.preventDefault();
        zoomInto(map, group.stations);
      },
    }),
    [map, group.stations],
  );
  const position = useMemo<[number, number]>(
    () => [group.lat, group.lng],
    [group.lat, group.lng],
  );
  const connectors = group.stations.flatMap((s) => s.connectors);
  return (
    <Marker
      position={position}
      icon={groupIcon(group.key, group.stations)}
      zIndexOffset={stateZIndex[summariseStation(connectors)]}
      riseOnHover
      eventHandlers={events}
    />
  );
}

export function StationMarkers({
  stations,
}: {
  stations: readonly PublicStation[];
}) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvent("zoomend", () => setZoom(map.getZoom()));
  const groups = useMemo(
    // At the deepest zoom stations that still overlap stand at one address: show each one.
    () =>
      zoom >= map.getMaxZoom()
        ? stations.map((s) => ({
            key: s.id,
            stations: [s],
            lat: s.lat,
            lng: s.lng,
          }))
        : groupOverlapping(stations, (lat, lng) =>
            map.project([lat, lng], zoom),
          ),
    [stations, zoom, map],
  );
  return groups.map((group) =>
    group.stations.length === 1 ? (
      <StationMarker key={group.key} station={group.stations[0]} />
    ) : (
      <GroupMarker key={group.key} group={group} />
    ),
  );
}
