import { describe, expect, it } from "vitest";
import { seededRandom, sharedTexts } from "../../test/shared.js";
import { lowerId, tokenIds, vocabularySize, WordFacts, wordId, wordText } from "./words.js";
import { tokenize } from "./tokenize.js";

describe("wordId", () => {
  it("gives one id per distinct text, wherever the text stands", () => {
    const a = wordId("the Minister said", 4, 12);
    expect(wordText(a)).toBe("Minister");
    expect(wordId("Minister", 0, 8)).toBe(a);
    expect(wordId("a Minister's", 2, 10)).toBe(a);
    expect(wordId("Ministers", 0, 9)).not.toBe(a);
    expect(wordId("Minister", 0, 7)).not.toBe(a); // a prefix is another word
    expect(wordId("minister", 0, 8)).not.toBe(a);
  });
  it("keeps ids apart over the real corpora and random strings (hash collisions are compared away)", () => {
    const byText = new Map<string, number>();
    const check = (text: string, s: number, e: number) => {
      const id = wordId(text, s, e);
      const t = text.slice(s, e);
      expect(wordText(id)).toBe(t);
      const seen = byText.get(t);
      if (seen === undefined) byText.set(t, id);
      else expect(id).toBe(seen);
    };
    for (const text of sharedTexts()) for (const t of tokenize(text).tokens) check(text, t.start, t.end);
    const rnd = seededRandom(7);
    for (let k = 0; k < 50_000; k++) {
      let s = "";
      const len = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < len; i++) s += String.fromCharCode(65 + Math.floor(rnd() * 6), 0x3b1 + Math.floor(rnd() * 3));
      check(s, 0, s.length);
    }
    expect(new Set(byText.values()).size).toBe(byText.size);
    expect(vocabularySize()).toBeGreaterThanOrEqual(byText.size);
  });
});

describe("tokenIds", () => {
  it("gives every token the id wordId gives it, new words in token order, through the table's growth", () => {
    // thousands of new words in one text, some of them repeated: the table is rehashed between tokens
    const rnd = seededRandom(11);
    const parts: string[] = [];
    for (let k = 0; k < 20_000; k++) parts.push(rnd() < 0.2 && k > 0 ? parts[Math.floor(rnd() * k)]! : `tok${Math.floor(rnd() * 1e9).toString(36)}`);
    const text = `${parts.join(" ")} the Minister said.`;
    const { tokens } = tokenize(text);
    const before = vocabularySize();
    const ids = new Int32Array(tokens.length).fill(-1);
    tokenIds(text, tokens, ids);
    const firstNew = new Map<string, number>();
    tokens.forEach((t, i) => {
      const s = text.slice(t.start, t.end);
      expect(wordText(ids[i]!)).toBe(s);
      expect(wordId(text, t.start, t.end)).toBe(ids[i]);
      if (ids[i]! >= before && !firstNew.has(s)) firstNew.set(s, ids[i]!);
    });
    // new words got consecutive ids in the order of their first token, as wordId token by token gives them
    expect([...firstNew.values()]).toEqual([...firstNew.values()].map((_, k) => before + k));
    expect(vocabularySize()).toBe(before + firstNew.size);
    expect(ids[tokens.length - 3]).toBe(wordId("Minister", 0, 8));
    expect(ids[tokens.length - 3]).not.toBe(wordId("minister", 0, 8));
  });
  it("leaves the ids of an empty token list alone", () => {
    const ids = new Int32Array(0);
    tokenIds("", [], ids);
    expect(ids).toHaveLength(0);
  });
});

describe("lowerId", () => {
  it("is the id of the word's toLowerCase()", () => {
    for (const t of ["Kyiv", "kyiv", "NATO", "ÇAVUŞOĞLU", "İstanbul", "ΟΔΟΣ", "Straße", ",", "3rd"]) {
      const id = wordId(t, 0, t.length);
      expect(wordText(lowerId(id)), t).toBe(t.toLowerCase());
    }
    const k = wordId("kyiv", 0, 4);
    expect(lowerId(k)).toBe(k);
    expect(lowerId(wordId("Kyiv", 0, 4))).toBe(k);
  });
});

describe("WordFacts", () => {
  it("gives each word's fact, computed once per word", () => {
    let calls = 0;
    const len = new WordFacts((id) => {
      calls++;
      return Math.min(254, wordText(id).length);
    });
    const a = wordId("alpha", 0, 5);
    const b = wordId("be", 0, 2);
    expect(len.get(a)).toBe(5);
    expect(len.get(b)).toBe(2);
    expect(len.get(a)).toBe(5);
    expect(calls).toBe(2);
  });
  it("keeps a fact of 0 as computed, and grows with the vocabulary", () => {
    let calls = 0;
    const none = new WordFacts(() => {
      calls++;
      return 0;
    });
    const ids = Array.from({ length: 3000 }, (_, k) => wordId(`facts-word-${k}`, 0, `facts-word-${k}`.length));
    for (const id of ids) expect(none.get(id)).toBe(0);
    for (const id of ids) expect(none.get(id)).toBe(0);
    expect(calls).toBe(ids.length);
  });
});
