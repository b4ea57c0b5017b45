// Why a call from the central system to a charger failed: not connected here, no reply in time, or refused.

export class ChargerNotConnected extends Error {
  constructor(readonly chargePointId: string) {
    super(`Charger ${chargePointId} is not connected`);
  }
}

export class CallTimeout extends Error {
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`${action}: no reply within ${timeoutMs} ms`);
  }
}

/** The charger answered with a CALLERROR, or with a reply that breaks the schema. */
export class ChargerRefusedCall extends Error {
  constructor(
    readonly action: string,
    readonly errorCode: string,
    description: string,
  ) {
    super(`${action} refused: ${errorCode} ${description}`.trim());
  }
}
