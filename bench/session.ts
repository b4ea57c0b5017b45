// npm run bench:session [-- --samples 3000]: what one live session's progress costs to compute (the session module
// runs it at most once a second per live session): energy cleaning, cost, capacity and curve fits, ETA band.
import { parseArgs } from "node:util";
import { computeSessionProgress } from "../lib/domain/session-progress";
import {
  DC_CAR,
  generateSession,
  minutesAfterStart,
} from "../lib/domain/session-generator";

const { values } = parseArgs({
  options: { samples: { type: "string", default: "3000" } },
});
const durationS = Number(values.samples);
const { facts } = generateSession({
  seed: 24,
  car: DC_CAR,
  startSocPct: 5,
  intervalS: 1,
  durationS,
  powerNoise: 0.03,
});
const now = minutesAfterStart(durationS / 60);
for (let i = 0; i < 20; i++) computeSessionProgress(facts, now); // warm the JIT
const calls = 200;
const started = performance.now();
for (let i = 0; i < calls; i++) computeSessionProgress(facts, now);
const perCall = (performance.now() - started) / calls;
console.log(
  `${facts.samples.length} samples: ${perCall.toFixed(2)} ms per progress computation (${calls} calls)`,
);
