// Passwords the server generates for chargers (the demo's, derived; the import's, random for its report).
import { hashGeneratedPassword } from "../ocpp/password";
import type { Db } from "./prisma";

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
