import { describe, expect, it } from "vitest";
import { sharedTexts } from "../../../test/shared.js";
import type { Qualifier } from "../../core/types.js";
import { qualifierBefore } from "./lexicon.js";

/** qualifierBefore without the check of the last word: the regex alone. */
function reference(before: string): Qualifier | null {
  const re =
    /(?:^|\W)(?:(at least|no fewer than|no less than|a minimum of|not less than)|(up to|as many as|a maximum of|at most|no more than|not more than)|(more than|over|above|in excess of|upwards of|exceeding|exceeded|topped|surpassed|passed|beyond)|(fewer than|less than|under|below|just under|nearly under)|(about|some|around|nearly|almost|roughly|approximately|approx\.|an estimated|estimated|the estimated|close to|circa|an approximate|approaching|near|perhaps|possibly|reportedly|~))\s*$/;
  const b = (before.length > 32 ? `a${before.slice(before.length - 32)}` : before).toLowerCase().replace(/\s+/g, " ");
  const m = re.exec(b);
  if (!m) return null;
  const qs: Qualifier[] = ["at least", "up to", "more than", "fewer than", "about"];
  for (let g = 1; g <= 5; g++) if (m[g] !== undefined) return qs[g - 1]!;
  return null;
}

describe("qualifierBefore", () => {
  it("answers as the regex alone does before every word of the seed, dev and stream articles", () => {
    const texts = sharedTexts();
    expect(texts.length).toBeGreaterThan(100);
    let n = 0;
    let found = 0;
    const bad: string[] = [];
    for (const t of texts) {
      // the 40 chars before every word start (where numbers stand), and before every digit
      for (const m of t.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu)) {
        const before = t.slice(Math.max(0, m.index - 40), m.index);
        const want = reference(before);
        if (qualifierBefore(before) !== want) bad.push(before);
        if (want) found++;
        n++;
      }
    }
    expect(bad).toEqual([]);
    expect(n).toBeGreaterThan(25000);
    expect(found).toBeGreaterThan(100);
  });

  it("answers as the regex alone does in built contexts", () => {
    const phrases = ["at least", "At Least", "AT  LEAST", "no fewer than", "up to", "as many as", "more than", "over", "Over", "passed", "under", "just under", "about", "some", "approx.", "Approx.", "an estimated", "~", "near", "perhaps", "atleast", "bout", "over-", "handsome", "least", "than", "to", "of", "a minimum of", "in excess of"];
    const lead = ["", "a", " ", "(", "é", "\u212a", "\u0130", "x".repeat(30) + " ", "the toll rose to ", "word-", "5 "];
    const tail = ["", " ", "  ", "\u00a0", "\n", " ,", ".", " x"];
    const bad: string[] = [];
    for (const l of lead) for (const p of phrases) for (const t of tail) if (qualifierBefore(l + p + t) !== reference(l + p + t)) bad.push(l + p + t);
    expect(bad).toEqual([]);
    expect(qualifierBefore("killed at least ")).toBe("at least");
    expect(qualifierBefore("Approx. ")).toBe("about");
    expect(qualifierBefore("handsome ")).toBeNull();
  });
});
