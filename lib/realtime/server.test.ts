// socket.io speaks WebSocket only: what lets N instances run behind a load balancer without sticky sessions.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { connectTestBrowser, nextMessage } from "../server/test-browser";
import { startTestCarrega, type TestCarrega } from "../server/test-harness";

let carrega: TestCarrega;
before(async () => {
  carrega = await startTestCarrega();
});
after(() => carrega.stop());

test("a long-polling handshake is refused and a WebSocket one is served", async () => {
  // A polling session is many requests that must all reach the instance holding it; a balancer would need to pin them.
  const polling = await fetch(
    `${carrega.url}/socket.io/?EIO=4&transport=polling`,
  );
  assert.equal(polling.status, 400);
  assert.match(await polling.text(), /Transport unknown/);

  const browser = connectTestBrowser(carrega.url);
  try {
    const counts = await nextMessage(browser, "network:counts");
    assert.equal(typeof counts, "object");
  } finally {
    browser.close();
  }
});
