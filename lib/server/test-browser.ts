// A test's browser side of contract 4: a real socket.io client, the next message of one kind, and round trips.
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from "../realtime/protocol";

export type TestBrowser = Socket<ServerToClientEvents, ClientToServerEvents>;

type Payload<E extends keyof ServerToClientEvents> = Parameters<
  ServerToClientEvents[E]
>[0];

/** Never reconnects: a test that failed before closing it must not keep node (and CI) waiting once the server stops. */
export function connectTestBrowser(
  url: string,
  options: { cookie?: string } = {},
): TestBrowser {
  return io(url, {
    transports: ["websocket"],
    reconnection: false,
    // A browser sends its cookies with the handshake; node's client sends what it is given.
    extraHeaders: options.cookie ? { cookie: options.cookie } : undefined,
  });
}

/** The next message of one kind; fails, naming it, when none comes within `timeoutMs`. */
export function nextMessage<E extends keyof ServerToClientEvents>(
  socket: TestBrowser,
  event: E,
  timeoutMs = 5_000,
): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    // socket.io's typed `once`/`off` cannot follow a generic event name; the payload type is the event's, as declared.
    const untyped = socket as unknown as Socket;
    const heard = (message: Payload<E>) => {
      clearTimeout(timer);
      resolve(message);
    };
    const timer = setTimeout(() => {
      untyped.off(event as string, heard);
      reject(new Error(`no "${event}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    untyped.once(event as string, heard);
  });
}

/** Every message of one kind from now on, in order: what a test reads once a later signal has come. */
export function recordMessages<E extends keyof ServerToClientEvents>(
  socket: TestBrowser,
  event: E,
): Payload<E>[] {
  const heard: Payload<E>[] = [];
  (socket as unknown as Socket).on(event as string, (message: Payload<E>) =>
    heard.push(message),
  );
  return heard;
}

/**
 * An acknowledged round trip (unsubscribing from nothing): one socket's packets arrive in order, so once it resolves
 * every message the server sent this socket before answering has arrived. The marker after a negative assertion.
 */
export async function roundTrip(socket: TestBrowser): Promise<void> {
  const ack = await socket
    .timeout(5_000)
    .emitWithAck("unsubscribe", { stationIds: ["round-trip-marker"] });
  if (!ack.ok) throw new Error(`round trip refused: ${ack.error}`);
}
