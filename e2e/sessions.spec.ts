// A driver's charging session in a real browser against the real server: sign up, start at a strict test charger,
// watch energy, cost and the ETA rise, stop, read the receipt; another account sees a 404 and none of its events;
// a charger that refuses says so within 2 s. Pictures of each screen go to e2e/.output/session-*.png.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { newDevice } from "./alerts-driver";
import { deleteStation } from "./driver";
import { expect, test } from "./fixtures";
import { emptyUrl } from "./ports";
import {
  accountSocket,
  appToken,
  expectSessionLive,
  sessionStation,
  signUp,
  startSessionStation,
  type SessionCharger,
} from "./sessions-driver";

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(
      "e2e",
      ".output",
      `session-${testInfo.project.name}-${name}.png`,
    ),
    fullPage: true,
  });
}

/** The number a figure shows ("1.25 kWh", "€0.56"), for comparing as it rises. */
async function readNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? "";
  return Number(/[\d.,]+/.exec(text)?.[0].replace(",", ".") ?? NaN);
}

const chargers: SessionCharger[] = [];
const stationIds: string[] = [];

test.afterEach(async ({ request }) => {
  for (const charger of chargers.splice(0)) await charger.close();
  for (const id of stationIds.splice(0))
    await deleteStation(request, id, emptyUrl);
});

