// One active alert: what it waits for, until when, its place in line or its kept hold, and its buttons.
"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import type { AlertView } from "@/lib/alerts/contract";
import { formatClock } from "@/lib/i18n/format";
import { useAlerts } from "./AlertsProvider";
import { AlertProblem } from "./AlertProblem";
import { HoldCountdown } from "./HoldCountdown";
import { useAlertAction } from "./useAlertAction";

function AlertTitle({ alert, id }: { alert: AlertView; id: string }) {
  const t = useTranslations();
  if (alert.stationId)
    return (
      <Link
        id={id}
        className="alert-item__title"
        href={`/stations/${encodeURIComponent(alert.stationId)}`}
      >
        {alert.stationName ?? t("Alerts.thisStation")}
      </Link>
    );
  const filters = [
    ...(alert.standard ?? []).map((s) => t(`Standard.${s}`)),
    ...(alert.minPowerKw
      ? [t("Filters.powerStep", { kw: alert.minPowerKw })]
      : []),
  ].join(" · ");
  return (
    <span id={id} className="alert-item__title">
      {t("Alerts.nearTitle", { km: alert.near?.radiusKm ?? 0 })}
      {filters ? <span className="alert-item__filters"> {filters}</span> : null}
    </span>
  );
}

/** Place in line, or the "not yet" the driver chose; nothing for an alert without a hold. */
function AlertPlace({ alert }: { alert: AlertView }) {
  const t = useTranslations("Alerts");
  if (!alert.hold || alert.held) return null;
  return (
    <span className="alert-item__place" data-testid="queue-position">
      {alert.queuePosition ? t("place", { place: alert.queuePosition }) : null}
      {alert.skipNext ? ` · ${t("skipping")}` : null}
    </span>
  );
}

export function AlertItem({
  alert,
  showStation = true,
}: {
  alert: AlertView;
  /** The list names the station; the station's own details do not need to. */
  showStation?: boolean;
}) {
  const t = useTranslations("Alerts");
  const format = useFormatter();
  const { cancel, letNextGo } = useAlerts();
  const { isBusy, problem, run } = useAlertAction();
  const titleId = useId();
  return (
    <li
      className="alert-item"
      data-testid="alert-item"
      aria-labelledby={showStation ? titleId : undefined}
    >
      {showStation ? <AlertTitle alert={alert} id={titleId} /> : null}
      <p className="alert-item__meta">
        <span>
          {t(alert.hold ? "untilWithHold" : "until", {
            time: formatClock(new Date(alert.expiresAt), format),
          })}
        </span>
        <AlertPlace alert={alert} />
      </p>
      {alert.held ? <HoldCountdown held={alert.held} /> : null}
      <div className="alert-item__actions">
        {alert.held ? (
          <>
            <button
              type="button"
              className="alert-button alert-button--primary"
              disabled={isBusy}
              onClick={() => run(() => cancel(alert.id))}
            >
              {t("release")}
            </button>
            <button
              type="button"
              className="alert-button"
              disabled={isBusy}
              onClick={() => run(() => letNextGo(alert.id))}
            >
              {t("notYet")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="alert-button"
            disabled={isBusy}
            onClick={() => run(() => cancel(alert.id))}
          >
            {t("cancel")}
          </button>
        )}
      </div>
      <AlertProblem problem={problem} />
    </li>
  );
}
