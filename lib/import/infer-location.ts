// The rules that fill a Location's name and its country_code/party_id where a real feed leaves them out; pure.
import type { Inferred } from "./infer-power";

/** OCPI CPO identity: ISO 3166 alpha-2 country and a 3-character party id. */
export type Party = { countryCode: string; partyId: string };

const countryCode = /^[A-Za-z]{2}$/;
const partyId = /^[A-Za-z0-9]{3}$/;
/** eMI3 EVSE ID (what OCPI's evse_id is): country, operator id, "E", the rest; the "*" separators are optional. */
const eMi3 = /^([A-Za-z]{2})\*?([A-Za-z0-9]{3})\*?E/;

/**
 * The Location's own country_code and party_id where valid; what is missing or invalid comes from the first of its
 * EVSEs' eMI3 evse_ids, else from the file's one party. A valid part is never replaced.
 */
export function inferParty(
  given: { country_code?: unknown; party_id?: unknown },
  evseIds: readonly string[],
  fileParty: Party | undefined,
): Inferred<Party> | undefined {
  const ownCountry = validPart(given.country_code, countryCode);
  const ownParty = validPart(given.party_id, partyId);
  if (ownCountry && ownParty)
    return { value: { countryCode: ownCountry, partyId: ownParty } };
  const fromEvse = evseIds
    .map((evseId) => eMi3.exec(evseId.trim()))
    .find((match) => match !== null);
  const source: Inferred<Party> | undefined = fromEvse
    ? {
        value: { countryCode: fromEvse[1], partyId: fromEvse[2] },
        kind: "party:evse_id",
      }
    : fileParty && { value: fileParty, kind: "party:file" };
  return (
    source && {
      value: {
        countryCode: ownCountry ?? source.value.countryCode,
        partyId: ownParty ?? source.value.partyId,
      },
      kind: source.kind,
    }
  );
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
  const validCountry = validPart(country, countryCode);
  const validParty = validPart(party, partyId);
  return validCountry && validParty
    ? { countryCode: validCountry, partyId: validParty }
    : undefined;
}

function validPart(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === "string" && pattern.test(value.trim())
    ? value.trim()
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
