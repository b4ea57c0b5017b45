// Asks the browser where the driver is, only when they tap "Near me", and says politely why it could not.
import { useCallback, useState } from "react";
import type { LatLng } from "../list/StationList";

export type DriverLocation = {
  position: LatLng | null;
  isLocating: boolean;
  problem: string | null;
  locate: () => void;
};

function explain(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED)
    return "Location is turned off for Carrega, so we can't show what's near you. Move the map, or search a place below.";
  return "We couldn't find your location just now. Move the map, or search a place below.";
}

export function useDriverLocation(): DriverLocation {
  const [position, setPosition] = useState<LatLng | null>(null);
  const [isLocating, setIsLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const locate = useCallback(() => {
    if (!("geolocation" in navigator)) {
      setProblem(
        "This browser can't share your location. Move the map, or search a place below.",
      );
      return;
    }
    setIsLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setIsLocating(false);
        setPosition({ lat: coords.latitude, lng: coords.longitude });
      },
      (error) => {
        setIsLocating(false);
        setProblem(explain(error));
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }, []);
  return { position, isLocating, problem, locate };
}
