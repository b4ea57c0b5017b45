// When and by whom a station can be used: operator, open now or not, the week's hours, and where to park.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { describeOpeningHours, isOpenAt } from "@/lib/domain/access";
import type { PublicStation } from "@/lib/domain/station";
import { openingHoursWords } from "@/lib/i18n/format";
import type { Translator } from "@/lib/i18n/types";

/** "Car park · customers only"; null when the operator said nothing about parking. */
function describeParking(
  station: PublicStation,
  t: Translator<"Access">,
  locale: string,
): string | null {
  const parts = [
    ...(station.parkingType ? [t(`parkingType.${station.parkingType}`)] : []),
    ...station.parkingRestrictions.map((r) => t(`parkingRestriction.${r}`)),
  ];
  if (!parts.length) return null;
  const text = parts.join(" · ");
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export function StationAccess({
  station,
  now,
}: {
  station: PublicStation;
  now: number;
}) {
  const t = useTranslations("Access");
  const format = useFormatter();
  const locale = useLocale();
  const hours = station.openingHours;
  const isOpen = isOpenAt(hours, station.timeZone, new Date(now));
  const parking = describeParking(station, t, locale);
  return (
    <dl className="station-facts">
      {station.operator ? (
        <>
          <dt>{t("operator")}</dt>
          <dd>{station.operator}</dd>
        </>
      ) : null}
      <dt>{t("openingHours")}</dt>
      <dd data-testid="opening-hours">
        {hours ? (
          <>
            {isOpen !== null && !hours.twentyfourseven ? (
              <strong
                className={`open-chip open-chip--${isOpen ? "open" : "closed"}`}
              >
                {isOpen ? t("openNow") : t("closedNow")}
              </strong>
            ) : null}
            {describeOpeningHours(hours, openingHoursWords(t, format)).map(
              (line) => (
                <span key={line} className="station-facts__line">
                  {line}
                </span>
              ),
            )}
          </>
        ) : (
          t("notPublished")
        )}
      </dd>
      {parking ? (
        <>
          <dt>{t("access")}</dt>
          <dd data-testid="access">{parking}</dd>
        </>
      ) : null}
    </dl>
  );
}
