// Test support: a Redis server of the test's own on a private port, so it can be stopped, restarted empty, or
// frozen without touching the Redis everyone else shares.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { waitFor } from "../server/test-wait";

const run = promisify(execFile);

export type TestRedisServer = {
  url: string;
  /** Starts it (empty: no RDB, no AOF) and resolves once it answers PING. */
  start(): Promise<void>;
  /** SHUTDOWN NOSAVE: everything it held is gone, as after a restart without persistence. */
  stop(): Promise<void>;
};

export function testRedisServer(): TestRedisServer {
  const port = 63_100 + Math.floor(Math.random() * 800);
  const cli = (...args: string[]) =>
    run("redis-cli", ["-p", String(port), ...args], { timeout: 2_000 }).then(
      ({ stdout }) => stdout.trim(),
      () => null,
    );
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      await run("redis-server", [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "yes",
      ]);
      await waitFor(
        `redis-server on ${port} answering`,
        async () => (await cli("ping")) === "PONG",
      );
    },
    async stop() {
      await cli("shutdown", "nosave");
      await waitFor(
        `redis-server on ${port} gone`,
        async () => (await cli("ping")) === null,
      );
    },
  };
}
