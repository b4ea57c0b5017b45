// The value repairs: each one changes only what it names, and says what it changed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Repair } from "./inference";
import {
  dropEmptyStrings,
  readCoordinate,
  readNumbers,
  readUpperCase,
} from "./repair";

/** Runs a repair and gives what it returned with the repairs it noted. */
function noted<T>(repair: (note: (r: Repair) => void) => T) {
  const repairs: Repair[] = [];
  return { value: repair((r) => repairs.push(r)), repairs };
}

describe("value repairs", () => {
  test("empty strings are dropped in the record and its nested objects, not in its lists", () => {
    const { value, repairs } = noted((note) =>
      dropEmptyStrings(
        {
          name: " ",
          city: "Porto",
          operator: { name: "" },
          evses: [{ uid: "" }],
          tags: [""],
        },
        note,
      ),
    );
    assert.deepEqual(value, {
      city: "Porto",
      operator: {},
      evses: [{ uid: "" }],
      tags: [""],
    });
    assert.deepEqual(
      repairs.map((r) => r.field),
      ["name", "operator.name"],
    );
  });

  test("decimal strings become numbers; other strings are left for the schema to refuse", () => {
    const { value, repairs } = noted((note) =>
      readNumbers(
        { max_voltage: "230", max_amperage: "32 A", max_electric_power: 22000 },
        ["max_voltage", "max_amperage", "max_electric_power"],
        note,
      ),
    );
    assert.deepEqual(value, {
      max_voltage: 230,
      max_amperage: "32 A",
      max_electric_power: 22000,
    });
    assert.deepEqual(repairs, [
      {
        kind: "value:number-string",
        field: "max_voltage",
        from: "230",
        value: 230,
      },
    ]);
  });

  test("OCPI words are upper-cased, and only a change is noted", () => {
    const { value, repairs } = noted((note) =>
      readUpperCase(
        { standard: "chademo", power_type: "DC" },
        ["standard", "power_type"],
        note,
      ),
    );
    assert.deepEqual(value, { standard: "CHADEMO", power_type: "DC" });
    assert.deepEqual(
      repairs.map((r) => `${r.field} ${String(r.from)} → ${String(r.value)}`),
      ["standard chademo → CHADEMO"],
    );
  });

  const coordinates: [unknown, number | string, boolean][] = [
    ["38.70775", 38.70775, false],
    [" -9.1 ", -9.1, false],
    [38.7, 38.7, false],
    ["38,70775", 38.70775, true],
    ["38.7.1", '"38.7.1" is not a decimal number', false],
    [null, "is missing", false],
    [undefined, "is missing", false],
    ["90.5", "90.5 is outside -90..90", false],
  ];
  for (const [input, expected, repaired] of coordinates) {
    test(`latitude ${JSON.stringify(input)} reads as ${JSON.stringify(expected)}`, () => {
      const { value, repairs } = noted((note) =>
        readCoordinate(input, "coordinates.latitude", 90, note),
      );
      assert.equal(value, expected);
      assert.deepEqual(
        repairs.map((r) => r.kind),
        repaired ? ["value:decimal-comma"] : [],
      );
    });
  }
});
