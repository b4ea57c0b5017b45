// Next.js settings: the app runs inside server.ts, so native and socket packages stay out of the bundle; next-intl
// reads each request's language from lib/i18n/request.ts.
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server.ts compresses every answer at a faster setting (lib/server/compress.ts).
  compress: false,
  // server.ts logs its address as 127.0.0.1; let dev-mode reload work there as on localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // Metadata in <head> for every client, not streamed into <body> after the page: chat previews and crawlers that
  // Next does not know as bots read only the head, and a station page waits for its one query anyway.
  htmlLimitedBots: /.*/,
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pino",
    "socket.io",
    "ws",
  ],
};

export default withNextIntl(nextConfig);
