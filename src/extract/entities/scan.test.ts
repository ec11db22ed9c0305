import { describe, expect, it } from "vitest";
import type { Doc } from "../../core/types.js";
import { tokenTexts } from "../../text/lower.js";
import { checkVocabulary, vocabularyEpoch, vocabularySize, wordId, wordText } from "../../text/words.js";
import { textStage } from "../text.js";
import { sharedTexts } from "../../../test/shared.js";
import { type LexEntry, lexicon } from "./lexicon.js";
import { isFinalPunct, scan, W_ADMIN_HEAD, W_ALL_CAPS, W_CAP, W_FEATURE_HEAD, W_GAZ, W_GAZ_HEAD, W_HONORIFIC, W_MONTH_DAY, W_NAME_PART, W_NON_NAME, W_ORG_HEAD, W_PARTICLE, W_ROLE_HEAD, W_ROLE_MOD, W_ROMAN_PART, W_WORD, wordInfo } from "./scan.js";

const cls = (t: string) => wordInfo(lexicon(), t, t.toLowerCase()).bits;

describe("wordInfo name bits (the context-free part of nameLike, memoised by word)", () => {
  it("marks plain capitalised words, particles and glued article names as name parts", () => {
    for (const t of ["Erdogan", "Jean-Claude", "von", "al-Assad"]) expect(cls(t) & W_NAME_PART, t).toBe(W_NAME_PART);
  });
  it("rejects lower-case words, role words, months, acronyms, initials and modifiers", () => {
    for (const t of ["said", "Minister", "President", "January", "NATO", "U.S.", "Iran-backed", "F16s", "3rd"]) expect(cls(t) & W_NAME_PART, t).toBe(0);
  });
  it("flags regnal numbers and Jr/Sr, name parts only after a capitalised word (decided by nameLike)", () => {
    expect(cls("II") & W_ROMAN_PART).toBe(W_ROMAN_PART);
    expect(cls("II") & W_NAME_PART).toBe(0); // an acronym on its own
    expect(cls("Jr") & W_ROMAN_PART).toBe(W_ROMAN_PART);
    expect(cls("Putin") & W_ROMAN_PART).toBe(0);
  });
  it("gives the same answer from the memo as on first computation", () => {
    const first = cls("Kuleba");
    expect(cls("Kuleba")).toBe(first);
    expect(cls("Ministry")).toBe(cls("Ministry"));
  });
});

describe("wordInfo bits agree with the lexicon's sets", () => {
  const L = lexicon();
  // every word of the lexicon's own lists, their case variants, and words in none of them
  const words = new Set<string>(["Erdogan", "said", "the", "The", ",", ".", "NATO", "U.S.", "3rd", "İstanbul", "Çavuşoğlu", "al-Assad", "ΣΟΦΙΑ"]);
  for (const set of [L.orgHeads, L.nonNames, L.monthsDays, L.particles, L.featureHeads, L.roleHeads, L.honorifics, L.roleModifiers, L.adminHeads, L.groupNouns]) {
    for (const x of set) {
      words.add(x);
      words.add(x.toLowerCase());
      words.add(x.charAt(0).toUpperCase() + x.slice(1));
    }
  }
  for (const x of [...L.gazetteerHeads].slice(0, 2000)) words.add(x);
  for (const x of [...L.gazetteer.keys()].slice(0, 2000)) words.add(x);
  const bitsOf: Array<[number, (t: string, lt: string) => boolean]> = [
    [W_WORD, (t) => /^\p{L}/u.test(t)],
    [W_CAP, (t) => /^\p{Lu}/u.test(t)],
    [W_ORG_HEAD, (t) => L.orgHeads.has(t)],
    [W_NON_NAME, (t) => L.nonNames.has(t)],
    [W_MONTH_DAY, (t) => L.monthsDays.has(t)],
    [W_PARTICLE, (t) => L.particles.has(t)],
    [W_FEATURE_HEAD, (t) => L.featureHeads.has(t)],
    [W_ROLE_HEAD, (_, lt) => L.roleHeads.has(lt)],
    [W_HONORIFIC, (_, lt) => L.honorifics.has(lt)],
    [W_ROLE_MOD, (_, lt) => L.roleModifiers.has(lt)],
    [W_ADMIN_HEAD, (_, lt) => L.adminHeads.has(lt)],
    [W_GAZ_HEAD, (t) => L.gazetteerHeads.has(t)],
    [W_GAZ, (t) => L.gazetteer.has(t)],
  ];
  it("sets each bit exactly when the word is in the set it stands for", () => {
    for (const t of words) {
      const lt = t.toLowerCase();
      const b = wordInfo(L, t, lt).bits;
      for (const [bit, inSet] of bitsOf) expect((b & bit) !== 0, `${t} bit ${bit}`).toBe(inSet(t, lt));
    }
  });
  it("marks acronyms as all capitals, not capitalised words", () => {
    expect(cls("NATO") & W_ALL_CAPS).toBe(W_ALL_CAPS);
    expect(cls("Nato") & W_ALL_CAPS).toBe(0);
  });
  it("gives lexicon phrases only to words that can begin one", () => {
    expect(wordInfo(L, "United", "united").phrases?.length).toBeGreaterThan(0);
    expect(wordInfo(L, "the", "the").phrases).toBe(L.phrases.get("the"));
    expect(wordInfo(L, "said", "said").phrases).toBeUndefined();
  });
});

