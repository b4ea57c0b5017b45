// One station, live: as the server rendered it, then kept current over socket.io by its station room (contract 4).
import { useEffect, useReducer } from "react";
import { io, type Socket } from "socket.io-client";
import type { PublicStation } from "@/lib/domain/station";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import {
  applyConnectorStatus,
  applyExpectedFree,
  keepFresherConnectors,
} from "../map/liveStationsState";

/** "notFound": the station was removed while its page was open. */
export type StationDetailsState =
  { phase: "notFound" } | { phase: "ready"; station: PublicStation };

type Action =
  | { type: "loaded"; station: PublicStation | null }
  | { type: "status"; update: Parameters<typeof applyConnectorStatus>[1] }
  | { type: "expectedFree"; update: Parameters<typeof applyExpectedFree>[1] };

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
    case "status": {
      if (state.phase !== "ready") return state;
      const [station] = applyConnectorStatus([state.station], action.update);
      return station === state.station ? state : { phase: "ready", station };
    }
    case "expectedFree": {
      if (state.phase !== "ready") return state;
      const [station] = applyExpectedFree([state.station], action.update);
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

/** `rendered`: the station as the server read it; the page keys this by station id. */
export function useStationDetails(
  rendered: PublicStation,
): StationDetailsState {
  const [state, dispatch] = useReducer(reduce, {
    phase: "ready",
    station: rendered,
  });
  const stationId = rendered.id;
  useEffect(() => {
    const controller = new AbortController();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ["websocket"],
    });
    // Subscribed first, then fetched again: a change between the server's read and the subscription is not lost,
    // and every (re)connect catches up on what was missed while the socket was down.
    socket.on("connect", () =>
      socket.emit("subscribe", { stationIds: [stationId] }, () =>
        fetchStation(stationId, controller.signal).then(
          (station) => dispatch({ type: "loaded", station }),
          // The details on screen stay as they are; the next reconnect fetches again.
          () => undefined,
        ),
      ),
    );
    socket.on("connector:status", (update) =>
      dispatch({ type: "status", update }),
    );
    socket.on("connector:expected-free", (update) =>
      dispatch({ type: "expectedFree", update }),
    );
    return () => {
      controller.abort();
      socket.disconnect();
    };
  }, [stationId]);
  return state;
}
