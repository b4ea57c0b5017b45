// The SQLite and PostgreSQL schemas describe the same models: the app casts one generated client to the other's type.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

/** A block (model or enum) as its members, each normalised to one comparable line, by name. */
type Blocks = Map<string, Map<string, string>>;

/** `@db.Text`, `@db.Timestamptz(3)`: native types are what the providers may differ in. */
const nativeType = /^@db\./;

/** The attributes of a declaration (`@id @default(now())`), each whole, parentheses and all. */
function attributes(text: string): string[] {
  const found: string[] = [];
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i)) {
    let end = i + 1;
    while (end < text.length && /[@\w.]/.test(text[end])) end++;
    if (text[end] === "(") {
      for (let depth = 0; end < text.length; end++) {
        if (text[end] === "(") depth++;
        if (text[end] === ")" && --depth === 0) break;
      }
      end++;
    }
    found.push(text.slice(i, end).replace(/\s+/g, ""));
    i = end;
  }
  return found.filter((attribute) => !nativeType.test(attribute));
}

function parseSchema(file: string): Blocks {
  const blocks: Blocks = new Map();
  let members: Map<string, string> | null = null;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) continue;
    const opening = /^(model|enum)\s+(\w+)\s*\{$/.exec(line);
    if (opening) {
      members = new Map();
      blocks.set(`${opening[1]} ${opening[2]}`, members);
    } else if (line === "}") members = null;
    else if (members && line.startsWith("@@"))
      members.set(attributes(line).join(" "), "");
    else if (members) {
      const [name, type = ""] = line.split(/\s+/);
      members.set(name, [type, ...attributes(line).sort()].join(" "));
    }
  }
  return blocks;
}

/** Every difference, in words that name the block and the member. */
function schemaDifferences(sqlite: Blocks, postgres: Blocks): string[] {
  const differences: string[] = [];
  for (const block of new Set([...sqlite.keys(), ...postgres.keys()])) {
    const a = sqlite.get(block);
    const b = postgres.get(block);
    if (!a || !b) {
      differences.push(
        `${block} is only in the ${a ? "SQLite" : "PostgreSQL"} schema`,
      );
      continue;
    }
    for (const member of new Set([...a.keys(), ...b.keys()])) {
      const left = a.get(member);
      const right = b.get(member);
      if (left === right) continue;
      const what = member.startsWith("@@") ? member : `field ${member}`;
      differences.push(
        left === undefined || right === undefined
          ? `${block}: ${what} is only in the ${left === undefined ? "PostgreSQL" : "SQLite"} schema`
          : `${block}: ${what} is \`${left}\` in SQLite but \`${right}\` in PostgreSQL`,
      );
    }
  }
  return differences;
}

describe("the two Prisma schemas", () => {
  test("have the same models, fields, types, optionality, defaults, relations and indexes", () => {
    const differences = schemaDifferences(
      parseSchema("prisma/schema.prisma"),
      parseSchema("prisma/pg/schema.prisma"),
    );
    assert.deepEqual(
      differences,
      [],
      `prisma/pg/schema.prisma has drifted from prisma/schema.prisma:\n${differences.join("\n")}`,
    );
  });

  test("a drift is named: a field's default, a missing index, a model on one side", () => {
    const sqlite = new Map([
      [
        "model Connector",
        new Map([
          ["status", 'String @default("UNKNOWN")'],
          ["@@index([chargePointId])", ""],
        ]),
      ],
      ["model Station", new Map()],
    ]);
    const postgres = new Map([
      [
        "model Connector",
        new Map([["status", 'String @default("AVAILABLE")']]),
      ],
    ]);
    assert.deepEqual(schemaDifferences(sqlite, postgres), [
      'model Connector: field status is `String @default("UNKNOWN")` in SQLite but `String @default("AVAILABLE")` in PostgreSQL',
      "model Connector: @@index([chargePointId]) is only in the SQLite schema",
      "model Station is only in the SQLite schema",
    ]);
  });

  test("native types are provider-specific and ignored; nested parentheses are kept whole", () => {
    assert.deepEqual(
      attributes('String @id @db.VarChar(20) @default(dbgenerated("gen()"))'),
      ["@id", '@default(dbgenerated("gen()"))'],
    );
  });
});
