import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  effectiveReportTime,
  isNewerReport,
  isOffline,
  toPublicStatus,
} from "./status";

describe("toPublicStatus", () => {
  const table: [string, string][] = [
    ["Available", "AVAILABLE"],
    ["Preparing", "CHARGING"],
    ["Charging", "CHARGING"],
    ["SuspendedEV", "CHARGING"],
    ["SuspendedEVSE", "CHARGING"],
    ["Finishing", "CHARGING"],
    ["Reserved", "RESERVED"],
    ["Unavailable", "INOPERATIVE"],
    ["Faulted", "OUTOFORDER"],
    ["Occupied", "CHARGING"],
    ["SomethingNew", "UNKNOWN"],
  ];
  for (const [ocpp, expected] of table) {
    test(`OCPP ${ocpp} is shown to drivers as ${expected}`, () =>
      assert.equal(toPublicStatus(ocpp), expected));
  }
});

describe("report ordering", () => {
  const t = (iso: string) => new Date(iso);
  test("a report at the same instant or later replaces the shown status", () => {
    assert.equal(
      isNewerReport(t("2026-11-25T10:00:00Z"), t("2026-11-25T10:00:00Z")),
      true,
    );
    assert.equal(
      isNewerReport(t("2026-11-25T10:00:00Z"), t("2026-11-25T10:00:01Z")),
      true,
    );
  });
  test("a late, offline-queued report does not", () => {
    assert.equal(
      isNewerReport(t("2026-11-25T10:00:00Z"), t("2026-11-25T09:00:00Z")),
      false,
    );
  });
  test("a charger clock ahead of ours counts at our receive time", () => {
    const received = t("2026-11-25T10:00:00Z");
    assert.equal(
      effectiveReportTime(t("2031-01-01T00:00:00Z"), received),
      received,
    );
    assert.deepEqual(
      effectiveReportTime(t("2026-11-25T09:59:00Z"), received),
      t("2026-11-25T09:59:00Z"),
    );
    assert.equal(effectiveReportTime(undefined, received), received);
  });
  test("a charger whose clock was never set (1970, year 0) counts at our receive time", () => {
    const received = t("2026-11-25T10:00:00Z");
    assert.equal(
      effectiveReportTime(t("1970-01-01T00:03:00Z"), received),
      received,
    );
    assert.equal(
      effectiveReportTime(new Date(Date.UTC(0, 0, 1)), received),
      received,
    );
  });
});

describe("isOffline", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const table: [string | null, boolean][] = [
    [null, true],
    ["2026-11-25T09:58:01Z", false],
    ["2026-11-25T09:58:00Z", false],
    ["2026-11-25T09:57:59Z", true],
  ];
  for (const [lastSeen, offline] of table) {
    test(`last seen ${lastSeen ?? "never"} with a 120 s grace is ${offline ? "offline" : "online"}`, () =>
      assert.equal(
        isOffline(lastSeen ? new Date(lastSeen) : null, now, 120),
        offline,
      ));
  }
});
