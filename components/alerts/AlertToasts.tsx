// The toasts for fired alerts: "CCS at Oriente is free — held for you until 14:35", with "Open station".
"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatClock } from "@/lib/i18n/format";
import { Toast, ToastRegion } from "../Toast";
import { BoltGlyph } from "./AlertGlyphs";
import type { FiredToast } from "./alertsState";
import { useAlerts } from "./AlertsProvider";
import { useFiredConnector } from "./useFiredConnector";

function AlertToast({ toast }: { toast: FiredToast }) {
  const t = useTranslations();
  const format = useFormatter();
  const { dismiss } = useAlerts();
  const { fired } = toast;
  const { stationName, standard } = useFiredConnector(fired, toast.stationName);
  const station = stationName ?? t("Alerts.thisStation");
  const subject = standard
    ? t("Alerts.toastSubject", {
        connector: t(`Standard.${standard}`),
        station,
      })
    : t("Alerts.toastSomeConnector", { station });
  const hold = fired.hold;
  const text = !hold
    ? t("Alerts.toastFree", { subject })
    : "refused" in hold
      ? t("Alerts.toastRefused", { subject })
      : t("Alerts.toastHeld", {
          subject,
          time: formatClock(new Date(hold.expiresAt), format),
        });
  return (
    <Toast
      testId="alert-toast"
      text={
        <>
          <BoltGlyph />
          {text}
        </>
      }
    >
      <Link
        href={`/stations/${encodeURIComponent(fired.stationId)}`}
        className="alert-button alert-button--primary"
        onClick={() => dismiss(toast.key)}
      >
        {t("Alerts.openStation")}
      </Link>
      <button
        type="button"
        className="alert-button"
        onClick={() => dismiss(toast.key)}
      >
        {t("Alerts.dismiss")}
      </button>
    </Toast>
  );
}

/**
 * `isJoined`: whether alert events reach this page, on the region for tests and tools to read. `children`: other
 * toasts of these screens (the driver's session notices), in the same region so they stack instead of overlapping.
 */
export function AlertToasts({
  isJoined,
  children,
}: {
  isJoined: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations("Alerts");
  const { toasts } = useAlerts();
  return (
    <ToastRegion label={t("toastsRegion")} data={{ "device-joined": isJoined }}>
      {toasts.map((toast) => (
        <AlertToast key={toast.key} toast={toast} />
      ))}
      {children}
    </ToastRegion>
  );
}
