// A test's browser side of contract 4: a real socket.io client, and the next message of one kind or "none" in time.
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "../realtime/protocol";

export type TestBrowser = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectTestBrowser(url: string): TestBrowser {
  return io(url, { transports: ["websocket"] });
}

export function nextMessage<E extends keyof ServerToClientEvents>(
  socket: TestBrowser,
  event: E,
  timeoutMs: number,
): Promise<Parameters<ServerToClientEvents[E]>[0] | "none"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("none"), timeoutMs);
    // socket.io's typed `once` cannot follow a generic event name; the payload type is the event's, as declared.
    const untyped = socket as unknown as Socket;
    untyped.once(
      event as string,
      (message: Parameters<ServerToClientEvents[E]>[0]) => {
        clearTimeout(timer);
        resolve(message);
      },
    );
  });
}
