// A link to a station that is not (or no longer) there answers 404 with the not-found page in its HTML.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse, type UrlWithParsedQuery } from "node:url";
import { log } from "../log";
import { MISSING_STATION, NOT_FOUND_KIND_HEADER } from "../seo/not-found-kind";
import type { Db } from "../store/prisma";
import { stationExists } from "../store/stations";
import type { RequestHandler } from "./carrega";

/** Next.js's request handler, which can be told which of its routes to render. */
type NextHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  parsedUrl?: UrlWithParsedQuery,
) => Promise<void>;

/** Next's own 404 route: rendered on the server, answered with status 404. */
const NOT_FOUND_ROUTE = parse("/_not-found", true);

/** The station id of a page load of /stations/{id}; null for anything else, and for the app's own navigations. */
export function stationPageId(req: IncomingMessage): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  // In-app navigations fetch the page's RSC payload; the sheet over the map says "not found" there.
  if (req.headers.rsc !== undefined) return null;
  const url = new URL(req.url ?? "/", "http://carrega");
  if (url.searchParams.has("_rsc")) return null;
  const match = /^\/stations\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // a malformed id is Next's to refuse
  }
}

/**
 * Next.js renders the not-found boundary of a page that calls notFound() in the browser only (vercel/next.js#62228):
 * the 404's HTML has an empty body, so a chat preview or a crawler of a dead link reads nothing. Its own 404 route
 * is rendered on the server, so a page load of an unknown station is answered with that one, told it is a station's.
 */
export function answerUnknownStations(
  handle: NextHandler,
  getDb: () => Promise<Db>,
): RequestHandler {
  return (req, res) => {
    const id = stationPageId(req);
    if (id === null) return handle(req, res);
    getDb()
      .then((db) => stationExists(db, id))
      .then((exists) => {
        if (exists) return handle(req, res);
        req.headers[NOT_FOUND_KIND_HEADER] = MISSING_STATION;
        return handle(req, res, NOT_FOUND_ROUTE);
      })
      .catch((error: unknown) => {
        // The page reads the station again and answers for itself.
        log.warn({ err: error }, "station page check failed");
        handle(req, res);
      });
  };
}
