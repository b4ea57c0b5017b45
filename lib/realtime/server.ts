// socket.io for browsers: subscriptions by area or station, and connector status changes pushed to their rooms.
import type { IncomingHttpHeaders, Server as HttpServer } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import type { PublicEvent } from "../domain/events";
import { roomsForBbox, roomsForPoint, stationRoom } from "../domain/geo";
import type {
  ConnectorExpectedFreeMessage,
  ConnectorStatusMessage,
} from "../domain/station";
import type { EventBus } from "../ingest/event-bus";
import type { Logger } from "../log";
import { accountRoom } from "../sessions/contract";
import {
  Subscription,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from "./protocol";

function roomsFor(subscription: Subscription): string[] {
  return "bbox" in subscription
    ? roomsForBbox(subscription.bbox)
    : subscription.stationIds.map(stationRoom);
}

/** A socket may hold several subscriptions sharing rooms; a room is left only when none still needs it. */
type SocketData = { subscriptions: Map<string, string[]> };

function roomsInUse(data: SocketData): Set<string> {
  return new Set([...data.subscriptions.values()].flat());
}

function onSubscriptionChange(
  socket: Socket<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >,
  log: Logger,
  subscribe: boolean,
) {
  return async (payload: unknown, ack?: (reply: SubscribeAck) => void) => {
    const parsed = Subscription.safeParse(payload);
    if (!parsed.success) {
      ack?.({
        ok: false,
        error: parsed.error.issues
          .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
          .join("; "),
      });
      return;
    }
    const key = JSON.stringify(parsed.data);
    const { subscriptions } = socket.data;
    if (subscribe) {
      // A socket subscribes as often as the driver pans; cap what one socket may hold.
      if (subscriptions.size >= 50 && !subscriptions.has(key)) {
        ack?.({
          ok: false,
          error: "Too many subscriptions: unsubscribe old areas first",
        });
        return;
      }
      const rooms = roomsFor(parsed.data);
      subscriptions.set(key, rooms);
      await socket.join(rooms);
    } else {
      const rooms = subscriptions.get(key) ?? [];
      subscriptions.delete(key);
      const kept = roomsInUse(socket.data);
      await Promise.all(
        rooms
          .filter((room) => !kept.has(room))
          .map((room) => socket.leave(room)),
      );
    }
    log.debug({ socket: socket.id, subscribe, key }, "subscription changed");
    ack?.({ ok: true });
  };
}

/** Who watches a connector on the map: the areas around its station and the station's own room. */
function publicRooms(at: { stationId: string; lat: number; lng: number }) {
  return [...roomsForPoint(at.lng, at.lat), stationRoom(at.stationId)];
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** A device's own room: its alerts, queue places and holds go there, to every tab it has open. */
export function deviceRoom(deviceId: string): string {
  return `device:${deviceId}`;
}

/**
 * The sockets of one Better Auth session (one browser's sign-in, all its tabs): named so that its end reaches them
 * on every instance, through whatever adapter socket.io uses.
 */
export function authSessionRoom(authSessionId: string): string {
  return `authSession:${authSessionId}`;
}

/** An auth session ended (signed out, revoked): its sockets stop hearing the account's sessions, notices and alerts. */
export function endAuthSession(
  io: RealtimeServer,
  authSessionId: string,
  userId: string,
): void {
  const room = authSessionRoom(authSessionId);
  io.in(room).socketsLeave([accountRoom(userId), room]);
}

/** Who a handshake is: the device its device cookie names, the account (and auth session) its session cookie is. */
export type HandshakeIdentity = {
  deviceId: string | null;
  userId: string | null;
  authSessionId: string | null;
};
export type IdentifyHandshake = (
  headers: IncomingHttpHeaders,
) => Promise<HandshakeIdentity>;

export function createRealtime(
  httpServer: HttpServer,
  bus: EventBus,
  log: Logger,
  identify: IdentifyHandshake,
  /**
   * With several instances, socket.io's Redis adapter (lib/cluster/socket-io.ts): every `io.to(room).emit` and
   * `socketsLeave` reaches the sockets of every instance. The bus subscriber below hears only this instance's
   * events, so what one instance committed reaches each browser once.
   */
  adapter?: ServerOptions["adapter"],
): RealtimeServer {
  // destroyUpgrade off: upgrades for /ocpp and Next's HMR share this server and are routed in server.ts.
  // WebSocket only, as every client of ours connects: a long-polling session is a series of requests that must all
  // reach the instance holding it, so behind a load balancer it would need sticky sessions; one WebSocket does not.
  const io = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(httpServer, {
    destroyUpgrade: false,
    serveClient: false,
    transports: ["websocket"],
    adapter,
  });
  io.on("connection", (socket) => {
    socket.data.subscriptions = new Map();
    // Cookies come with the handshake alone: a page that got its device or signed in later reconnects to join
    // (see device:joined and account:joined).
    identify(socket.handshake.headers)
      .then(async ({ deviceId, userId, authSessionId }) => {
        if (socket.disconnected) return;
        if (deviceId) {
          await socket.join(deviceRoom(deviceId));
          socket.emit("device:joined", {});
        }
        if (userId && authSessionId) {
          await socket.join([
            accountRoom(userId),
            authSessionRoom(authSessionId),
          ]);
          socket.emit("account:joined", {});
        }
      })
      .catch((error: unknown) =>
        log.error({ err: error }, "handshake lookup failed"),
      );
    socket.on("subscribe", onSubscriptionChange(socket, log, true));
    socket.on("unsubscribe", onSubscriptionChange(socket, log, false));
  });
  bus.subscribe((event: PublicEvent) => {
    // Holds and sessions reach their own device and account, through lib/alerts and lib/sessions.
    if (event.type === "ConnectorStatusChanged") {
      const message: ConnectorStatusMessage = {
        stationId: event.stationId,
        chargePointId: event.chargePointId,
        connectorId: event.connectorId,
        evseId: event.evseId,
        status: event.status,
        statusSince: event.statusSince.toISOString(),
      };
      io.to(publicRooms(event)).emit("connector:status", message);
    } else if (event.type === "ConnectorExpectedFreeChanged") {
      const message: ConnectorExpectedFreeMessage = {
        stationId: event.stationId,
        chargePointId: event.chargePointId,
        connectorId: event.connectorId,
        evseId: event.evseId,
        expectedFreeAt: event.expectedFreeAt?.toISOString() ?? null,
      };
      io.to(publicRooms(event)).emit("connector:expected-free", message);
    }
  });
  return io;
}
