// The push routes' request bodies: a browser's PushSubscription.toJSON() to keep, or an endpoint to forget.
import { createPublicKey } from "node:crypto";
import { z } from "zod";
import { checkPushEndpoint, type HostRule } from "./allowed-endpoints";

/** Bytes of a base64url string (padding tolerated: some browsers pad), or null when it is not base64url. */
function base64urlBytes(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value)
    ? Buffer.from(value.replace(/=+$/, ""), "base64url")
    : null;
}

/** RFC 8291 §3.1: the browser's ECDH key is an uncompressed P-256 point, which must lie on the curve. */
function isP256Point(value: string): boolean {
  const point = base64urlBytes(value);
  if (!point || point.length !== 65 || point[0] !== 0x04) return false;
  try {
    createPublicKey({
      key: {
        kty: "EC",
        crv: "P-256",
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      format: "jwk",
    });
    return true;
  } catch {
    // OpenSSL refuses a point off the curve: that is the answer, not an error.
    return false;
  }
}

const Keys = z
  .object({
    p256dh: z
      .string()
      .max(100)
      .refine(
        isP256Point,
        "must be the base64url of a 65-byte uncompressed P-256 point",
      ),
    auth: z
      .string()
      .max(40)
      .refine(
        (value) => base64urlBytes(value)?.length === 16,
        "must be the base64url of a 16-byte secret",
      ),
  })
  .strict();

const Endpoint = (rules: readonly HostRule[]) =>
  z.string().superRefine((endpoint, ctx) => {
    const problem = checkPushEndpoint(endpoint, rules);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** `POST /api/push/subscriptions`: what `PushSubscription.toJSON()` gives, the endpoint on an allowed push service. */
export const pushSubscriptionRequest = (rules: readonly HostRule[]) =>
  z.object({
    endpoint: Endpoint(rules),
    // Browsers send null or a time; the push service tells us when it lapses (410), so it is not kept.
    expirationTime: z.number().nullable().optional(),
    keys: Keys,
  });

/** `DELETE /api/push/subscriptions`: the endpoint to forget (any string: only this device's own can match). */
export const PushUnsubscribeRequest = z.object({
  endpoint: z.string().min(1).max(1024),
});
