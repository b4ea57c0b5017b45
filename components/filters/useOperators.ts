// The operator filter's choices: every operator with stations on the map, fetched once per page.
"use client";

import { useEffect, useState } from "react";
import type { OperatorCount } from "@/lib/store/stations";

export function useOperators(): OperatorCount[] {
  const [operators, setOperators] = useState<OperatorCount[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/operators", { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : { operators: [] }))
      .then((body: { operators: OperatorCount[] }) =>
        setOperators(body.operators),
      )
      // Without the list the select still offers "Any" and the operator a shared link named.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return operators;
}
