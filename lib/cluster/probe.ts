import pino from "pino";
import { startCarrega } from "../server/carrega";
import { createTestDatabaseUrl } from "../server/test-harness";
import { connectTestBrowser, recordMessages } from "../server/test-browser";
async function main() {
  const database = createTestDatabaseUrl();
  const settings = {
    PORT: 0,
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    OCPP_OFFLINE_GRACE_S: 120,
    OCPP_AUTO_REGISTER: false,
    TRUSTED_PROXIES: [],
    REDIS_URL: "redis://127.0.0.1:6379",
    REDIS_PREFIX: "probe-y" + Date.now(),
  };
  const log = pino({ level: "info" });
  const a = await startCarrega({ settings, log: log.child({ i: "A" }) });
  const b = await startCarrega({ settings, log: log.child({ i: "B" }) });
  const browser = connectTestBrowser(a.url);
  const heard = recordMessages(browser, "network:counts");
  await new Promise((r) => setTimeout(r, 500));
  console.log("heard on connect", heard.length);
  a.bus.publish([
    {
      type: "ConnectorStatusChanged",
      stationId: "x",
      lat: 0,
      lng: 0,
      chargePointId: "c",
      connectorId: 1,
      evseId: null,
      status: "AVAILABLE",
      statusSince: new Date(),
      connectorPk: 1,
    },
  ]);
  await new Promise((r) => setTimeout(r, 2500));
  console.log("heard after", heard.length);
  browser.close();
  await a.close();
  await b.close();
}
void main();
