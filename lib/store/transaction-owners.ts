// Which charger each transaction belongs to: fixed when it starts, so a MeterValues needs no query of its own to check it.

/** Bounded: a long-running process forgets and reads again rather than grow (~100 bytes an entry). */
const MAX_OWNERS = 100_000;

/**
 * Filled only after the commit that holds the transaction (Appends.afterCommit), so it never names a row a rolled
 * back batch made. Safe with several instances: another instance can only add transactions, never move one to
 * another charger. A transaction removed with its charger (the operator's station delete) is caught where its
 * samples are written (insertNewSamples), once per batch.
 */
const owners = new Map<number, string>();

export function isOwnTransaction(
  transactionId: number,
  chargePointId: string,
): boolean {
  return owners.get(transactionId) === chargePointId;
}

export function rememberTransactionOwner(
  transactionId: number,
  chargePointId: string,
): void {
  if (owners.size >= MAX_OWNERS) owners.clear();
  owners.set(transactionId, chargePointId);
}
