// Screenshots of the driver's screens (filters open, the list, a station's details) at phone and desktop size, each
// also asserted: the chosen filters pressed, a list of matching stations, the details of the station chosen.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { listedCount, listItems, openFilters, openList } from "./driver";

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join("e2e", ".output", `${testInfo.project.name}-${name}.png`),
  });
}

test("screens a driver uses, for a person to look at", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("network-line")).toBeVisible();
  await openFilters(page);
  const ccs = page.getByRole("button", { name: "CCS", exact: true });
  const fast = page.getByRole("button", { name: "50+ kW", exact: true });
  await ccs.click();
  await fast.click();
  await expect(ccs).toHaveAttribute("aria-pressed", "true");
  await expect(fast).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/minPowerKw=50/);
  await shoot(page, testInfo, "filters-open");

  await page.getByRole("button", { name: /^Filters/ }).click();
  await openList(page);
  await expect(page.locator("#station-list-title")).toBeVisible();
  expect(
    await listedCount(page),
    "stations matching CCS 50+ kW",
  ).toBeGreaterThan(0);
  for (const standards of await page
    .locator(".station-item__standards")
    .allTextContents())
    expect(standards).toContain("CCS");
  await shoot(page, testInfo, "list");

  const first = listItems(page).first();
  const name = (await first.locator(".station-item__name").textContent()) ?? "";
  await first.locator("a").click();
  const details = page.getByRole("region", { name: "Station details" });
  await expect(details.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("connector-detail").first()).toBeVisible();
  await expect(page.getByTestId("station-summary")).toHaveText(
    /^\d+ of \d+ connectors free$/,
  );
  await shoot(page, testInfo, "details");
});
