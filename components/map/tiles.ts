// Where the base map's tiles come from: NEXT_PUBLIC_TILE_URL when the build sets it, OpenStreetMap's otherwise.

// Next inlines NEXT_PUBLIC_* into the browser bundle only where it is read literally, so this is read here and not
// through lib/config.ts (which is server-only).
export const tileUrl =
  process.env.NEXT_PUBLIC_TILE_URL ||
  "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/** OpenStreetMap's copyright page, which its attribution (Map.attribution, in the driver's language) links to. */
export const tileCopyrightUrl = "https://www.openstreetmap.org/copyright";

/** The deepest zoom the base map is drawn at (Leaflet's default for a tile layer); the stations layer clusters above it. */
export const mapMaxZoom = 18;
