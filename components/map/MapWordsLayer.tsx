// The words Leaflet writes itself, in the driver's language: the map's own label and each popup's close button.
import { useEffect } from "react";
import { useMap } from "react-leaflet";

type MapWordsLayerProps = {
  /** Leaflet makes its container focusable for keyboard panning; this names that stop. */
  label: string;
  /** Leaflet 1.9 labels every popup's close button "Close popup", with no option to change it. */
  closePopup: string;
};

export function MapWordsLayer({ label, closePopup }: MapWordsLayerProps) {
  const map = useMap();
  useEffect(() => {
    map.getContainer().setAttribute("aria-label", label);
  }, [map, label]);
  useEffect(() => {
    const relabel = () =>
      map
        .getContainer()
        .querySelectorAll(".leaflet-popup-close-button")
        .forEach((button) => button.setAttribute("aria-label", closePopup));
    relabel();
    map.on("popupopen", relabel);
    return () => {
      map.off("popupopen", relabel);
    };
  }, [map, closePopup]);
  return null;
}
