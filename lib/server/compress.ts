// Every answer Next gives, compressed here rather than by Next's own middleware: Next compresses at zlib's default
// level, and a city's bbox answer (4 MB of stations) took 60-100 ms longer gzipped than sent as it is (bench/map.ts,
// p95, loopback). Level 1 (Brotli quality 1 where the client takes it, as browsers do over HTTPS) costs a fraction
// of that (p95 44 ms in all, against 34 uncompressed) for answers 14-30 % larger, and both run on libuv's thread
// pool, off the thread that answers chargers. next.config.ts turns Next's off.
import compression from "compression";
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import type { RequestHandler } from "./carrega";

/** zlib works in steps of this much output, each a trip to the thread pool: 16 KiB (the default) made ~25 a city. */
const CHUNK_BYTES = 128 * 1024;

/** Typed for Express, it reads and wraps plain Node requests and answers only. */
const compress = compression({
  level: 1,
  chunkSize: CHUNK_BYTES,
  brotli: {
    chunkSize: CHUNK_BYTES,
    params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
  },
}) as unknown as (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
) => void;

export function compressAnswers(handle: RequestHandler): RequestHandler {
  return (req, res) => {
    compress(req, res, () => void handle(req, res));
  };
}
