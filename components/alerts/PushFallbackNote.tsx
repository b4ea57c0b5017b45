// Says plainly where alerts will show when notifications are off: in this page, while it is open.
"use client";

import { useTranslations } from "next-intl";
import { useAlerts } from "./AlertsProvider";

export function PushFallbackNote() {
  const t = useTranslations("Alerts");
  const { push, alerts, askForPush } = useAlerts();
  if (alerts.length === 0) return null;
  if (push === "granted" || push === "default") return null;
  return (
    <p className="push-fallback" data-testid="push-fallback">
      {t(`fallback.${push}`)}
      {push === "declined" ? (
        <>
          {" "}
          <button
            type="button"
            className="push-fallback__again"
            onClick={askForPush}
          >
            {t("turnOn")}
          </button>
        </>
      ) : null}
    </p>
  );
}
