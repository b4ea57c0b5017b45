// One connector on the details page: standard, power, power type, and its live status with how long it has held.
import type { PublicConnector } from "@/lib/domain/station";
import { standardLabels } from "@/lib/domain/vocabulary";
import { StandardGlyph } from "../filters/StandardGlyph";
import { StateGlyph } from "../map/StateGlyph";
import {
  connectorState,
  connectorStatusWords,
} from "../map/stationPresentation";

const powerTypeWords = {
  AC_1_PHASE: "AC single-phase",
  AC_3_PHASE: "AC three-phase",
  DC: "DC",
} as const;

const clock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
});

function formatHeld(since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  const at = `since ${clock.format(new Date(since))}`;
  if (minutes < 1) return `${at} · just now`;
  if (minutes < 60) return `${at} · for ${minutes} min`;
  return `${at} · for ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function ConnectorDetail({
  connector,
  now,
}: {
  connector: PublicConnector;
  now: number;
}) {
  const state = connectorState(connector.status);
  return (
    <li className="connector-detail" data-testid="connector-detail">
      <span className="connector-detail__kind">
        <StandardGlyph standard={connector.standard} />
        <strong>{standardLabels[connector.standard]}</strong>
        <span>
          {connector.maxPowerKw} kW · {powerTypeWords[connector.powerType]}
        </span>
      </span>
      <span className="connector-detail__status">
        <span
          className={`status-chip status-chip--${state}`}
          data-testid="connector-status"
        >
          <StateGlyph state={state} />
          {connectorStatusWords[connector.status]}
        </span>
        <span className="connector-detail__since">
          {formatHeld(connector.statusSince, now)}
        </span>
      </span>
    </li>
  );
}
