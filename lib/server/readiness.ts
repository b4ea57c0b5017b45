// Whether this process accepts chargers and browsers yet; read by GET /api/health in Next's copy of the modules.
const state = globalThis as unknown as { carregaReady?: boolean };

export function markReady(ready: boolean): void {
  state.carregaReady = ready;
}

export function isReady(): boolean {
  return state.carregaReady === true;
}
