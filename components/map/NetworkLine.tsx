// The whole network at a glance ("412 of 1,203 connectors in use across Carrega"), as the server pushes it.
import type { NetworkCounts } from "@/lib/store/network";

const number = new Intl.NumberFormat("en-GB");

export function NetworkLine({ counts }: { counts: NetworkCounts | null }) {
  if (!counts || counts.total === 0) return null;
  return (
    <p className="map-header__network" data-testid="network-line">
      {number.format(counts.inUse)} of {number.format(counts.total)} connectors
      in use across Carrega
    </p>
  );
}
