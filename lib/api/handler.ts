// Wraps every route handler once: typed errors become JSON error responses, zod schemas parse input, admin auth.
import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { getSettings } from "../config";
import { log } from "../log";
import { ApiError } from "./errors";

type RouteContext<P> = { params: Promise<P> };
type Route<P> = (req: Request, ctx: RouteContext<P>) => Promise<Response>;

const noStore = { "cache-control": "no-store" };

export function json(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** A body already serialised (lib/store/station-read-model.ts keeps each station's JSON text). */
export function jsonText(
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    headers: { ...noStore, "content-type": "application/json", ...headers },
  });
}

/** A Server-Timing header (shown in a browser's network panel): what answered, and how long it took. */
export function serverTiming(name: string, startedAt: number) {
  const ms = (performance.now() - startedAt).toFixed(1);
  return { "server-timing": `${name};dur=${ms}` };
}

/** Catches ApiError (its status and message) and anything else (500 without internals). */
export function route<P>(handler: Route<P>): Route<P> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      if (ApiError.is(error))
        return json(
          { error: error.code, message: error.message },
          error.status,
        );
      log.error({ err: error, url: req.url }, "API handler failed");
      return json(
        { error: "internal", message: "Something went wrong on our side" },
        500,
      );
    }
  };
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.join(".") || "body"}: ${i.message}`,
    );
    throw new ApiError("bad_request", problems.join("; "));
  }
  return result.data;
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ApiError("bad_request", "The body must be valid JSON");
  }
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Operator routes: `Authorization: Bearer $ADMIN_TOKEN`; without ADMIN_TOKEN set, the operator API is closed. */
export function adminRoute<P>(handler: Route<P>): Route<P> {
  return route(async (req, ctx) => {
    const expected = getSettings().ADMIN_TOKEN;
    const given = /^Bearer (.+)$/.exec(
      req.headers.get("authorization") ?? "",
    )?.[1];
    if (!expected || !given || !tokensMatch(given, expected)) {
      throw new ApiError(
        "unauthorized",
        "A valid operator token is required (Authorization: Bearer ...)",
      );
    }
    return handler(req, ctx);
  });
}
