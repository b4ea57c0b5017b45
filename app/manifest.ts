// The web app manifest (served at /manifest.webmanifest): what a phone needs to put Carrega on its home screen.
import type { MetadataRoute } from "next";

/** The dark green of the app's buttons and the browser bar (app/layout.tsx viewport). */
const theme = "#0f3d2e";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Carrega — live EV charging map",
    short_name: "Carrega",
    description:
      "Where to charge right now, and an alert when a connector frees up.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: theme,
    background_color: "#ffffff",
    categories: ["navigation", "travel", "utilities"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      {
        src: "/icons/maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
}
