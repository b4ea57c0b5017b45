// Why a call from the central system to a charger failed: not connected here, gone mid-call, busy, too slow, or refused.

export class ChargerNotConnected extends Error {
  constructor(readonly chargePointId: string) {
    super(`Charger ${chargePointId} is not connected`);
  }
}

/** The charger's socket closed (or a newer one replaced it) before it answered: no reply can come any more. */
export class ChargerDisconnected extends Error {
  constructor(
    readonly chargePointId: string,
    readonly action: string,
  ) {
    super(`${action}: charger ${chargePointId} disconnected before replying`);
  }
}

/** Too many commands already wait for this charger: it has stopped answering, and one more would only wait too. */
export class ChargerBusy extends Error {
  constructor(
    readonly chargePointId: string,
    readonly action: string,
    readonly pending: number,
  ) {
    super(`${action}: ${pending} commands already wait for ${chargePointId}`);
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
    readonly description: string,
  ) {
    super(`${action} refused: ${errorCode} ${description}`.trim());
  }
}
