// The session's state from the request, the transaction, the connector's status and the car's departure.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SessionState } from "../sessions/contract";
import { sessionState, type SessionStateFacts } from "./session-state";

const at = new Date("2026-12-01T10:00:00Z");
const open = { stoppedAt: null };
const stopped = { stoppedAt: at };

const cases: [string, SessionStateFacts, SessionState][] = [
  [
    "asked, no answer yet",
    {
      request: "requested",
      transaction: null,
      ocppStatus: "Available",
      departedAt: null,
    },
    "starting",
  ],
  [
    "accepted, the cable not in yet",
    {
      request: "accepted",
      transaction: null,
      ocppStatus: "Available",
      departedAt: null,
    },
    "starting",
  ],
  [
    "accepted and the car plugged in, no transaction yet",
    {
      request: "accepted",
      transaction: null,
      ocppStatus: "Preparing",
      departedAt: null,
    },
    "waiting_for_car",
  ],
  [
    "the charger refused",
    {
      request: "refused",
      transaction: null,
      ocppStatus: "Available",
      departedAt: null,
    },
    "refused",
  ],
  [
    "the charger said nothing",
    {
      request: "no_answer",
      transaction: null,
      ocppStatus: null,
      departedAt: null,
    },
    "no_answer",
  ],
  [
    "accepted but the car never came (or the driver cancelled)",
    {
      request: "accepted",
      transaction: null,
      ocppStatus: "Available",
      departedAt: at,
    },
    "finished",
  ],
  [
    "open transaction, car preparing",
    {
      request: "accepted",
      transaction: open,
      ocppStatus: "Preparing",
      departedAt: null,
    },
    "waiting_for_car",
  ],
  [
    "open transaction, charging",
    {
      request: "requested",
      transaction: open,
      ocppStatus: "Charging",
      departedAt: null,
    },
    "charging",
  ],
  [
    "the car paused (SuspendedEV)",
    {
      request: "accepted",
      transaction: open,
      ocppStatus: "SuspendedEV",
      departedAt: null,
    },
    "suspended",
  ],
  [
    "the charger paused (SuspendedEVSE)",
    {
      request: "charger",
      transaction: open,
      ocppStatus: "SuspendedEVSE",
      departedAt: null,
    },
    "suspended",
  ],
  [
    "open, Finishing",
    {
      request: "accepted",
      transaction: open,
      ocppStatus: "Finishing",
      departedAt: null,
    },
    "finishing",
  ],
  [
    "2.0.1 Occupied while open",
    {
      request: "accepted",
      transaction: open,
      ocppStatus: "Occupied",
      departedAt: null,
    },
    "charging",
  ],
  [
    "a card start before any status",
    {
      request: "charger",
      transaction: open,
      ocppStatus: null,
      departedAt: null,
    },
    "charging",
  ],
  [
    "stopped, car still plugged in",
    {
      request: "accepted",
      transaction: stopped,
      ocppStatus: "Finishing",
      departedAt: null,
    },
    "finishing",
  ],
  [
    "stopped, connector free again",
    {
      request: "accepted",
      transaction: stopped,
      ocppStatus: "Available",
      departedAt: null,
    },
    "finished",
  ],
  [
    "the car left",
    {
      request: "accepted",
      transaction: stopped,
      ocppStatus: "Finishing",
      departedAt: at,
    },
    "finished",
  ],
  [
    "unplugged mid-transaction (EVDisconnected before the stop commits)",
    {
      request: "charger",
      transaction: open,
      ocppStatus: "Available",
      departedAt: at,
    },
    "finished",
  ],
];

for (const [name, facts, expected] of cases)
  test(`session state: ${name} → ${expected}`, () => {
    assert.equal(sessionState(facts), expected);
  });
