// The driver's screens in each language: Portuguese from the browser's Accept-Language, English by the switch (and
// remembered), prices and words as each language writes them, and the server-rendered station page in pt-PT.
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { allMarkers, expect, stationMarker, test } from "./fixtures";
import { deleteStation, putStation } from "./driver";

// In the Tagus off Cais do Sodré: in the opening view on a phone and a desktop, clear of the demo's stations.
const station = {
  name: "E2E Idioma Cais",
  lat: 38.6966,
  lng: -9.1262,
  address: "Cais do Sodré, 1200-450 Lisboa",
  tariff: { currency: "EUR", pricePerKwh: 0.35 },
  operator: "Cais Parques",
  openingHours: { twentyfourseven: true },
  timeZone: "Europe/Lisbon",
  parkingType: "UNDERGROUND_GARAGE",
  parkingRestrictions: ["CUSTOMERS"],
  chargers: [
    {
      chargePointId: "E2E-I18N-1",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
        },
        {
          connectorId: 2,
          standard: "IEC_62196_T2",
          powerType: "AC_3_PHASE",
          maxPowerKw: 7.4,
        },
      ],
    },
  ],
};
const stationPath = "/stations/e2e-i18n";

/** Intl writes "0,35 €" with a no-break space; a person reads a space. */
const euros = (amount: string) => new RegExp(`${amount}\\s€/kWh`);

test.beforeEach(async ({ request }) => {
  await putStation(request, "e2e-i18n", station);
});
test.afterEach(async ({ request }) => {
  await deleteStation(request, "e2e-i18n");
});

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: path.join(
      "e2e",
      ".output",
      `i18n-${testInfo.project.name}-${name}.png`,
    ),
  });
}

/** The filter card starts folded on phones; its toggle is "Filters" or "Filtros". */
async function openFilters(page: Page) {
  const toggle = page.locator(".filter-bar__toggle");
  if ((await toggle.getAttribute("aria-expanded")) === "false")
    await toggle.click();
}

/** What a person would see as broken: a page wider than the screen, or a label cut off inside its control. */
async function expectNothingOverflows(page: Page, screen: string) {
  const overflowing = await page.evaluate(() => {
    const cut = [
      ...document.querySelectorAll<HTMLElement>(
        "button, a, label, legend, .status-chip, .open-chip, h1, h2, dd, dt",
      ),
    ].filter(
      (el) =>
        el.checkVisibility() &&
        !el.closest(".visually-hidden") &&
        getComputedStyle(el).overflow !== "visible" &&
        el.scrollWidth > el.clientWidth + 1,
    );
    const wide = document.documentElement.scrollWidth > window.innerWidth;
    return [
      ...(wide ? ["the page is wider than the screen"] : []),
      ...cut.map((el) => `"${el.textContent?.trim()}" is cut off`),
    ];
  });
  expect(overflowing, `overflow on the ${screen}`).toEqual([]);
}

