// The overlay card: brand and language, a live count of the connectors in view and across the network, the legend.
import { useTranslations } from "next-intl";
import { countAvailability } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import type { NetworkCounts } from "@/lib/store/network";
import { AccountLink } from "../account/AccountLink";
import { LanguageSwitch } from "../language/LanguageSwitch";
import { Legend } from "./Legend";
import { NetworkLine } from "./NetworkLine";

type LiveLineProps = {
  stations: readonly PublicStation[];
  isLoading: boolean;
};

type MapHeaderProps = LiveLineProps & { networkCounts: NetworkCounts | null };

function LiveLine({ stations, isLoading }: LiveLineProps) {
  const t = useTranslations("Map");
  if (isLoading)
    return <p className="map-header__live">{t("loadingStations")}</p>;
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
      {t.rich("liveLine", {
        available,
        charging,
        total,
        free: (chunks) => (
          <strong className="map-header__free">{chunks}</strong>
        ),
      })}
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
