// The socket.io contract shared by server and browser: event names and the subscribe/unsubscribe payloads.
import { z } from "zod";
import { Bbox } from "../domain/geo";
import {
  StationId,
  type ConnectorExpectedFreeMessage,
  type ConnectorStatusMessage,
} from "../domain/station";
import type {
  AlertEndedMessage,
  AlertFiredMessage,
  AlertQueueMessage,
} from "../alerts/contract";
import type { NetworkCounts } from "../store/network";
import type { SessionNoticeMessage, SessionView } from "../sessions/contract";

export const Subscription = z.union([
  z.object({ bbox: Bbox }).strict(),
  z.object({ stationIds: z.array(StationId).min(1).max(500) }).strict(),
]);
export type Subscription = z.infer<typeof Subscription>;

export type SubscribeAck = { ok: true } | { ok: false; error: string };

type SubscriptionHandler = (
  subscription: unknown,
  ack?: (reply: SubscribeAck) => void,
) => void;

export type ClientToServerEvents = {
  subscribe: SubscriptionHandler;
  unsubscribe: SubscriptionHandler;
};
export type ServerToClientEvents = {
  "connector:status": (message: ConnectorStatusMessage) => void;
  /** An occupied connector's likely free time changed (to the area and station rooms, like connector:status). */
  "connector:expected-free": (message: ConnectorExpectedFreeMessage) => void;
  /** The whole network's connectors by status: on connecting, then at most once a second while statuses change. */
  "network:counts": (counts: NetworkCounts) => void;
  /** This socket joined its device's room (its handshake carried the device cookie): alerts reach it. */
  "device:joined": (message: Record<string, never>) => void;
  "alert:fired": (message: AlertFiredMessage) => void;
  "alert:queue": (message: AlertQueueMessage) => void;
  "alert:ended": (message: AlertEndedMessage) => void;
  /** This socket joined its signed-in account's room: its sessions' updates reach it. */
  "account:joined": (message: Record<string, never>) => void;
  /** The owner's session, whole, at most once a second while it changes. */
  "session:update": (message: SessionView) => void;
  "session:notice": (message: SessionNoticeMessage) => void;
};
