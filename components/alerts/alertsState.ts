// The page's alerts, as the server last told them: a snapshot from GET /api/alerts, then socket.io events applied.
import type {
  AlertEndedMessage,
  AlertFiredMessage,
  AlertQueueMessage,
  AlertView,
} from "@/lib/alerts/contract";

/** One fired alert shown as a toast; `key` tells apart two freeings of the same alert. */
export type FiredToast = {
  key: string;
  fired: AlertFiredMessage;
  /** The alert's station name when the page knew it as it fired. */
  stationName?: string;
};

export type AlertsState = {
  phase: "loading" | "ready" | "failed";
  alerts: AlertView[];
  toasts: FiredToast[];
};

export type AlertsAction =
  | { type: "loaded"; alerts: AlertView[] }
  | { type: "loadFailed" }
  | { type: "saved"; alert: AlertView }
  | { type: "queue"; message: AlertQueueMessage }
  | { type: "fired"; message: AlertFiredMessage; key: string }
  | { type: "ended"; message: Pick<AlertEndedMessage, "alertId"> }
  | { type: "dismissed"; key: string };

export const initialAlerts: AlertsState = {
  phase: "loading",
  alerts: [],
  toasts: [],
};

/** At most this many toasts at once: a flapping area must not bury the page. */
export const MAX_TOASTS = 3;

function update(
  alerts: AlertView[],
  id: string,
  patch: (alert: AlertView) => AlertView,
): AlertView[] {
  return alerts.map((alert) => (alert.id === id ? patch(alert) : alert));
}

/** A hold the charger accepted becomes the alert's `held` at once, before the list is read again. */
function applyHold(alert: AlertView, message: AlertFiredMessage): AlertView {
  if (!message.hold || !("expiresAt" in message.hold)) return alert;
  return {
    ...alert,
    held: {
      chargePointId: message.chargePointId,
      connectorId: message.connectorId,
      evseId: alert.held?.evseId ?? null,
      expiresAt: message.hold.expiresAt,
    },
  };
}

export function alertsReducer(
  state: AlertsState,
  action: AlertsAction,
): AlertsState {
  switch (action.type) {
    case "loaded":
      return { ...state, phase: "ready", alerts: action.alerts };
    case "loadFailed":
      return { ...state, phase: "failed" };
    case "saved": {
      const known = state.alerts.some((a) => a.id === action.alert.id);
      return {
        ...state,
        alerts: known
          ? update(state.alerts, action.alert.id, () => action.alert)
          : [...state.alerts, action.alert],
      };
    }
    case "queue":
      return {
        ...state,
        alerts: update(state.alerts, action.message.alertId, (alert) => ({
          ...alert,
          queuePosition: action.message.queuePosition,
          skipNext: action.message.skipNext,
        })),
      };
    case "fired": {
      const alert = state.alerts.find((a) => a.id === action.message.alertId);
      const toast: FiredToast = {
        key: action.key,
        fired: action.message,
        stationName: alert?.stationName,
      };
      return {
        ...state,
        alerts: update(state.alerts, action.message.alertId, (a) =>
          applyHold(a, action.message),
        ),
        // The newest first; an older toast of the same alert is replaced, as its notification is (same tag).
        toasts: [
          toast,
          ...state.toasts.filter(
            (t) => t.fired.alertId !== action.message.alertId,
          ),
        ].slice(0, MAX_TOASTS),
      };
    }
    case "ended":
      return {
        ...state,
        alerts: state.alerts.filter((a) => a.id !== action.message.alertId),
      };
    case "dismissed":
      return {
        ...state,
        toasts: state.toasts.filter((t) => t.key !== action.key),
      };
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

/** The active alert this device has on a station, if any (a device keeps one per station). */
export function findStationAlert(
  alerts: readonly AlertView[],
  stationId: string,
): AlertView | undefined {
  return alerts.find((a) => a.stationId === stationId);
}
