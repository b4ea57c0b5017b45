// Charger passwords in storage: those the server generates (the demo's, derived; the import's, random for its
// report), and the credentials the OCPP endpoint checks at every connect.
import type { Prisma } from "../generated/prisma/client";
import { hashGeneratedPassword } from "../ocpp/password";
import { chunk } from "./chunks";
import { directSqlOfDb } from "./direct-sql";
import type { Db } from "./prisma";
import { readChargerCredentialsSqlite } from "./sql/chargers.sqlite";

/**
 * Gives each listed charger that could not connect (no password, not allowed without one) the password
 * `passwordFor` makes for it; chargers with a password or the operator's allowance keep theirs. Returns how many
 * were given one.
 */
export async function giveMissingPasswords(
  db: Db,
  chargePointIds: string[],
  passwordFor: (chargePointId: string) => string,
): Promise<number> {
  const missing = await db.charger.findMany({
    where: {
      chargePointId: { in: chargePointIds },
      passwordHash: null,
      allowUnauthenticated: false,
    },
    select: { chargePointId: true },
  });
  await db.$transaction(
    missing.map(({ chargePointId }) =>
      db.charger.update({
        where: { chargePointId },
        data: {
          passwordHash: hashGeneratedPassword(passwordFor(chargePointId)),
        },
      }),
    ),
  );
  return missing.length;
}

/** What the OCPP endpoint reads of a charger at every connect: who it is, and how it must prove it. */
const credentialsSelect = {
  chargePointId: true,
  stationId: true,
  passwordHash: true,
  allowUnauthenticated: true,
  heartbeatIntervalS: true,
} satisfies Prisma.ChargerSelect;

export type ChargerCredentials = Prisma.ChargerGetPayload<{
  select: typeof credentialsSelect;
}>;

/** One bound parameter each; under SQLite's 999. */
const MAX_IDS_PER_READ = 900;

/**
 * The listed chargers' credentials as committed now, in statements of a bounded size; unknown identities are
 * absent. One query for many: each costs about a millisecond of Prisma's CPU, whatever its rows (SQLite: one
 * statement on the connection, a few µs).
 */
export async function readChargerCredentials(
  db: Db,
  chargePointIds: string[],
): Promise<ChargerCredentials[]> {
  const direct = directSqlOfDb(db);
  if (direct) return readChargerCredentialsSqlite(direct, chargePointIds);
  const found: ChargerCredentials[] = [];
  for (const part of chunk(chargePointIds, MAX_IDS_PER_READ))
    found.push(
      ...(await db.charger.findMany({
        where: { chargePointId: { in: part } },
        select: credentialsSelect,
      })),
    );
  return found;
}
