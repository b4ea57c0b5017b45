// Short notices over the map: the connection is down, the view has no stations, or stations could not load.
import { useTranslations } from "next-intl";
import type { Connection } from "./useStationSocket";

export function ConnectionBanner({ connection }: { connection: Connection }) {
  const t = useTranslations("Map");
  if (connection !== "offline") return null;
  return (
    <p className="map-notice map-notice--offline" role="status">
      {t("offline")}
    </p>
  );
}

export function AreaNotice({ kind }: { kind: "empty" | "failed" | null }) {
  const t = useTranslations("Map");
  if (!kind) return null;
  return (
    <div className="area-notice" role="status">
      <p className="area-notice__title">{t(`${kind}Title`)}</p>
      <p className="area-notice__hint">{t(`${kind}Hint`)}</p>
    </div>
  );
}
