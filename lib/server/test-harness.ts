// Test support: a migrated database per test (SQLite, or PostgreSQL in the suite's second run) and a Carrega
// process without Next on a free port.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import type { Agent } from "node:https";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { StationInput } from "../domain/station";
import { migrationsHash } from "../../prisma/providers";
import { startCarrega, type Carrega } from "./carrega";
import { createPostgresTestDatabase, isPostgresRun } from "./test-postgres";

/** Migrating costs seconds; the migrated template is made once per migration set and copied per test. */
function templateDatabase(): string {
  const template = path.join(
    os.tmpdir(),
    `carrega-template-${migrationsHash("sqlite")}.db`,
  );
  if (!existsSync(template)) {
    const building = `${template}.${process.pid}`;
    execFileSync(
      process.execPath,
      ["--import", "tsx", "prisma/cli.ts", "migrate", "deploy"],
      {
        env: { ...process.env, DATABASE_URL: `file:${building}` },
        stdio: "ignore",
      },
    );
    copyFileSync(building, template);
    rmSync(building);
  }
  return template;
}

/** A migrated database of the run's dialect, removed by `cleanup`. */
export function createTestDatabaseUrl(): { url: string; cleanup: () => void } {
  if (isPostgresRun()) return createPostgresTestDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), "carrega-test-"));
  const file = path.join(dir, "test.db");
  copyFileSync(templateDatabase(), file);
  return {
    url: `file:${file}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type TestCarrega = Carrega & {
  ocppUrl: string;
  stop: () => Promise<void>;
};

export type TestSettings = {
  graceS?: number;
  autoRegister?: boolean;
  tls?: { cert: string; key: string };
  trustedProxies?: string[];
  /** The OCPP auth throttle's clock. */
  now?: () => number;
  /** Trusts the test's push service (lib/push/test-push-service.ts). */
  pushAgent?: Agent;
};

export async function startTestCarrega(
  options: TestSettings = {},
): Promise<TestCarrega> {
  const database = createTestDatabaseUrl();
  const carrega = await startCarrega({
    settings: {
      PORT: 0,
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      OCPP_OFFLINE_GRACE_S: options.graceS ?? 120,
      OCPP_AUTO_REGISTER: options.autoRegister ?? false,
      TLS_CERT: options.tls?.cert,
      TLS_KEY: options.tls?.key,
      TRUSTED_PROXIES: options.trustedProxies ?? [],
    },
    now: options.now,
    pushAgent: options.pushAgent,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  });
  return {
    ...carrega,
    ocppUrl: carrega.url.replace(/^http/, "ws") + "/ocpp",
    async stop() {
      await carrega.close();
      database.cleanup();
    },
  };
}

/** A station of one charger with one 22 kW Type 2 connector, connecting without a password: a protocol test's need. */
export function oneChargerStation(
  name: string,
  chargePointId: string,
  { lat, lng }: { lat: number; lng: number } = { lat: 38.72, lng: -9.14 },
): StationInput {
  return {
    name,
    lat,
    lng,
    chargers: [
      {
        chargePointId,
        allowUnauthenticated: true,
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2",
            powerType: "AC_3_PHASE",
            maxPowerKw: 22,
          },
        ],
      },
    ],
  };
}

/** The station with every charger allowed to connect without a password: for tests about anything but auth. */
export function withoutPasswords(station: StationInput): StationInput {
  return {
    ...station,
    chargers: station.chargers.map((charger) => ({
      ...charger,
      allowUnauthenticated: true,
    })),
  };
}
