// Rejects payloads no schema rule should ever see: absurd nesting, malformed Unicode, ids beyond what we can store.
import { dialects, type OcppVersion } from "./versions";
import { PropertyConstraintViolation } from "./errors";

/** The deepest OCPP 1.6 / 2.0.1 payload (TransactionEvent meter values with unit of measure) is under 8 levels. */
const MAX_DEPTH = 16;
/** Integer fields become 32-bit database integers (connectorId, transactionId, evseId, ...). */
const MAX_INT = 2 ** 31 - 1;

/**
 * Walks the payload iteratively (a recursive walk is what a 100,000-deep array would overflow). Strings with lone
 * UTF-16 surrogates cannot be stored; numbers named like identifiers must fit the database's integers.
 */
export function checkPayloadShape(
  version: OcppVersion,
  payload: unknown,
): void {
  const stack: [unknown, number, string][] = [[payload, 0, ""]];
  while (stack.length > 0) {
    const [node, depth, key] = stack.pop() as [unknown, number, string];
    if (depth > MAX_DEPTH)
      throw new dialects[version].badFrame(
        `Payload is nested deeper than ${MAX_DEPTH} levels`,
      );
    if (typeof node === "string" && !node.isWellFormed()) {
      throw new PropertyConstraintViolation(
        `${key || "a string"} is not well-formed Unicode`,
        { path: key },
      );
    }
    if (
      typeof node === "number" &&
      /(^id|Id)$/.test(key) &&
      Math.abs(node) > MAX_INT
    ) {
      throw new PropertyConstraintViolation(`${key} is out of range`, {
        path: key,
      });
    }
    if (node !== null && typeof node === "object") {
      for (const [childKey, child] of Object.entries(node))
        stack.push([child, depth + 1, childKey]);
    }
  }
}
