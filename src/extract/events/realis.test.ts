import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/shared.js";
import { endsWithQuestion, realisClasses, realisOf } from "./realis.js";

const QUESTION_RE = /\?\s*["”’']?\s*$/;

describe("endsWithQuestion", () => {
  it("finds a question mark at the end, after white space and one closing quote", () => {
    for (const t of ["Will they meet?", "Will they meet? ", 'He asked: "will they meet?"', "“Why?”", "Why?’  ", "why ?\n", "?\u00a0'\u2003", "?"]) {
      expect(endsWithQuestion(t)).toBe(true);
    }
  });

  it("rejects statements, two quotes and a question mark inside", () => {
    for (const t of ["They met.", "Why? They met.", '?""', "", " ", "'", "?x", "?”.", "who? ”x"]) expect(endsWithQuestion(t)).toBe(false);
  });

  it("answers as the regex it replaces", () => {
    const parts = ["?", " ", "\t", "\u00a0", "\u2028", '"', "”", "’", "'", "a", ".", "\u200b"];
    // every string of up to four parts
    let texts = [""];
    for (let n = 0; n < 4; n++) texts = texts.concat(texts.flatMap((t) => parts.map((p) => t + p)));
    for (const t of new Set(texts)) expect(endsWithQuestion(t), JSON.stringify(t)).toBe(QUESTION_RE.test(t));
  });
});

describe("realisOf with the word classes given", () => {
  const vocab = "will would not n't never to talks held a the in during phone call if unless said ; , continue hopes for of offered ready and t ' out ruled about without 's meeting planned agreed urged".split(" ");
  it("answers as it does reading the classes off the words", () => {
    const rnd = seededRandom(9);
    for (let k = 0; k < 5000; k++) {
      const before = Array.from({ length: Math.floor(rnd() * 14) }, () => vocab[Math.floor(rnd() * vocab.length)]!);
      const trig = ["met", "meeting", "holding", "signed", "talks"][k % 5]!;
      const text = k % 7 === 0 ? "Will they meet?" : "They met.";
      expect(realisOf(before, text, trig, Uint8Array.from(before.map(realisClasses)))).toBe(realisOf(before, text, trig));
    }
  });
  it("reads the classes given, not the words", () => {
    // "will" before the trigger makes it future; classes that say "no class" make it asserted
    expect(realisOf(["he", "will"], "He will meet.", "meet")).toBe("future");
    expect(realisOf(["he", "will"], "He will meet.", "meet", [0, 0])).toBe("asserted");
  });
});
