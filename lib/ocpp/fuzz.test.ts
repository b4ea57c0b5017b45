// Fuzzes the OCPP 1.6 ingest with hostile, edge-case and random frames: the process stays up and every CALL is answered once.
import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createValidator } from "ocpp-rpc";
import ocpp16Schemas from "ocpp-rpc/lib/schemas/ocpp1_6.json";
import WebSocket from "ws";
import { spawnCarrega, type ChildCarrega } from "../server/crash-server";
import { TestCharger } from "../server/test-charger";
import { createTestDatabaseUrl } from "../server/test-harness";
import { createRandom, type Random } from "../sim/random";
import { createDb, type Db } from "../store/prisma";
import { upsertStation } from "../store/stations";
import { MAX_CALLS_IN_FLIGHT } from "./connection";

// Set FUZZ_SEED to replay a run; the seed is printed either way.
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const FUZZ_FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
const CHARGERS = 20;
/** Frames awaiting a reply per connection: enough to overlap group commits, few enough to time each reply. */
const WINDOW = 12;
const REPLY_TIMEOUT_MS = 15_000;
const MAX_PAYLOAD = 1024 * 1024;

/** The CALLERROR codes OCPP-J 1.6 defines (spelled as its spec spells them). */
const OCPP16_ERROR_CODES = new Set([
  "NotImplemented",
  "NotSupported",
  "InternalError",
  "ProtocolError",
  "SecurityError",
  "FormationViolation",
  "PropertyConstraintViolation",
  "OccurenceConstraintViolation",
  "TypeConstraintViolation",
  "GenericError",
]);

// An independent judge of "valid per schema": ocpp-rpc's own validator over the official 1.6 schemas.
const schemaJudge = createValidator("ocpp1.6", ocpp16Schemas);
const knownActions = new Set(
  (ocpp16Schemas as { $id: string }[]).flatMap(
    ({ $id }) => /^urn:(.+)\.req$/.exec($id)?.[1] ?? [],
  ),
);

function isSchemaValid(action: string, payload: unknown): boolean {
  if (!knownActions.has(action)) return false;
  try {
    return schemaJudge.validate(`urn:${action}.req`, payload) === true;
  } catch {
    return false; // the judge throws the rule that failed; only the verdict matters here
  }
}

const CONNECTOR_IDS = [1, 2];
const ID_TAGS = ["FUZZ-OK", "FUZZ-BLOCKED", "FUZZ-EXPIRED", "FUZZ-UNKNOWN"];
const chargerIds = Array.from(
  { length: CHARGERS },
  (_, i) => `FUZZ-${String(i + 1).padStart(2, "0")}`,
);
const PROBE = "FUZZ-PROBE";
const HOSTILE = "FUZZ-HOSTILE";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Reply = {
  type: 3 | 4;
  id: string;
  code?: string;
  description?: string;
  raw: unknown[];
};

