// After an operator's station write commits: hands the station ids to whoever keeps public stations in memory.
// The writers run in the server's modules and in Next's copy of them (the operator API), so the listener lives on
// globalThis, as lib/server/app-services.ts does.

type StationsChangedListener = (stationIds: string[]) => Promise<void>;

const holder = globalThis as unknown as {
  carregaStationsChanged?: StationsChangedListener;
};

/** Registers the listener; returns its removal. */
export function listenForStationsChanged(
  listener: StationsChangedListener,
): () => void {
  holder.carregaStationsChanged = listener;
  return () => {
    if (holder.carregaStationsChanged === listener)
      holder.carregaStationsChanged = undefined;
  };
}

/** Resolves once this instance's read model shows the change, so the writer's next read sees its own write. */
export async function announceStationsChanged(
  stationIds: string[],
): Promise<void> {
  await holder.carregaStationsChanged?.(stationIds);
}
