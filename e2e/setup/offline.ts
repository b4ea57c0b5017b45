// Keeps a browser off the internet (there is none here): map tiles get a blank PNG, other outside requests fail fast.
import type { BrowserContext, Page } from "@playwright/test";

const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=",
  "base64",
);

const tileHosts = new Set(["tile.openstreetmap.org"]);
if (process.env.NEXT_PUBLIC_TILE_URL)
  tileHosts.add(
    new URL(process.env.NEXT_PUBLIC_TILE_URL.replace(/[{}]/g, "")).host,
  );

const localHosts = new Set(["127.0.0.1", "localhost"]);

/** Tiles get a blank PNG so the map stays deterministic; any other outside request fails fast instead of hanging. */
export async function blockOutsideNetwork(
  target: Page | BrowserContext,
): Promise<void> {
  await target.route(
    (url) => !localHosts.has(url.hostname),
    (route) => {
      const { hostname } = new URL(route.request().url());
      if (tileHosts.has(hostname))
        return route.fulfill({
          status: 200,
          contentType: "image/png",
          body: onePixelPng,
        });
      return route.abort("internetdisconnected");
    },
  );
}
