// Decides an idTag's verdict (OCPP AuthorizationStatus) from its stored record.

export type AuthorizationStatus =
  "Accepted" | "Blocked" | "Expired" | "Invalid" | "ConcurrentTx";

export type IdTagRecord = { status: string; expiryDate: Date | null };

/** `inUseElsewhere`: the tag already has an open session on another connector (one car, one session). */
export function authorizeIdTag(
  record: IdTagRecord | null,
  now: Date,
  inUseElsewhere = false,
): AuthorizationStatus {
  if (!record) return "Invalid";
  if (record.status !== "Accepted")
    return record.status === "Blocked" ? "Blocked" : "Invalid";
  if (record.expiryDate && record.expiryDate.getTime() <= now.getTime())
    return "Expired";
  if (inUseElsewhere) return "ConcurrentTx";
  return "Accepted";
}
