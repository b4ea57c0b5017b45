// The demo fleet is replayable: one seed fixes every simulated charger's drivers, faults and timings.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chargersFromNetwork } from "./fleet";
import { generateDemoNetwork } from "./network";

describe("demo fleet", () => {
  const network = generateDemoNetwork({ seed: 1, stations: 20 });

  test("the same seed gives every charger the same stream, another seed other streams", () => {
    const seeds = (seed: number) =>
      chargersFromNetwork(network, seed).map((charger) => charger.seed);
    assert.deepEqual(seeds(1), seeds(1));
    const [one, two] = [seeds(1), seeds(2)];
    assert.ok(one.every((seed, i) => seed !== two[i]));
    assert.equal(new Set(one).size, one.length, "two chargers share a stream");
  });
});
