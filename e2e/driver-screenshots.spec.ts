// Screenshots of the driver's screens (filters open, the list, a station's details) at phone and desktop size.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { listItems, openFilters, openList } from "./driver";

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
  await page.getByRole("button", { name: "CCS", exact: true }).click();
  await page.getByRole("button", { name: "50+ kW", exact: true }).click();
  await shoot(page, testInfo, "filters-open");

  await page.getByRole("button", { name: /^Filters/ }).click();
  await openList(page);
  await shoot(page, testInfo, "list");

  await listItems(page).first().locator("a").click();
  await expect(page.getByTestId("connector-detail").first()).toBeVisible();
  await shoot(page, testInfo, "details");
});
