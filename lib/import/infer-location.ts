// The rules that fill a Location's name and its country_code/party_id where a real feed leaves them out; pure.
import type { Inferred } from "./infer-power";

/** OCPI CPO identity: ISO 3166 alpha-2 country and a 3-character party id. */
export type Party = { countryCode: string; partyId: string };

const countryCode = /^[A-Za-z]{2}$/;
const partyId = /^[A-Za-z0-9]{3}$/;
/** eMI3 EVSE ID (what OCPI's evse_id is): country, operator id, "E", the rest; the "*" separators are optional. */
const eMi3 = /^([A-Za-z]{2})\*?([A-Za-z0-9]{3})\*?E/;

/** The Location's own party when valid; else the first of its EVSEs' evse_ids; else the file's one party. */
export function inferParty(
  given: { country_code?: unknown; party_id?: unknown },
  evseIds: readonly string[],
  fileParty: Party | undefined,
): Inferred<Party> | undefined {
  const own = partyOf(given.country_code, given.party_id);
  if (own) return { value: own };
  const fromEvse = evseIds
    .map((evseId) => eMi3.exec(evseId.trim()))
    .find((match) => match !== null);
  if (fromEvse)
    return {
      value: { countryCode: fromEvse[1], partyId: fromEvse[2] },
      kind: "party:evse_id",
    };
  return fileParty && { value: fileParty, kind: "party:file" };
}

/**
 * The one party every Location that names a valid one names: a national export of one CPO whose records forget it
 * now and then. A file of several parties gives none, as it cannot tell whose a silent Location is.
 */
export function commonParty(locations: readonly unknown[]): Party | undefined {
  const parties = new Map<string, Party>();
  for (const location of locations) {
    const raw = (location ?? {}) as {
      country_code?: unknown;
      party_id?: unknown;
    };
    const party = partyOf(raw.country_code, raw.party_id);
    if (party) parties.set(`${party.countryCode}*${party.partyId}`, party);
    if (parties.size > 1) return undefined;
  }
  return [...parties.values()][0];
}

function partyOf(country: unknown, party: unknown): Party | undefined {
  return typeof country === "string" &&
    countryCode.test(country.trim()) &&
    typeof party === "string" &&
    partyId.test(party.trim())
    ? { countryCode: country.trim(), partyId: party.trim() }
    : undefined;
}

/** What a Location says that can name it. */
export type NameSources = {
  name?: string | null;
  /** operator, else suboperator, else owner. */
  operator?: string;
  address?: string | null;
  city?: string | null;
  id: string;
};

/** `name`, else "operator – address" from what there is (the city stands in for the address), else the id. */
export function inferName(location: NameSources): Inferred<string> {
  const name = location.name?.trim();
  if (name) return { value: name };
  const where = location.address?.trim() || location.city?.trim();
  const value =
    [location.operator?.trim(), where].filter(Boolean).join(" – ") ||
    location.id;
  return { value, kind: "name:operator-address" };
}
