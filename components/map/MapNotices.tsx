// Short notices over the map: the connection is down, the view has no stations, or stations could not load.
import type { Connection } from "./useStationSocket";

export function ConnectionBanner({ connection }: { connection: Connection }) {
  if (connection !== "offline") return null;
  return (
    <p className="map-notice map-notice--offline" role="status">
      Offline — reconnecting…
    </p>
  );
}

export function AreaNotice({ kind }: { kind: "empty" | "failed" | null }) {
  if (!kind) return null;
  return (
    <div className="area-notice" role="status">
      {kind === "empty" ? (
        <>
          <p className="area-notice__title">No stations in this area yet</p>
          <p className="area-notice__hint">
            Zoom out or move the map to find chargers.
          </p>
        </>
      ) : (
        <>
          <p className="area-notice__title">Couldn’t load stations</p>
          <p className="area-notice__hint">Trying again in a few seconds.</p>
        </>
      )}
    </div>
  );
}
