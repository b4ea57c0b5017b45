// The map's station state: a fetched snapshot of the view, kept current by connector status messages in place.
import { countAvailability } from "@/lib/domain/availability";
import type { StationCluster } from "@/lib/store/station-clusters";
import type {
  ConnectorExpectedFreeMessage,
  ConnectorStatusMessage,
  PublicConnector,
  PublicStation,
} from "@/lib/domain/station";

export type LiveStationsState = {
  stations: PublicStation[];
  /** Server-side clusters instead of stations, when the view holds too many (then `stations` is empty). */
  clusters: StationCluster[];
  /** "loading" until the first snapshot arrives; "failed" while the last fetch failed (a retry is pending). */
  phase: "loading" | "ready" | "failed";
};

export type LiveStationsAction =
  | { type: "snapshot"; stations: PublicStation[]; clusters: StationCluster[] }
  | { type: "snapshotFailed" }
  | { type: "connectorStatus"; message: ConnectorStatusMessage }
  | { type: "expectedFree"; message: ConnectorExpectedFreeMessage };

export const initialLiveStations: LiveStationsState = {
  stations: [],
  clusters: [],
  phase: "loading",
};

export function liveStationsReducer(
  state: LiveStationsState,
  action: LiveStationsAction,
): LiveStationsState {
  switch (action.type) {
    case "snapshot":
      return {
        stations: keepFresherConnectors(action.stations, state.stations),
        clusters: action.clusters,
        phase: "ready",
      };
    case "snapshotFailed":
      return { ...state, phase: "failed" };
    case "connectorStatus": {
      const stations = applyConnectorStatus(state.stations, action.message);
      return stations === state.stations ? state : { ...state, stations };
    }
    case "expectedFree": {
      const stations = applyExpectedFree(state.stations, action.message);
      return stations === state.stations ? state : { ...state, stations };
    }
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

function isNewer(candidate: string, current: string): boolean {
  return Date.parse(candidate) > Date.parse(current);
}

function isSameConnector(
  c: PublicConnector,
  m: Pick<ConnectorStatusMessage, "chargePointId" | "connectorId" | "evseId">,
) {
  // OCPP 1.6 connectors have no EVSE; 2.0.1 numbers connectors within their EVSE.
  return (
    c.chargePointId === m.chargePointId &&
    c.connectorId === m.connectorId &&
    (c.evseId ?? null) === (m.evseId ?? null)
  );
}

function withCounts(station: PublicStation): PublicStation {
  const { available, total } = countAvailability(station.connectors);
  return { ...station, available, total };
}

/** Updates one connector of a station in the list; returns the same list when nothing changes. */
export function applyConnectorStatus(
  stations: PublicStation[],
  message: ConnectorStatusMessage,
): PublicStation[] {
  const i = stations.findIndex((s) => s.id === message.stationId);
  if (i < 0) return stations; // a station outside the view: area rooms are coarser than the view
  const station = stations[i];
  const j = station.connectors.findIndex((c) => isSameConnector(c, message));
  if (j < 0) return stations;
  const connector = station.connectors[j];
  // A message that arrives late must not undo a newer status already shown.
  if (
    isNewer(connector.statusSince, message.statusSince) ||
    connector.status === message.status
  )
    return stations;
  const connectors = station.connectors.with(j, {
    ...connector,
    status: message.status,
    statusSince: message.statusSince,
  });
  return stations.with(i, withCounts({ ...station, connectors }));
}

/** Sets when one occupied connector will likely free ("frees around"); the same list when nothing changes. */
export function applyExpectedFree(
  stations: PublicStation[],
  message: ConnectorExpectedFreeMessage,
): PublicStation[] {
  const i = stations.findIndex((s) => s.id === message.stationId);
  if (i < 0) return stations;
  const station = stations[i];
  const j = station.connectors.findIndex((c) => isSameConnector(c, message));
  if (j < 0 || station.connectors[j].expectedFreeAt === message.expectedFreeAt)
    return stations;
  const connectors = station.connectors.with(j, {
    ...station.connectors[j],
    expectedFreeAt: message.expectedFreeAt,
  });
  return stations.with(i, { ...station, connectors });
}

/**
 * A snapshot replaces the list, but live updates that arrived while it was in flight are newer than it: keep them.
 */
export function keepFresherConnectors(
  snapshot: PublicStation[],
  current: PublicStation[],
): PublicStation[] {
  if (current.length === 0) return snapshot;
  const byId = new Map(current.map((s) => [s.id, s]));
  return snapshot.map((station) => {
    const shown = byId.get(station.id);
    if (!shown) return station;
    let changed = false;
    const connectors = station.connectors.map((c) => {
      const live = shown.connectors.find((s) => isSameConnector(s, c));
      if (live && isNewer(live.statusSince, c.statusSince)) {
        changed = true;
        return { ...c, status: live.status, statusSince: live.statusSince };
      }
      return c;
    });
    return changed ? withCounts({ ...station, connectors }) : station;
  });
}
