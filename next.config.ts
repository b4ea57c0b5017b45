// Next.js settings: the app runs inside server.ts, so native and socket packages stay out of the bundle.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server.ts logs its address as 127.0.0.1; let dev-mode reload work there as on localhost.
  allowedDevOrigins: ["127.0.0.1"],
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pino",
    "socket.io",
    "ws",
  ],
};

export default nextConfig;
