// Decides an idTag's verdict (OCPP AuthorizationStatus) from its stored record.

export type AuthorizationStatus = "Accepted" | "Blocked" | "Expired" | "Invalid" | "ConcurrentTx";

export type IdTagRecord = { status: string; expiryDate: Date | null };

export function authorizeIdTag(record: IdTagRecord | null, now: Date): AuthorizationStatus {
  if (!record) return "Invalid";
  if (record.status !== "Accepted") return record.status === "Blocked" ? "Blocked" : "Invalid";
  if (record.expiryDate && record.expiryDate.getTime() <= now.getTime()) return "Expired";
  return "Accepted";
}
