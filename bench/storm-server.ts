// Reconnect-storm server: a Carrega process without Next on a fresh SQLite file, N chargers with passwords.
import { startTestCarrega } from "../lib/server/test-harness";
import { hashGeneratedPassword, hashPassword } from "../lib/ocpp/password";
import { upsertStation } from "../lib/store/stations";

const chargers = Number(process.argv[2] ?? 1000);
const password = process.argv[3] ?? "storm-secret";
const hash = process.argv[4] === "sha256" ? "sha256" : "scrypt";
const connectorsPerCharger = 2;

async function main() {
  const carrega = await startTestCarrega();
  for (let s = 0; s < chargers / 10; s++) {
    await upsertStation(carrega.db, `storm-${s}`, {
      name: `Storm ${s}`,
      lat: 38.7 + (s % 100) * 0.001,
      lng: -9.2 + Math.floor(s / 100) * 0.001,
      chargers: Array.from({ length: 10 }, (_, c) => ({
        chargePointId: `STORM-${s * 10 + c}`,
        connectors: Array.from({ length: connectorsPerCharger }, (_, k) => ({
          connectorId: k + 1,
          standard: "IEC_62196_T2" as const,
          powerType: "AC_3_PHASE" as const,
          maxPowerKw: 22,
        })),
      })),
    });
  }
  // One hash for all: each connect still costs a full check, while seeding 10,000 distinct scrypt hashes would cost
  // minutes of CPU before the storm starts.
  const passwordHash =
    hash === "sha256"
      ? hashGeneratedPassword(password)
      : await hashPassword(password);
  await carrega.db.charger.updateMany({ data: { passwordHash } });
  process.send?.({ ready: true, ocppUrl: carrega.ocppUrl });
  process.on("message", (message: { stop?: boolean }) => {
    // exit, not a return from main, so --cpu-prof writes its profile.
    if (message.stop) void carrega.stop().then(() => process.exit(0));
  });
}

void main();
