// The overlay card: brand and language, a live count of the connectors in view and across the network, the legend.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { countAvailability } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import type { NetworkCounts } from "@/lib/store/network";
import type { StationCluster } from "@/lib/store/station-clusters";
import { AccountLink } from "../account/AccountLink";
import { LanguageSwitch } from "../language/LanguageSwitch";
import { Legend } from "./Legend";
import { NetworkLine } from "./NetworkLine";

type LiveLineProps = {
  stations: readonly PublicStation[];
  /** A crowded view's clusters: they count free connectors, not those in use. */
  clusters: readonly StationCluster[];
  isLoading: boolean;
};

type MapHeaderProps = LiveLineProps & { networkCounts: NetworkCounts | null };

function LiveLine({ stations, clusters, isLoading }: LiveLineProps) {
  const t = useTranslations("Map");
  if (isLoading)
    return <p className="map-header__live">{t("loadingStations")}</p>;
  const free = (chunks: ReactNode) => (
    <strong className="map-header__free">{chunks}</strong>
  );
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
      {clusters.length > 0
        ? t.rich("liveLineClusters", {
            available: clusters.reduce((n, c) => n + c.available, 0),
            total: clusters.reduce((n, c) => n + c.connectors, 0),
            stations: clusters.reduce((n, c) => n + c.count, 0),
            free,
          })
        : t.rich("liveLine", { available, charging, total, free })}
    </p>
  );
}

export function MapHeader({ networkCounts, ...live }: MapHeaderProps) {
  return (
    <header className="map-header">
      <div className="map-header__top">
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
        <LanguageSwitch />
        <AccountLink />
      </div>
      <LiveLine {...live} />
      <NetworkLine counts={networkCounts} />
      <Legend />
    </header>
  );
}
