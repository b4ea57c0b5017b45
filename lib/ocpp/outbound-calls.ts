// Our CALLs to one charger: one outstanding at a time, a bounded line behind it, each settled by reply, timeout or close.
import { randomUUID } from "node:crypto";
import type { Logger } from "../log";
import {
  CallTimeout,
  ChargerBusy,
  ChargerDisconnected,
  ChargerRefusedCall,
} from "./call-errors";
import { MessageType, type Frame } from "./framing";
import { validatePayload } from "./validation";
import type { OcppVersion } from "./versions";

export type ReplyFrame = Extract<Frame, { kind: "result" | "error" }>;

/**
 * Commands come from drivers' and operators' clicks, a few per charger at a time; this many unsettled (the
 * outstanding one and the line behind it) means the charger stopped answering while callers kept asking, and each
 * one more would only wait out its timeout.
 */
export const MAX_PENDING_CALLS = 32;

/**
 * How long a driver waits to hear a charger's answer to a command they made (a hold, a start, a stop): a charger
 * that says nothing by then counts as having refused.
 */
export const COMMAND_ANSWER_MS = 8_000;

type Outstanding = {
  messageId: string;
  settle: (frame: ReplyFrame) => void;
  fail: () => void;
};

export type OutboundCallsOptions = {
  chargePointId: string;
  version: OcppVersion;
  log: Logger;
  send: (text: string) => void;
};

export class OutboundCalls {
  /** OCPP-J allows one outstanding CALL per direction; the rest wait here, in order. */
  private line: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private outstanding: Outstanding | null = null;
  private closed = false;

  constructor(private readonly options: OutboundCallsOptions) {}

  /** Sends a CALL once the previous one is settled, and resolves with its validated reply. */
  call(
    action: string,
    payload: object,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    const { chargePointId } = this.options;
    if (this.closed)
      return Promise.reject(new ChargerDisconnected(chargePointId, action));
    if (this.pending >= MAX_PENDING_CALLS)
      return Promise.reject(
        new ChargerBusy(chargePointId, action, MAX_PENDING_CALLS),
      );
    this.pending++;
    const run = () => this.send(action, payload, timeoutMs);
    const result = this.line.then(run, run);
    this.line = result.catch(() => undefined).finally(() => this.pending--);
    return result;
  }

  /** A CALLRESULT or CALLERROR from the charger; false when it answers nothing we are waiting for. */
  settle(frame: ReplyFrame): boolean {
    if (this.outstanding?.messageId !== frame.messageId) return false;
    this.outstanding.settle(frame);
    return true;
  }

  /**
   * The socket closed or was replaced: no reply can come on it, so the outstanding CALL and every waiting one fail
   * now with ChargerDisconnected instead of each waiting out its timeout.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.outstanding?.fail();
  }

  private send(
    action: string,
    payload: object,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    const { chargePointId, version, log } = this.options;
    if (this.closed)
      return Promise.reject(new ChargerDisconnected(chargePointId, action));
    // Fields left undefined are absent on the wire; validate exactly what is sent.
    const wire = JSON.parse(JSON.stringify(payload)) as object;
    validatePayload(version, action, "req", wire);
    const messageId = randomUUID();
    return new Promise((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        this.outstanding = null;
      };
      const timer = setTimeout(() => {
        end();
        reject(new CallTimeout(action, timeoutMs));
      }, timeoutMs);
      this.outstanding = {
        messageId,
        fail: () => {
          end();
          reject(new ChargerDisconnected(chargePointId, action));
        },
        settle: (frame) => {
          end();
          if (frame.kind === "error")
            return reject(
              new ChargerRefusedCall(
                action,
                frame.errorCode,
                frame.description,
              ),
            );
          try {
            validatePayload(version, action, "conf", frame.payload);
            resolve(frame.payload as Record<string, unknown>);
          } catch (error) {
            reject(
              new ChargerRefusedCall(
                action,
                "FormatViolation",
                String((error as Error).message),
              ),
            );
          }
        },
      };
      log.debug({ messageId, action }, "CALL to charger");
      this.options.send(
        JSON.stringify([MessageType.Call, messageId, action, wire]),
      );
    });
  }
}
