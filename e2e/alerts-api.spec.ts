// The alerts API over real HTTP against the production server: validation, the device cookie, ownership, limits.
import {
  request as playwrightRequest,
  type APIRequestContext,
} from "@playwright/test";
import { expect, test } from "./fixtures";
import { emptyUrl as base } from "./ports";

const admin = { authorization: "Bearer e2e-admin-token" };
const stationId = "e2e-alerts-api";

test.describe("alerts API", () => {
  test.skip(
    ({ isMobile }) => isMobile,
    "the API does not change with the screen; run it once",
  );

  test.beforeAll(async ({ request }) => {
    const put = await request.put(`${base}/api/admin/stations/${stationId}`, {
      headers: admin,
      data: {
        name: "Alerts Lab",
        lat: 38.74,
        lng: -9.15,
        holdMinutes: 15,
        chargers: [
          {
            chargePointId: "E2E-ALERTS-API-1",
            allowUnauthenticated: true,
            connectors: [
              {
                connectorId: 1,
                standard: "IEC_62196_T2_COMBO",
                powerType: "DC",
                maxPowerKw: 150,
              },
            ],
          },
        ],
      },
    });
    expect(put.status()).toBe(200);
    expect((await put.json()).holdMinutes).toBe(15);
  });

  // The empty network's own specs count its stations: leave none behind.
  test.afterAll(async ({ request }) => {
    await request.delete(`${base}/api/admin/stations/${stationId}`, {
      headers: admin,
    });
  });

  /** A second browser: its own cookie jar, so its own device. */
  async function otherDevice(): Promise<APIRequestContext> {
    return playwrightRequest.newContext();
  }

  test("bad input is refused with 400 and a message that names the field", async ({
    request,
  }) => {
    const cases: [object | Buffer, RegExp][] = [
      [{ stationId, minutes: 0 }, /minutes/],
      [{ stationId, minutes: 121 }, /minutes/],
      [{ stationId: "no spaces allowed", minutes: 30 }, /stationId/],
      [
        { near: { lat: 38.7, lng: -9.1, radiusKm: 51 }, minutes: 30 },
        /radiusKm/,
      ],
      [
        {
          near: { lat: 38.7, lng: -9.1, radiusKm: 5 },
          minutes: 30,
          hold: true,
        },
        /hold/,
      ],
      [
        {
          near: { lat: 38.7, lng: -9.1, radiusKm: 5 },
          standard: ["USB"],
          minutes: 30,
        },
        /standard/,
      ],
      [{ stationId, minutes: 30, extra: 1 }, /extra|unrecognized/i],
      [Buffer.from("{not json"), /JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await request.post(`${base}/api/alerts`, {
        data: body,
        headers: { "content-type": "application/json" },
      });
      expect(response.status(), JSON.stringify(body)).toBe(400);
      expect((await response.json()).message, JSON.stringify(body)).toMatch(
        message,
      );
    }
  });

  test("an alert belongs to the browser that made it: an httpOnly cookie, listed there only, 404 elsewhere", async ({
    request,
  }) => {
    const created = await request.post(`${base}/api/alerts`, {
      data: { stationId, minutes: 60, hold: true },
    });
    expect(created.status()).toBe(201);
    const cookie = created.headers()["set-cookie"];
    expect(cookie).toMatch(/^carrega_device=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const alert = await created.json();
    expect(alert).toMatchObject({
      stationId,
      stationName: "Alerts Lab",
      hold: true,
      queuePosition: 1,
    });
    const minutesLeft = (Date.parse(alert.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(58);
    expect(minutesLeft).toBeLessThanOrEqual(60);

    const near = await request.post(`${base}/api/alerts`, {
      data: {
        near: { lat: 38.74, lng: -9.15, radiusKm: 5 },
        standard: ["IEC_62196_T2_COMBO"],
        minPowerKw: 50,
        minutes: 30,
      },
    });
    expect(near.status()).toBe(201);
    expect(
      near.headers()["set-cookie"],
      "the device exists already",
    ).toBeUndefined();
    expect(await near.json()).toMatchObject({
      near: { lat: 38.74, lng: -9.15, radiusKm: 5 },
      standard: ["IEC_62196_T2_COMBO"],
      minPowerKw: 50,
      hold: false,
    });

    const mine = await (await request.get(`${base}/api/alerts`)).json();
    expect(mine.alerts.map((a: { id: string }) => a.id)).toContain(alert.id);

    const other = await otherDevice();
    try {
      expect(
        (await (await other.get(`${base}/api/alerts`)).json()).alerts,
      ).toEqual([]);
      expect(
        (await other.delete(`${base}/api/alerts/${alert.id}`)).status(),
      ).toBe(404);
      const joined = await other.post(`${base}/api/alerts`, {
        data: { stationId, minutes: 30, hold: true },
      });
      expect(
        (await joined.json()).queuePosition,
        "second in this station's line",
      ).toBe(2);
    } finally {
      await other.dispose();
    }
    expect(
      (await request.delete(`${base}/api/alerts/${alert.id}`)).status(),
    ).toBe(204);
    const after = await (await request.get(`${base}/api/alerts`)).json();
    expect(after.alerts.map((a: { id: string }) => a.id)).not.toContain(
      alert.id,
    );
  });

  test("an unknown station is 404, a second alert for one station 409, an eleventh active alert 429", async ({
    request,
  }) => {
    const unknown = await request.post(`${base}/api/alerts`, {
      data: { stationId: "nowhere", minutes: 30 },
    });
    expect(unknown.status()).toBe(404);
    const once = await request.post(`${base}/api/alerts`, {
      data: { stationId, minutes: 30 },
    });
    expect(once.status()).toBe(201);
    const twice = await request.post(`${base}/api/alerts`, {
      data: { stationId, minutes: 30 },
    });
    expect(twice.status()).toBe(409);
    expect((await twice.json()).message).toMatch(/already has alert/);
    expect(
      (
        await request.delete(`${base}/api/alerts/${(await once.json()).id}`)
      ).status(),
    ).toBe(204);
    for (let radiusKm = 1; radiusKm <= 10; radiusKm++) {
      const near = { near: { lat: 38.74, lng: -9.15, radiusKm }, minutes: 30 };
      expect(
        (await request.post(`${base}/api/alerts`, { data: near })).status(),
      ).toBe(201);
    }
    const eleventh = await request.post(`${base}/api/alerts`, {
      data: { stationId, minutes: 30 },
    });
    expect(eleventh.status()).toBe(429);
    expect((await eleventh.json()).message).toMatch(/10 alerts/);
  });

  test("a device that keeps changing alerts is slowed with 429", async ({
    request,
  }) => {
    expect(
      (
        await request.post(`${base}/api/alerts`, {
          data: { stationId, minutes: 30 },
        })
      ).status(),
    ).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await request.delete(`${base}/api/alerts/not-an-alert-${i}`)).status(),
      );
    expect(statuses.slice(0, 29).every((s) => s === 404)).toBe(true);
    const last = await request.delete(`${base}/api/alerts/not-an-alert-last`);
    expect(last.status()).toBe(429);
    expect((await last.json()).message).toMatch(/try again in \d+ s/);
  });
});
