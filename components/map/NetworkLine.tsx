// The whole network at a glance ("412 of 1,203 connectors in use across Carrega"), as the server pushes it.
import { useTranslations } from "next-intl";
import type { NetworkCounts } from "@/lib/store/network";

export function NetworkLine({ counts }: { counts: NetworkCounts | null }) {
  const t = useTranslations("Map");
  if (!counts || counts.total === 0) return null;
  return (
    <p className="map-header__network" data-testid="network-line">
      {t("network", { inUse: counts.inUse, total: counts.total })}
    </p>
  );
}
