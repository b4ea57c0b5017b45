// socket.io rooms across instances through the Redis adapter: an auth session that ends on A leaves its rooms on B.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pino from "pino";
import { authSessionRoom, endAuthSession } from "../realtime/server";
import { startCarrega, type Carrega } from "../server/carrega";
import { connectTestBrowser, type TestBrowser } from "../server/test-browser";
import { createTestDatabaseUrl } from "../server/test-harness";
import { waitFor } from "../server/test-wait";
import { accountRoom } from "../sessions/contract";
import {
  dropTestPrefix,
  skipWithoutRedis,
  testRedisPrefix,
  testRedisUrl,
} from "./test-redis";

describe(
  "socket.io rooms across two instances",
  { skip: skipWithoutRedis("the socket.io adapter test") },
  () => {
    const prefix = testRedisPrefix();
    const databases = [createTestDatabaseUrl(), createTestDatabaseUrl()];
    let a: Carrega;
    let b: Carrega;
    let browser: TestBrowser;

    before(async () => {
      [a, b] = await Promise.all(
        databases.map((database) =>
          startCarrega({
            settings: {
              PORT: 0,
              HOST: "127.0.0.1",
              DATABASE_URL: database.url,
              OCPP_OFFLINE_GRACE_S: 120,
              OCPP_AUTO_REGISTER: false,
              TRUSTED_PROXIES: [],
              REDIS_URL: testRedisUrl,
              REDIS_PREFIX: prefix,
            },
            log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
          }),
        ),
      );
    });
    after(async () => {
      browser?.close();
      await Promise.all([a?.close(), b?.close()]);
      await dropTestPrefix(prefix);
      for (const database of databases) database.cleanup();
    });

    test("endAuthSession on A takes a signed-in socket on B out of its account's and session's rooms", async () => {
      browser = connectTestBrowser(b.url);
      await waitFor("the browser connected to B", () => browser.connected);
      const rooms = [accountRoom("user-1"), authSessionRoom("auth-1")];
      // As B's handshake does for a signed-in browser.
      b.io.in(browser.id as string).socketsJoin(rooms);
      const inRoom = async (room: string) =>
        (await b.io.local.in(room).fetchSockets()).length;
      await waitFor("the socket in both rooms", async () =>
        (await Promise.all(rooms.map(inRoom))).every((n) => n === 1),
      );
      // A sees B's socket through the adapter: the room is the cluster's.
      assert.equal(
        (await a.io.in(authSessionRoom("auth-1")).fetchSockets()).length,
        1,
      );
      endAuthSession(a.io, "auth-1", "user-1");
      await waitFor("the socket out of both rooms on B", async () =>
        (await Promise.all(rooms.map(inRoom))).every((n) => n === 0),
      );
      assert.equal(browser.connected, true, "signed out, not disconnected");
    });
  },
);
