// The operator API decides who may connect without a password: allowUnauthenticated through the real PUT route.
import WebSocket from "ws";
import { expect, test } from "./fixtures";
import { emptyOcppUrl, emptyUrl as base } from "./ports";

const admin = { authorization: "Bearer e2e-admin-token" };

function station(allowUnauthenticated?: boolean) {
  return {
    name: "Auth Lab",
    lat: 38.75,
    lng: -9.2,
    chargers: [
      {
        chargePointId: "E2E-AUTH-1",
        ...(allowUnauthenticated !== undefined && { allowUnauthenticated }),
        connectors: [
          {
            connectorId: 1,
            standard: "IEC_62196_T2",
            powerType: "AC_3_PHASE",
            maxPowerKw: 22,
          },
        ],
      },
    ],
  };
}

/** The HTTP status of a charger's upgrade without Basic auth: 101 when it was let in. */
function upgradeStatus(): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${emptyOcppUrl}/E2E-AUTH-1`, "ocpp1.6");
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", () => undefined);
  });
}

test("a charger without a password connects only while the operator's PUT says allowUnauthenticated", async ({
  request,
  isMobile,
}) => {
  test.skip(isMobile, "no screen involved; run it once");
  const put = async (body: object) =>
    expect(
      (
        await request.put(`${base}/api/admin/stations/e2e-auth`, {
          data: body,
          headers: admin,
        })
      ).status(),
    ).toBe(200);
  try {
    await put(station());
    expect(await upgradeStatus(), "no password, not allowed").toBe(401);
    await put(station(true));
    expect(await upgradeStatus(), "allowed by the operator").toBe(101);
    await put(station());
    expect(await upgradeStatus(), "a PUT without the flag").toBe(401);
  } finally {
    await request.delete(`${base}/api/admin/stations/e2e-auth`, {
      headers: admin,
    });
  }
});
