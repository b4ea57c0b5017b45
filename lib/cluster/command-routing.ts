// Charger commands wherever the charger is connected: here through the endpoint, elsewhere through its instance.
import { randomUUID } from "node:crypto";
import type { Logger } from "../log";
import {
  CallTimeout,
  ChargerDisconnected,
  ChargerNotConnected,
} from "../ocpp/call-errors";
import type { ChargerCommand, CommandResult } from "../ocpp/commands";
import { callActionOf, type OcppEndpoint } from "../ocpp/endpoint";
import type { ChargerCommands } from "../server/app-services";
import {
  describeFailure,
  rebuildFailure,
  type CallFailure,
} from "./call-failures";
import type { ChargerRegistry } from "./charger-registry";
import type { Cluster } from "./cluster";
import { decodeWire, encodeWire } from "./wire";

/**
 * Two pub/sub hops and a registry read on top of the charger's own time: a whole command from B to a charger on A
 * and back took 56–104 ms here (two-instances.test.ts prints it), so 2 s covers a loaded machine with room.
 */
export const HOP_MARGIN_MS = 2_000;

type CommandRequest = {
  requestId: string;
  replyTo: string;
  chargePointId: string;
  command: ChargerCommand;
  timeoutMs: number;
};

type CommandReply = { requestId: string } & (
  { result: CommandResult } | { failure: CallFailure }
);

type Waiting = {
  resolve: (result: CommandResult) => void;
  reject: (error: Error) => void;
  /** What the asker hears if this instance stops before the answer came. */
  abandoned: () => Error;
};

/** `stop()` settles every command still waiting for another instance's answer (ChargerDisconnected). */
export type RoutedCommands = ChargerCommands & { stop(): void };

export async function routeCommands(options: {
  cluster: Cluster;
  registry: ChargerRegistry;
  endpoint: OcppEndpoint;
  log: Logger;
}): Promise<RoutedCommands> {
  const { cluster, registry, endpoint, log } = options;
  const { redis, keys, instanceId } = cluster;
  const waiting = new Map<string, Waiting>();
  let stopped = false;

  // As the holder: run the command on our socket and answer whoever asked, success or typed failure.
  await cluster.subscribe(keys.commands(instanceId), (text) => {
    const request = decodeWire<CommandRequest>(text);
    void endpoint
      .sendCommand(request.chargePointId, request.command, request.timeoutMs)
      .then(
        (result): CommandReply => ({ requestId: request.requestId, result }),
        (error: unknown): CommandReply => ({
          requestId: request.requestId,
          failure: describeFailure(error),
        }),
      )
      .then((reply) =>
        redis.publish(keys.replies(request.replyTo), encodeWire(reply)),
      )
      .catch((err: unknown) => log.warn({ err }, "command reply not sent"));
  });

  // As the asker: the answer to one of our requests.
  await cluster.subscribe(keys.replies(instanceId), (text) => {
    const reply = decodeWire<CommandReply>(text);
    const asked = waiting.get(reply.requestId);
    if (!asked) return; // timed out already: the caller heard CallTimeout
    waiting.delete(reply.requestId);
    if ("result" in reply) asked.resolve(reply.result);
    else asked.reject(rebuildFailure(reply.failure));
  });

  /** Redis away or silent: the charger cannot be reached from here, whatever instance holds it. */
  function unreachable(chargePointId: string, err: unknown): Error {
    log.warn({ err, chargePointId }, "command not routed: Redis unreachable");
    return new ChargerNotConnected(chargePointId);
  }

  async function sendElsewhere(
    chargePointId: string,
    command: ChargerCommand,
    timeoutMs: number,
  ): Promise<CommandResult> {
    const holder = await registry.holderOf(chargePointId).catch((err) => {
      throw unreachable(chargePointId, err);
    });
    // Our own entry without a socket here: the socket just closed and its release is on its way.
    if (!holder || holder.instanceId === instanceId)
      throw new ChargerNotConnected(chargePointId);
    const request: CommandRequest = {
      requestId: randomUUID(),
      replyTo: instanceId,
      chargePointId,
      command,
      timeoutMs,
    };
    const action = callActionOf(holder.version, command);
    return new Promise<CommandResult>((resolve, reject) => {
      // The holder times the charger out itself; this one fires only when the holder (or Redis) went quiet.
      const timer = setTimeout(() => {
        waiting.delete(request.requestId);
        reject(new CallTimeout(action, timeoutMs));
      }, timeoutMs + HOP_MARGIN_MS);
      // A caller's timer, not the process's: a stopping instance must not wait for it.
      timer.unref();
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          waiting.delete(request.requestId);
          done(value);
        };
      waiting.set(request.requestId, {
        resolve: settle(resolve),
        reject: settle(reject),
        abandoned: () => new ChargerDisconnected(chargePointId, action),
      });
      redis.publish(keys.commands(holder.instanceId), encodeWire(request)).then(
        (receivers) => {
          // Nobody listens on that instance's channel: it stopped between our liveness read and now.
          if (receivers === 0)
            waiting
              .get(request.requestId)
              ?.reject(new ChargerNotConnected(chargePointId));
        },
        (err: unknown) => {
          // It may have reached the holder before Redis went quiet: its outcome is unknown, as after a timeout.
          log.warn(
            { err, chargePointId },
            "command not routed: Redis unreachable",
          );
          waiting
            .get(request.requestId)
            ?.reject(new CallTimeout(action, timeoutMs));
        },
      );
    });
  }

  return {
    send(chargePointId, command, timeoutMs = endpoint.callTimeoutMs) {
      // The reconnect-time status refresh and every command for a charger held here never leave this process.
      if (stopped || endpoint.holds(chargePointId))
        return endpoint.sendCommand(chargePointId, command, timeoutMs);
      return sendElsewhere(chargePointId, command, timeoutMs);
    },
    stop() {
      stopped = true;
      for (const asked of [...waiting.values()])
        asked.reject(asked.abandoned());
    },
  };
}
