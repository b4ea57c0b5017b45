import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SessionView } from "@/lib/sessions/contract";
import { liveSessionReducer, type LiveSessionState } from "./sessionState";

const charging: SessionView = {
  id: "s1",
  state: "charging",
  stationId: "oriente",
  chargePointId: "CP-1",
  connectorId: 1,
  startedAt: "2026-12-01T10:00:00.000Z",
  stoppedAt: null,
  energyKwh: 1,
  powerKw: 50,
  socPct: 40,
  cost: { currency: "EUR", total: 0.45, energy: 0.45, time: 0, idle: 0 },
  eta: null,
  stationName: "Oriente",
  requestedAt: "2026-12-01T09:59:50.000Z",
  target: { socPct: 80 },
  idleFeeFrom: null,
  capacityKwh: null,
};
const loaded: LiveSessionState = {
  updates: 0,
  view: charging,
  series: [
    {
      at: "2026-12-01T10:01:00.000Z",
      energyKwh: 1,
      powerKw: 50,
      socPct: 40,
    },
  ],
};

describe("the live session page's state", () => {
  test("an update with new figures replaces the session and adds a chart point at its arrival", () => {
    const next = liveSessionReducer(loaded, {
      type: "update",
      view: { ...charging, energyKwh: 2, powerKw: 48 },
      at: "2026-12-01T10:02:00.000Z",
    });
    assert.equal(next.view.energyKwh, 2);
    assert.deepEqual(next.series.at(-1), {
      at: "2026-12-01T10:02:00.000Z",
      energyKwh: 2,
      powerKw: 48,
      socPct: 40,
    });
  });

  const noPointCases: [string, SessionView, string][] = [
    [
      "an update that changed only the state",
      { ...charging, state: "suspended" },
      "2026-12-01T10:02:00.000Z",
    ],
    [
      "an update that arrived before the last point (a clock stepped back)",
      { ...charging, energyKwh: 2 },
      "2026-12-01T10:00:30.000Z",
    ],
    [
      "an update before the charger started",
      { ...charging, startedAt: null, energyKwh: 2 },
      "2026-12-01T10:02:00.000Z",
    ],
  ];
  for (const [name, view, at] of noPointCases)
    test(`${name} adds no chart point`, () => {
      const next = liveSessionReducer(loaded, { type: "update", view, at });
      assert.equal(next.view, view);
      assert.equal(next.series, loaded.series);
    });

  test("an update for another session changes nothing", () => {
    const next = liveSessionReducer(loaded, {
      type: "update",
      view: { ...charging, id: "s2", energyKwh: 9 },
      at: "2026-12-01T10:02:00.000Z",
    });
    assert.equal(next, loaded);
  });

  test("a fresh read replaces the session and the whole series", () => {
    const next = liveSessionReducer(loaded, {
      type: "loaded",
      view: { ...charging, state: "finished" },
      series: [],
      updates: 0,
    });
    assert.equal(next.view.state, "finished");
    assert.deepEqual(next.series, []);
  });

  test("a read begun before an update that has since arrived does not put the older session back", () => {
    const updated = liveSessionReducer(loaded, {
      type: "update",
      view: { ...charging, state: "waiting_for_car" },
      at: "2026-12-01T10:02:00.000Z",
    });
    const next = liveSessionReducer(updated, {
      type: "loaded",
      view: { ...charging, state: "starting" },
      series: [],
      updates: 0,
    });
    assert.equal(next, updated);
  });
});
