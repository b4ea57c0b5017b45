// The station's name and the freed connector's standard for a toast, read once from the public station API.
import { useEffect, useState } from "react";
import type { AlertFiredMessage } from "@/lib/alerts/contract";
import type { PublicStation } from "@/lib/domain/station";
import type { ConnectorStandard } from "@/lib/domain/vocabulary";

export type FiredConnector = {
  stationName?: string;
  standard?: ConnectorStandard;
};

export function useFiredConnector(
  fired: AlertFiredMessage,
  knownName?: string,
): FiredConnector {
  const [read, setRead] = useState<FiredConnector>({});
  const { stationId, chargePointId, connectorId } = fired;
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/stations/${encodeURIComponent(stationId)}`, {
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<PublicStation>) : null))
      .then((station) => {
        if (!station) return;
        const connector = station.connectors.find(
          (c) =>
            c.chargePointId === chargePointId && c.connectorId === connectorId,
        );
        setRead({ stationName: station.name, standard: connector?.standard });
      })
      .catch(() => {
        // Aborted, or the API unreachable: the toast keeps the words it has.
      });
    return () => controller.abort();
  }, [stationId, chargePointId, connectorId]);
  return { stationName: read.stationName ?? knownName, ...read };
}
