// OCPP-J framing: parses a text frame into a CALL, CALLRESULT or CALLERROR and serialises replies.
import { OcppError } from "./errors";
import { dialects, type OcppVersion } from "./versions";

export const MessageType = { Call: 2, CallResult: 3, CallError: 4 } as const;

export type Frame =
  | { kind: "call"; messageId: string; action: string; payload: unknown }
  | { kind: "result"; messageId: string; payload: unknown }
  | {
      kind: "error";
      messageId: string;
      errorCode: string;
      description: string;
      details: unknown;
    };

/** A frame we cannot process, with the message id to answer (OCPP-J uses "-1" when it cannot be read). */
export class FrameError extends Error {
  constructor(
    readonly messageId: string,
    readonly error: OcppError,
  ) {
    super(error.message);
  }
}

/**
 * A JSON-escaped U+0000 (`\u0000`) not itself escaped (`\\u0000` is a backslash and "u0000"). Firmware written in C
 * pads fixed buffers with NUL, and PostgreSQL text cannot hold it (22021, the CALL would fail as InternalError):
 * it is dropped from every string of the frame. Raw control characters are not valid JSON, so this is every NUL.
 */
const escapedNul = /(?<!\\)((?:\\\\)*)\\u0000/g;

// OCPP-J: a message id is a string of at most 36 characters.
const MAX_MESSAGE_ID = 36;

export function parseFrame(raw: string, version: OcppVersion): Frame {
  const BadFrame = dialects[version].badFrame;
  let message: unknown;
  try {
    message = JSON.parse(
      raw.includes("\\u0000") ? raw.replace(escapedNul, "$1") : raw,
    );
  } catch {
    throw new FrameError("-1", new BadFrame("Frame is not valid JSON"));
  }
  if (!Array.isArray(message))
    throw new FrameError("-1", new BadFrame("Frame is not a JSON array"));
  const [type, messageId] = message;
  if (
    typeof messageId !== "string" ||
    messageId.length === 0 ||
    messageId.length > MAX_MESSAGE_ID
  ) {
    throw new FrameError(
      "-1",
      new BadFrame("Message id must be a string of 1-36 characters"),
    );
  }
  switch (type) {
    case MessageType.Call: {
      const [, , action, payload] = message;
      if (
        message.length !== 4 ||
        typeof action !== "string" ||
        action.length === 0
      ) {
        throw new FrameError(
          messageId,
          new BadFrame("CALL must be [2, messageId, action, payload]"),
        );
      }
      return { kind: "call", messageId, action, payload };
    }
    case MessageType.CallResult:
      return { kind: "result", messageId, payload: message[2] };
    case MessageType.CallError:
      return {
        kind: "error",
        messageId,
        // Fields are checked, never stringified: a hostile 100,000-deep array here would overflow the stack.
        errorCode: typeof message[2] === "string" ? message[2] : "GenericError",
        description: typeof message[3] === "string" ? message[3] : "",
        details: message[4] ?? {},
      };
    default:
      throw new FrameError(
        messageId,
        new BadFrame(
          `Unknown message type ${typeof type === "number" ? type : typeof type}`,
        ),
      );
  }
}

export function serialiseResult(messageId: string, payload: unknown): string {
  return JSON.stringify([MessageType.CallResult, messageId, payload]);
}

export function serialiseError(messageId: string, error: OcppError): string {
  return JSON.stringify([
    MessageType.CallError,
    messageId,
    error.code,
    error.message,
    error.details,
  ]);
}
