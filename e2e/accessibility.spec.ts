// WCAG 2.1 AA by axe-core (contrast, names, roles) on every driver screen, and the smallest phone we support (360×640).
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { deleteStation, listItems, openFilters, openList } from "./driver";
import { emptyUrl } from "./ports";
import {
  appToken,
  expectSessionLive,
  sessionStation,
  signUp,
  startSessionStation,
} from "./sessions-driver";

async function expectNoViolations(page: Page, screen: string) {
  // Leaflet 1.9 gives tiles `mix-blend-mode: plus-lighter`, which axe 4.14 cannot blend: it then skips the contrast
  // rule for the whole page. The tiles are blank images here, so blending them normally changes no colour.
  await page.addStyleTag({
    content: ".leaflet-tile { mix-blend-mode: normal !important; }",
  });
  const { violations, incomplete, passes } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
  expect(found, `axe violations on the ${screen}`).toEqual([]);
  // A rule that threw is reported as incomplete, not violated: make sure every rule ran, contrast included.
  const crashed = incomplete.filter((rule) => "error" in rule);
  expect(crashed.map((rule) => rule.id)).toEqual([]);
  const contrast = passes.find((rule) => rule.id === "color-contrast");
  expect(contrast?.nodes.length ?? 0).toBeGreaterThan(5);
}

test("the map, filters, list and details meet WCAG 2.1 AA as axe checks it", async ({
  page,
}) => {
  // axe reads every node of four screens: 20 s on a desktop at load 8, past 30 s on the phone at load 19 (measured).
  test.slow();
  await page.goto("/");
  await expect(page.getByTestId("network-line")).toBeVisible();
  await expect(page.locator(".station-marker").first()).toBeVisible();
  await expectNoViolations(page, "map");

  await openFilters(page);
  await expectNoViolations(page, "filters");

  await openList(page);
  await expectNoViolations(page, "list");

  await listItems(page).first().locator("a").click();
  await expect(page.getByTestId("connector-detail").first()).toBeVisible();
  await expectNoViolations(page, "station details");
});

test("a driver's session screens (Start, live session, receipt, history) meet WCAG 2.1 AA as axe checks it", async ({
  page,
  context,
  request,
}, testInfo) => {
  test.slow();
  const stationId = `e2e-a11y-session-${testInfo.project.name}`;
  const charger = await startSessionStation(
    request,
    stationId,
    sessionStation(
      "Axe Charge Point",
      `E2E-A11Y-${testInfo.project.name.toUpperCase()}`,
    ),
  );
  try {
    await signUp(context, "Axe Driver");
    const idTag = await appToken(context);
    await page.goto(`${emptyUrl}/sessions`);
    // Five words on a page are too few for the contrast check's own floor: the empty state is read, not axed.
    await expect(page.getByTestId("history-empty")).toContainText(
      "tap Start charging",
    );

    await page.goto(`${emptyUrl}/stations/${stationId}`);
    await expect(page.getByTestId("start-charging")).toBeVisible();
    await expectNoViolations(page, "station details with Start");
    await page.getByRole("button", { name: "Start charging" }).click();
    await charger.remoteStarts.next();
    await page.waitForURL(/\/sessions\/[^/]+$/);
    await expectSessionLive(page);
    await charger.beginTransaction(idTag);
    await charger.meter(100, 60);
    await charger.meter(110, 60);
    await expect(page.getByTestId("session-eta")).toBeVisible();
    await expectNoViolations(page, "live session");

    await page.getByRole("button", { name: "Stop charging" }).click();
    await page.getByRole("button", { name: "Yes, stop" }).click();
    await charger.remoteStops.next();
    // Told "charging has finished" while still plugged in, then unplugged: the toast, still up, covers nothing (on a
    // phone it sat over the receipt's link, which could not be tapped).
    await charger.stopTransaction({ unplug: false });
    // The notices' sweep runs every 5 s: twice that and more on a loaded machine.
    await expect(
      page.getByRole("status", { name: "Session notices" }),
    ).toContainText("Charging has finished.", { timeout: 20_000 });
    await charger.status("Available");
    await page.getByRole("link", { name: "See the receipt" }).click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    await expectNoViolations(page, "receipt");

    await page.goto(`${emptyUrl}/sessions`);
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await expectNoViolations(page, "history");
  } finally {
    await charger.close();
    await deleteStation(request, stationId, emptyUrl);
  }
});

test("at 360×640 every screen fits the width and keeps its controls reachable", async ({
  page,
  isMobile,
}) => {
  test.skip(!isMobile, "a phone screen");
  await page.setViewportSize({ width: 360, height: 640 });
  const fitsWidth = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= 360);
  const shoot = (name: string) =>
    page.screenshot({ path: path.join("e2e", ".output", `small-${name}.png`) });

  await page.goto("/");
  await expect(page.locator(".station-marker").first()).toBeVisible();
  expect(await fitsWidth()).toBe(true);
  await expect(page.getByRole("button", { name: /^List \(/ })).toBeInViewport();
  await shoot("map");

  await openFilters(page);
  expect(await fitsWidth()).toBe(true);
  await shoot("filters");
  await page.getByRole("button", { name: /^Filters/ }).click();

  await openList(page);
  expect(await fitsWidth()).toBe(true);
  await shoot("list");

  await listItems(page).first().locator("a").click();
  await expect(page.getByTestId("connector-detail").first()).toBeVisible();
  expect(await fitsWidth()).toBe(true);
  await expect(
    page.getByRole("link", { name: /Back to map/ }),
  ).toBeInViewport();
  await shoot("details");
});
