// One charger's live socket: reads frames, validates each CALL, runs its handler and answers exactly once.
import type { WebSocket } from "ws";
import type { Ingest } from "../ingest/ingest";
import type { Logger } from "../log";
import { WriteQueueFull } from "../store/write-batcher";
import {
  GenericError,
  InternalError,
  NotImplemented,
  NotSupported,
  OcppError,
  RpcFrameworkError,
  type OcppErrorClass,
} from "./errors";
import {
  FrameError,
  parseFrame,
  serialiseError,
  serialiseResult,
} from "./framing";
import type { CallHandler } from "./call-handler";
import { applyLeniency } from "./leniency";
import { OutboundCalls } from "./outbound-calls";
import { checkPayloadShape } from "./payload-shape";
import { handlers16 } from "./v16/handlers";
import { handlers201 } from "./v201/handlers";
import { isKnownAction, validatePayload } from "./validation";
import { dialects, type OcppVersion } from "./versions";

const handlersByVersion: Record<OcppVersion, Record<string, CallHandler>> = {
  "ocpp1.6": handlers16,
  "ocpp2.0.1": handlers201,
};

/**
 * A charger retransmits only its last unanswered CALL, so a short memory suffices within a connection; across
 * reconnects and restarts, events are idempotent by content (transaction start time, sample instant).
 */
const REMEMBERED_REPLIES = 32;
/** A payload needing more fixes than this is refused: it is not a known quirk but a broken charger. */
const MAX_LENIENT_FIXES = 10;

/**
 * OCPP-J (1.6J §4.1.1, 2.0.1 part 4 §4.1.1): a charger sends a CALL only once its previous ones are answered. A few
 * in flight are tolerated (a retransmission overtaking a slow reply); past that the charger is broken or flooding,
 * and every further CALL would queue writes without bound. It gets a CALLERROR at once rather than a pause in
 * reading its socket: a paused socket would also hold back its pongs and its replies to our own CALLs (a remote
 * stop waiting), and the charger would see a dead link instead of a reason.
 */
export const MAX_CALLS_IN_FLIGHT = 4;
const tooManyCalls: Record<OcppVersion, OcppErrorClass> = {
  // 1.6J has no code for a broken RPC rule: GenericError is its "any other error".
  "ocpp1.6": GenericError,
  // The CALL breaks the RPC framework's rule of one at a time, not its payload's schema.
  "ocpp2.0.1": RpcFrameworkError,
};

/** The CALLERROR a charger gets while the write queue is full: it retries later, nothing acknowledged is lost. */
const OVERLOADED = "Server overloaded, try again later";

/** CALLs received by this process and not yet answered, over every connection: the load /api/health reports. */
let callsInFlight = 0;

export function countCallsInFlight(): number {
  return callsInFlight;
}

export type ConnectionOptions = {
  chargePointId: string;
  version: OcppVersion;
  ingest: Ingest;
  heartbeatIntervalS: number;
  log: Logger;
  onSeen: (at: Date) => void;
  onCall: () => void;
  onFirstCall: (action: string) => void;
};

export class ChargerConnection {
  /** Set when a newer socket for the same identity took over: frames still arriving here are dropped. */
  private replaced = false;
  /** Replies to the latest CALLs by message id, pending or sent, oldest first. */
  private readonly replies = new Map<string, Promise<string>>();
  /** Our own CALLs to the charger and their replies. */
  private readonly calls: OutboundCalls;
  private sawCall = false;
  private callsInFlight = 0;

  constructor(
    readonly ws: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    this.calls = new OutboundCalls({
      chargePointId: options.chargePointId,
      version: options.version,
      log: options.log,
      send: (text) => this.send(text),
    });
    ws.on("message", (data, isBinary) =>
      // Whatever a frame does, it must not take the process down: log and keep the connection.
      this.receive(data.toString(), isBinary).catch((error: unknown) =>
        options.log.error({ err: error }, "frame handling failed"),
      ),
    );
    ws.on("pong", () => options.onSeen(new Date()));
    ws.on("close", () => this.calls.close());
  }

  get chargePointId(): string {
    return this.options.chargePointId;
  }

  get version(): OcppVersion {
    return this.options.version;
  }

  /** Our CALLs on this socket fail at once: its replies are dropped from now on, and its close handshake may be slow. */
  replace(): void {
    this.replaced = true;
    this.calls.close();
    this.ws.close(1000, "Replaced by a newer connection");
  }

  close(code: number, reason: string): void {
    this.calls.close();
    this.ws.close(code, reason);
  }

