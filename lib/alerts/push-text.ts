// The words of an alert's Web Push notification, in the language the driver asked in.
import type { AlertPushPayload } from "./contract";
import { formatClock, formatPower } from "../i18n/format";
import { isLocale, defaultLocale } from "../i18n/locales";
import { wordsIn } from "../i18n/words";
import type { FreedConnectorInfo } from "../store/alert-freeings";

export type AlertNews =
  { kind: "free" } | { kind: "held"; until: Date } | { kind: "refused" };

export function alertPushPayload(
  alertId: string,
  connector: FreedConnectorInfo,
  news: AlertNews,
  locale: string,
): AlertPushPayload {
  const { t, words, format } = wordsIn(
    isLocale(locale) ? locale : defaultLocale,
  );
  const values = {
    station: connector.stationName,
    standard: t(`Standard.${connector.standard as "IEC_62196_T2"}`),
    power: formatPower(connector.maxPowerKw, words),
  };
  const [title, body] =
    news.kind === "free"
      ? [t("AlertPush.freeTitle", values), t("AlertPush.freeBody", values)]
      : news.kind === "held"
        ? [
            t("AlertPush.heldTitle", values),
            t("AlertPush.heldBody", {
              ...values,
              time: formatClock(news.until, format),
            }),
          ]
        : [
            t("AlertPush.refusedTitle", values),
            t("AlertPush.refusedBody", values),
          ];
  return {
    type: "alert",
    alertId,
    stationId: connector.stationId,
    title,
    body,
    url: `/stations/${encodeURIComponent(connector.stationId)}`,
  };
}
