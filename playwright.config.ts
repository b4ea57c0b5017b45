// Browser tests in Debian's Chromium against two production servers: A with the living demo, B with an empty network.
import { defineConfig } from "@playwright/test";
import { demoPort, demoUrl, emptyPort } from "./e2e/ports";
import { chromiumLaunchOptions } from "./e2e/setup/chromium";

// One seed for the demo's stations and drivers; serve.ts prints it, and DEMO_SEED=n replays another run's demo.
const demoSeed = process.env.DEMO_SEED ?? "1";

function server(port: number, demo: "0" | "1") {
  return {
    command: "npx tsx e2e/setup/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      PORT: String(port),
      DEMO: demo,
      DEMO_SEED: demoSeed,
      LOG_LEVEL: "warn",
    },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: demoUrl,
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      use: { browserName: "chromium", viewport: { width: 1440, height: 900 } },
    },
    {
      name: "phone",
      use: {
        browserName: "chromium",
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  // E2E_SERVERS=0: the specs that start their own servers (shutdown, cluster) run without the two shared ones.
  webServer:
    process.env.E2E_SERVERS === "0"
      ? []
      : [server(demoPort, "1"), server(emptyPort, "0")],
});
