// What crosses between instances comes back as it left: Dates as Dates, command failures as their own classes.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CallTimeout,
  ChargerBusy,
  ChargerDisconnected,
  ChargerNotConnected,
  ChargerRefusedCall,
} from "../ocpp/call-errors";
import { describeFailure, rebuildFailure } from "./call-failures";
import { decodeWire, encodeWire } from "./wire";

test("Dates nested in events and commands are Dates again on the other side, and other values stay as they were", () => {
  const sent = {
    type: "Reserve",
    expiresAt: new Date("2026-12-01T15:00:00.000Z"),
    nested: [{ statusSince: new Date(0) }],
    text: "2026-12-01T15:00:00.000Z",
    evseId: null,
  };
  const received = decodeWire<typeof sent>(encodeWire(sent));
  assert.deepEqual(received, sent);
  assert.ok(received.expiresAt instanceof Date);
  assert.equal(typeof received.text, "string");
});

test("every typed command failure is rebuilt as its own class with the same fields and message", () => {
  const failures = [
    new ChargerNotConnected("PT-1"),
    new ChargerDisconnected("PT-1", "ReserveNow"),
    new ChargerBusy("PT-1", "ReserveNow", 32),
    new CallTimeout("RemoteStartTransaction", 30_000),
    new ChargerRefusedCall("ReserveNow", "NotSupported", "no holds here"),
  ];
  for (const failure of failures) {
    const rebuilt = rebuildFailure(
      decodeWire(encodeWire(describeFailure(failure))),
    );
    assert.equal(rebuilt.constructor, failure.constructor);
    assert.deepEqual({ ...rebuilt }, { ...failure });
    assert.equal(rebuilt.message, failure.message);
  }
});

test("any other failure crosses as a plain Error with its message", () => {
  const rebuilt = rebuildFailure(describeFailure(new TypeError("bad command")));
  assert.equal(rebuilt.constructor, Error);
  assert.equal(rebuilt.message, "bad command");
});
