// The live session page's state: the session as the server last told it, and the chart's points, kept in time order.
import type { SessionSeriesPoint, SessionView } from "@/lib/sessions/contract";

export type LiveSessionState = {
  view: SessionView;
  series: SessionSeriesPoint[];
  /** How many updates have arrived: a read begun before the latest one is older than what is shown. */
  updates: number;
};

export type LiveSessionAction =
  /**
   * A fresh read of the session and its whole series (on every (re)join of the account's room), begun when
   * `updates` updates had arrived.
   */
  | {
      type: "loaded";
      view: SessionView;
      series: SessionSeriesPoint[];
      updates: number;
    }
  /** A `session:update`; `at` is when it arrived, the moment its figures describe (updates come as they commit). */
  | { type: "update"; view: SessionView; at: string };

function pointOf(view: SessionView, at: string): SessionSeriesPoint {
  return {
    at,
    energyKwh: view.energyKwh,
    powerKw: view.powerKw,
    socPct: view.socPct,
  };
}

function isSamePoint(a: SessionSeriesPoint, b: SessionSeriesPoint): boolean {
  return (
    a.energyKwh === b.energyKwh &&
    a.powerKw === b.powerKw &&
    a.socPct === b.socPct
  );
}

export function liveSessionReducer(
  state: LiveSessionState,
  action: LiveSessionAction,
): LiveSessionState {
  switch (action.type) {
    case "loaded":
      // An update that arrived while the read was under way is newer than the read: keep it.
      if (action.updates !== state.updates) return state;
      return { ...state, view: action.view, series: action.series };
    case "update": {
      if (action.view.id !== state.view.id) return state;
      const last = state.series.at(-1);
      const point = pointOf(action.view, action.at);
      // An update that only changed the state or the ETA adds no point; one older than the last point (a clock
      // that stepped back) adds none either, so the chart's time axis only moves forward.
      const isNewPoint =
        action.view.startedAt !== null &&
        (!last ||
          (!isSamePoint(last, point) &&
            Date.parse(point.at) > Date.parse(last.at)));
      return {
        view: action.view,
        series: isNewPoint ? [...state.series, point] : state.series,
        updates: state.updates + 1,
      };
    }
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}