test.describe("a browser that asks for European Portuguese", () => {
  test.use({ locale: "pt-PT" });

  test("the map speaks pt-PT: counts, legend, filters and a marker's label", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
    await expect(page.getByTestId("live-line")).toHaveText(
      /^\d+ livres? · \d+ de \d+ ocupadas à vista$/,
    );
    await expect(page.getByRole("list", { name: "Legenda" })).toHaveText(
      /Livre.*Ocupado.*Avariado.*Sem sinal/,
    );
    await expect(stationMarker(page, station.name)).toHaveAccessibleName(
      `${station.name}: 0 de 2 livres, sem sinal`,
    );
    await openFilters(page);
    await expect(
      page.getByRole("group", { name: "Potência mínima" }),
    ).toBeVisible();
    await expect(
      page.getByRole("combobox", { name: "Preço máximo" }),
    ).toContainText(/até 0,30\s€\/kWh/);
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  });

  test("a station's details in pt-PT: price 0,35 €/kWh, decimal commas, statuses and access in Portuguese", async ({
    page,
  }) => {
    await page.goto(stationPath);
    const details = page.getByRole("region", { name: "Detalhes do posto" });
    await expect(
      details.getByRole("heading", { level: 1, name: station.name }),
    ).toBeFocused();
    await expect(details).toContainText(euros("Preço: 0,35"));
    await expect(page.getByTestId("station-summary")).toHaveText(
      "0 de 2 tomadas livres",
    );
    await expect(page.getByTestId("connector-detail")).toHaveText([
      /^CCS150 kW · DCSem sinaldesde \d\d:\d\d · /,
      /^Tipo 27,4 kW · AC trifásicoSem sinaldesde \d\d:\d\d · /,
    ]);
    await expect(page.getByTestId("opening-hours")).toHaveText(
      "Aberto 24 h, todos os dias",
    );
    await expect(page.getByTestId("access")).toHaveText(
      "Parque subterrâneo · só clientes",
    );
    await expect(
      details.getByRole("link", { name: "Como chegar (abre o Google Maps)" }),
    ).toBeVisible();
    await details.getByRole("link", { name: "Voltar ao mapa" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("the switch to English is remembered across a reload, and switches back", async ({
    page,
    context,
  }) => {
    test.slow(); // two switches, a reload and three page loads
    await page.goto("/");
    await expect(page.getByTestId("live-line")).toContainText("livre");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("live-line")).toHaveText(
      /^\d+ free · \d+ of \d+ connectors in use in view$/,
    );
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("list", { name: "Legend" })).toContainText(
      "Free",
    );
    await page.goto(stationPath);
    await expect(
      page.getByRole("region", { name: "Station details" }),
    ).toContainText(/Price: €0\.35\/kWh/);

    await page.goto("/");
    await page.getByRole("button", { name: "Português" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
    await expect(page.getByRole("list", { name: "Legenda" })).toBeVisible();
  });

  test("an unknown station answers 404 with a page in Portuguese that leads back to the map", async ({
    page,
  }) => {
    const response = await page.goto("/stations/no-such-station");
    expect(response?.status()).toBe(404);
    await expect(
      page.getByRole("heading", { name: "Posto não encontrado" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Voltar ao mapa" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe("the station page's HTML, as a crawler or a chat preview reads it (no JavaScript)", () => {
  function meta(html: string, attribute: "name" | "property", key: string) {
    const tag = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`);
    return tag.exec(html)?.[1];
  }

  test("in Portuguese for a Portuguese browser: lang, title, description, Open Graph, canonical, connectors", async ({
    request,
    baseURL,
  }) => {
    const response = await request.get(stationPath, {
      headers: { "accept-language": "pt-PT,pt;q=0.9" },
    });
    expect(response.status()).toBe(200);
    const html = await response.text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(html).toMatch(/<html lang="pt-PT"/);
    expect(head).toContain(`<title>${station.name} — Carrega</title>`);
    const url = `${baseURL}${stationPath}`;
    expect(head).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(meta(head, "property", "og:url")).toBe(url);
    expect(meta(head, "property", "og:type")).toBe("website");
    expect(meta(head, "property", "og:locale")).toBe("pt_PT");
    expect(meta(head, "property", "og:title")).toBe(
      `${station.name} — Carrega`,
    );
    const description =
      "Cais do Sodré, 1200-450 Lisboa. 0 de 2 tomadas livres agora: CCS 150 kW (Sem sinal) e Tipo 2 7,4 kW (Sem sinal). Em tempo real no Carrega.";
    expect(meta(head, "name", "description")).toBe(description);
    expect(meta(head, "property", "og:description")).toBe(description);
    // The page itself, before any script runs: name, address, price, every connector with power and status.
    const body = html.slice(html.indexOf("<body"));
    for (const text of [
      `<h1 class="station-sheet__name" tabindex="-1">${station.name}</h1>`,
      station.address,
      "Sem sinal",
      "7,4 kW",
      "AC trifásico",
    ])
      expect(body).toContain(text);
    expect(body).toMatch(euros("0,35"));
  });

  test("in English for any other browser, with today's English words", async ({
    request,
  }) => {
    const response = await request.get(stationPath, {
      headers: { "accept-language": "de-DE,de;q=0.9" },
    });
    const html = await response.text();
    expect(html).toMatch(/<html lang="en"/);
    expect(meta(html, "property", "og:locale")).toBe("en_GB");
    expect(html).toContain("Price: €0.35/kWh");
    expect(html).toContain("Offline");
  });

  test("an unknown id is a real 404, marked not to be indexed", async ({
    request,
  }) => {
    const response = await request.get("/stations/no-such-station", {
      headers: { "accept-language": "pt-PT" },
    });
    expect(response.status()).toBe(404);
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain("<title>Posto não encontrado — Carrega</title>");
    // The words themselves, not only a script that will write them.
    expect(html).toContain("<h1>Posto não encontrado</h1>");
    expect(html).toMatch(/<a [^>]*href="\/"[^>]*>.*Voltar ao mapa<\/a>/);
  });
});

test("screens in each language at this size, for a person to look at; nothing overflows", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.slow();
  for (const locale of ["pt-PT", "en"] as const) {
    await context.addCookies([
      {
        name: "NEXT_LOCALE",
        value: locale,
        url: baseURL ?? "",
      },
    ]);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("network-line")).toBeVisible();
    await expect(stationMarker(page, station.name)).toBeVisible();
    await expectNothingOverflows(page, `map (${locale})`);
    const legendRows = await page
      .locator(".legend li")
      .evaluateAll(
        (chips) =>
          new Set(chips.map((c) => c.getBoundingClientRect().top)).size,
      );
    expect(legendRows, `the legend's four states on one row (${locale})`).toBe(
      1,
    );
    await shoot(page, testInfo, `${locale}-map`);

    await openFilters(page);
    await expectNothingOverflows(page, `filters (${locale})`);
    await shoot(page, testInfo, `${locale}-filters`);

    await page.goto(stationPath);
    await expect(page.getByTestId("connector-detail").first()).toBeVisible();
    await expect(allMarkers(page).first()).toBeAttached(); // the map behind
    await expectNothingOverflows(page, `station details (${locale})`);
    await shoot(page, testInfo, `${locale}-details`);

    await page.goto("/stations/no-such-station");
    await expect(
      page.getByRole("heading", {
        name: locale === "en" ? "Station not found" : "Posto não encontrado",
      }),
    ).toBeVisible();
    await expectNothingOverflows(page, `not-found page (${locale})`);
    await shoot(page, testInfo, `${locale}-not-found`);
  }
});
