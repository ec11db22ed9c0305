/** `clauseStart` (parse.ts) reads the clause boundaries off the chars: it must find what CLAUSE_BOUNDARY_RE finds. */
import { describe, expect, it } from "vitest";
import { seededRandom, sharedTexts } from "../../../test/shared.js";
import { clauseStart, CLAUSE_BOUNDARY_RE } from "./parse.js";

/** The regex reading it replaces: the end of the last boundary in the 90 chars before `pos`. */
function reference(text: string, pos: number): number {
  const from = Math.max(0, pos - 90);
  const window = text.slice(from, pos);
  const re = new RegExp(CLAUSE_BOUNDARY_RE.source, "g");
  let last = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) last = m.index + m[0].length;
  return from + last;
}

describe("clauseStart", () => {
  it("reads the boundaries of each kind, and none in a plain phrase", () => {
    expect(clauseStart("He left. On Monday", 18)).toBe(8);
    expect(clauseStart("They met, ” on Monday", 21)).toBe(10);
    expect(clauseStart("They met — on Monday", 20)).toBe(11);
    expect(clauseStart("They met,” on Monday", 20)).toBe(11);
    // no boundary: a comma before a letter, a dash inside a word, a quote after a comma but no space
    expect(clauseStart("They met,on well-known,”Monday", 30)).toBe(0);
    // the window's end cuts a boundary that needs a char after it
    expect(clauseStart("They met,", 9)).toBe(0);
    expect(clauseStart("They met -", 10)).toBe(0);
  });

  it("equals the regex on random mixes of boundary chars and on every corpus text", () => {
    const pieces = [".", "!", "?", ";", ":", "\n", ",", '"', "”", "’", " ", "\u00a0", "\t", "—", "–", "-", "a", "Monday", "x y", ", ", " - "];
    const rnd = seededRandom(11);
    for (let n = 0; n < 2000; n++) {
      let t = "";
      const len = 1 + Math.floor(rnd() * 30);
      for (let k = 0; k < len; k++) t += pieces[Math.floor(rnd() * pieces.length)];
      for (let pos = 0; pos <= t.length; pos++) expect(clauseStart(t, pos), JSON.stringify(t.slice(0, pos))).toBe(reference(t, pos));
    }
    let checked = 0;
    for (const t of sharedTexts(["corpus/dev", "corpus/stream/articles.jsonl"])) {
      for (let pos = 0; pos <= t.length; pos += 37) {
        expect(clauseStart(t, pos)).toBe(reference(t, pos));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
