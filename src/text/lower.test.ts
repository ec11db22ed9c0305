import { describe, expect, it } from "vitest";
import type { Doc } from "../core/types.js";
import { lowerTokens, tokenTexts } from "./lower.js";
import { tokenize } from "./tokenize.js";
import { wordText } from "./words.js";

const docOf = (text: string): Doc => ({ text, ...tokenize(text) }) as unknown as Doc;

describe("tokenTexts", () => {
  it("gives each token's text and its lower case", () => {
    const d = docOf("Mevlüt ÇAVUŞOĞLU met U.S. officials in Kyiv.");
    const { w, lw } = tokenTexts(d);
    expect(w).toEqual(d.tokens.map((t) => d.text.slice(t.start, t.end)));
    expect(lw).toEqual(w.map((s) => s.toLowerCase()));
    expect(lw).toContain("çavuşoğlu");
    expect(lw).not.toContain("Kyiv");
  });
  it("is computed once per doc, and not shared between docs", () => {
    const a = docOf("Alpha beta.");
    const b = docOf("Gamma delta.");
    const la = lowerTokens(a);
    expect(lowerTokens(b)).toEqual(["gamma", "delta", "."]);
    expect(lowerTokens(a)).toBe(la);
    expect(la).toEqual(["alpha", "beta", "."]);
  });
  it("is rebuilt when the doc gets new tokens", () => {
    const d = docOf("Alpha beta.");
    expect(lowerTokens(d)).toEqual(["alpha", "beta", "."]);
    d.text = "Gamma.";
    d.tokens = tokenize(d.text).tokens;
    expect(lowerTokens(d)).toEqual(["gamma", "."]);
  });
  it("lower-cases each token as toLowerCase would, also where the whole text's lower case differs", () => {
    for (const text of ["ΟΔΟΣ.Α met İbrahim", "ÇAVUŞOĞLU and ΑΘΗΝΑ, Straße STRASSE", "Plain ASCII Words, U.S. NATO"]) {
      const d = docOf(text);
      const { w, lw } = tokenTexts(d);
      expect(lw).toEqual(w.map((s) => s.toLowerCase()));
    }
  });
});

describe("tokenTexts: word ids", () => {
  it("gives each token the id of its text, the same strings for the same words across docs", () => {
    const a = docOf("Kyiv and KYIV met Kyiv.");
    const b = docOf("In Kyiv.");
    const ta = tokenTexts(a);
    const tb = tokenTexts(b);
    expect([...ta.ids].map(wordText)).toEqual(ta.w);
    expect(ta.ids[0]).toBe(ta.ids[4]);
    expect(ta.ids[0]).not.toBe(ta.ids[2]);
    expect(tb.ids[1]).toBe(ta.ids[0]);
    expect(tb.w[1]).toBe(ta.w[0]);
    expect(ta.lw[2]).toBe("kyiv");
  });
});
