// The legend of the four marker states, drawn with the same glyphs and colours as the markers.
import { useTranslations } from "next-intl";
import { StateGlyph } from "./StateGlyph";
import { legendOrder } from "./stationPresentation";

export function Legend() {
  const t = useTranslations();
  return (
    <ul className="legend" aria-label={t("Map.legend")}>
      {legendOrder.map((state) => (
        <li key={state} className={`status-chip status-chip--${state}`}>
          <StateGlyph state={state} />
          {t(`State.${state}`)}
        </li>
      ))}
    </ul>
  );
}
