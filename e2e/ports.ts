// The servers the browser tests start. E2E_PORT moves all three, so two checkouts can run their suites side by side.
const first = Number(process.env.E2E_PORT ?? 3100);

/** The living demo network. */
export const demoPort = first;
/** An empty network (DEMO=0). */
export const emptyPort = first + 1;
/** The shutdown test's own server, started and killed by the test. */
export const shutdownPort = first + 2;

export const demoUrl = `http://127.0.0.1:${demoPort}`;
export const emptyUrl = `http://127.0.0.1:${emptyPort}`;
export const demoOcppUrl = `ws://127.0.0.1:${demoPort}/ocpp`;
export const emptyOcppUrl = `ws://127.0.0.1:${emptyPort}/ocpp`;
/** The two-instance spec's instances A and B (one PostgreSQL database, one Redis), started and killed by it. */
export const clusterPorts = [first + 3, first + 4] as const;
