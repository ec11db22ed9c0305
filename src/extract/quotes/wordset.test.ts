import { describe, expect, it } from "vitest";
import { sharedTexts } from "../../../test/shared.js";
import { WordSet } from "./wordset.js";

/** Every lower-cased word and punctuation mark of the seed and dev articles, and some edge cases. */
function probes(): string[] {
  const out = ["", "a", "A", "s", "sa", "said", "Said", "saidx", "é", "éa", "aé", "’", "\u0301", "x".repeat(40), "s".repeat(31), "s".repeat(32)];
  for (const text of sharedTexts(["corpus/seeds", "corpus/dev"])) for (const w of text.toLowerCase().split(/(\s+|[\p{P}])/u)) if (w) out.push(w);
  return out;
}

describe("WordSet", () => {
  it("answers as a Set does, for word lists with and without non-ASCII first chars", () => {
    const lists = [
      "said says told according saying quoted cites adds".split(" "),
      "one two three twenty hundred thousand million dozens half a".split(" "),
      ["", "é", "émigrés", "’s", "x".repeat(40), "s".repeat(31), "naïve", "aé"],
    ];
    const words = probes();
    expect(words.length).toBeGreaterThan(1000);
    for (const list of lists) {
      const ws = new WordSet(list);
      const set = new Set(list);
      const bad = [...words, ...list].filter((w) => ws.has(w) !== set.has(w));
      expect(bad).toEqual([]);
    }
  });
  it("finds its words and no others", () => {
    const ws = new WordSet(["said", "a", "thirty"]);
    expect(ws.has("said")).toBe(true);
    expect(ws.has("a")).toBe(true);
    expect(ws.has("thirty")).toBe(true);
    expect(ws.has("sail")).toBe(false);
    expect(ws.has("sa")).toBe(false);
    expect(ws.has("")).toBe(false);
    expect(ws.has("é")).toBe(false);
  });
});
