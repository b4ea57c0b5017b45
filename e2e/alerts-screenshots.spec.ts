// Phone-size pictures of alerts for a person to look at: creating one, the permission explanation, the toast, the
// hold's countdown and the line. Each is also asserted: what a driver looking at it must see, and nothing over it.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import {
  busyStation,
  createStationAlert,
  expectUncovered,
  newDevice,
  pushExplainer,
  startBusyStation,
  stationAlert,
  toast,
} from "./alerts-driver";
import { deleteStation } from "./driver";
import { expect, test } from "./fixtures";

const stationId = "e2e-alerts-shots";
const station = busyStation("Oriente Station Car Park", "E2E-ALERTS-SHOTS");

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(
      "e2e",
      ".output",
      `alerts-${testInfo.project.name}-${name}.png`,
    ),
  });
}

test("alerts on a phone: create, permission, toast, countdown, queue", async ({
  browser,
  request,
}, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "phone-size pictures");
  test.slow();
  const charger = await startBusyStation(request, stationId, station);
  const phone = {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  };
  const first = await newDevice(browser, phone);
  const second = await newDevice(browser, phone);
  try {
    const { page } = first;
    await page.goto(`/stations/${stationId}`);
    const card = stationAlert(page);
    await card.getByRole("checkbox", { name: /^Hold it for me/ }).check();
    await card.scrollIntoViewIfNeeded();
    await expect(card).toContainText("Tell me when a connector is free");
    await expect(card.getByRole("radio", { name: "60 min" })).toBeChecked();
    await expect(card).toContainText(
      "Drivers who asked earlier are served first.",
    );
    await expectUncovered(card.getByRole("button", { name: "Create alert" }));
    await shoot(page, testInfo, "1-create");

    await createStationAlert(page, { hold: true });
    const explainer = pushExplainer(page);
    await expect(explainer).toContainText("even with this tab closed");
    await expectUncovered(
      explainer.getByRole("button", { name: "Allow notifications" }),
    );
    await expectUncovered(explainer.getByRole("button", { name: "Not now" }));
    await shoot(page, testInfo, "2-permission");
    await explainer.getByRole("button", { name: "Not now" }).click();

    await second.page.goto(`/stations/${stationId}`);
    await createStationAlert(second.page, { hold: true });
    await pushExplainer(second.page)
      .getByRole("button", { name: "Not now" })
      .click();
    const place = stationAlert(second.page).getByTestId("queue-position");
    await expect(place).toHaveText("Place in line: 2");
    await stationAlert(second.page).scrollIntoViewIfNeeded();
    await expectUncovered(place);
    await shoot(second.page, testInfo, "5-queue");

    await charger.free(1);
    await charger.nextReservation();
    await charger.reserved(1);
    const shown = toast(page);
    await expect(shown).toContainText(
      "CCS at Oriente Station Car Park is free — held for you until",
    );
    await expectUncovered(shown.getByRole("link", { name: "Open station" }));
    await shoot(page, testInfo, "3-toast");

    await shown.getByRole("button", { name: "Dismiss" }).click();
    const countdown = card.getByTestId("hold-countdown");
    await expect(countdown).toContainText(
      /^Held for you until \d\d:\d\d \d+:\d\d left$/,
    );
    await card.scrollIntoViewIfNeeded();
    await expectUncovered(countdown);
    await expectUncovered(card.getByRole("button", { name: "Release" }));
    await shoot(page, testInfo, "4-countdown");

    // Back on the map, the list of my alerts carries the same countdown.
    await page.getByRole("link", { name: "Back to map" }).click();
    await expect(
      page.getByRole("region", { name: "Station details" }),
    ).toHaveCount(0);
    // Folded on a phone, the list still shows the countdown; unfolded, its buttons.
    const mine = page.getByRole("region", { name: "My alerts" });
    await expect(mine.getByRole("timer")).toContainText("left");
    await expectUncovered(mine.getByRole("timer"));
    await shoot(page, testInfo, "6-my-alerts-folded");
    await mine.getByRole("button", { name: /^My alerts/ }).click();
    await expectUncovered(mine.getByRole("button", { name: "Not yet" }));
    await shoot(page, testInfo, "7-my-alerts");
  } finally {
    await first.context.close();
    await second.context.close();
    await charger.close();
    await deleteStation(request, stationId);
  }
});
