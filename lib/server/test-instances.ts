// Test support: N instances of the app's storage code in processes of their own, each with its own database
// connection, running the same jobs at once: the races two deployed instances have, on SQLite and PostgreSQL alike.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import type { Db } from "../store/prisma";
import { openTestDb } from "./test-db";
import { withDeadline } from "./test-wait";

export type InstanceJob = { id: number; name: string; args: unknown };
export type InstanceAnswer =
  { id: number; result: unknown } | { id: number; error: string };

type Jobs = Record<string, (db: Db, args: never) => Promise<unknown>>;

export type TestInstance<J extends Jobs> = {
  /** Runs the jobs module's export `name` with `args` in this instance; Dates and Maps cross intact. */
  run<K extends keyof J & string>(
    name: K,
    args: Parameters<J[K]>[1],
  ): Promise<Awaited<ReturnType<J[K]>>>;
};

/**
 * Starts `count` instances on `url`, each loading `jobsModule` (a path from the project root), and stops them when
 * the test's `after` runs `close`. A separate process per instance is the only honest race on SQLite too: two
 * better-sqlite3 connections in one process block each other (lib/store/prisma.ts).
 */
export async function startTestInstances<J extends Jobs>(
  url: string,
  count: number,
  jobsModule: string,
): Promise<{ instances: TestInstance<J>[]; close(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || !child.connected) return;
        const exited = once(child, "exit");
        child.disconnect();
        await exited;
      }),
    );
  };
  try {
    const instances = await Promise.all(
      Array.from({ length: count }, async () => {
        const child = fork(
          path.resolve("lib/server/test-instance-process.ts"),
          [url, path.resolve(jobsModule)],
          { execArgv: ["--import", "tsx"], serialization: "advanced" },
        );
        children.push(child);
        return connect<J>(child);
      }),
    );
    return { instances, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function connect<J extends Jobs>(
  child: ChildProcess,
): Promise<TestInstance<J>> {
  const waiting = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >();
  let nextId = 1;
  child.on("message", (answer: InstanceAnswer) => {
    const job = waiting.get(answer.id);
    if (!job) return;
    waiting.delete(answer.id);
    if ("error" in answer) job.reject(new Error(answer.error));
    else job.resolve(answer.result);
  });
  child.on("exit", (code) => {
    for (const job of waiting.values())
      job.reject(new Error(`the instance exited (${code}) before answering`));
    waiting.clear();
  });
  const ready = new Promise((resolve, reject) =>
    waiting.set(0, { resolve, reject }),
  );
  await withDeadline(ready, "a test instance to start", 30_000);
  return {
    run(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, {
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        child.send({ id, name, args } satisfies InstanceJob);
      });
    },
  };
}

export type Race<J extends Jobs> = {
  db: Db;
  instances: TestInstance<J>[];
  /** Stops the instances, then removes the database. */
  close(): Promise<void>;
};

/** A test database of the run's dialect, set up by `seed`, and `count` instances on it loading `jobsModule`. */
export async function startRace<J extends Jobs>(
  jobsModule: string,
  count: number,
  seed: (db: Db) => Promise<void>,
): Promise<Race<J>> {
  const database = await openTestDb();
  try {
    await seed(database.db);
    const started = await startTestInstances<J>(
      database.url,
      count,
      jobsModule,
    );
    return {
      db: database.db,
      instances: started.instances,
      async close() {
        await started.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
