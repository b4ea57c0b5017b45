// The page's socket.io connection to its signed-in account's room (the session cookie rides the handshake):
// session updates and notices in, and a "joined" that tells the page to read again what it may have missed.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type {
  SessionNoticeMessage,
  SessionView,
} from "@/lib/sessions/contract";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";

export type AccountSocketHandlers = {
  onUpdate?(view: SessionView): void;
  onNotice?(notice: SessionNoticeMessage): void;
  /** Joined (again): updates may have been missed while the socket was down. */
  onJoined?(): void;
};

/** Whether the socket is in the account's room now: session events reach this page. */
export function useAccountSocket(handlers: AccountSocketHandlers): boolean {
  const [isJoined, setIsJoined] = useState(false);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ["websocket"],
    });
    socket.on("account:joined", () => {
      setIsJoined(true);
      handlersRef.current.onJoined?.();
    });
    socket.on("disconnect", (reason) => {
      setIsJoined(false);
      // socket.io retries on its own except when the server closed the connection (e.g. a restart).
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("session:update", (view) => handlersRef.current.onUpdate?.(view));
    socket.on("session:notice", (n) => handlersRef.current.onNotice?.(n));
    return () => {
      socket.disconnect();
    };
  }, []);
  return isJoined;
}
