// Next.js settings: the app runs inside server.ts, so native and socket packages stay out of the bundle.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino", "socket.io", "ws"],
};

export default nextConfig;
