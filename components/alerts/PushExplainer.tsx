// The plain explanation before the browser's notification prompt: what we will send and when, "Allow" or "Not now".
"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import type { AlertView } from "@/lib/alerts/contract";

type PushExplainerProps = {
  open: boolean;
  /** The alert just created, so the words can name its station; null when asked for again. */
  alert: AlertView | null;
  onAllow: () => void;
  onNotNow: () => void;
};

export function PushExplainer({
  open,
  alert,
  onAllow,
  onNotNow,
}: PushExplainerProps) {
  const t = useTranslations("Alerts");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal dialog: the page behind is inert and the keyboard stays in it until the driver answers.
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const what = alert?.stationName
    ? t("explainStation", { station: alert.stationName })
    : alert?.near
      ? t("explainNear", { km: alert.near.radiusKm })
      : t("explainAny");
  return (
    <dialog
      ref={dialog}
      className="push-explainer"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape answers "Not now" (the browser closes the dialog itself).
      onCancel={onNotNow}
    >
      <h2 id={titleId} className="push-explainer__title">
        {t("explainTitle")}
      </h2>
      <p id={bodyId} className="push-explainer__body">
        {t("explainBody", { what })}
      </p>
      <p className="push-explainer__hint">{t("explainHint")}</p>
      <div className="push-explainer__actions">
        <button
          type="button"
          className="alert-button alert-button--primary"
          onClick={onAllow}
        >
          {t("allow")}
        </button>
        <button type="button" className="alert-button" onClick={onNotNow}>
          {t("notNow")}
        </button>
      </div>
    </dialog>
  );
}
