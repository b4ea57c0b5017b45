// A driver's account in a real browser: sign up, see the app token, add a card, sign out, a wrong password, sign in
// and back to where they were; pictures at phone and desktop size, each asserted for what a driver must see.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { demoUrl } from "./ports";

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(
      "e2e",
      ".output",
      `account-${testInfo.project.name}-${name}.png`,
    ),
    fullPage: true,
  });
}

test("sign up, see the app token, add an RFID card, sign out and back in", async ({
  page,
}, testInfo) => {
  test.slow(); // a dozen steps, two password hashes and two full page loads on a shared 2-core machine
  const run = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const email = `e2e-${run}@carrega.test`;
  const password = "correct horse battery";
  const card = `E2E${Date.now().toString(16).slice(-8).toUpperCase()}${testInfo.project.name === "phone" ? "P" : "D"}`;

  await page.goto("/");
  const accountLink = page.getByTestId("account-link");
  await expect(accountLink).toHaveText("Sign in");
  await page.locator(".map-header").screenshot({
    path: path.join(
      "e2e",
      ".output",
      `account-${testInfo.project.name}-0-header-link.png`,
    ),
  });
  await accountLink.click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(
    page.getByRole("heading", { name: "Sign in", level: 2 }),
  ).toBeVisible();
  await shoot(page, testInfo, "1-sign-in");

  await page.getByRole("button", { name: /Create an account/ }).click();
  await page.getByLabel("Name").fill("Ana Driver");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  const tokens = page.getByTestId("account-tokens").getByRole("listitem");
  await expect(tokens).toHaveCount(1);
  await expect(tokens.first()).toContainText("App token");
  await expect(tokens.first().locator("code")).toHaveText(/^APP[0-9A-F]{16}$/);

  const cardField = page.getByLabel("Add an RFID card");
  await cardField.fill(card);
  await page.getByRole("button", { name: "Add card" }).click();
  await expect(tokens).toHaveCount(2);
  await expect(tokens.nth(1)).toContainText("RFID card");
  await expect(tokens.nth(1).locator("code")).toHaveText(card);
  await expect(cardField).toHaveValue("");
  await cardField.fill(card);
  await page.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByTestId("card-problem")).toHaveText(
    "This card is registered already. If it is yours, ask the operator.",
  );
  await shoot(page, testInfo, "2-tokens");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(
    page.getByRole("heading", { name: "Sign in", level: 2 }),
  ).toBeVisible();

  // Signing in from a page of the map brings the driver back to it.
  await page.goto(`/account?next=${encodeURIComponent("/?view=list")}`);
  await expect(page.getByText("After signing in you go back")).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("auth-problem")).toHaveText(
    "Wrong e-mail or password.",
  );
  await shoot(page, testInfo, "3-wrong-password");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/\?view=list$/);
  await expect(page.getByTestId("account-link")).toHaveText("Account");

  await page.getByTestId("account-link").click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  await expect(tokens).toHaveCount(2);
});

test("a taken e-mail is told, and another site's path is never where sign-in leads", async ({
  page,
}, testInfo) => {
  const email = `e2e-taken-${testInfo.project.name}-${Date.now().toString(36)}@carrega.test`;
  const response = await page.request.post("/api/auth/sign-up/email", {
    data: { email, password: "correct horse battery", name: "First" },
    headers: { origin: demoUrl },
  });
  expect(response.status()).toBe(200);
  await page.context().clearCookies();

  await page.goto(`/account?next=${encodeURIComponent("//evil.example/")}`);
  await expect(page.getByText("After signing in you go back")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Map/ })).toHaveAttribute(
    "href",
    "/",
  );
  await page.getByRole("button", { name: /Create an account/ }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("auth-problem")).toHaveText(
    "There is an account with this e-mail already: sign in instead.",
  );
});
