import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { dataPath } from "../../core/paths.js";
import { tokenize } from "../../text/tokenize.js";
import { phraseTokens } from "./lexicon.js";

const require = createRequire(import.meta.url);

/** The tokenizer's split of a phrase, which phraseTokens gives. */
function reference(s: string): string[] {
  return tokenize(s).tokens.map((t) => s.slice(t.start, t.end));
}

/** Every string (keys and values) in a JSON value. */
function strings(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) strings(x, out.add(k));
  return out;
}

describe("phraseTokens", () => {
  it("splits every string of the data files and of world-countries as the tokenizer does", () => {
    const all = new Set<string>();
    for (const f of readdirSync(dataPath(""))) if (f.endsWith(".json")) strings(JSON.parse(readFileSync(dataPath(f), "utf8")), all);
    strings(require("world-countries"), all);
    expect(all.size).toBeGreaterThan(10_000);
    for (const s of all) expect(phraseTokens(s), s).toEqual(reference(s));
  });
  it("splits plain words at single spaces, and leaves the rest to the tokenizer", () => {
    for (const s of ["Gaza", "G20", "New York City", "20 Downing", "9 11", "a", "UN", "", " ", "A  B", " A", "A ", "U.S.", "St. Louis", "Côte d'Ivoire", "Guinea-Bissau", "Mr. X. Y", "Who? Yes", "Trump's", "A\tB", "A\nB", "1,000 Men", "O’Neill"]) {
      expect(phraseTokens(s), s).toEqual(reference(s));
    }
  });
});
