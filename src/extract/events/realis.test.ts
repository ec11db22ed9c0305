import { describe, expect, it } from "vitest";
import { endsWithQuestion } from "./realis.js";

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
