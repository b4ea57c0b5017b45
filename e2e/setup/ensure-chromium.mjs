// Makes sure Debian's Chromium is there for Playwright (its own browser download cannot work offline).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(
      `Chromium not found at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        "or point CHROMIUM_PATH at a Chromium binary, then run the tests again.",
    );
    process.exit(1);
  }
  console.log(
    "Installing Debian's chromium for the browser tests (about 30 s)...",
  );
  execSync(
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
    { stdio: "inherit" },
  );
}
