// The operator and public read APIs over real HTTP against the production server (contracts 2, 3 and 5).
import { expect, test } from "@playwright/test";
import { demoUrl as base } from "./ports";

const admin = { authorization: "Bearer e2e-admin-token" };

const station = {
  name: "Continente Benfica <script>",
  lat: 38.7502,
  lng: -9.2008,
  address: "Estrada de Benfica 700, 1500-109 Lisboa",
  tariff: { currency: "EUR", pricePerKwh: 0.55, pricePerMinute: 0.05 },
  chargers: [
    {
      chargePointId: "E2E-API-1",
      password: "a-long-enough-secret",
      connectors: [
        {
          connectorId: 1,
          standard: "IEC_62196_T2_COMBO",
          powerType: "DC",
          maxPowerKw: 150,
        },
        {
          connectorId: 2,
          standard: "CHADEMO",
          powerType: "DC",
          maxPowerKw: 50,
        },
      ],
    },
  ],
};

test.describe("operator and public API", () => {
  test.skip(
    ({ isMobile }) => isMobile,
    "the API does not change with the screen; run it once",
  );

  test("GET /api/health answers 200 once the process accepts chargers and browsers", async ({
    request,
  }) => {
    const response = await request.get(`${base}/api/health`);
    expect(response.status()).toBe(200);
  });

  test("the operator API refuses a missing or wrong token with 401", async ({
    request,
  }) => {
    const missing = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: station,
    });
    expect(missing.status()).toBe(401);
    expect((await missing.json()).message).toMatch(/token/);
    const wrong = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: station,
      headers: { authorization: "Bearer guess" },
    });
    expect(wrong.status()).toBe(401);
    expect(
      (await request.delete(`${base}/api/admin/stations/e2e-api`)).status(),
    ).toBe(401);
  });

  test("the operator API refuses bad coordinates, bad JSON and short passwords with 400 and a message", async ({
    request,
  }) => {
    const badLat = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: { ...station, lat: 123 },
      headers: admin,
    });
    expect(badLat.status()).toBe(400);
    expect((await badLat.json()).message).toMatch(/^lat: /);

    const notJson = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: Buffer.from("{not json"),
      headers: { ...admin, "content-type": "application/json" },
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).message).toMatch(/valid JSON/);

    const shortPassword = await request.put(
      `${base}/api/admin/stations/e2e-api`,
      {
        data: {
          ...station,
          chargers: [{ ...station.chargers[0], password: "short" }],
        },
        headers: admin,
      },
    );
    expect(shortPassword.status()).toBe(400);
    expect((await shortPassword.json()).message).toMatch(
      /chargers\.0\.password: .*16/,
    );

    const badId = await request.put(`${base}/api/admin/stations/bad%20id`, {
      data: station,
      headers: admin,
    });
    expect(badId.status()).toBe(400);

    const badHours = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: {
        ...station,
        openingHours: {
          twentyfourseven: false,
          regularHours: [
            { weekday: 1, periodBegin: "20:00", periodEnd: "08:00" },
          ],
        },
        timeZone: "Mars/Olympus",
      },
      headers: admin,
    });
    expect(badHours.status()).toBe(400);
    expect((await badHours.json()).message).toMatch(
      /openingHours\.regularHours\.0: periodBegin must come before periodEnd.*timeZone: must be an IANA/,
    );
  });

  test("stations filter by operator, and GET /api/operators lists the network's operators with their stations", async ({
    request,
  }) => {
    const put = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: { ...station, operator: "E2E Operadora" },
      headers: admin,
    });
    expect(put.status()).toBe(200);
    expect((await put.json()).operator).toBe("E2E Operadora");
    const { operators } = await (
      await request.get(`${base}/api/operators`)
    ).json();
    expect(operators).toContainEqual({ name: "E2E Operadora", stations: 1 });
    const bbox = [
      station.lng - 0.01,
      station.lat - 0.01,
      station.lng + 0.01,
      station.lat + 0.01,
    ].join(",");
    const ours = await (
      await request.get(
        `${base}/api/stations?bbox=${bbox}&operator=${encodeURIComponent("E2E Operadora")}`,
      )
    ).json();
    expect(ours.stations.map((s: { id: string }) => s.id)).toEqual(["e2e-api"]);
    const others = await (
      await request.get(`${base}/api/stations?bbox=${bbox}&operator=Ionity`)
    ).json();
    expect(others.stations.map((s: { id: string }) => s.id)).not.toContain(
      "e2e-api",
    );
    await request.delete(`${base}/api/admin/stations/e2e-api`, {
      headers: admin,
    });
  });

  test("a station put by the operator reads back through the public API, filters apply, and delete removes it", async ({
    request,
  }) => {
    const put = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: station,
      headers: admin,
    });
    expect(put.status()).toBe(200);
    const created = await put.json();
    expect(created).toMatchObject({
      id: "e2e-api",
      name: "Continente Benfica <script>",
      lat: 38.7502,
      lng: -9.2008,
      address: station.address,
      available: 0,
      total: 2,
    });
    expect(created.connectors[0]).toMatchObject({
      chargePointId: "E2E-API-1",
      connectorId: 1,
      evseId: null,
      standard: "IEC_62196_T2_COMBO",
      powerType: "DC",
      maxPowerKw: 150,
      status: "UNKNOWN",
    });
    expect(JSON.stringify(created)).not.toContain("a-long-enough-secret");
    expect(
      await (await request.get(`${base}/api/stations/e2e-api`)).json(),
    ).toEqual(created);

    const around = "bbox=-9.21,38.74,-9.19,38.76";
    const ids = async (query: string) =>
      (
        (await (await request.get(`${base}/api/stations?${query}`)).json())
          .stations as { id: string }[]
      ).map((s) => s.id);
    expect(await ids(around)).toContain("e2e-api");
    expect(await ids(`${around}&standard=CHADEMO`)).toContain("e2e-api");
    expect(await ids(`${around}&standard=IEC_62196_T2`)).not.toContain(
      "e2e-api",
    );
    expect(await ids(`${around}&minPowerKw=100`)).toContain("e2e-api");
    expect(await ids(`${around}&minPowerKw=200`)).not.toContain("e2e-api");
    expect(await ids(`${around}&available=true`)).not.toContain("e2e-api");
    expect(await ids("bbox=-8.7,41.1,-8.55,41.2")).not.toContain("e2e-api");

    const replaced = await request.put(`${base}/api/admin/stations/e2e-api`, {
      data: {
        ...station,
        chargers: [
          {
            ...station.chargers[0],
            connectors: [station.chargers[0].connectors[0]],
          },
        ],
      },
      headers: admin,
    });
    expect((await replaced.json()).total).toBe(1);

    expect(
      (
        await request.delete(`${base}/api/admin/stations/e2e-api`, {
          headers: admin,
        })
      ).status(),
    ).toBe(204);
    const gone = await request.get(`${base}/api/stations/e2e-api`);
    expect(gone.status()).toBe(404);
    expect((await gone.json()).message).toContain("e2e-api");
  });

  test("the public read API refuses a missing or malformed bbox with 400", async ({
    request,
  }) => {
    expect((await request.get(`${base}/api/stations`)).status()).toBe(400);
    const inverted = await request.get(`${base}/api/stations?bbox=10,50,0,40`);
    expect(inverted.status()).toBe(400);
    expect((await inverted.json()).message).toMatch(/min <= max/);
    expect(
      (await request.get(`${base}/api/stations?bbox=a,b,c,d`)).status(),
    ).toBe(400);
    expect(
      (
        await request.get(`${base}/api/stations?bbox=-10,30,0,40&standard=USB`)
      ).status(),
    ).toBe(400);
  });

  test("answers come compressed as the client asks (Brotli, else gzip) and decode to the same stations", async () => {
    // fetch, not Playwright's request: it sends the Accept-Encoding given and decodes what comes back.
    const lisbon = `${base}/api/stations?bbox=-9.5,38.6,-9.0,38.9`;
    const read = async (acceptEncoding: string) => {
      const response = await fetch(lisbon, {
        headers: { "accept-encoding": acceptEncoding },
      });
      expect(response.status).toBe(200);
      return {
        encoding: response.headers.get("content-encoding"),
        answeredBy: response.headers.get("server-timing"),
        stations: ((await response.json()) as { stations: { id: string }[] })
          .stations,
      };
    };
    const plain = await read("identity");
    expect(plain.encoding).toBeNull();
    expect(plain.stations.length).toBeGreaterThan(10);
    const brotli = await read("gzip, deflate, br");
    expect(brotli.encoding).toBe("br");
    const gzip = await read("gzip");
    expect(gzip.encoding).toBe("gzip");
    // The demo's chargers change statuses meanwhile: the same stations, in the same order, answer each time.
    const ids = (r: typeof plain) => r.stations.map((s) => s.id);
    expect(ids(brotli)).toEqual(ids(plain));
    expect(ids(gzip)).toEqual(ids(plain));
    expect(plain.answeredBy).toMatch(/^(memory|database);dur=\d/);
  });
});
