// On a station's details: pick a connector (one held for this driver comes first), optionally a target, and
// "Start charging". Signed out, it is the way to sign in and come back; signed in, it asks the charger to start and
// opens the session's page, which says truthfully what the charger did.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { PublicConnector, PublicStation } from "@/lib/domain/station";
import {
  DEFAULT_TARGET_SOC_PCT,
  type SessionTarget,
} from "@/lib/sessions/contract";
import { formatPower, formatTariff } from "@/lib/i18n/format";
import { ApiRequestError } from "../apiCall";
import { startSession } from "../session/sessionApi";
import { formatTarget } from "../session/sessionFormat";
import { useSignedIn } from "../session/useSignedIn";
import "./startCharging.css";

const key = (c: PublicConnector) => `${c.chargePointId}/${c.connectorId}`;

/** SoC targets for any car; kWh targets for AC, where cars seldom report their SoC. */
function targetChoices(
  connector: PublicConnector | undefined,
): SessionTarget[] {
  const soc = [DEFAULT_TARGET_SOC_PCT, 90, 100].map((socPct) => ({ socPct }));
  if (connector?.powerType === "DC") return soc;
  return [...soc, ...[10, 20, 40].map((energyKwh) => ({ energyKwh }))];
}

export function StartCharging({
  station,
  held,
}: {
  station: PublicStation;
  /** The connector the alerts hold for this device, if any: it can start for this driver and no one else. */
  held: { chargePointId: string; connectorId: number } | undefined;
}) {
  const t = useTranslations("Session");
  const words = useTranslations();
  const formatWords = useTranslations("Format");
  const format = useFormatter();
  const router = useRouter();
  const isSignedIn = useSignedIn();
  const titleId = useId();
  const isHeld = (c: PublicConnector) =>
    held?.chargePointId === c.chargePointId &&
    held.connectorId === c.connectorId;
  const startable = station.connectors
    .filter((c) => c.status === "AVAILABLE" || isHeld(c))
    .sort((a, b) => Number(isHeld(b)) - Number(isHeld(a)));
  const [picked, setPicked] = useState<string | null>(null);
  const connector = startable.find((c) => key(c) === picked) ?? startable.at(0);
  const choices = targetChoices(connector);
  const [targetIndex, setTargetIndex] = useState(0);
  const target = choices[targetIndex] ?? choices[0];
  const [phase, setPhase] = useState<"idle" | "starting" | "failed">("idle");
  const tariff = formatTariff(station.tariff, formatWords, format);
  const signIn = `/account?next=${encodeURIComponent(`/stations/${station.id}`)}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!connector) return;
    setPhase("starting");
    try {
      const session = await startSession({
        chargePointId: connector.chargePointId,
        connectorId: connector.connectorId,
        ...(targetIndex === 0 ? {} : { target }),
      });
      router.push(`/sessions/${encodeURIComponent(session.id)}`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401)
        router.push(signIn);
      else setPhase("failed");
    }
  };

  if (startable.length === 0) return null;
  return (
    <section
      className="start-card"
      aria-labelledby={titleId}
      data-testid="start-charging"
    >
      <h2 id={titleId} className="start-card__title">
        {t("startTitle")}
      </h2>
      {isSignedIn === false ? (
        <>
          <p className="start-card__hint">{t("signInToStart")}</p>
          <Link href={signIn} className="start-card__button">
            {t("signInAndStart")}
          </Link>
        </>
      ) : (
        <form onSubmit={submit}>
          {startable.length === 1 && connector ? (
            <p className="start-card__hint">
              {words(`Standard.${connector.standard}`)} ·{" "}
              {formatPower(connector.maxPowerKw, formatWords)}
              {tariff ? ` · ${tariff}` : ""}
            </p>
          ) : null}
          {startable.length > 1 ? (
            <fieldset className="start-card__connectors">
              <legend>{t("pickConnector")}</legend>
              {startable.map((c) => (
                <label key={key(c)} className="start-card__connector">
                  <input
                    type="radio"
                    name={`start-${station.id}`}
                    checked={connector === c}
                    onChange={() => setPicked(key(c))}
                  />
                  <span>
                    {words(`Standard.${c.standard}`)} ·{" "}
                    {formatPower(c.maxPowerKw, formatWords)}
                    {isHeld(c) ? ` · ${words("Station.heldForYou")}` : ""}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <label className="start-card__target">
            <span>{t("chargeTo")}</span>
            <select
              value={targetIndex}
              onChange={(e) => setTargetIndex(Number(e.target.value))}
            >
              {choices.map((choice, i) => (
                <option key={i} value={i}>
                  {formatTarget(choice, format, t)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="start-card__button"
            // Enabled once the page is live and knows the driver: a tap before that would do nothing.
            disabled={phase === "starting" || isSignedIn === "checking"}
          >
            {phase === "starting" ? t("state.starting") : t("start")}
          </button>
          {phase === "failed" ? (
            <p className="start-card__problem" role="alert">
              {t("startFailed")}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
