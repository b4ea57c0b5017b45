// The whole network at a glance ("412 of 1,203 connectors in use across Carrega"), refreshed every 30 seconds.
"use client";

import { useEffect, useState } from "react";
import type { NetworkCounts } from "@/lib/store/network";

const REFRESH_MS = 30_000;
const number = new Intl.NumberFormat("en-GB");

export function NetworkLine() {
  const [counts, setCounts] = useState<NetworkCounts | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetch("/api/network", { signal: controller.signal, cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<NetworkCounts>) : null))
        .then((next) => {
          if (next) setCounts(next);
        })
        // A missed refresh keeps the last numbers; the next tick tries again.
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);
  if (!counts || counts.total === 0) return null;
  return (
    <p className="map-header__network" data-testid="network-line">
      {number.format(counts.inUse)} of {number.format(counts.total)} connectors
      in use across Carrega
    </p>
  );
}
