// The demo's simulated chargers authenticate like real ones, on a fresh database and on one seeded before they had to.
import assert from "node:assert/strict";
import { test } from "node:test";
import pino from "pino";
import { parseSettings } from "../config";
import { generateDemoNetwork } from "../sim/network";
import { upsertStation } from "../store/stations";
import { isDemoOn, startDemo } from "./demo";
import { startTestCarrega } from "./test-harness";

const log = pino({ level: "silent" });

test("a demo database seeded before chargers needed passwords still runs its simulated chargers, also after a restart", async () => {
  const carrega = await startTestCarrega();
  try {
    // What the demo wrote before: its stations, every charger without a password.
    const seeded = generateDemoNetwork({ seed: 1 }).slice(0, 3);
    for (const { id, ...station } of seeded)
      await upsertStation(carrega.db, id, station);
    const chargePointIds = seeded
      .flatMap((station) => station.chargers)
      .map((charger) => charger.chargePointId)
      .slice(0, 3);
    assert.equal(chargePointIds.length, 3);

    for (const round of ["upgraded", "restarted"]) {
      const startedAt = new Date();
      const demo = await startDemo(
        carrega,
        { DEMO_CHARGERS: 3, DEMO_SEED: 1 },
        log,
      );
      // startDemo resolves once each simulated charger has booted, or failed and gone to retry.
      const chargers = await carrega.db.charger.findMany({
        where: { chargePointId: { in: chargePointIds } },
      });
      await demo.stop();
      for (const charger of chargers) {
        assert.match(charger.passwordHash ?? "", /^sha256\$/, round);
        assert.ok(
          charger.lastBootAt && charger.lastBootAt >= startedAt,
          `${charger.chargePointId} booted (${round})`,
        );
      }
    }
  } finally {
    await carrega.stop();
  }
});

test("the demo runs by default on one instance only: off with REDIS_URL unless DEMO=1 says this is the one", () => {
  const redis = "redis://127.0.0.1:6379";
  const cases: [Record<string, string>, boolean][] = [
    [{}, true],
    [{ REDIS_URL: redis }, false],
    [{ REDIS_URL: redis, DEMO: "1" }, true],
    [{ DEMO: "0" }, false],
  ];
  for (const [env, expected] of cases)
    assert.equal(
      isDemoOn(parseSettings({ NODE_ENV: "test", ...env })),
      expected,
      JSON.stringify(env),
    );
});
