import { describe, expect, it } from "vitest";
import { lexicon } from "./lexicon.js";
import { wordClass } from "./scan.js";

const NAME_PART = 1;
const ROMAN_PART = 2;
const cls = (t: string) => wordClass(lexicon(), t, t.toLowerCase());

describe("wordClass (the context-free part of nameLike, memoised by word)", () => {
  it("marks plain capitalised words, particles and glued article names as name parts", () => {
    for (const t of ["Erdogan", "Jean-Claude", "von", "al-Assad"]) expect(cls(t) & NAME_PART, t).toBe(NAME_PART);
  });
  it("rejects lower-case words, role words, months, acronyms, initials and modifiers", () => {
    for (const t of ["said", "Minister", "President", "January", "NATO", "U.S.", "Iran-backed", "F16s", "3rd"]) expect(cls(t) & NAME_PART, t).toBe(0);
  });
  it("flags regnal numbers and Jr/Sr, name parts only after a capitalised word (decided by nameLike)", () => {
    expect(cls("II") & ROMAN_PART).toBe(ROMAN_PART);
    expect(cls("II") & NAME_PART).toBe(0); // an acronym on its own
    expect(cls("Jr") & ROMAN_PART).toBe(ROMAN_PART);
    expect(cls("Putin") & ROMAN_PART).toBe(0);
  });
  it("gives the same answer from the memo as on first computation", () => {
    const first = cls("Kuleba");
    expect(cls("Kuleba")).toBe(first);
    expect(cls("Ministry")).toBe(cls("Ministry"));
  });
});

describe("gazetteerHeads (the pre-check before looking up a phrase of several words)", () => {
  const L = lexicon();
  it("holds every beginning of a place name that ends before a space", () => {
    expect(L.gazetteer.has("São Paulo")).toBe(true);
    expect(L.gazetteerHeads.has("São")).toBe(true);
    expect(L.gazetteerHeads.has("Sao")).toBe(true); // the spelling without diacritics
  });
  it("every several-word gazetteer name has its first word among the heads", () => {
    for (const name of L.gazetteer.keys()) {
      const sp = name.indexOf(" ");
      if (sp > 0 && !L.gazetteerHeads.has(name.slice(0, sp))) throw new Error(`no head for "${name}"`);
    }
  });
  it("does not hold words that begin no place name", () => {
    for (const t of ["Erdogan", "Kuleba", "Minister", "said"]) expect(L.gazetteerHeads.has(t), t).toBe(false);
  });
});
