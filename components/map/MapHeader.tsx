// The overlay card: brand, a live count of the connectors in view and across the network, and the legend.
import { countAvailability } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { Legend } from "./Legend";
import { NetworkLine } from "./NetworkLine";

type MapHeaderProps = {
  stations: readonly PublicStation[];
  isLoading: boolean;
};

function LiveLine({ stations, isLoading }: MapHeaderProps) {
  if (isLoading) return <p className="map-header__live">Loading stations…</p>;
  const { available, charging, total } = countAvailability(
    stations.flatMap((s) => s.connectors),
  );
  return (
    <p
      className="map-header__live"
      aria-live="polite"
      aria-atomic="true"
      data-testid="live-line"
    >
      <strong className="map-header__free">{available} free</strong> ·{" "}
      {charging} of {total} connectors in use in view
    </p>
  );
}

export function MapHeader(props: MapHeaderProps) {
  return (
    <header className="map-header">
      <h1 className="map-header__brand">
        <svg
          className="map-header__mark"
          viewBox="0 0 24 24"
          width="28"
          height="28"
          aria-hidden="true"
          focusable="false"
        >
          <rect width="24" height="24" rx="7" fill="#15803d" />
          <path d="M13.5 4 7 13.2h4.4L10.5 20 17 10.8h-4.4z" fill="#fff" />
        </svg>
        Carrega
      </h1>
      <LiveLine {...props} />
      <NetworkLine />
      <Legend />
    </header>
  );
}
