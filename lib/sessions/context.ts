// What the sessions feature's parts share: storage, the socket server, charger commands, the push outbox, a clock.
import type { Logger } from "../log";
import type { PushPayload } from "../push/outbox";
import type { RealtimeServer } from "../realtime/server";
import type { ChargerCommands } from "../server/app-services";
import type { Db } from "../store/prisma";
import type { Tx } from "../store/write-batcher";

export type SessionsPushOutbox = {
  enqueue(
    tx: Tx,
    deviceId: string,
    payload: PushPayload,
    expiresAt: Date,
    now: Date,
  ): Promise<unknown>;
  kick(): void;
};

export type SessionsContext = {
  db: Db;
  io: RealtimeServer;
  commands: ChargerCommands;
  push: SessionsPushOutbox;
  log: Logger;
  clock: () => Date;
  /** How long a remote start or stop waits for the charger's answer before it counts as none. */
  answerMs: number;
  /** Runs work that outlives its caller (a charger's answer); stop() waits for it. */
  track: (work: Promise<unknown>) => void;
  /** The session changed: its owner hears of it (at most once a second). */
  touch: (sessionId: string) => void;
};