test("a driver signs up, starts at a charger, watches kWh, cost and ETA rise, stops and reads the receipt; another account sees none of it", async ({
  page,
  context,
  browser,
  request,
}, testInfo) => {
  // A whole session, two accounts and the map's "frees around", whose estimate the server refreshes twice a minute.
  test.setTimeout(180_000);
  const project = testInfo.project.name.toUpperCase();
  const stationId = `e2e-session-${testInfo.project.name}`;
  const refusingId = `e2e-session-refuses-${testInfo.project.name}`;
  stationIds.push(stationId, refusingId);
  const charger = await startSessionStation(
    request,
    stationId,
    sessionStation("Saldanha Fast Charge", `E2E-SESSION-${project}`),
  );
  chargers.push(charger);
  const refusing = await startSessionStation(
    request,
    refusingId,
    sessionStation("Campo Pequeno", `E2E-REFUSES-${project}`),
  );
  refusing.startAnswer = "Rejected";
  chargers.push(refusing);

  await test.step("start: signed out, the card leads to sign in", async () => {
    await page.goto(`${emptyUrl}/stations/${stationId}`);
    const card = page.getByTestId("start-charging");
    await expect(
      card.getByRole("link", { name: "Sign in to start" }),
    ).toHaveAttribute(
      "href",
      `/account?next=${encodeURIComponent(`/stations/${stationId}`)}`,
    );
  });

  await signUp(context, "Ana Driver");
  const idTag = await appToken(context);
  let sessionUrl = "";

  await test.step("start: signed in, Start asks the charger and opens the session", async () => {
    await page.goto(`${emptyUrl}/stations/${stationId}`);
    const card = page.getByTestId("start-charging");
    await expect(card.getByRole("combobox", { name: "Charge to" })).toHaveValue(
      "0",
    );
    await expect(
      card.getByRole("combobox", { name: "Charge to" }),
    ).toContainText("80 %");
    await shoot(page, testInfo, "1-start");
    await card.getByRole("button", { name: "Start charging" }).click();
    const remoteStart = await charger.remoteStarts.next();
    expect(remoteStart).toMatchObject({ connectorId: 1, idTag });
    await page.waitForURL(/\/sessions\/[^/]+$/);
    sessionUrl = page.url();
    await expectSessionLive(page);
    await charger.status("Preparing");
    await expect(page.getByTestId("session-state")).toContainText(
      "Plug in your car",
    );
    await shoot(page, testInfo, "2-plug-in");
  });

  await test.step("charging: kWh and cost rise, the ETA and the chart appear", async () => {
    await charger.beginTransaction(idTag);
    await expect(page.getByTestId("session-state")).toContainText("Charging");
    let energy = 0;
    let cost = 0;
    for (let sample = 1; sample <= 5; sample++) {
      await charger.meter(120 + sample * 5, 60);
      // Updates come at most once a second: the page shows each sample once its update lands.
      await expect
        .poll(() => readNumber(page, "session-energy"), {
          message: `the energy shown after sample ${sample}`,
        })
        .toBeGreaterThan(energy);
      energy = await readNumber(page, "session-energy");
      const costNow = await readNumber(page, "session-cost-total");
      expect(costNow).toBeGreaterThanOrEqual(cost);
      cost = costNow;
    }
    expect(cost).toBeGreaterThan(0);
    await expect(page.getByTestId("session-eta")).toContainText(
      /about \d\d:\d\d/,
    );
    await expect(page.getByTestId("session-soc")).toContainText("%");
    await expect(
      page.getByTestId("session-chart").locator("canvas"),
    ).toBeVisible();
    await expect(page.getByTestId("session-chart")).toContainText(
      /readings: peak/,
    );
    await shoot(page, testInfo, "3-charging");
  });

  await test.step("another account: its own 404, no events of this session, and a refusing charger says so within 2 s", async () => {
    const other = await newDevice(browser, { baseURL: emptyUrl });
    try {
      await signUp(other.context, "Bruno Other");
      const response = await other.page.goto(sessionUrl);
      expect(response?.status()).toBe(404);
      const { socket, updates } = await accountSocket(other.context);
      try {
        // A sample of the first driver's session lands on the first driver's page...
        const before = await readNumber(page, "session-energy");
        await charger.meter(130, 60);
        await expect
          .poll(() => readNumber(page, "session-energy"))
          .toBeGreaterThan(before);
        // ...then the other driver's own session: its update is the later event that must reach this socket.
        await other.page.goto(`/stations/${refusingId}`);
        const clicked = Date.now();
        await other.page
          .getByRole("button", { name: "Start charging" })
          .click();
        await expect(other.page.getByTestId("session-state")).toContainText(
          "Refused by the charger",
          { timeout: 2_000 },
        );
        testInfo.annotations.push({
          type: "refused shown",
          description: `${Date.now() - clicked} ms after the tap`,
        });
        const ownId = new URL(other.page.url()).pathname.split("/").at(-1);
        await expect
          .poll(() => updates.some((u) => u.id === ownId), {
            message: "the other driver's own session:update",
          })
          .toBe(true);
        const firstId = new URL(sessionUrl).pathname.split("/").at(-1);
        expect(updates.filter((u) => u.id === firstId)).toEqual([]);

        // The public station page says when the busy connector frees, and nothing about whose car it is. The
        // server refreshes the estimate at most twice a minute per session, as samples come: keep them coming.
        const station = await other.context.newPage();
        await station.goto(`/stations/${stationId}`);
        await expect
          .poll(
            async () => {
              await charger.meter(125, 10);
              return station.getByTestId("frees-around").count();
            },
            {
              message: "Frees around on the public station page",
              timeout: 60_000,
              intervals: [1_000],
            },
          )
          .toBeGreaterThan(0);
        // The details' connector, and the map's list row or popup too, say it.
        await expect(
          station.getByTestId("connector-detail").getByTestId("frees-around"),
        ).toHaveText(/^Frees around \d\d:\d\d$/);
        await shoot(station, testInfo, "8-frees-around");
      } finally {
        socket.close();
      }
    } finally {
      await other.context.close();
    }
  });

  await test.step("stop: asked twice, the charger stops, the receipt has it all", async () => {
    await page.getByRole("button", { name: "Stop charging" }).click();
    await expect(page.getByText("Stop charging now?")).toBeVisible();
    await shoot(page, testInfo, "4-stop-confirm");
    await page.getByRole("button", { name: "Yes, stop" }).click();
    await charger.remoteStops.next();
    await charger.stopTransaction();
    await expect(page.getByTestId("session-state")).toContainText("Finished");
    const energy = await readNumber(page, "session-energy");
    await page.getByRole("link", { name: "See the receipt" }).click();
    const receipt = page.getByTestId("receipt");
    await expect(receipt).toContainText("Saldanha Fast Charge");
    await expect(receipt).toContainText(`E2E-SESSION-${project}`);
    expect(await readNumber(page, "receipt-energy")).toBeCloseTo(energy, 2);
    await expect(page.getByTestId("receipt-total")).toContainText("€");
    await expect(receipt).toContainText("€0.45/kWh");
    await shoot(page, testInfo, "5-receipt");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByRole("navigation")).toBeHidden();
    await shoot(page, testInfo, "6-receipt-print");
    await page.emulateMedia({ media: "screen" });
  });

  await test.step("history: the session with its energy and cost, and the CSV", async () => {
    await page.goto(`${emptyUrl}/sessions`);
    const row = page.getByTestId("session-row").first();
    await expect(row).toContainText("Saldanha Fast Charge");
    await expect(row).toContainText("kWh");
    await expect(
      page.getByRole("link", { name: "Download CSV" }),
    ).toHaveAttribute("href", "/api/sessions.csv");
    await shoot(page, testInfo, "7-history");
  });
});
