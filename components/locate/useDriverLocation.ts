// Asks the browser where the driver is, only when they tap "Near me", and says why it could not (LocateBar words it).
import { useCallback, useState } from "react";
import type { LatLng } from "../list/StationList";

/** Why there is no position: refused, not found in time, or no geolocation in this browser. */
export type LocationProblem = "denied" | "unavailable" | "unsupported";

export type DriverLocation = {
  position: LatLng | null;
  isLocating: boolean;
  problem: LocationProblem | null;
  locate: () => void;
};

function explain(error: GeolocationPositionError): LocationProblem {
  return error.code === error.PERMISSION_DENIED ? "denied" : "unavailable";
}

export function useDriverLocation(): DriverLocation {
  const [position, setPosition] = useState<LatLng | null>(null);
  const [isLocating, setIsLocating] = useState(false);
  const [problem, setProblem] = useState<LocationProblem | null>(null);
  const locate = useCallback(() => {
    if (!("geolocation" in navigator)) {
      setProblem("unsupported");
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
