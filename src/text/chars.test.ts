import { describe, expect, it } from "vitest";
import { isAsciiLetterCode, isAsciiWordCode, isSpaceCode, skipSpace, skipSpaceBack } from "./chars.js";

describe("character tests on one code unit", () => {
  it("equal the regular expressions they stand in for, on every UTF-16 unit", () => {
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isSpaceCode(c) !== /\s/.test(ch) || isAsciiWordCode(c) !== /\w/.test(ch) || isAsciiLetterCode(c) !== /[A-Za-z]/.test(ch)) bad.push(c);
    }
    expect(bad).toEqual([]);
  });
  it("say no to letters outside ASCII and to punctuation", () => {
    expect(isAsciiWordCode("é".charCodeAt(0))).toBe(false);
    expect(isAsciiWordCode("-".charCodeAt(0))).toBe(false);
    expect(isAsciiLetterCode("é".charCodeAt(0))).toBe(false);
    expect(isAsciiLetterCode("7".charCodeAt(0))).toBe(false);
    expect(isSpaceCode("x".charCodeAt(0))).toBe(false);
    expect(isSpaceCode(0x00a0)).toBe(true);
  });
  it("skip white space forwards and backwards within their bounds", () => {
    const t = "a \u00a0\n b  ";
    expect(skipSpace(t, 1, t.length)).toBe(5);
    expect(skipSpace(t, 1, 3)).toBe(3); // stops at the bound
    expect(skipSpace(t, 0, t.length)).toBe(0); // not on a space: stays
    expect(skipSpace(t, 6, t.length)).toBe(t.length);
    expect(skipSpaceBack(t, 0, 5)).toBe(1);
    expect(skipSpaceBack(t, 3, 5)).toBe(3); // stops at the bound
    expect(skipSpaceBack(t, 0, 1)).toBe(1);
  });
});
