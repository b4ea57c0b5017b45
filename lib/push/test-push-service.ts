// Test support: a local Web Push service over real TLS that checks VAPID, decrypts aes128gcm and answers as told.
import {
  createECDH,
  createPublicKey,
  randomBytes,
  verify,
  type ECDH,
} from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import ece from "http_ece";
import { createTestCertificate } from "../server/test-tls";

/** A received push as the service saw it: what a browser's push service would check, and the decrypted payload. */
export type ReceivedPush = {
  endpoint: string;
  at: number;
  status: number;
  ttl: number;
  urgency: string | undefined;
  /** The `k=` of the VAPID header: the server's public key. */
  vapidPublicKey: string;
  vapidClaims: { aud?: string; exp?: number; sub?: string };
  /** What is wrong with the VAPID header (empty when it is valid). */
  vapidProblems: string[];
  /** The JSON the service worker would get; undefined when decryption failed. */
  payload: unknown;
};

export type PushSubscriptionJson = {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
};

export type TestPushService = {
  origin: string;
  port: number;
  /** The self-signed certificate (PEM file): NODE_EXTRA_CA_CERTS for a child process. */
  certPath: string;
  /** Trusts the certificate, for sends from this process. */
  agent: https.Agent;
  received: ReceivedPush[];
  /** A subscription on this service whose keys only this test holds. */
  createSubscription(): PushSubscriptionJson;
  /** The next answers for `endpoint`, in order; 201 once they are spent. */
  answer(endpoint: string, ...statuses: number[]): void;
  /** Closes the listener and every open connection: sends fail to connect until `resume()`. */
  refuseConnections(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
};

type Receiver = { ecdh: ECDH; auth: Buffer };

/** Checks `Authorization: vapid t=<JWT>, k=<key>` as RFC 8292 asks: ES256 by k, aud our origin, exp ahead, sub. */
function checkVapid(
  header: string | undefined,
  origin: string,
): Pick<ReceivedPush, "vapidPublicKey" | "vapidClaims" | "vapidProblems"> {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(
    header ?? "",
  );
  if (!match)
    return {
      vapidPublicKey: "",
      vapidClaims: {},
      vapidProblems: [`no vapid Authorization header: ${header}`],
    };
  const [, jwt, k] = match;
  const [head, body, signature] = jwt.split(".");
  const problems: string[] = [];
  const header_ = JSON.parse(Buffer.from(head, "base64url").toString());
  const claims = JSON.parse(Buffer.from(body, "base64url").toString());
  if (header_.alg !== "ES256") problems.push(`alg ${header_.alg}`);
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) problems.push("signature does not verify with k");
  if (claims.aud !== origin) problems.push(`aud ${claims.aud}`);
  const nowS = Date.now() / 1000;
  // RFC 8292 §2: exp no more than 24 hours ahead.
  if (!(claims.exp > nowS && claims.exp <= nowS + 24 * 3600))
    problems.push(`exp ${claims.exp}`);
  if (!claims.sub) problems.push("no sub");
  return { vapidPublicKey: k, vapidClaims: claims, vapidProblems: problems };
}

export async function startTestPushService(): Promise<TestPushService> {
  const certificate = createTestCertificate();
  const { cert, certPath } = certificate;
  const receivers = new Map<string, Receiver>();
  const answers = new Map<string, number[]>();
  const received: ReceivedPush[] = [];
  let origin = "";

  const server = https.createServer(
    { cert, key: certificate.key },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const endpoint = `${origin}${req.url}`;
        const receiver = receivers.get(endpoint);
        const status = answers.get(endpoint)?.shift() ?? 201;
        let payload: unknown;
        if (receiver)
          try {
            payload = JSON.parse(
              ece
                .decrypt(Buffer.concat(chunks), {
                  version: "aes128gcm",
                  privateKey: receiver.ecdh,
                  authSecret: receiver.auth,
                })
                .toString(),
            );
          } catch {
            // Left undefined: the test asserts on the payload and names what failed.
          }
        received.push({
          endpoint,
          at: Date.now(),
          status,
          ttl: Number(req.headers.ttl),
          urgency: req.headers.urgency as string | undefined,
          ...checkVapid(req.headers.authorization, origin),
          payload,
        });
        res.writeHead(receiver ? status : 404).end();
      });
    },
  );
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;
  const agent = new https.Agent({ ca: cert, keepAlive: false });

  return {
    origin,
    port,
    certPath,
    agent,
    received,
    createSubscription() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${randomBytes(12).toString("base64url")}`;
      receivers.set(endpoint, { ecdh, auth });
      return {
        endpoint,
        expirationTime: null,
        keys: {
          p256dh: ecdh.getPublicKey().toString("base64url"),
          auth: auth.toString("base64url"),
        },
      };
    },
    answer(endpoint, ...statuses) {
      answers.set(endpoint, [...(answers.get(endpoint) ?? []), ...statuses]);
    },
    async refuseConnections() {
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve()),
      );
      server.closeAllConnections();
      await closed;
    },
    resume: () => listen(port),
    async close() {
      if (server.listening) {
        const closed = new Promise<void>((resolve) =>
          server.close(() => resolve()),
        );
        server.closeAllConnections();
        await closed;
      }
      agent.destroy();
      certificate.cleanup();
    },
  };
}
