// The name and country_code/party_id rules for Locations that leave them out.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  commonParty,
  inferName,
  inferParty,
  type NameSources,
} from "./infer-location";

describe("name", () => {
  const cases: [string, NameSources, string, boolean][] = [
    [
      "a given name is kept",
      { name: " Marquês ", operator: "Galp", address: "Rua A 1", id: "L1" },
      "Marquês",
      false,
    ],
    [
      "operator and address",
      { name: null, operator: "Galp", address: "Rua A 1", id: "L1" },
      "Galp – Rua A 1",
      true,
    ],
    [
      "a blank name is none",
      { name: "  ", operator: "Galp", address: "Rua A 1", id: "L1" },
      "Galp – Rua A 1",
      true,
    ],
    ["the address alone", { address: "Rua A 1", id: "L1" }, "Rua A 1", true],
    [
      "the city for a missing address",
      { operator: "Galp", city: "Braga", id: "L1" },
      "Galp – Braga",
      true,
    ],
    ["the operator alone", { operator: "Galp", id: "L1" }, "Galp", true],
    ["the id when nothing else", { id: "L1" }, "L1", true],
  ];
  for (const [what, sources, name, inferred] of cases) {
    test(what, () => {
      assert.deepEqual(
        inferName(sources),
        inferred
          ? { value: name, kind: "name:operator-address" }
          : { value: name },
      );
    });
  }
});

describe("country_code and party_id", () => {
  const file = { countryCode: "PT", partyId: "MOB" };
  test("the Location's own are kept", () => {
    assert.deepEqual(
      inferParty({ country_code: "PT", party_id: "LXC" }, ["ES*IBD*E1"], file),
      {
        value: { countryCode: "PT", partyId: "LXC" },
      },
    );
  });
  test("missing ones come from the first eMI3 evse_id, with or without '*'", () => {
    for (const evseIds of [["PT*GLP*E0001*1"], ["garbage", "PTGLPE0001"]]) {
      assert.deepEqual(inferParty({}, evseIds, file), {
        value: { countryCode: "PT", partyId: "GLP" },
        kind: "party:evse_id",
      });
    }
  });
  test("a three-letter country is no country_code: the file's stands in, the valid party_id stays", () => {
    assert.deepEqual(
      inferParty({ country_code: "PRT", party_id: "LXC" }, [], file),
      { value: { countryCode: "PT", partyId: "LXC" }, kind: "party:file" },
    );
  });
  test("nothing gives one: none", () => {
    assert.equal(inferParty({}, [], undefined), undefined);
  });
  test("the file's party is the one all its Locations name, and none when they name several", () => {
    const pt = { country_code: "PT", party_id: "MOB" };
    assert.deepEqual(commonParty([pt, {}, null, pt]), file);
    assert.equal(
      commonParty([pt, { country_code: "ES", party_id: "IBD" }]),
      undefined,
    );
    assert.equal(commonParty([{}]), undefined);
  });
});
