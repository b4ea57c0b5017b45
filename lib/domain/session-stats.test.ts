import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LineFit, quantile } from "./session-stats";

describe("quantile", () => {
  const table: [string, number[], number, number][] = [
    ["the median of an odd sample is its middle", [1, 2, 9], 0.5, 2],
    ["the median of an even sample interpolates", [1, 2, 4, 9], 0.5, 3],
    [
      "the first quartile interpolates between ranks",
      [0, 10, 20, 30, 40],
      0.25,
      10,
    ],
    ["one value is every quantile", [7], 0.9, 7],
  ];
  for (const [behaviour, sorted, q, expected] of table)
    test(behaviour, () => assert.equal(quantile(sorted, q), expected));
});

describe("LineFit", () => {
  const fitOf = (points: [number, number][]) => {
    const fit = new LineFit();
    for (const [x, y] of points) fit.add(x, y);
    return fit.solve();
  };

  test("points on a line give it back with no residual", () => {
    const line = fitOf([
      [0, 1],
      [1, 3],
      [2, 5],
    ])!;
    assert.deepEqual(
      [line.slope, line.intercept, line.residualSs, line.slopeError],
      [2, 1, 0, 0],
    );
  });

  test("scatter shows in the residual and the slope's error", () => {
    const line = fitOf([
      [0, 0],
      [1, 2],
      [2, 2],
      [3, 4],
    ])!;
    assert.ok(Math.abs(line.slope - 1.2) < 1e-12);
    assert.ok(Math.abs(line.residualSs - 0.8) < 1e-12);
    assert.ok(Math.abs(line.slopeError - Math.sqrt(0.8 / 2 / 5)) < 1e-12);
  });

  test("no line through one point or points at one x", () => {
    assert.equal(fitOf([[1, 1]]), null);
    assert.equal(
      fitOf([
        [1, 1],
        [1, 2],
      ]),
      null,
    );
  });
});
