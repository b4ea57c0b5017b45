import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  parse,
  TYPE,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import en from "./messages/en.json";
import pt from "./messages/pt.json";

type Tree = { [key: string]: string | Tree };

/** Every message by its dotted key ("Map.legend"). */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const messages = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") messages.set(path, value);
    else for (const entry of flatten(value, path)) messages.set(...entry);
  }
  return messages;
}

/** The arguments and tags a message takes ("count", "<strong>"): the values the code passes to it. */
function inputs(elements: MessageFormatElement[], found = new Set<string>()) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      found.add(`<${element.value}>`);
      inputs(element.children, found);
      continue;
    }
    found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options))
        inputs(option.value, found);
  }
  return [...found].sort();
}

const english = flatten(en);
const portuguese = flatten(pt);

describe("the English and Portuguese messages", () => {
  test("have the same keys", () => {
    assert.deepEqual([...portuguese.keys()].sort(), [...english.keys()].sort());
  });

  test("take the same arguments and tags, key by key", () => {
    for (const [key, message] of english) {
      const translation = portuguese.get(key) ?? "";
      assert.deepEqual(
        inputs(parse(translation)),
        inputs(parse(message)),
        `${key}: "${translation}" against "${message}"`,
      );
    }
  });

  test("are all written: no empty message", () => {
    for (const [key, message] of [...english, ...portuguese])
      assert.ok(message.trim(), `${key} is empty`);
  });
});