const doc = (text: string): Doc => {
  const d = { text, sentences: [], tokens: [] } as unknown as Doc;
  textStage.run(d, {});
  return d;
};

describe("scan: token indices and runs", () => {
  it("finds role heads, pronouns, counterparts and bylines by token", () => {
    const d = doc("His counterpart met the president, and he spoke against sanctions. Reporting by Jane Doe.");
    const sc = scan(d, lexicon());
    const at = (xs: number[]) => xs.map((k) => sc.w[k]);
    expect(at(sc.roleHeadIdx)).toEqual(["president"]);
    expect(at(sc.pronounIdx)).toEqual(["His", "he"]);
    expect(at(sc.counterpartIdx)).toEqual(["counterpart"]);
    expect(at(sc.byIdx)).toEqual(["by"]);
    expect(at(sc.againstIdx)).toEqual(["against"]);
  });
  it("lists 'against' only by itself: it is no role head or group noun (one flag per word)", () => {
    const L = lexicon();
    expect(L.roleHeads.has("against") || L.groupNouns.has("against")).toBe(false);
  });
  it("joins particles, initials and connectors after a title into one run, not after other words", () => {
    const d = doc("Minister of National Defense Hulusi Akar met Ursula von der Leyen and George W. Bush. Talks of Peace Began.");
    const sc = scan(d, lexicon());
    const runs = sc.runs.map((r) => sc.w.slice(r.s, r.e).join(" "));
    expect(runs).toContain("Minister of National Defense Hulusi Akar");
    expect(runs).toContain("Ursula von der Leyen");
    expect(runs).toContain("George W . Bush");
    expect(runs).not.toContain("Talks of Peace Began");
  });
});

describe("scan: the memo by word id and the phrase match by ids agree with the word strings (real corpora)", () => {
  /** The lexicon hits of the scan's rule, by string comparison of the tokens with each phrase's words. */
  function stringHits(d: Doc, w: string[], lw: string[]): Array<[number, number, LexEntry]> {
    const L = lexicon();
    const out: Array<[number, number, LexEntry]> = [];
    let hitEnd = 0;
    for (let i = 0; i < w.length; i++) {
      const list = wordInfo(L, w[i]!, lw[i]!).phrases;
      if (!list || i < hitEnd) continue;
      const sent = d.tokens[i]!.sent;
      const p = list.find((p) => i + p.toks.length <= w.length && p.toks.every((t, k) => k === 0 || (w[i + k] === t && d.tokens[i + k]!.sent === sent && d.tokens[i + k]!.start - d.tokens[i + k - 1]!.end <= 1)));
      if (!p) continue;
      out.push([i, i + p.toks.length, p.entry]);
      hitEnd = i + p.toks.length;
    }
    return out;
  }
  it("gives every token its word's bits and finds the same lexicon hits", () => {
    const L = lexicon();
    let hits = 0;
    for (const text of sharedTexts()) {
      const d = doc(text);
      const sc = scan(d, L);
      for (let i = 0; i < sc.w.length; i++) if (sc.cls[i] !== wordInfo(L, sc.w[i]!, sc.lw[i]!).bits) throw new Error(`bits of "${sc.w[i]}"`);
      const expected = stringHits(d, sc.w, sc.lw);
      expect(sc.hits.map((h) => [h.s, h.e, h.entry])).toEqual(expected);
      hits += expected.length;
    }
    expect(hits).toBeGreaterThan(1000);
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

describe("scan after the vocabulary's reset (text/words.ts)", () => {
  it("starts afresh between docs once too large: new epoch, token texts rebuilt, scans still right", () => {
    const L = lexicon();
    const a = doc("President Erdogan met the United Nations envoy in Ankara.");
    const before = scan(a, L);
    const epoch = vocabularyEpoch();
    // fill the vocabulary past its limit with words no doc has
    for (let k = 0; vocabularySize() < 1 << 18; k++) wordId(`w${k}`, 0, `w${k}`.length);
    checkVocabulary();
    expect(vocabularyEpoch()).toBe(epoch + 1);
    expect(vocabularySize()).toBe(0);
    const b = doc("Ankara said.");
    expect(tokenTexts(b).ids[0]).toBe(0);
    // the first doc's cached ids belong to the old epoch: rebuilt, and its scan is the same
    const ta = tokenTexts(a);
    expect([...ta.ids].map(wordText)).toEqual(ta.w);
    const after = scan(a, L);
    expect([...after.cls]).toEqual([...before.cls]);
    expect(after.hits.map((h) => [h.s, h.e, h.entry])).toEqual(before.hits.map((h) => [h.s, h.e, h.entry]));
  });
});

describe("isFinalPunct", () => {
  it("is /[.!?\"”:)\\]]/ on one char", () => {
    const re = /[.!?"”:)\]]/;
    for (let c = 0; c < 0x2100; c++) expect(isFinalPunct(c), String(c)).toBe(re.test(String.fromCharCode(c)));
    for (const ch of ".!?\"”:)]") expect(isFinalPunct(ch.charCodeAt(0)), ch).toBe(true);
    for (const ch of "a,;“’'(['") expect(isFinalPunct(ch.charCodeAt(0)), ch).toBe(false);
    expect(isFinalPunct(NaN)).toBe(false); // past the text
  });
});
