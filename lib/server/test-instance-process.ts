// Test support: one "instance" (its own process and database connection) running the jobs a test sends it, so that
// two of them race on one database as two app instances do. Started by startTestInstances (test-instances.ts).
// Usage: node --import tsx lib/server/test-instance-process.ts <DATABASE_URL> <jobs module path>, with an IPC channel.
import { createDb } from "../store/prisma";
import type { InstanceAnswer, InstanceJob } from "./test-instances";

async function main(): Promise<void> {
  const [url, jobsPath] = process.argv.slice(2);
  const db = await createDb(url);
  const jobs = (await import(jobsPath)) as Record<
    string,
    (db: unknown, args: unknown) => Promise<unknown>
  >;
  const answer = (message: InstanceAnswer) => process.send?.(message);
  process.on("message", (job: InstanceJob) => {
    jobs[job.name](db, job.args).then(
      (result) => answer({ id: job.id, result }),
      (error: unknown) =>
        answer({
          id: job.id,
          error:
            error instanceof Error
              ? (error.stack ?? error.message)
              : String(error),
        }),
    );
  });
  // The test closing the channel is the end: the connection goes with the process.
  process.on("disconnect", () => {
    void db.$disconnect().finally(() => process.exit(0));
  });
  answer({ id: 0, result: "ready" });
}

void main();
