// The stations in view, live: a snapshot per view change or reconnect, then connector updates applied in place.
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from "react";
import type { Bbox } from "@/lib/domain/geo";
import type {
  ConnectorExpectedFreeMessage,
  ConnectorStatusMessage,
} from "@/lib/domain/station";
import type { NetworkCounts } from "@/lib/store/network";
import { fetchStations } from "./fetchStations";
import {
  initialLiveStations,
  liveStationsReducer,
  type LiveStationsState,
} from "./liveStationsState";
import { useStationSocket, type Connection } from "./useStationSocket";

const RETRY_MS = 5_000;

/**
 * Clusters are refreshed this long after the first status change in view, rather than adjusted from the message:
 * it says a connector's new status, not its old one, so a cluster's free count cannot be patched from it alone.
 * One fetch per few seconds per driver, however busy the area, and counts come from the database's committed state.
 */
const CLUSTER_REFRESH_MS = 5_000;

export type LiveStations = LiveStationsState & {
  connection: Connection;
  /** null until the socket first delivers them. */
  networkCounts: NetworkCounts | null;
};

/**
 * `zoom`: the map's, so a crowded view comes back as clusters. `filterQuery`: the API's filter parameters
 * (standard, minPowerKw, available); a change fetches afresh.
 */
export function useLiveStations(
  bbox: Bbox | null,
  zoom: number,
  filterQuery: string,
): LiveStations {
  const [state, dispatch] = useReducer(
    liveStationsReducer,
    initialLiveStations,
  );
  /** Bumped to fetch the same view again: after a reconnect, or to retry a failed fetch. */
  const [resyncs, setResyncs] = useState(0);
  const resync = useCallback(() => setResyncs((n) => n + 1), []);
  const isClustered = useRef(false);
  const hasClusters = state.clusters.length > 0;
  useEffect(() => {
    isClustered.current = hasClusters;
  }, [hasClusters]);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(
    undefined,
  );
  const onStatus = useCallback(
    (message: ConnectorStatusMessage) => {
      dispatch({ type: "connectorStatus", message });
      if (isClustered.current && refreshTimer.current === undefined)
        refreshTimer.current = setTimeout(() => {
          refreshTimer.current = undefined;
          resync();
        }, CLUSTER_REFRESH_MS);
    },
    [resync],
  );
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  const onExpectedFree = useCallback(
    (message: ConnectorExpectedFreeMessage) =>
      dispatch({ type: "expectedFree", message }),
    [],
  );
  const [networkCounts, setNetworkCounts] = useState<NetworkCounts | null>(
    null,
  );
  const handlers = useMemo(
    () => ({
      onStatus,
      onExpectedFree,
      onResync: resync,
      onNetworkCounts: setNetworkCounts,
    }),
    [onStatus, onExpectedFree, resync],
  );
  const connection = useStationSocket(bbox, handlers);

  useEffect(() => {
    if (!bbox) return;
    const controller = new AbortController();
    fetchStations(bbox, zoom, filterQuery, controller.signal).then(
      (snapshot) => dispatch({ type: "snapshot", ...snapshot }),
      () => {
        if (!controller.signal.aborted) dispatch({ type: "snapshotFailed" });
      },
    );
    return () => controller.abort();
  }, [bbox, zoom, filterQuery, resyncs]);

  useEffect(() => {
    // Re-armed after each attempt, so retries continue while the API stays unreachable.
    if (state.phase !== "failed") return;
    const timer = setTimeout(resync, RETRY_MS);
    return () => clearTimeout(timer);
  }, [state.phase, resyncs, resync]);

  return { ...state, connection, networkCounts };
}
