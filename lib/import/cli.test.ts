// The command line as an operator runs it: the summary on stdout, progress on stderr, passwords in the report only.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { createTestDatabaseUrl } from "../server/test-harness";
import type { ImportReport } from "./import-file";

const run = promisify(execFile);
const cli = path.join(import.meta.dirname, "cli.ts");
const fixture = path.join(
  import.meta.dirname,
  "fixtures/real-export-defects.json",
);

/** Runs the CLI to completion (or for 60 s at most) and gives its exit code and output. */
async function importOcpi(databaseUrl: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", cli, ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return failed;
  }
}

describe("npm run import:ocpi", () => {
  let dir: string;
  let database: { url: string; cleanup: () => void };
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "carrega-import-cli-"));
    database = createTestDatabaseUrl();
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    database.cleanup();
  });

  test("--generate-passwords without --report is refused before anything is imported", async () => {
    const result = await importOcpi(database.url, [
      fixture,
      "--generate-passwords",
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--generate-passwords needs --report FILE/);
  });

  test("generated passwords reach the owner-only report and never the console", async () => {
    const reportFile = path.join(dir, "report.json");
    const result = await importOcpi(database.url, [
      fixture,
      "--report",
      reportFile,
      "--generate-passwords",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as ImportReport;
    assert.equal(report.imported, 18);
    const passwords = report.passwords ?? [];
    assert.ok(passwords.length > 0);
    for (const { password } of passwords) {
      assert.ok(!result.stdout.includes(password));
      assert.ok(!result.stderr.includes(password));
    }
    assert.equal(statSync(reportFile).mode & 0o777, 0o600);
    assert.match(
      result.stdout,
      new RegExp(
        `${passwords.length} chargers were given a generated password, written to ${reportFile} only`,
      ),
    );
    // Not a terminal: progress as a few plain lines, ending at the total.
    assert.match(result.stderr, /100% 22\/22 Locations\n$/);
  });
});
