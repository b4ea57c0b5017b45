// "Stop charging", asked twice: a tap in a pocket must not end a session; the second tap sends the remote stop.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { stopSession } from "./sessionApi";

type Phase = "idle" | "confirming" | "stopping" | "failed";

export function StopControl({ sessionId }: { sessionId: string }) {
  const t = useTranslations("Session");
  const [phase, setPhase] = useState<Phase>("idle");
  const stop = () => {
    setPhase("stopping");
    // The page learns the outcome from session:update (finishing, finished); here only a refusal to send shows.
    stopSession(sessionId).then(
      () => undefined,
      () => setPhase("failed"),
    );
  };
  if (phase === "idle" || phase === "failed")
    return (
      <div className="session-stop">
        <button
          type="button"
          className="session-button session-button--stop"
          onClick={() => setPhase("confirming")}
        >
          {t("stop")}
        </button>
        {phase === "failed" ? (
          <p className="session-stop__problem" role="alert">
            {t("stopFailed")}
          </p>
        ) : null}
      </div>
    );
  return (
    <div
      className="session-stop session-stop--confirm"
      role="group"
      aria-label={t("stopConfirm")}
    >
      <p className="session-stop__question">{t("stopConfirm")}</p>
      <button
        type="button"
        className="session-button session-button--stop"
        disabled={phase === "stopping"}
        onClick={stop}
      >
        {phase === "stopping" ? t("stopping") : t("stopYes")}
      </button>
      <button
        type="button"
        className="session-button"
        disabled={phase === "stopping"}
        onClick={() => setPhase("idle")}
      >
        {t("stopNo")}
      </button>
    </div>
  );
}