  private async receive(raw: string, isBinary: boolean): Promise<void> {
    if (this.replaced) return;
    const { version, log, onSeen } = this.options;
    const now = new Date();
    onSeen(now);
    if (isBinary) {
      return this.send(
        serialiseError(
          "-1",
          new dialects[version].badFrame(
            "OCPP-J frames must be text, not binary",
          ),
        ),
      );
    }
    let frame;
    try {
      frame = parseFrame(raw, version);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      log.warn(
        { messageId: error.messageId, err: error.message },
        "unreadable OCPP frame",
      );
      return this.send(serialiseError(error.messageId, error.error));
    }
    if (frame.kind !== "call") {
      if (this.calls.settle(frame)) return;
      return log.warn(
        { messageId: frame.messageId },
        "reply to no outstanding call",
      );
    }
    const { messageId, action, payload } = frame;
    this.options.onCall();
    const isFirst = !this.sawCall;
    this.sawCall = true;
    // A charger that missed our reply sends the same CALL again: answer it again, apply it once.
    const earlier = this.replies.get(messageId);
    if (earlier) {
      log.info({ messageId, action }, "retransmitted CALL answered again");
      const reply = await earlier;
      if (!this.replaced) this.send(reply);
      return;
    }
    if (this.callsInFlight >= MAX_CALLS_IN_FLIGHT) {
      log.warn({ messageId, action }, "CALL refused: too many in flight");
      // Not remembered: the same CALL sent again once the others are answered is handled afresh.
      return this.send(
        serialiseError(
          messageId,
          new tooManyCalls[version](
            `More than ${MAX_CALLS_IN_FLIGHT} CALLs in flight: send the next once these are answered`,
          ),
        ),
      );
    }
    this.callsInFlight++;
    callsInFlight++;
    const reply = this.answer(messageId, action, payload, now).finally(() => {
      this.callsInFlight--;
      callsInFlight--;
    });
    this.remember(messageId, reply);
    const text = await reply;
    if (!this.replaced) this.send(text);
    if (isFirst) this.options.onFirstCall(action);
  }

  /**
   * Validates a CALL, accepting the deviations on the leniency list: each is fixed on a copy, logged with the raw
   * payload (kept in the log), and validation runs again; anything else is refused with the spec's error code.
   */
  private validateLeniently(action: string, payload: unknown): unknown {
    const { version, log } = this.options;
    let candidate = payload;
    for (let fixes = 0; ; fixes++) {
      try {
        validatePayload(version, action, "req", candidate);
        return candidate;
      } catch (error) {
        if (!(error instanceof OcppError) || fixes >= MAX_LENIENT_FIXES)
          throw error;
        if (candidate === payload) candidate = structuredClone(payload);
        const fix = applyLeniency(version, action, error, candidate);
        if (!fix) throw error;
        log.warn(
          { action, field: fix.path, why: fix.why, raw: payload },
          "accepted a known deviation",
        );
      }
    }
  }

  /** Sends a CALL to the charger once its previous one is settled, and resolves with its validated reply. */
  call(
    action: string,
    payload: object,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    return this.calls.call(action, payload, timeoutMs);
  }

  private async answer(
    messageId: string,
    action: string,
    payload: unknown,
    now: Date,
  ): Promise<string> {
    const { log } = this.options;
    try {
      const response = await this.handleCall(action, payload, now);
      log.debug({ messageId, action }, "CALL answered");
      return serialiseResult(messageId, response);
    } catch (error) {
      // Shedding is logged once per episode (lib/ingest/overload.ts), not per CALL.
      if (error instanceof WriteQueueFull)
        return serialiseError(messageId, new InternalError(OVERLOADED));
      const ocppError =
        error instanceof OcppError
          ? error
          : new InternalError("The central system failed to process the CALL");
      const level = ocppError instanceof InternalError ? "error" : "warn";
      log[level](
        { messageId, action, code: ocppError.code, err: error },
        "CALL refused",
      );
      return serialiseError(messageId, ocppError);
    }
  }

  private remember(messageId: string, reply: Promise<string>): void {
    this.replies.set(messageId, reply);
    if (this.replies.size > REMEMBERED_REPLIES)
      this.replies.delete(this.replies.keys().next().value as string);
  }

  private async handleCall(
    action: string,
    payload: unknown,
    now: Date,
  ): Promise<object> {
    const { version, chargePointId, ingest, heartbeatIntervalS, log } =
      this.options;
    if (!isKnownAction(version, action))
      throw new NotImplemented(`Unknown action ${action}`);
    checkPayloadShape(version, payload);
    payload = this.validateLeniently(action, payload);
    const handler = handlersByVersion[version][action];
    if (!handler)
      throw new NotSupported(
        `${action} is not supported by this central system`,
      );
    const response = await handler(payload as never, {
      chargePointId,
      ingest,
      now,
      heartbeatIntervalS,
      log,
    });
    // Our own reply must follow the schema too; a violation is our bug, reported as InternalError, not sent.
    try {
      validatePayload(version, action, "conf", response);
    } catch (error) {
      throw new InternalError(`Reply to ${action} failed its schema`, {
        cause: String(error),
      });
    }
    return response;
  }

  private send(text: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(text);
  }
}
