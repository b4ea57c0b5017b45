// The station details sheet: name, address with directions, tariff, hours and access, every connector's live status.
// It opens over the live map (a panel on a desktop, a full sheet on a phone), brings the station into the map's
// view, takes the keyboard focus, and closes with Escape or "Back to map".
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, type KeyboardEvent } from "react";
import type { PublicStation } from "@/lib/domain/station";
import { useMapFocus } from "../map/MapFocus";
import { formatTariff } from "../map/stationPresentation";
import { useNow } from "../useNow";
import { ConnectorDetail } from "./ConnectorDetail";
import { StationAccess } from "./StationAccess";
import { useStationDetails } from "./useStationDetails";

function directionsUrl(station: PublicStation): string {
  const url = new URL("https://www.google.com/maps/dir/");
  url.searchParams.set("api", "1");
  url.searchParams.set("destination", `${station.lat},${station.lng}`);
  return url.toString();
}

function StationBody({ station }: { station: PublicStation }) {
  const now = useNow(15_000);
  const tariff = formatTariff(station.tariff);
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
          Directions
          <span className="visually-hidden"> (opens Google Maps)</span>
        </a>
      </p>
      <p
        className="station-sheet__summary"
        aria-live="polite"
        data-testid="station-summary"
      >
        <strong>{station.available}</strong> of {station.total} connectors free
      </p>
      <p className="station-sheet__tariff">
        {tariff ? `Price: ${tariff}` : "Price not published"}
      </p>
      <StationAccess station={station} now={now} />
      <h2 className="station-sheet__subtitle">Connectors</h2>
      <ul className="station-sheet__connectors" aria-live="polite">
        {station.connectors.map((c) => (
          <ConnectorDetail
            key={`${c.chargePointId}/${c.evseId ?? 0}/${c.connectorId}`}
            connector={c}
            now={now}
          />
        ))}
      </ul>
    </>
  );
}

/**
 * Hands the keyboard to `target()` once it can take it. Focus refuses an element that is not there yet (after a deep
 * link the map's script can arrive after the details were closed), not focusable yet (Leaflet gives its container a
 * tabindex as it starts) or inert (under a phone's sheet the map stays inert until the navigation that closes the
 * sheet re-renders it, a commit or more after this component is gone). So it retries on each such DOM change, not on
 * a frame budget, which a loaded machine outran; it gives up once the keyboard is somewhere else or other details open.
 */
let cancelPendingHandBack: (() => void) | undefined;

function handFocusBack(target: () => HTMLElement | null) {
  cancelPendingHandBack?.();
  const tryFocus = () => {
    const element = target();
    if (!element || element.closest("[inert]")) return false;
    element.focus();
    return document.activeElement === element;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if ((active && active !== document.body) || tryFocus()) cancel();
  });
  const cancel = () => {
    observer.disconnect();
    cancelPendingHandBack = undefined;
  };
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["inert", "tabindex"],
  });
  cancelPendingHandBack = cancel;
}

export function StationDetails({ stationId }: { stationId: string }) {
  const state = useStationDetails(stationId);
  const router = useRouter();
  useEffect(() => {
    // Closing hands the keyboard back where it came from (the list row or popup link that opened the details),
    // or to the map after a deep link, never to the page's top.
    cancelPendingHandBack?.();
    const opener = document.activeElement;
    return () =>
      handFocusBack(() =>
        opener instanceof HTMLElement &&
        opener.isConnected &&
        opener !== document.body
          ? opener
          : document.querySelector<HTMLElement>(".station-map"),
      );
  }, []);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") router.push("/");
  };
  return (
    <section
      className="station-sheet"
      aria-label="Station details"
      onKeyDown={closeOnEscape}
    >
      <Link href="/" className="station-sheet__back">
        <span aria-hidden="true">←</span>Back to map
      </Link>
      {state.phase === "loading" ? <p role="status">Loading station…</p> : null}
      {state.phase === "notFound" ? (
        <div role="status">
          <h1 className="station-sheet__name">Station not found</h1>
          <p>
            This station may have been removed or the link is mistyped. Go back
            to the map to find another one nearby.
          </p>
        </div>
      ) : null}
      {state.phase === "failed" ? (
        <p role="status">
          Couldn’t load this station. Check your connection and reload.
        </p>
      ) : null}
      {state.phase === "ready" ? <StationBody station={state.station} /> : null}
    </section>
  );
}
