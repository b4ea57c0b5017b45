// Spawns the Prisma CLI with one dialect's config and DATABASE_URL (the configs read nothing else).
import { spawn } from "node:child_process";
import path from "node:path";
import type { Dialect } from "../lib/store/database-url";
import { providers } from "./providers";

/** The Prisma CLI with `dialect`'s config, on `url`; resolves to its exit status (and its output when piped). */
export function runPrisma(
  dialect: Dialect,
  url: string,
  args: string[],
  stdio: "inherit" | "pipe" = "inherit",
): Promise<{ status: number; stdout: string; stderr: string }> {
  const child = spawn(
    path.resolve("node_modules/.bin/prisma"),
    [...args, "--config", providers[dialect].config],
    {
      stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: url,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ status: code ?? 1, stdout, stderr })),
  );
}
