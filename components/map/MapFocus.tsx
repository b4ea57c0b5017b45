// The place the map should bring into view: a searched place, or a station whose details opened over the map (the
// map lives on in the layout, the details are a page of their own). The last one asked for wins.
"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { LatLng } from "../list/StationList";

type MapFocus = {
  focus: LatLng | null;
  setFocus: (place: LatLng | null) => void;
};

const MapFocusContext = createContext<MapFocus>({
  focus: null,
  setFocus: () => undefined,
});

export function MapFocusProvider({ children }: { children: ReactNode }) {
  const [focus, setFocus] = useState<LatLng | null>(null);
  return (
    <MapFocusContext.Provider value={{ focus, setFocus }}>
      {children}
    </MapFocusContext.Provider>
  );
}

export function useMapFocus(): MapFocus {
  return useContext(MapFocusContext);
}
