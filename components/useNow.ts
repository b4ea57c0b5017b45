// The current time for relative labels ("2 min ago"), ticking on an interval so they stay true.
import { useEffect, useState } from "react";

/**
 * `renderedAt`: the server's moment, for a page the server rendered. The first render in the browser must read the
 * same time for hydration to match ("Open now", "for 3 min"); the browser's own clock takes over straight after.
 */
export function useNow(intervalMs = 30_000, renderedAt?: number): number {
  const [now, setNow] = useState(() => renderedAt ?? Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const catchUp = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(catchUp);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