/** One raw WebSocket, as a charger nobody tested against would hold it. */
class RawSocket {
  readonly replies: Reply[] = [];
  readonly unparseable: string[] = [];
  /** CALLs the server sends us (TriggerMessage after a reconnect, remote commands); answered by `answerServerCall`. */
  readonly serverCalls: { id: string; action: string }[] = [];
  answerServerCall: (id: string, action: string) => string | undefined = (id) =>
    JSON.stringify([3, id, { status: "Rejected" }]);
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];
  private markers = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) =>
      this.receive(data.toString(), isBinary),
    );
    ws.on("close", (code) => {
      this.closeCode = code;
      this.wake();
    });
    ws.on("error", () => this.wake()); // the close that follows is what the tests read
  }

  static async open(ocppUrl: string, identity: string): Promise<RawSocket> {
    const ws = new WebSocket(`${ocppUrl}/${identity}`, "ocpp1.6", {
      maxPayload: 64 * MAX_PAYLOAD,
    });
    const socket = new RawSocket(ws);
    await once(ws, "open");
    return socket;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: string | Buffer, binary = false): void {
    if (this.isOpen) this.ws.send(frame, { binary });
  }

  /** Resolves on the next reply or close, or after `ms`. */
  async changed(ms: number): Promise<void> {
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      sleep(ms),
    ]);
  }

  async replyTo(id: string, ms = 5_000): Promise<Reply | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const reply = this.replies.find((r) => r.id === id);
      if (reply || this.closeCode !== undefined || Date.now() > deadline)
        return reply;
      await this.changed(deadline - Date.now());
    }
  }

  /**
   * A later reply on the same socket: a StatusNotification goes through the group commit after every CALL sent before
   * it, so once its reply is here the server has read and answered what came first. Fails naming it if none comes
   * (unless the socket closed, which the caller reads from `closeCode`).
   */
  async marker(name: string, ms = 30_000): Promise<void> {
    const id = `marker-${++this.markers}`;
    this.send(
      JSON.stringify([
        2,
        id,
        "StatusNotification",
        { connectorId: 1, status: "Available", errorCode: "NoError" },
      ]),
    );
    const reply = await this.replyTo(id, ms);
    if (!reply && this.closeCode === undefined)
      throw new Error(`no reply to the marker after ${name} within ${ms} ms`);
    // Not one of the caller's replies; it came after any the caller has read, so no index the caller holds moves.
    if (reply) this.replies.splice(this.replies.indexOf(reply), 1);
  }

  close(): void {
    this.ws.terminate();
  }

  private receive(text: string, isBinary: boolean): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    if (
      Array.isArray(frame) &&
      frame[0] === 2 &&
      typeof frame[1] === "string" &&
      typeof frame[2] === "string"
    ) {
      this.serverCalls.push({ id: frame[1], action: frame[2] });
      const answer = this.answerServerCall(frame[1], frame[2]);
      if (answer !== undefined) this.send(answer);
    } else if (
      isBinary ||
      !Array.isArray(frame) ||
      (frame[0] !== 3 && frame[0] !== 4) ||
      typeof frame[1] !== "string"
    ) {
      this.unparseable.push(
        `${isBinary ? "binary " : ""}${text.slice(0, 200)}`,
      );
    } else {
      const [type, id, code, description] = frame as [
        3 | 4,
        string,
        unknown,
        unknown,
      ];
      this.replies.push({
        type,
        id,
        code: type === 4 ? String(code) : undefined,
        description: type === 4 ? String(description) : undefined,
        raw: frame,
      });
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** What OCPP-J obliges the server to answer: a reply with the frame's id, one with "-1", or nothing. */
type Expectation =
  | { kind: "reply"; id: string; call?: { action: string; payload: unknown } }
  | { kind: "anonymous" }
  | { kind: "none"; id: string };

function expectationFor(frame: string | Buffer, binary: boolean): Expectation {
  if (binary) return { kind: "anonymous" };
  let message: unknown;
  try {
    message = JSON.parse(frame.toString());
  } catch {
    return { kind: "anonymous" };
  }
  if (!Array.isArray(message)) return { kind: "anonymous" };
  const [type, id, action, payload] = message as unknown[];
  if (typeof id !== "string" || id.length < 1 || id.length > 36)
    return { kind: "anonymous" };
  if (type === 3 || type === 4) return { kind: "none", id };
  const isCall =
    type === 2 &&
    message.length === 4 &&
    typeof action === "string" &&
    action.length > 0;
  return { kind: "reply", id, call: isCall ? { action, payload } : undefined };
}

function describeReplyProblem(reply: Reply): string | undefined {
  if (reply.type === 3)
    return reply.raw.length === 3
      ? undefined
      : "CALLRESULT is not [3, id, payload]";
  if (!reply.code || !OCPP16_ERROR_CODES.has(reply.code))
    return `CALLERROR code ${reply.code} is not an OCPP 1.6 code`;
  const details = reply.raw[4];
  if (
    reply.raw.length !== 5 ||
    typeof reply.raw[3] !== "string" ||
    typeof details !== "object" ||
    details === null
  ) {
    return "CALLERROR is not [4, id, code, description, details{}]";
  }
  return undefined;
}

/** The server's error log grouped by where it failed: the action, the throwing call and line, and the reason. */
function faultSites(lines: string[]): string[] {
  const sites = new Map<string, number>();
  for (const line of lines) {
    let entry: {
      action?: string;
      msg?: string;
      err?: { type?: string; message?: string; stack?: string };
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      entry = { msg: line }; // not a log line: stderr noise, counted as it is
    }
    const message = entry.err?.message ?? entry.msg ?? "";
    const prismaCall = /Invalid `([^`]+)` invocation in\n(\S+)/.exec(message);
    const stackLine = /\((\S+\/lib\/\S+?:\d+):\d+\)/.exec(
      entry.err?.stack ?? "",
    )?.[1];
    const where = prismaCall
      ? `${prismaCall[1]} at ${prismaCall[2]}`
      : `${entry.err?.type ?? "?"} at ${stackLine ?? "?"}`;
    const reason = message.trim().split("\n").at(-1)?.trim().slice(0, 140);
    const key = `${entry.action ?? "-"} → ${where.replace(`${process.cwd()}/`, "")}: ${reason}`;
    sites.set(key, (sites.get(key) ?? 0) + 1);
  }
  return [...sites].map(([key, count]) => `${count}× ${key}`);
}

function preview(frame: string | Buffer, max = 160): string {
  const text = Buffer.isBuffer(frame)
    ? `<binary ${frame.length} bytes>`
    : frame;
  return text.length > max
    ? `${text.slice(0, max)}… (${text.length} chars)`
    : text;
}

// ─── Payloads: valid ones, then the ways a charger's firmware gets them wrong ─────────────────────────────────

const iso = (random: Random) =>
  new Date(
    Date.UTC(
      2026,
      random.int(0, 11),
      random.int(1, 28),
      random.int(0, 23),
      random.int(0, 59),
      random.int(0, 59),
      random.int(0, 999),
    ),
  ).toISOString();

const text = (random: Random, max: number) =>
  Array.from({ length: random.int(0, max) }, () =>
    String.fromCharCode(random.int(32, 126)),
  ).join("");

const measurands = [
  ["Energy.Active.Import.Register", ["Wh", "kWh"]],
  ["Power.Active.Import", ["W", "kW"]],
  ["SoC", ["Percent"]],
  ["Voltage", ["V"]],
  ["Current.Import", ["A"]],
] as const;

function sampledValue(random: Random): Json {
  const [measurand, units] = random.pick(measurands);
  const value: { [key: string]: Json } = {
    value: String(random.int(0, 100_000) / 10),
  };
  if (random.chance(0.8)) value.measurand = measurand;
  if (random.chance(0.8)) value.unit = random.pick(units);
  if (random.chance(0.3))
    value.phase = random.pick(["L1", "L2", "L3", "L1-N", "L1-L2"]);
  if (random.chance(0.3))
    value.context = random.pick([
      "Sample.Periodic",
      "Transaction.Begin",
      "Transaction.End",
    ]);
  return value;
}

function meterValues(random: Random, count: number): Json[] {
  return Array.from({ length: count }, () => ({
    timestamp: iso(random),
    sampledValue: Array.from({ length: random.int(1, 4) }, () =>
      sampledValue(random),
    ),
  }));
}

const chargeActions = [
  "BootNotification",
  "Heartbeat",
  "StatusNotification",
  "StartTransaction",
  "MeterValues",
  "StopTransaction",
  "Authorize",
  "DataTransfer",
  "FirmwareStatusNotification",
  "DiagnosticsStatusNotification",
] as const;

function validPayload(
  random: Random,
  action: (typeof chargeActions)[number],
  transactionIds: number[],
): Json {
  const transactionId = () =>
    transactionIds.length > 0 && random.chance(0.9)
      ? random.pick(transactionIds)
      : random.int(1, 5000);
  switch (action) {
    case "BootNotification":
      return {
        chargePointVendor: text(random, 20),
        chargePointModel: text(random, 20),
        ...(random.chance(0.5)
          ? {
              chargePointSerialNumber: text(random, 25),
              firmwareVersion: text(random, 50),
            }
          : {}),
      };
    case "Heartbeat":
      return {};
    case "StatusNotification":
      return {
        connectorId: random.pick([0, ...CONNECTOR_IDS]),
        status: random.pick([
          "Available",
          "Preparing",
          "Charging",
          "SuspendedEV",
          "Finishing",
          "Unavailable",
          "Faulted",
        ]),
        errorCode: random.pick(["NoError", "GroundFailure", "OtherError"]),
        ...(random.chance(0.6) ? { timestamp: iso(random) } : {}),
        ...(random.chance(0.2)
          ? { info: text(random, 50), vendorErrorCode: text(random, 50) }
          : {}),
      };
    case "StartTransaction":
      return {
        connectorId: random.pick(CONNECTOR_IDS),
        idTag: random.pick(ID_TAGS),
        meterStart: random.int(0, 1_000_000),
        timestamp: iso(random),
      };
    case "MeterValues":
      return {
        connectorId: random.pick(CONNECTOR_IDS),
        ...(random.chance(0.9) ? { transactionId: transactionId() } : {}),
        meterValue: meterValues(random, random.int(1, 3)),
      };
    case "StopTransaction":
      return {
        transactionId: transactionId(),
        meterStop: random.int(0, 2_000_000),
        timestamp: iso(random),
        ...(random.chance(0.5)
          ? {
              reason: random.pick([
                "EVDisconnected",
                "Local",
                "Remote",
                "PowerLoss",
              ]),
            }
          : {}),
        ...(random.chance(0.3) ? { idTag: random.pick(ID_TAGS) } : {}),
        ...(random.chance(0.4)
          ? { transactionData: meterValues(random, random.int(1, 3)) }
          : {}),
      };
    case "Authorize":
      return { idTag: random.pick(ID_TAGS) };
    case "DataTransfer":
      return {
        vendorId: text(random, 30),
        ...(random.chance(0.5) ? { data: text(random, 100) } : {}),
      };
    case "FirmwareStatusNotification":
      return {
        status: random.pick(["Downloaded", "Installing", "Installed", "Idle"]),
      };
    case "DiagnosticsStatusNotification":
      return { status: random.pick(["Idle", "Uploaded", "Uploading"]) };
  }
}

const weirdDates = [
  "2026-13-45",
  "2026-13-45T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "2016-12-31T23:59:60Z", // a leap second: valid RFC 3339, and `new Date()` cannot represent it
  "2026-06-30T23:59:60+00:00",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-23:59",
  "2026-01-01t00:00:00z",
  "2026-01-01 00:00:00Z",
  "2026-01-01T00:00:00",
  "+275760-09-13T00:00:00Z",
  "yesterday",
  "",
  "2026-01-01T00:00:00.123456789Z",
];
const weirdMeterValues = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "1e308",
  "-1e308",
  "-0",
  "0x10",
  "",
  " ",
  "12,5",
  "1e-400",
  "9".repeat(400),
  "١٢",
];
const edgeIntegers = [
  -1,
  0,
  -2147483648,
  2147483647,
  2147483648,
  -2147483649,
  99,
  1e15,
  2 ** 53 + 2,
  1e300,
  -1e300,
  1.5,
  -0,
];

function randomJson(random: Random, depth = 0): Json {
  const kind = random.int(0, depth > 3 ? 3 : 5);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.chance(0.5)
        ? random.pick(edgeIntegers)
        : random.between(-1e6, 1e6);
    case 3:
      return random.chance(0.2) ? random.pick(weirdDates) : text(random, 12);
    case 4:
      return Array.from({ length: random.int(0, 4) }, () =>
        randomJson(random, depth + 1),
      );
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 4) }, () => [
          text(random, 8),
          randomJson(random, depth + 1),
        ]),
      );
  }
}

type Slot = {
  parent: Json[] | { [key: string]: Json };
  key: string | number;
  value: Json;
};

function slotsOf(value: Json, into: Slot[] = []): Slot[] {
  if (value === null || typeof value !== "object") return into;
  for (const [key, child] of Object.entries(value)) {
    into.push({
      parent: value,
      key: Array.isArray(value) ? Number(key) : key,
      value: child,
    });
    slotsOf(child, into);
  }
  return into;
}

/** Own properties only: a plain assignment to "__proto__" would change the prototype and vanish from the JSON. */
function setProperty(target: object, key: string | number, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function setSlot({ parent, key }: Slot, value: Json): void {
  setProperty(parent, key, value);
}

/** Mutates `payload` in place, 1-3 times, the ways broken firmware does. */
function mutate(random: Random, payload: Json, budget: { huge: number }): void {
  // One huge string per frame at most: two would pass maxPayload, and that socket close is tested on its own.
  let hugeAllowed = budget.huge > 0;
  for (let n = random.int(1, 3); n > 0; n--) {
    const slots = slotsOf(payload);
    const named = (name: string) => slots.filter((s) => s.key === name);
    const choose = (candidates: Slot[]) =>
      candidates.length > 0 ? random.pick(candidates) : undefined;
    const mutation = random.int(0, 9);
    const slot =
      mutation === 4
        ? choose(named("timestamp"))
        : mutation === 5
          ? choose(named("value"))
          : mutation === 6
            ? choose([
                ...named("connectorId"),
                ...named("transactionId"),
                ...named("meterStart"),
                ...named("meterStop"),
              ])
            : choose(slots);
    if (mutation === 2 || slot === undefined) {
      const objects = [payload, ...slots.map((s) => s.value)].filter(
        (v): v is { [key: string]: Json } =>
          v !== null && typeof v === "object" && !Array.isArray(v),
      );
      if (objects.length > 0)
        setProperty(
          random.pick(objects),
          random.pick(["extra", "__proto__", "constructor", text(random, 6)]),
          randomJson(random),
        );
      continue;
    }
    switch (mutation) {
      case 0: // a value of another type
      case 1:
        setSlot(slot, randomJson(random));
        break;
      case 3: // a required field dropped (or an array item)
        if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
        else delete slot.parent[slot.key];
        break;
      case 4:
        setSlot(slot, random.pick(weirdDates));
        break;
      case 5:
        setSlot(slot, random.pick(weirdMeterValues));
        break;
      case 6:
        setSlot(slot, random.pick(edgeIntegers));
        break;
      case 7: // an enum or string out of range
        setSlot(
          slot,
          random.pick([
            "Sleeping",
            "available",
            "Charging ",
            "",
            "NoError\u0000",
            "kwh",
            "L4",
            "\ud800",
          ]),
        );
        break;
      case 8: // a string as long as the firmware's buffer, up to 900 KB
        if (hugeAllowed && typeof slot.value === "string") {
          hugeAllowed = false;
          budget.huge--;
          setSlot(slot, "x".repeat(random.int(1_000, 900_000)));
        } else setSlot(slot, text(random, 300));
        break;
      default: // nested a few levels too deep
        setSlot(
          slot,
          Array.from({ length: random.int(5, 200) }).reduce<Json>(
            (inner) => ({ a: [inner] }),
            1,
          ),
        );
    }
  }
}

const unknownActions = [
  "MakeCoffee",
  "heartbeat",
  "Heartbeat ",
  "TransactionEvent", // 2.0.1, not 1.6
  "RemoteStartTransaction", // a CSMS→charger action, sent the wrong way
  "GetConfiguration",
  "SecurityEventNotification",
  "LogStatusNotification",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "urn:x",
  "../Heartbeat",
  "Heartbeat.req",
  "Heartbeat#",
  "%E0%A4%A",
  "\u0000",
];

// ─── Frames ───────────────────────────────────────────────────────────────────────────────────────────────────

type Frame = { data: string | Buffer; binary: boolean; category: string };

class FrameFactory {
  private seq = 0;
  /** Strings of 100-900 KB per connection: a few dozen in all exercise the size limits without dominating the run. */
  readonly budget = { huge: 3 };

  constructor(
    private readonly random: Random,
    private readonly tag: string,
  ) {}

  /** A message id unique on this connection, so a reply can be matched to exactly one frame. */
  nextId(): string {
    return `${this.tag}-${++this.seq}`;
  }

  next(transactionIds: number[]): Frame {
    const random = this.random;
    const call = (action: string, payload: Json, id = this.nextId()) =>
      JSON.stringify([2, id, action, payload]);
    const category = random.weighted([
      ["valid", 38],
      ["mutated", 32],
      ["badJson", 4],
      ["truncated", 4],
      ["wrongTypes", 6],
      ["unknownAction", 3],
      ["binary", 2],
      ["nested", 2],
      ["oddShape", 3],
      ["replyFrames", 2],
      ["messageIds", 3],
      ["hugeFrame", 1],
    ] as const);
    const action = random.pick(chargeActions);
    const payload = validPayload(random, action, transactionIds);
    let data: string | Buffer;
    switch (category) {
      case "valid":
        data = call(action, payload);
        break;
      case "mutated":
        mutate(random, payload, this.budget);
        data = call(action, payload);
        break;
      case "badJson":
        data = random.pick([
          "{not json",
          "[2,",
          "",
          " ",
          '[2,"x","Heartbeat",{}]]',
          "NaN",
          "[2,'a','Heartbeat',{}]",
          "\u0000",
          '[2,"a""b"]',
          text(random, 40),
        ]);
        break;
      case "truncated": {
        const whole = call(action, payload);
        data = whole.slice(0, random.int(0, whole.length - 1));
        break;
      }
      case "wrongTypes": {
        const parts: Json[] = [
          random.pick<Json>([2, 3, 4, 0, 5, -2, 2.5, "2", null, true, [], {}]),
          this.nextId(),
          action,
          payload,
        ];
        const position = random.int(0, 3);
        parts[position] = randomJson(random);
        data = JSON.stringify(
          parts.slice(0, random.chance(0.8) ? 4 : random.int(0, 6)),
        );
        break;
      }
      case "unknownAction":
        data = call(
          random.chance(0.7) ? random.pick(unknownActions) : text(random, 40),
          payload,
        );
        break;
      case "binary":
        data = random.chance(0.5)
          ? Buffer.from(call(action, payload))
          : Buffer.from(
              Array.from({ length: random.int(0, 64) }, () =>
                random.int(0, 255),
              ),
            );
        break;
      case "nested": {
        const depth = random.int(10, 3_000);
        const nested = random.chance(0.5)
          ? `${"[".repeat(depth)}${"]".repeat(depth)}`
          : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
        const id = JSON.stringify(this.nextId());
        data = random.pick([
          `[2,${id},"Heartbeat",${nested}]`,
          `[2,${id},"DataTransfer",{"vendorId":"x","data":${nested}}]`,
          `[2,${id},${nested},{}]`,
          nested,
        ]);
        break;
      }
      case "oddShape":
        data = random.pick([
          "[]",
          "[2]",
          "null",
          "{}",
          '"hello"',
          "42",
          "[[]]",
          "true",
          `[2,"${this.nextId()}"]`,
          `[2,"${this.nextId()}","Heartbeat"]`,
          `[2,"${this.nextId()}","Heartbeat",{},{}]`,
        ]);
        break;
      case "replyFrames": {
        // CALLRESULT / CALLERROR from the charger for calls the server never made: no answer is due
        const id = this.nextId();
        data = JSON.stringify(
          random.pick<Json[]>([
            [3, id, payload],
            [3, id],
            [4, id, "GenericError", "", {}],
            [4, id],
            [4, id, randomJson(random), randomJson(random), randomJson(random)],
          ]),
        );
        break;
      }
      case "messageIds": // 36 characters is the longest readable id; the rest are unreadable and answered with "-1"
        data = random.chance(0.2)
          ? call(action, payload, `${this.nextId()}-`.padEnd(36, "y"))
          : JSON.stringify([
              2,
              random.pick<Json>([
                42,
                0,
                -1,
                1.5,
                "",
                "x".repeat(37),
                null,
                [],
                {},
                true,
              ]),
              action,
              payload,
            ]);
        break;
      case "hugeFrame": {
        const size =
          this.budget.huge-- > 0 ? random.int(100_000, 900_000) : 1_000;
        data = random.pick([
          call("DataTransfer", { vendorId: "big", data: "d".repeat(size) }),
          call("Authorize", { idTag: "t".repeat(size) }),
          JSON.stringify([2, "m".repeat(size), "Heartbeat", {}]),
          call("A".repeat(size), {}),
        ]);
        break;
      }
    }
    return { data, binary: category === "binary", category };
  }
}

// ─── The server under test, restarted (and the crash recorded) if a frame kills it ──────────────────────────────

describe("OCPP 1.6 ingest under fuzzing", { timeout: 120_000 }, () => {
  let database: ReturnType<typeof createTestDatabaseUrl>;
  let db: Db;
  let server: ChildCarrega;
  const crashes: string[] = [];
  let restarting: Promise<void> | null = null;

  /** If the process died, records why (with the frames that preceded it) and starts it again on the same port. */
  async function ensureServer(context: () => string): Promise<void> {
    if (server.isAlive()) return;
    restarting ??= (async () => {
      const { code, signal } = await server.exited;
      // The first lines of the trace name the throwing line; the rest repeat the recursion.
      const trace = server
        .stderr()
        .split("\n")
        .filter((line) => line.trim())
        .slice(0, 8)
        .join("\n    ");
      crashes.push(
        `process exited (${code ?? signal}) ${context()}\n    ${trace}`,
      );
      server = await spawnCarrega({
        databaseUrl: database.url,
        port: server.port,
      });
    })().finally(() => (restarting = null));
    await restarting;
  }

  async function assertHeartbeatAnswered(): Promise<void> {
    const probe = new TestCharger(server.ocppUrl, PROBE);
    await probe.connect();
    const reply = await probe.send<{ currentTime: string }>("Heartbeat", {});
    assert.ok(reply.currentTime, "a fresh charger's Heartbeat was answered");
    await probe.close({ force: true });
  }

  before(async () => {
    database = createTestDatabaseUrl();
    db = await createDb(database.url);
    const connectors = CONNECTOR_IDS.map((connectorId) => ({
      connectorId,
      standard: "IEC_62196_T2" as const,
      powerType: "AC_3_PHASE" as const,
      maxPowerKw: 22,
    }));
    await upsertStation(db, "fuzz", {
      name: "Fuzz Lab",
      lat: 38.72,
      lng: -9.14,
      chargers: [...chargerIds, PROBE, HOSTILE].map((chargePointId) => ({
        chargePointId,
        allowUnauthenticated: true,
        connectors,
      })),
    });
    await db.idTag.createMany({
      data: [
        { idTag: "FUZZ-OK" },
        { idTag: "FUZZ-BLOCKED", status: "Blocked" },
        { idTag: "FUZZ-EXPIRED", expiryDate: new Date("2020-01-01T00:00:00Z") },
      ],
    });
    server = await spawnCarrega({ databaseUrl: database.url });
  });

  after(async () => {
    await server?.stop();
    await db?.$disconnect();
    database?.cleanup();
  });

  test("hostile frames (over 1 MiB, invalid UTF-8, 100,000-deep nesting, 900 KB fields) never take the process down", async (t) => {
    const deepArray = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const hostile: {
      name: string;
      frame: string | Buffer;
      binary?: boolean;
      replyId?: string;
      mayClose?: boolean;
    }[] = [
      {
        name: "a text frame over maxPayload (1 MiB + 1 KB)",
        frame: JSON.stringify([
          2,
          "big",
          "DataTransfer",
          { vendorId: "x", data: "z".repeat(MAX_PAYLOAD + 1024) },
        ]),
        mayClose: true,
      },
      {
        name: "a text frame that is not UTF-8",
        frame: Buffer.from([0x5b, 0x32, 0x2c, 0xff, 0xfe, 0x5d]),
        mayClose: true,
      },
      {
        name: "a 100,000-deep array as the message type",
        frame: `[${deepArray},"deep-1"]`,
        replyId: "deep-1",
      },
      {
        name: "a 100,000-deep array as a CALLERROR's error code",
        frame: `[4,"deep-2",${deepArray},"",{}]`,
      },
      {
        name: "a 100,000-deep array as a CALLERROR's description",
        frame: `[4,"deep-3","GenericError",${deepArray},{}]`,
      },
      {
        name: "a 100,000-deep array as the payload",
        frame: `[2,"deep-4","Heartbeat",${deepArray}]`,
        replyId: "deep-4",
      },
      {
        name: "a 100,000-deep object in DataTransfer.data",
        frame: `[2,"deep-5","DataTransfer",{"vendorId":"x","data":${deepObject}}]`,
        replyId: "deep-5",
      },
      {
        name: "a 100,000-deep object as an extra property",
        frame: `[2,"deep-6","Heartbeat",{"x":${deepObject}}]`,
        replyId: "deep-6",
      },
      {
        name: "a 100,000-deep array as the action",
        frame: `[2,"deep-7",${deepArray},{}]`,
        replyId: "deep-7",
      },
      {
        name: "a 100,000-deep array as a fifth element",
        frame: `[2,"deep-8","Heartbeat",{},${deepArray}]`,
        replyId: "deep-8",
      },
      {
        name: "a 100,000-deep array as the message id",
        frame: `[2,${deepArray},"Heartbeat",{}]`,
      },
      {
        name: "a 900 KB message type",
        frame: JSON.stringify(["t".repeat(900_000), "huge-1"]),
        replyId: "huge-1",
      },
      {
        name: "a 900 KB action",
        frame: JSON.stringify([2, "huge-2", "A".repeat(900_000), {}]),
        replyId: "huge-2",
      },
      {
        name: "a 900 KB idTag",
        frame: JSON.stringify([
          2,
          "huge-3",
          "Authorize",
          { idTag: "i".repeat(900_000) },
        ]),
        replyId: "huge-3",
      },
      {
        name: "a 900 KB DataTransfer.data (valid per schema)",
        frame: JSON.stringify([
          2,
          "huge-4",
          "DataTransfer",
          { vendorId: "x", data: "d".repeat(900_000) },
        ]),
        replyId: "huge-4",
      },
      {
        name: "a binary frame",
        frame: Buffer.from(JSON.stringify([2, "bin-1", "Heartbeat", {}])),
        binary: true,
      },
    ];
    const problems: string[] = [];
    for (const {
      name,
      frame,
      binary = false,
      replyId,
      mayClose = false,
    } of hostile) {
      const socket = await RawSocket.open(server.ocppUrl, HOSTILE);
      const before = socket.replies.length;
      socket.send(frame, binary);
      if (replyId) {
        const reply = await socket.replyTo(replyId);
        if (!reply && !(mayClose && socket.closeCode !== undefined))
          problems.push(`${name}: no reply with id ${replyId}`);
        else if (reply && describeReplyProblem(reply))
          problems.push(`${name}: ${describeReplyProblem(reply)}`);
        // Each of these frames breaks a rule that has its own OCPP code; InternalError means the server tripped on it.
        else if (reply?.code === "InternalError")
          problems.push(
            `${name}: answered InternalError instead of the rule's code`,
          );
      }
      // Whatever the frame gets (nothing, or a reply) has come once a later CALL is answered; the process is alive.
      if (socket.isOpen) await socket.marker(name);
      if (socket.closeCode !== undefined && !mayClose)
        problems.push(
          `${name}: the server closed the socket (${socket.closeCode})`,
        );
      if (mayClose && socket.closeCode !== undefined)
        t.diagnostic(`${name}: socket closed with ${socket.closeCode}`);
      else if (socket.replies.length > before)
        t.diagnostic(
          `${name}: ${JSON.stringify(socket.replies.at(-1)?.raw).slice(0, 160)}`,
        );
      socket.close();
      if (!server.isAlive())
        await ensureServer(() => `after ${name}: ${preview(frame)}`);
    }
    await assertHeartbeatAnswered();
    const failures = [...crashes.map((crash) => `CRASH ${crash}`), ...problems];
    assert.equal(failures.length, 0, `hostile frames:\n${failures.join("\n")}`);
  });

  test("a charger that pipelines 1,000 CALLs without waiting gets exactly one reply to each", async (t) => {
    const crashesBefore = crashes.length;
    const socket = await RawSocket.open(server.ocppUrl, chargerIds[1]);
    const ids: string[] = [];
    const sentAt = Date.now();
    for (let i = 0; i < 1_000; i++) {
      const id = `flood-${i}`;
      ids.push(id);
      const payload =
        i % 2 === 0
          ? {}
          : {
              connectorId: 1 + (i % 2),
              status: "Available",
              errorCode: "NoError",
            };
      socket.send(
        JSON.stringify([
          2,
          id,
          i % 2 === 0 ? "Heartbeat" : "StatusNotification",
          payload,
        ]),
      );
    }
    const deadline = Date.now() + 30_000;
    while (
      socket.replies.length < ids.length &&
      Date.now() < deadline &&
      socket.isOpen
    )
      await socket.changed(500);
    // A late duplicate would come before the reply to a CALL sent after the flood.
    if (socket.isOpen) await socket.marker("the flood");
    t.diagnostic(
      `${socket.replies.length} replies in ${Date.now() - sentAt} ms`,
    );
    const replyCounts = new Map<string, number>();
    for (const reply of socket.replies)
      replyCounts.set(reply.id, (replyCounts.get(reply.id) ?? 0) + 1);
    const missing = ids.filter((id) => !replyCounts.has(id));
    const doubled = [...replyCounts]
      .filter(([, count]) => count > 1)
      .map(([id]) => id);
    // Past MAX_CALLS_IN_FLIGHT a pipelined CALL is refused with GenericError (lib/ocpp/connection.ts): any other
    // refusal is a failure, and the first ones are answered.
    const refused = socket.replies
      .filter((r) => r.type === 4 && r.code !== "GenericError")
      .map((r) => `${r.id}: ${r.code}`);
    const answered = socket.replies.filter((r) => r.type === 3).length;
    socket.close();
    await ensureServer(() => "during the pipelined flood");
    assert.equal(
      crashes.length,
      crashesBefore,
      crashes.slice(crashesBefore).join("\n"),
    );
    assert.deepEqual(
      {
        missing: missing.slice(0, 5),
        doubled: doubled.slice(0, 5),
        refused: refused.slice(0, 5),
      },
      { missing: [], doubled: [], refused: [] },
    );
    assert.ok(
      answered >= MAX_CALLS_IN_FLIGHT,
      `only ${answered} of the pipelined CALLs answered with a CALLRESULT`,
    );
  });

  test("schema-valid edge payloads (leap seconds, int32 overflow, 1e308 kWh, 8,000 samples) get no InternalError", async (t) => {
    const crashesBefore = crashes.length;
    server.errorLines.length = 0;
    const socket = await RawSocket.open(server.ocppUrl, chargerIds[0]);
    let seq = 0;
    const ask = async (action: string, payload: Json) => {
      const id = `edge-${++seq}`;
      socket.send(JSON.stringify([2, id, action, payload]));
      return socket.replyTo(id, 15_000);
    };
    const start = await ask("StartTransaction", {
      connectorId: 1,
      idTag: "FUZZ-OK",
      meterStart: 0,
      timestamp: "2026-03-01T10:00:00Z",
    });
    assert.ok(
      start?.type === 3,
      "a plain StartTransaction is answered with a CALLRESULT",
    );
    const transactionId = (start.raw[2] as { transactionId: number })
      .transactionId;
    const sample = (timestamp: string, value = "1.5", unit = "kWh") => ({
      timestamp,
      sampledValue: [{ value, unit }],
    });
    const manySamples = Array.from({ length: 8_000 }, (_, i) =>
      sample(
        new Date(Date.UTC(2026, 2, 1, 10) + (i + 1) * 1000).toISOString(),
        String(i),
      ),
    );
    const cases: [string, string, Json][] = [
      [
        "leap-second StartTransaction.timestamp",
        "StartTransaction",
        {
          connectorId: 1,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "2016-12-31T23:59:60Z",
        },
      ],
      [
        "leap-second StopTransaction.timestamp",
        "StopTransaction",
        {
          transactionId: 999_999,
          meterStop: 1,
          timestamp: "2016-12-31T23:59:60Z",
        },
      ],
      [
        "leap-second MeterValues timestamp",
        "MeterValues",
        {
          connectorId: 1,
          transactionId,
          meterValue: [sample("2016-12-31T23:59:60Z")],
        },
      ],
      [
        "leap-second StatusNotification.timestamp",
        "StatusNotification",
        {
          connectorId: 1,
          status: "Available",
          errorCode: "NoError",
          timestamp: "2016-12-31T23:59:60Z",
        },
      ],
      [
        "leap second with an offset in transactionData",
        "StopTransaction",
        {
          transactionId,
          meterStop: 10,
          timestamp: "2026-03-01T11:00:00Z",
          transactionData: [sample("2026-01-01T00:59:60+01:00")],
        },
      ],
      [
        "StartTransaction.connectorId 2^31",
        "StartTransaction",
        {
          connectorId: 2147483648,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "StatusNotification.connectorId 2^31",
        "StatusNotification",
        { connectorId: 2147483648, status: "Available", errorCode: "NoError" },
      ],
      [
        "StopTransaction.transactionId 2^31",
        "StopTransaction",
        {
          transactionId: 2147483648,
          meterStop: 1,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "MeterValues.transactionId 2^31",
        "MeterValues",
        {
          connectorId: 1,
          transactionId: 2147483648,
          meterValue: [sample("2026-03-01T10:00:00Z")],
        },
      ],
      [
        "StopTransaction.transactionId 1e300",
        "StopTransaction",
        {
          transactionId: 1e300,
          meterStop: 1,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "StartTransaction.meterStart 1e300",
        "StartTransaction",
        {
          connectorId: 2,
          idTag: "FUZZ-OK",
          meterStart: 1e300,
          timestamp: "2026-03-01T10:00:01Z",
        },
      ],
      [
        "StartTransaction.connectorId -1",
        "StartTransaction",
        {
          connectorId: -1,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "StartTransaction on an undeclared connector 99",
        "StartTransaction",
        {
          connectorId: 99,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "StatusNotification.connectorId -1",
        "StatusNotification",
        { connectorId: -1, status: "Faulted", errorCode: "OtherError" },
      ],
      [
        "StartTransaction.idTag empty",
        "StartTransaction",
        {
          connectorId: 2,
          idTag: "",
          meterStart: 0,
          timestamp: "2026-03-01T10:00:02Z",
        },
      ],
      [
        "StartTransaction.timestamp year 0000",
        "StartTransaction",
        {
          connectorId: 2,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "0000-01-01T00:00:00Z",
        },
      ],
      [
        "StartTransaction.timestamp past year 9999",
        "StartTransaction",
        {
          connectorId: 2,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "9999-12-31T23:59:59-23:59",
        },
      ],
      [
        "StatusNotification.timestamp year 0000",
        "StatusNotification",
        {
          connectorId: 2,
          status: "Available",
          errorCode: "NoError",
          timestamp: "0000-01-01T00:00:00Z",
        },
      ],
      [
        "lower-case t and z",
        "StartTransaction",
        {
          connectorId: 2,
          idTag: "FUZZ-OK",
          meterStart: 0,
          timestamp: "2026-03-01t10:00:03z",
        },
      ],
      [
        "MeterValues 1e308 kWh (Infinity Wh)",
        "MeterValues",
        {
          connectorId: 1,
          transactionId,
          meterValue: [sample("2026-03-01T10:30:00Z", "1e308")],
        },
      ],
      [
        "MeterValues NaN and Infinity",
        "MeterValues",
        {
          connectorId: 1,
          transactionId,
          meterValue: [
            sample("2026-03-01T10:31:00Z", "NaN"),
            sample("2026-03-01T10:32:00Z", "Infinity", "W"),
          ],
        },
      ],
      [
        "MeterValues with 8,000 samples",
        "MeterValues",
        { connectorId: 1, transactionId, meterValue: manySamples },
      ],
      // A long session's StopTxnSampledData: the stop must be applied whatever the length of its transactionData.
      [
        "StopTransaction with 1,500 transactionData samples",
        "StopTransaction",
        {
          transactionId,
          meterStop: 99_000,
          timestamp: "2026-03-02T10:00:00Z",
          transactionData: manySamples.slice(0, 1_500),
        },
      ],
      [
        "MeterValues with no samples",
        "MeterValues",
        { connectorId: 1, transactionId, meterValue: [] },
      ],
      [
        "MeterValues with an empty sampledValue",
        "MeterValues",
        {
          connectorId: 1,
          transactionId,
          meterValue: [{ timestamp: "2026-03-01T10:33:00Z", sampledValue: [] }],
        },
      ],
      [
        "StopTransaction.meterStop -1",
        "StopTransaction",
        {
          transactionId: 424_242,
          meterStop: -1,
          timestamp: "2026-03-01T10:00:00Z",
        },
      ],
      [
        "DataTransfer with 900 KB of data",
        "DataTransfer",
        { vendorId: "com.example", data: "d".repeat(900_000) },
      ],
      [
        "BootNotification with every field at its maximum length",
        "BootNotification",
        {
          chargePointVendor: "v".repeat(20),
          chargePointModel: "m".repeat(20),
          chargePointSerialNumber: "s".repeat(25),
          chargeBoxSerialNumber: "b".repeat(25),
          firmwareVersion: "f".repeat(50),
          iccid: "i".repeat(20),
          imsi: "n".repeat(20),
          meterType: "t".repeat(25),
          meterSerialNumber: "r".repeat(25),
        },
      ],
      [
        "an action named urn:x (not valid, but no server fault either)",
        "urn:x",
        {},
      ],
    ];
    const internalErrors: string[] = [];
    for (const [name, action, payload] of cases) {
      const reply = await ask(action, payload);
      const verdict = reply
        ? reply.type === 3
          ? "CALLRESULT"
          : `${reply.code}: ${reply.description?.slice(0, 120)}`
        : "no reply";
      t.diagnostic(`${name} → ${verdict}`);
      if (!reply || reply.code === "InternalError") {
        const valid = isSchemaValid(action, payload);
        internalErrors.push(
          `${name} (${valid ? "valid" : "invalid"} per schema) → ${verdict}\n    ${preview(JSON.stringify(payload), 200)}`,
        );
      }
    }
    socket.close();
    // What was stored must still be readable: a row Prisma wrote but cannot read back breaks every later query.
    const unreadable: string[] = [];
    const reads: [string, () => Promise<unknown>][] = [
      ["Transaction", () => db.transaction.findMany()],
      ["MeterSample", () => db.meterSample.findMany()],
      ["StatusHistory", () => db.statusHistory.findMany()],
      ["Connector", () => db.connector.findMany()],
    ];
    for (const [table, read] of reads) {
      await read().catch((error: unknown) =>
        unreadable.push(`${table}: ${String(error).slice(0, 300)}`),
      );
    }
    await ensureServer(() => "during the edge payloads");
    await assertHeartbeatAnswered();
    for (const site of faultSites(server.errorLines))
      t.diagnostic(`server fault: ${site}`);
    assert.equal(
      crashes.length,
      crashesBefore,
      crashes.slice(crashesBefore).join("\n"),
    );
    assert.deepEqual(unreadable, [], "stored rows that cannot be read back");
    assert.deepEqual(
      internalErrors,
      [],
      "CALLs answered with InternalError (a server fault) or not at all",
    );
  });

  test(`${FUZZ_FRAMES} random and mutated frames on ${CHARGERS} connections: every CALL answered exactly once, valid codes, no crash`, async (t) => {
    t.diagnostic(`seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const errorLinesBefore = server.errorLines.length;
    const crashesBefore = crashes.length;
    const startedAt = Date.now();
    const problems: string[] = [];
    const counts = {
      frames: 0,
      calls: 0,
      results: 0,
      errors: 0,
      anonymous: 0,
      byCode: new Map<string, number>(),
    };
    const internalOnValid: string[] = [];
    let internalOnInvalid = 0;
    let sent = 0;
    let serverCalls = 0;

    async function fuzzConnection(index: number): Promise<void> {
      const random = createRandom(SEED + index * 7919);
      const factory = new FrameFactory(random, `c${index}`);
      const transactionIds: number[] = [];
      const recent: string[] = [];
      // A stream of its own, so answers to the server's calls (timed by the server) do not shift the frames drawn.
      const answers = createRandom(SEED + index * 7919 + 1);
      const answerServerCall = (id: string) =>
        answers.pick([
          JSON.stringify([3, id, { status: "Accepted" }]),
          JSON.stringify([3, id, randomJson(answers)]),
          JSON.stringify([3, id]),
          JSON.stringify([
            4,
            id,
            answers.pick(["NotSupported", "GenericError", "Nonsense", ""]),
            text(answers, 20),
            randomJson(answers),
          ]),
          undefined, // no answer: the server's call must time out without harm
        ]);
      const open = async () => {
        const opened = await RawSocket.open(server.ocppUrl, chargerIds[index]);
        opened.answerServerCall = answerServerCall;
        return opened;
      };
      let socket = await open();
      const pending = new Map<
        string,
        {
          sentAt: number;
          frame: Frame;
          call?: { action: string; payload: unknown };
        }
      >();
      const answered = new Set<string>();
      const timedOut = new Map<string, number>();
      const usedIds = new Set<string>();
      let anonymousDue = 0;
      let read = 0;

      const absorb = () => {
        for (; read < socket.replies.length; read++) {
          const reply = socket.replies[read];
          const problem = describeReplyProblem(reply);
          if (reply.type === 4)
            counts.byCode.set(
              reply.code ?? "?",
              (counts.byCode.get(reply.code ?? "?") ?? 0) + 1,
            );
          if (reply.id === "-1") {
            counts.anonymous++;
            if (reply.type !== 4)
              problems.push(`c${index}: a CALLRESULT with id -1`);
            else if (problem) problems.push(`c${index}: ${problem}`);
            anonymousDue--;
            continue;
          }
          const sentFrame = pending.get(reply.id);
          const lateBy = timedOut.get(reply.id);
          if (lateBy !== undefined) {
            timedOut.delete(reply.id);
            answered.add(reply.id);
            problems.push(
              `c${index}: reply to ${reply.id} came ${Date.now() - lateBy} ms after the frame was sent`,
            );
            continue;
          }
          if (!sentFrame) {
            problems.push(
              `c${index}: ${answered.has(reply.id) ? "a second reply" : "a reply nobody asked for"} with id ${reply.id}: ${JSON.stringify(reply.raw).slice(0, 200)}`,
            );
            continue;
          }
          pending.delete(reply.id);
          answered.add(reply.id);
          if (problem)
            problems.push(
              `c${index}: ${problem} for ${preview(sentFrame.frame.data, 200)}`,
            );
          if (reply.type === 3) counts.results++;
          else counts.errors++;
          const call = sentFrame.call;
          if (reply.type === 3 && call?.action === "StartTransaction") {
            const id = (reply.raw[2] as { transactionId?: unknown } | null)
              ?.transactionId;
            if (typeof id === "number") transactionIds.push(id);
          }
          if (reply.code === "InternalError") {
            if (call && isSchemaValid(call.action, call.payload)) {
              internalOnValid.push(
                `${call.action} ${preview(JSON.stringify(call.payload), 400)} → ${reply.description}`,
              );
            } else internalOnInvalid++;
          }
        }
        for (const [id, { sentAt, frame }] of pending) {
          if (Date.now() - sentAt > REPLY_TIMEOUT_MS) {
            problems.push(
              `c${index}: no reply within ${REPLY_TIMEOUT_MS} ms to ${preview(frame.data, 200)}`,
            );
            pending.delete(id);
            timedOut.set(id, sentAt);
          }
        }
      };

      const reopen = async (why: string) => {
        problems.push(
          `c${index}: socket closed (${why}); last frames:\n    ${recent.join("\n    ")}`,
        );
        await ensureServer(
          () =>
            `during fuzzing; last frames on c${index}:\n    ${recent.join("\n    ")}`,
        );
        serverCalls += socket.serverCalls.length;
        socket = await open();
        pending.clear();
        anonymousDue = 0;
        read = 0;
      };

      while (sent < FUZZ_FRAMES) {
        absorb();
        if (!socket.isOpen) await reopen(`code ${socket.closeCode}`);
        if (pending.size + Math.max(0, anonymousDue) >= WINDOW) {
          await socket.changed(200);
          continue;
        }
        const frame = factory.next(transactionIds);
        const expectation = expectationFor(frame.data, frame.binary);
        // A random string in the id slot may repeat an id: that is a retransmission, a different test's subject.
        if (expectation.kind !== "anonymous") {
          if (usedIds.has(expectation.id)) continue;
          usedIds.add(expectation.id);
        }
        sent++;
        recent.push(`[${frame.category}] ${preview(frame.data, 200)}`);
        if (recent.length > 4) recent.shift();
        counts.frames++;
        if (expectation.kind === "reply") {
          pending.set(expectation.id, {
            sentAt: Date.now(),
            frame,
            call: expectation.call,
          });
          if (expectation.call) counts.calls++;
        } else if (expectation.kind === "anonymous") anonymousDue++;
        socket.send(frame.data, frame.binary);
      }
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      while (
        (pending.size > 0 || anonymousDue > 0) &&
        Date.now() < deadline &&
        socket.isOpen
      ) {
        await socket.changed(200);
        absorb();
      }
      // A late duplicate would come before the reply to a CALL sent after the rest.
      if (socket.isOpen) await socket.marker(`c${index}'s last frame`);
      absorb();
      for (const { frame } of pending.values())
        problems.push(`c${index}: never answered: ${preview(frame.data, 200)}`);
      if (anonymousDue !== 0)
        problems.push(
          `c${index}: ${anonymousDue > 0 ? anonymousDue : -anonymousDue} ${anonymousDue > 0 ? "fewer" : "more"} "-1" CALLERRORs than unreadable frames`,
        );
      serverCalls += socket.serverCalls.length;
      if (socket.unparseable.length > 0)
        problems.push(
          `c${index}: server frames that are not OCPP-J replies: ${socket.unparseable.slice(0, 3).join(" | ")}`,
        );
      socket.close();
    }

    await Promise.all(chargerIds.map((_, index) => fuzzConnection(index)));
    await ensureServer(() => "at the end of fuzzing");
    await assertHeartbeatAnswered();

    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    t.diagnostic(
      `${counts.frames} frames in ${seconds} s: ${counts.calls} CALLs, ${counts.results} CALLRESULTs, ${counts.errors} CALLERRORs, ${counts.anonymous} "-1" CALLERRORs`,
    );
    t.diagnostic(
      `CALLERROR codes: ${JSON.stringify(Object.fromEntries(counts.byCode))}`,
    );
    t.diagnostic(
      `${serverCalls} CALLs from the server (answered at random: accepted, garbage, CALLERROR, or never)`,
    );
    t.diagnostic(
      `InternalError: ${internalOnValid.length} on schema-valid payloads, ${internalOnInvalid} on invalid ones`,
    );
    for (const line of internalOnValid.slice(0, 10))
      t.diagnostic(`InternalError on a valid payload: ${line}`);
    for (const site of faultSites(server.errorLines.slice(errorLinesBefore)))
      t.diagnostic(`server fault: ${site}`);
    assert.ok(counts.frames >= FUZZ_FRAMES, `sent ${counts.frames} frames`);
    assert.equal(
      crashes.length,
      crashesBefore,
      `the process crashed (seed ${SEED}):\n${crashes.slice(crashesBefore).join("\n")}`,
    );
    assert.deepEqual(
      problems.slice(0, 30),
      [],
      `seed ${SEED}: ${problems.length} protocol problems`,
    );
    assert.deepEqual(
      internalOnValid.slice(0, 30),
      [],
      `seed ${SEED}: InternalError for payloads valid per the 1.6 schema`,
    );
  });
});
