import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolveLocale } from "./locales";

describe("the driver's language: the remembered choice, else Accept-Language, else English", () => {
  const table: [string, string | undefined, string | null, string][] = [
    [
      "a browser asking for European Portuguese",
      undefined,
      "pt-PT,pt;q=0.9",
      "pt-PT",
    ],
    [
      "Brazilian Portuguese reads the Portuguese there is",
      undefined,
      "pt-BR",
      "pt-PT",
    ],
    ["plain pt", undefined, "pt", "pt-PT"],
    [
      "Playwright's and most browsers' English",
      undefined,
      "en-US,en;q=0.9",
      "en",
    ],
    ["a tag's case does not matter", undefined, "PT-pt", "pt-PT"],
    [
      "the highest q wins, not the first listed",
      undefined,
      "en;q=0.5, pt-PT;q=0.8",
      "pt-PT",
    ],
    [
      "equal q: the first listed wins",
      undefined,
      "pt-PT;q=0.8,en;q=0.8",
      "pt-PT",
    ],
    [
      "a language we lack is passed over",
      undefined,
      "fr-FR,pt;q=0.7,en;q=0.5",
      "pt-PT",
    ],
    ["q=0 means not this one", undefined, "pt;q=0,en;q=0.1", "en"],
    ["neither language: English", undefined, "de-DE,fr;q=0.9", "en"],
    ["a wildcard alone: English", undefined, "*", "en"],
    ["no header: English", undefined, null, "en"],
    ["a garbled header: English", undefined, ";;,q=", "en"],
    ["the cookie beats the browser", "en", "pt-PT", "en"],
    ["the cookie, Portuguese", "pt-PT", "en-GB", "pt-PT"],
    ["a cookie we do not know is ignored", "klingon", "pt-PT", "pt-PT"],
  ];
  for (const [name, cookie, acceptLanguage, expected] of table)
    test(name, () =>
      assert.equal(resolveLocale(cookie, acceptLanguage), expected),
    );
});
