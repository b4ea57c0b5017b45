import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AlertFiredMessage, AlertView } from "@/lib/alerts/contract";
import {
  alertsReducer,
  findStationAlert,
  initialAlerts,
  MAX_TOASTS,
  type AlertsState,
} from "./alertsState";

const inLine: AlertView = {
  id: "a1",
  stationId: "oriente",
  stationName: "Oriente",
  expiresAt: "2026-12-01T11:00:00.000Z",
  hold: true,
  queuePosition: 2,
};
const near: AlertView = {
  id: "a2",
  near: { lat: 38.7, lng: -9.1, radiusKm: 5 },
  expiresAt: "2026-12-01T11:30:00.000Z",
  hold: false,
};

function fired(patch: Partial<AlertFiredMessage> = {}): AlertFiredMessage {
  return {
    alertId: "a1",
    stationId: "oriente",
    chargePointId: "CP-1",
    connectorId: 2,
    status: "AVAILABLE",
    ...patch,
  };
}

const ready: AlertsState = alertsReducer(initialAlerts, {
  type: "loaded",
  alerts: [inLine, near],
});

describe("the page's alerts", () => {
  test("a snapshot replaces the list and makes it ready", () => {
    assert.equal(ready.phase, "ready");
    assert.deepEqual(
      ready.alerts.map((a) => a.id),
      ["a1", "a2"],
    );
  });

  test("a created alert joins the list; the same alert saved again is replaced in place", () => {
    const created = alertsReducer(initialAlerts, {
      type: "saved",
      alert: inLine,
    });
    assert.deepEqual(created.alerts, [inLine]);
    const skipped = alertsReducer(ready, {
      type: "saved",
      alert: { ...inLine, skipNext: true },
    });
    assert.deepEqual(
      skipped.alerts.map((a) => [a.id, a.skipNext]),
      [
        ["a1", true],
        ["a2", undefined],
      ],
    );
  });

  test("alert:queue moves that alert's place in line and no other", () => {
    const moved = alertsReducer(ready, {
      type: "queue",
      message: { alertId: "a1", queuePosition: 1, skipNext: false },
    });
    assert.equal(moved.alerts[0].queuePosition, 1);
    assert.equal(moved.alerts[1], near);
  });

  test("an accepted hold becomes the alert's held connector at once, with the toast naming the station", () => {
    const held = alertsReducer(ready, {
      type: "fired",
      key: "t1",
      message: fired({ hold: { expiresAt: "2026-12-01T10:40:00.000Z" } }),
    });
    assert.deepEqual(held.alerts[0].held, {
      chargePointId: "CP-1",
      connectorId: 2,
      evseId: null,
      expiresAt: "2026-12-01T10:40:00.000Z",
    });
    assert.equal(held.toasts[0].stationName, "Oriente");
  });

  test("a refused hold shows a toast and leaves the alert armed, without a hold", () => {
    const refused = alertsReducer(ready, {
      type: "fired",
      key: "t1",
      message: fired({ hold: { refused: true } }),
    });
    assert.equal(refused.alerts[0].held, undefined);
    assert.equal(refused.alerts.length, 2);
    assert.equal(refused.toasts.length, 1);
  });

  test("a second freeing of one alert replaces its toast; the newest comes first and at most three stay", () => {
    let state = ready;
    state = alertsReducer(state, {
      type: "fired",
      key: "t1",
      message: fired(),
    });
    state = alertsReducer(state, {
      type: "fired",
      key: "t2",
      message: fired(),
    });
    assert.deepEqual(
      state.toasts.map((t) => t.key),
      ["t2"],
    );
    for (const [i, alertId] of ["b", "c", "d"].entries())
      state = alertsReducer(state, {
        type: "fired",
        key: `u${i}`,
        message: fired({ alertId, stationId: alertId }),
      });
    assert.equal(state.toasts.length, MAX_TOASTS);
    assert.deepEqual(
      state.toasts.map((t) => t.key),
      ["u2", "u1", "u0"],
    );
  });

  test("an ended alert leaves the list, its toast stays until dismissed", () => {
    let state = alertsReducer(ready, {
      type: "fired",
      key: "t1",
      message: fired(),
    });
    state = alertsReducer(state, {
      type: "ended",
      message: { alertId: "a1" },
    });
    assert.deepEqual(
      state.alerts.map((a) => a.id),
      ["a2"],
    );
    assert.equal(state.toasts.length, 1);
    state = alertsReducer(state, { type: "dismissed", key: "t1" });
    assert.equal(state.toasts.length, 0);
  });

  test("a station's alert is found by station id; an area alert belongs to no station", () => {
    assert.equal(findStationAlert(ready.alerts, "oriente"), inLine);
    assert.equal(findStationAlert(ready.alerts, "elsewhere"), undefined);
  });
});
