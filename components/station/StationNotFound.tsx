// What a link to a station that is not (or no longer) there says: the way back to the map is the sheet's own link.
import { useTranslations } from "next-intl";

export function StationNotFound() {
  const t = useTranslations("Station");
  return (
    <div role="status">
      <h1 className="station-sheet__name">{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
    </div>
  );
}
