import { describe, expect, it } from "vitest";
import { isAsciiWordCode, isSpaceCode } from "./chars.js";

describe("character tests on one code unit", () => {
  it("equal the regular expressions they stand in for, on every UTF-16 unit", () => {
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isSpaceCode(c) !== /\s/.test(ch) || isAsciiWordCode(c) !== /\w/.test(ch)) bad.push(c);
    }
    expect(bad).toEqual([]);
  });
  it("say no to letters outside ASCII and to punctuation", () => {
    expect(isAsciiWordCode("é".charCodeAt(0))).toBe(false);
    expect(isAsciiWordCode("-".charCodeAt(0))).toBe(false);
    expect(isSpaceCode("x".charCodeAt(0))).toBe(false);
    expect(isSpaceCode(0x00a0)).toBe(true);
  });
});
