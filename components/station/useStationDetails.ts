// One station, live: fetched from the read API, then kept current over socket.io by its station room (contract 4).
import { useEffect, useReducer } from "react";
import { io, type Socket } from "socket.io-client";
import type { PublicStation } from "@/lib/domain/station";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import {
  applyConnectorStatus,
  keepFresherConnectors,
} from "../map/liveStationsState";

export type StationDetailsState =
  | { phase: "loading" }
  | { phase: "notFound" }
  | { phase: "failed" }
  | { phase: "ready"; station: PublicStation };

type Action =
  | { type: "loaded"; station: PublicStation | null }
  | { type: "failed" }
  | { type: "status"; update: Parameters<typeof applyConnectorStatus>[1] };

function reduce(
  state: StationDetailsState,
  action: Action,
): StationDetailsState {
  switch (action.type) {
    case "loaded": {
      if (!action.station) return { phase: "notFound" };
      // A fetch that was already under way when a live update arrived must not put the older status back.
      const [station] =
        state.phase === "ready"
          ? keepFresherConnectors([action.station], [state.station])
          : [action.station];
      return { phase: "ready", station };
    }
    case "failed":
      return state.phase === "ready" ? state : { phase: "failed" };
    case "status": {
      if (state.phase !== "ready") return state;
      const [station] = applyConnectorStatus([state.station], action.update);
      return station === state.station ? state : { phase: "ready", station };
    }
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

async function fetchStation(
  stationId: string,
  signal: AbortSignal,
): Promise<PublicStation | null> {
  const response = await fetch(
    `/api/stations/${encodeURIComponent(stationId)}`,
    { signal, cache: "no-store" },
  );
  if (response.status === 404) return null;
  if (!response.ok)
    throw new Error(`GET /api/stations/{id} answered ${response.status}`);
  return (await response.json()) as PublicStation;
}

export function useStationDetails(stationId: string): StationDetailsState {
  const [state, dispatch] = useReducer(reduce, { phase: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetchStation(stationId, controller.signal).then(
        (station) => dispatch({ type: "loaded", station }),
        () => {
          if (!controller.signal.aborted) dispatch({ type: "failed" });
        },
      );
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ["websocket"],
    });
    // Subscribe first, then fetch: an update racing the fetch is then never lost (the newer status wins).
    socket.on("connect", () =>
      socket.emit("subscribe", { stationIds: [stationId] }, () => load()),
    );
    socket.on("connector:status", (update) =>
      dispatch({ type: "status", update }),
    );
    load();
    return () => {
      controller.abort();
      socket.disconnect();
    };
  }, [stationId]);
  return state;
}
