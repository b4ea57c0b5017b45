// Keeps one socket.io connection subscribed to the visible area and reports connector status changes, the network's
// counts and reconnects.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { Bbox } from "@/lib/domain/geo";
import type {
  ConnectorExpectedFreeMessage,
  ConnectorStatusMessage,
} from "@/lib/domain/station";
import type { NetworkCounts } from "@/lib/store/network";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
} from "@/lib/realtime/protocol";

type StationSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** "connecting" until the first attempt settles; "offline" whenever the server cannot be reached. */
export type Connection = "connecting" | "online" | "offline";

export type StationSocketHandlers = {
  onStatus(message: ConnectorStatusMessage): void;
  /** An occupied connector's "frees around" time changed. */
  onExpectedFree(message: ConnectorExpectedFreeMessage): void;
  /** The whole network's counts, pushed on connecting and as they change. */
  onNetworkCounts(counts: NetworkCounts): void;
  /** The connection came back: updates were missed while it was down, so the view needs a fresh snapshot. */
  onResync(): void;
};

function reportRefusal(action: string, bbox: Bbox) {
  return (reply: SubscribeAck) => {
    if (!reply.ok)
      console.warn(
        `socket ${action} refused for bbox ${bbox.join(",")}: ${reply.error}`,
      );
  };
}

export function useStationSocket(
  bbox: Bbox | null,
  handlers: StationSocketHandlers,
): Connection {
  const [connection, setConnection] = useState<Connection>("connecting");
  const socketRef = useRef<StationSocket | null>(null);
  const handlersRef = useRef(handlers);
  const bboxRef = useRef(bbox);
  /** The area this connection is subscribed to; the server forgets it when the connection drops. */
  const subscribedRef = useRef<Bbox | null>(null);

  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const socket: StationSocket = io({ transports: ["websocket"] });
    socketRef.current = socket;
    let hasConnected = false;
    socket.on("connect", () => {
      setConnection("online");
      subscribedRef.current = null;
      if (bboxRef.current) subscribe(socket, bboxRef.current, subscribedRef);
      if (hasConnected) handlersRef.current.onResync();
      hasConnected = true;
    });
    socket.on("disconnect", (reason) => {
      subscribedRef.current = null;
      setConnection("offline");
      // socket.io retries on its own except when the server closed the connection (e.g. a restart).
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("connector:status", (message) =>
      handlersRef.current.onStatus(message),
    );
    socket.on("connector:expected-free", (message) =>
      handlersRef.current.onExpectedFree(message),
    );
    socket.on("network:counts", (counts) =>
      handlersRef.current.onNetworkCounts(counts),
    );
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  useEffect(() => {
    bboxRef.current = bbox;
    const socket = socketRef.current;
    if (!bbox || !socket?.connected) return; // the connect handler subscribes the latest area
    const previous = subscribedRef.current;
    if (previous)
      socket.emit(
        "unsubscribe",
        { bbox: previous },
        reportRefusal("unsubscribe", previous),
      );
    subscribe(socket, bbox, subscribedRef);
  }, [bbox]);

  return connection;
}

function subscribe(
  socket: StationSocket,
  bbox: Bbox,
  subscribedRef: { current: Bbox | null },
) {
  socket.emit("subscribe", { bbox }, reportRefusal("subscribe", bbox));
  subscribedRef.current = bbox;
}
