// The station details: name, address with directions, tariff, hours and access, every connector's live status.
// The server renders them with the station as the page was asked for (a shared link shows it without JavaScript);
// in the browser they stay live, bring the station into the map's view and take the keyboard focus.
"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { PublicStation } from "@/lib/domain/station";
import { formatTariff } from "@/lib/i18n/format";
import { useAlerts } from "../alerts/AlertsProvider";
import { findStationAlert } from "../alerts/alertsState";
import { StationAlertControl } from "../alerts/StationAlertControl";
import { useMapFocus } from "../map/MapFocus";
import { useNow } from "../useNow";
import { ConnectorDetail } from "./ConnectorDetail";
import { StationAccess } from "./StationAccess";
import { StartCharging } from "./StartCharging";
import { StationNotFound } from "./StationNotFound";
import { StationSheet } from "./StationSheet";
import { useStationDetails } from "./useStationDetails";

function directionsUrl(station: PublicStation): string {
  const url = new URL("https://www.google.com/maps/dir/");
  url.searchParams.set("api", "1");
  url.searchParams.set("destination", `${station.lat},${station.lng}`);
  return url.toString();
}

function StationBody({
  station,
  renderedAt,
}: {
  station: PublicStation;
  renderedAt: number;
}) {
  const t = useTranslations("Station");
  const words = useTranslations("Format");
  const format = useFormatter();
  const now = useNow(15_000, renderedAt);
  const held = findStationAlert(useAlerts().alerts, station.id)?.held;
  const tariff = formatTariff(station.tariff, words, format);
  const heading = useRef<HTMLHeadingElement>(null);
  const { setFocus } = useMapFocus();
  const { id, lat, lng } = station;
  useEffect(() => {
    setFocus({ lat, lng });
    // Screen readers and keyboards start at the station, not at the map behind it.
    heading.current?.focus();
  }, [id, lat, lng, setFocus]);
  return (
    <>
      <h1 className="station-sheet__name" ref={heading} tabIndex={-1}>
        {station.name}
      </h1>
      {station.address ? (
        <p className="station-sheet__address">{station.address}</p>
      ) : null}
      <p>
        <a
          className="station-sheet__directions"
          href={directionsUrl(station)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t("directions")}
          <span className="visually-hidden"> {t("opensMaps")}</span>
        </a>
      </p>
      <p
        className="station-sheet__summary"
        aria-live="polite"
        data-testid="station-summary"
      >
        {t.rich("summary", {
          available: station.available,
          total: station.total,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <StartCharging station={station} held={held} />
      <StationAlertControl station={station} />
      <p className="station-sheet__tariff">
        {tariff ? t("price", { tariff }) : t("noPrice")}
      </p>
      <StationAccess station={station} now={now} />
      <h2 className="station-sheet__subtitle">{t("connectors")}</h2>
      <ul className="station-sheet__connectors" aria-live="polite">
        {station.connectors.map((c) => (
          <ConnectorDetail
            key={`${c.chargePointId}/${c.evseId ?? 0}/${c.connectorId}`}
            connector={c}
            now={now}
            timeZone={station.timeZone}
            isHeldForMe={
              held?.chargePointId === c.chargePointId &&
              held.connectorId === c.connectorId
            }
          />
        ))}
      </ul>
    </>
  );
}

type StationDetailsProps = {
  /** The station as the server read it for this page. */
  station: PublicStation;
  /** When the server read it (ms): the browser's first render tells times from the same moment. */
  renderedAt: number;
};

export function StationDetails({ station, renderedAt }: StationDetailsProps) {
  const state = useStationDetails(station);
  return (
    <StationSheet>
      {state.phase === "ready" ? (
        <StationBody station={state.station} renderedAt={renderedAt} />
      ) : (
        <StationNotFound />
      )}
    </StationSheet>
  );
}
