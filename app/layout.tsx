// The root document: language, metadata, viewport, and the global styles (Leaflet's first, ours over them).
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "leaflet/dist/leaflet.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Carrega — live EV charging map",
  description:
    "Where to charge in Lisbon right now: free, busy and out-of-order chargers, live.",
  applicationName: "Carrega",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: "#0f3d2e",
};

// English UI text for v0, so the document says so; switch to "pt-PT" with the Portuguese copy.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
