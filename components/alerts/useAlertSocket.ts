// The page's socket.io connection to its device's room: alert events in, and a rejoin once the device cookie exists.
import { useCallback, useEffect, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import type {
  AlertEndedMessage,
  AlertFiredMessage,
  AlertQueueMessage,
} from "@/lib/alerts/contract";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";

type AlertSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type AlertSocketHandlers = {
  onFired(message: AlertFiredMessage): void;
  onQueue(message: AlertQueueMessage): void;
  onEnded(message: AlertEndedMessage): void;
  /** Joined (again): events may have been missed before, so the list needs a fresh read. */
  onJoined(): void;
  /** The connection dropped: nothing reaches this page until it joins again. */
  onLeft(): void;
};

/** Returns `ensureJoined`: call it after a request that may have set the device cookie. */
export function useAlertSocket(handlers: AlertSocketHandlers): () => void {
  const socketRef = useRef<AlertSocket | null>(null);
  const isJoinedRef = useRef(false);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const socket: AlertSocket = io({ transports: ["websocket"] });
    socketRef.current = socket;
    socket.on("device:joined", () => {
      isJoinedRef.current = true;
      handlersRef.current.onJoined();
    });
    socket.on("disconnect", (reason) => {
      isJoinedRef.current = false;
      handlersRef.current.onLeft();
      // socket.io retries on its own except when the server closed the connection (e.g. a restart).
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("alert:fired", (m) => handlersRef.current.onFired(m));
    socket.on("alert:queue", (m) => handlersRef.current.onQueue(m));
    socket.on("alert:ended", (m) => handlersRef.current.onEnded(m));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  return useCallback(() => {
    const socket = socketRef.current;
    // Cookies travel only with the handshake: a connection made before the device existed must be made again.
    if (socket && !isJoinedRef.current) socket.disconnect().connect();
  }, []);
}
