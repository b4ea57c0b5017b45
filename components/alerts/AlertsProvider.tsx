// The device's alerts for every screen of the map: the list, live socket.io events, the toasts, and push permission.
"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { AlertRequest, AlertView } from "@/lib/alerts/contract";
import * as api from "./alertsApi";
import {
  alertsReducer,
  initialAlerts,
  type AlertsAction,
  type AlertsState,
} from "./alertsState";
import { AlertToasts } from "./AlertToasts";
import { PushExplainer } from "./PushExplainer";
import { useAlertSocket } from "./useAlertSocket";
import {
  readPushPermission,
  rememberDeclined,
  subscribeDevice,
  type PushPermission,
} from "./webPush";

/** The browser's permission, or "failed": granted, but this browser could not subscribe (no push service). */
export type PushStatus = PushPermission | "failed";

type Alerts = AlertsState & {
  push: PushStatus;
  /** Creates the alert; the first one also explains and asks for notifications. Throws AlertRequestError. */
  create(request: AlertRequest): Promise<AlertView>;
  cancel(id: string): Promise<void>;
  letNextGo(id: string): Promise<void>;
  dismiss(toastKey: string): void;
  /** Shows the explanation again, for a driver who said "Not now" and changed their mind. */
  askForPush(): void;
};

const AlertsContext = createContext<Alerts | null>(null);

export function useAlerts(): Alerts {
  const alerts = useContext(AlertsContext);
  if (!alerts) throw new Error("useAlerts needs an AlertsProvider above it");
  return alerts;
}

let toastCount = 0;

/** The permission is read when rendering; the page's own answers come through state, so no change needs watching. */
const noChanges = () => () => undefined;
/** The server render has no navigator: nothing is offered until the browser says what it can. */
const onServer = (): PushPermission => "unsupported";

export function AlertsProvider({
  children,
  otherToasts,
}: {
  children: ReactNode;
  /** The screens' other toasts (session notices), shown with the alerts' toasts. */
  otherToasts?: ReactNode;
}) {
  const [state, dispatch] = useReducer(alertsReducer, initialAlerts);
  // What this page learnt since it loaded (an answer, a failed subscription) over what the browser said at load.
  const [pushNow, setPush] = useState<PushStatus | null>(null);
  const push = useSyncExternalStore(noChanges, readPushPermission, onServer);
  const pushStatus = pushNow ?? push;
  /** The explanation is open: for the alert just made (its words name the station), or asked for again (true). */
  /** The socket is in the device's room: alert events reach this page. */
  const [isJoined, setIsJoined] = useState(false);
  const [explaining, setExplaining] = useState<AlertView | boolean>(false);

  /** Changes applied to the list since the page loaded: a snapshot asked for before one of them may lack it. */
  const changes = useRef(0);
  const change = useCallback((action: AlertsAction) => {
    changes.current += 1;
    dispatch(action);
  }, []);
  const reload = useCallback(() => {
    const read = () => {
      const asked = changes.current;
      api.listAlerts().then(
        // Seen on a loaded machine: the read sent as the socket joined came back after a cancel, alert and all.
        (alerts) =>
          changes.current === asked
            ? dispatch({ type: "loaded", alerts })
            : read(),
        () => dispatch({ type: "loadFailed" }),
      );
    };
    read();
  }, []);

  const ensureJoined = useAlertSocket(
    useMemo(
      () => ({
        onJoined: () => {
          setIsJoined(true);
          reload();
        },
        onLeft: () => setIsJoined(false),
        onQueue: (message) => change({ type: "queue", message }),
        onEnded: (message) => change({ type: "ended", message }),
        onFired: (message) => {
          toastCount += 1;
          change({ type: "fired", message, key: `toast-${toastCount}` });
          // The list's hold and places changed with it; read them as the server has them.
          reload();
        },
      }),
      [reload, change],
    ),
  );

  /** Registers the worker and sends the subscription; the device's socket rejoins if that made the device. */
  const subscribe = useCallback(
    () =>
      subscribeDevice().then(ensureJoined, (error: unknown) => {
        console.warn("push subscription failed", error);
        setPush("failed");
      }),
    [ensureJoined],
  );

  useEffect(() => {
    reload();
    // The worker is registered on load only for a driver who already allowed notifications.
    if (readPushPermission() === "granted") void subscribe();
  }, [reload, subscribe]);

  const value = useMemo<Alerts>(
    () => ({
      ...state,
      push: pushStatus,
      create: async (request) => {
        const alert = await api.createAlert(request);
        change({ type: "saved", alert });
        ensureJoined();
        if (readPushPermission() === "default") setExplaining(alert);
        return alert;
      },
      cancel: async (id) => {
        await api.cancelAlert(id);
        change({ type: "ended", message: { alertId: id } });
      },
      letNextGo: async (id) => {
        change({ type: "saved", alert: await api.letNextGo(id) });
      },
      dismiss: (key) => dispatch({ type: "dismissed", key }),
      askForPush: () => {
        rememberDeclined(false);
        setPush(readPushPermission());
        setExplaining(true);
      },
    }),
    [state, pushStatus, ensureJoined, change],
  );

  const allow = async () => {
    setExplaining(false);
    rememberDeclined(false);
    // Asked inside the tap on "Allow notifications": browsers refuse a prompt without a gesture.
    const permission = await Notification.requestPermission();
    // A prompt closed without an answer reads "default": taken as "Not now", so the page says where alerts go.
    if (permission === "default") notNow();
    else setPush(permission);
    if (permission === "granted") await subscribe();
  };
  const notNow = () => {
    setExplaining(false);
    rememberDeclined(true);
    setPush("declined");
  };

  return (
    <AlertsContext.Provider value={value}>
      {children}
      <PushExplainer
        open={explaining !== false}
        alert={typeof explaining === "object" ? explaining : null}
        onAllow={allow}
        onNotNow={notNow}
      />
      <AlertToasts isJoined={isJoined}>{otherToasts}</AlertToasts>
    </AlertsContext.Provider>
  );
}
