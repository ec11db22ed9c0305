import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/shared.js";
import { wordId } from "../../text/words.js";
import { currencyWordAfter, digitsValue, findNumbers, T_A, T_INNER, T_WORD, tokenBits, wordsToNumber } from "./numbers.js";

/** The word ids of the tokens (as tokenTexts gives them). */
const idsOf = (text: string, tokens: readonly { start: number; end: number }[]) => Int32Array.from(tokens, (t) => wordId(text, t.start, t.end));

function one(text: string) {
  const hits = findNumbers(text);
  expect(hits.length, `numbers in «${text}»`).toBe(1);
  const h = hits[0]!;
  expect(h.start).toBeGreaterThanOrEqual(0);
  expect(h.end).toBeGreaterThan(h.start);
  return { ...h, text: text.slice(h.start, h.end) };
}

describe("numbers in digits", () => {
  it.each([
    ["At least 368,000 people fled.", "368,000", 368000],
    ["The toll rose to 102.", "102", 102],
    ["Some 1,002,860 have left.", "1,002,860", 1002860],
    ["It could reach 1.5m by Sunday.", "1.5m", 1500000],
    ["A further 2 million people", "2 million", 2000000],
    ["worth 1.5 billion in aid", "1.5 billion", 1500000000],
    ["a package of $2 billion", "$2 billion", 2000000000],
    ["pledged €500 million", "€500 million", 500000000],
    ["an estimated 4 million people", "4 million", 4000000],
    ["raised 3.2bn for the appeal", "3.2bn", 3200000000],
  ])("%s", (text, span, value) => {
    const h = one(text);
    expect(h.text).toBe(span);
    expect(h.value).toBe(value);
    expect(h.vague).toBe(false);
  });

  it("reads the currency from a symbol or a following word", () => {
    expect(one("a package of $2 billion").currency).toBe("USD");
    expect(one("pledged 300 million euros").currency).toBe("EUR");
    expect(one("some 14,000 people").currency).toBeNull();
  });

  it("does not read digits glued to letters (ordinals, codes)", () => {
    expect(findNumbers("the 24th brigade")).toEqual([]);
    expect(findNumbers("flight MH17 crashed")).toEqual([]);
  });
});

describe("numbers in words", () => {
  it.each([
    ["two million people", "two million", 2e6],
    ["half a million people", "half a million", 5e5],
    ["one and a half million people", "one and a half million", 1.5e6],
    ["twenty-five boys", "twenty-five", 25],
    ["one hundred and twenty soldiers", "one hundred and twenty", 120],
    ["a dozen civilians", "a dozen", 12],
    ["three Russian planes", "three", 3],
    ["One million refugees", "One million", 1e6],
  ])("%s", (text, span, value) => {
    const h = one(text);
    expect(h.text).toBe(span);
    expect(h.value).toBe(value);
  });

  it("wordsToNumber", () => {
    expect(wordsToNumber("seventeen")).toBe(17);
    expect(wordsToNumber("two hundred thousand")).toBe(200000);
    expect(wordsToNumber("banana")).toBeNull();
  });

  it("leaves a lone 'one' that is a pronoun", () => {
    expect(findNumbers("No one was hurt, one official said.")).toEqual([]);
  });
});

describe("vague quantities and fractions", () => {
  it("tens of thousands is a range marked vague", () => {
    const h = one("tens of thousands of troops");
    expect(h.text).toBe("tens of thousands");
    expect(h.value).toBe(10000);
    expect(h.valueMax).toBe(99999);
    expect(h.vague).toBe(true);
  });
  it("dozens, hundreds, millions are vague", () => {
    expect(one("dozens of homes").vague).toBe(true);
    expect(one("hundreds wounded").vague).toBe(true);
    expect(one("millions more").vague).toBe(true);
  });
  it("a third is a fraction", () => {
    const h = one("a third of the population");
    expect(h.fraction).toBe(true);
    expect(h.value).toBeCloseTo(1 / 3, 3);
  });
});

describe("findNumbersInTokens", () => {
  it("finds the same numbers as the text scan, whatever the tokenisation", async () => {
    const { tokenize } = await import("../../text/tokenize.js");
    const { findNumbersInTokens } = await import("./numbers.js");
    const text =
      "Some 368,000 people fled; twenty-five died on March 11-13 in a magnitude-7.8 quake. The bank lent US$2 billion and €1.5m, a dozen more, and half a million others.";
    const { tokens } = tokenize(text);
    expect(findNumbersInTokens(text, tokens, idsOf(text, tokens))).toEqual(findNumbers(text));
    // three tokens for "368,000" (an older tokenisation) give the same numbers
    const split = tokens.flatMap((t) => {
      const s = text.slice(t.start, t.end);
      const m = /^(\d+),(\d{3})$/.exec(s);
      return m ? [{ ...t, end: t.start + m[1]!.length }, { ...t, start: t.start + m[1]!.length, end: t.start + m[1]!.length + 1 }, { ...t, start: t.start + m[1]!.length + 1 }] : [t];
    });
    expect(findNumbersInTokens(text, split, idsOf(text, split))).toEqual(findNumbers(text));
    expect(findNumbers(text).map((h) => h.value)).toContain(368000);
  });

  it("matches the text scan on tricky word boundaries and cases", async () => {
    const { tokenize } = await import("../../text/tokenize.js");
    const { findNumbersInTokens } = await import("./numbers.js");
    const same = (text: string) => {
      const { tokens } = tokenize(text);
      expect(findNumbersInTokens(text, tokens, idsOf(text, tokens)), text).toEqual(findNumbers(text));
    };
    // positives: numbers the scan finds
    for (const t of ["Two people", "twenty\u2010five died", "a hundred-strong unit", "e\u0301two", "x\u03011 unit", "one-third of", "Forty-two", "a  million", "US$5 and \u20ac 3bn", "half a dozen", "Hundreds fled"]) same(t);
    // negatives: no number, or not where a token starts
    for (const t of ["TWO people", "1,000two", "two_ more", "\u00e9two", "a Hundred", "MH17", "the 24th", "no-one", "someone", "a", "A.", "tone"]) same(t);
    expect(findNumbers("TWO people")).toEqual([]);
    expect(findNumbers("1,000two")).toEqual([]);
  });

  it("matches the text scan on random mixes of number-like pieces", async () => {
    const { tokenize } = await import("../../text/tokenize.js");
    const { findNumbersInTokens } = await import("./numbers.js");
    const pieces = ["one", "Two", "TEN", "twenty", "-", "\u2010", "five", "a", "A", " ", "  ", ", ", ". ", "hundred", "million", "s", "$", "US$", "\u20ac", "3", "1,000", "2.5", "m", "bn", "_", "\u00e9", "\u0301", "half", "dozen", "third", "Quarter", "people", "'s", "\u2019", "\u201c", "x", "\n", "\u00a0", "a million", "a third", "an"];
    const rnd = seededRandom(7);
    for (let n = 0; n < 800; n++) {
      let text = "";
      const len = 1 + Math.floor(rnd() * 12);
      for (let k = 0; k < len; k++) text += pieces[Math.floor(rnd() * pieces.length)];
      const { tokens } = tokenize(text);
      expect(findNumbersInTokens(text, tokens, idsOf(text, tokens)), JSON.stringify(text)).toEqual(findNumbers(text));
    }
  });
});

describe("tokenBits", () => {
  it("marks inner boundaries, the number words as the scan matches them, and 'a'", () => {
    for (const t of ["twenty-five", "twenty\u2010five", "\u00e9two", "one\u2019s", "-"]) expect(tokenBits(t), t).toBe(T_INNER);
    for (const t of ["two", "Two", "hundred", "Hundreds", "half", "dozen"]) expect(tokenBits(t), t).toBe(T_WORD);
    for (const t of ["a", "A"]) expect(tokenBits(t), t).toBe(T_A);
    for (const t of ["TWO", "tWo", "twos", "an", "people", "1,000", "", "x"]) expect(tokenBits(t), t).toBe(0);
  });
});

describe("number parts read off the chars", () => {
  it("digitsValue is Number() of the digits without commas", () => {
    const runs = ["0", "7", "007", "368,000", "1,002,860", "1.5", "0.25", "12.500", "1,234.56", "999999999999999", "1000000000000000", "9007199254740993", "123,456,789,012,345", "1,234,567,890,123,456", "3.14159265358979323846"];
    for (let n = 1; n <= 20; n++) runs.push("9".repeat(n), "1" + "0".repeat(n - 1), `${"7".repeat(n)}.5`);
    for (const r of runs) expect(digitsValue(r), r).toBe(Number(r.replace(/,/g, "")));
  });

  it("currencyWordAfter finds what the regex finds in the 24 chars after the number", () => {
    const CURRENCY_AFTER = /^\s*(?:of\s+)?(?:US\s+|U\.S\.\s+)?([A-Za-z]+)/;
    const reference = (text: string, from: number) => {
      const m = CURRENCY_AFTER.exec(text.slice(from, from + 24));
      return m ? ({ euro: "EUR", euros: "EUR", dollars: "USD", usd: "USD", pounds: "GBP", yen: "JPY" } as Record<string, string>)[m[1]!.toLowerCase()] : undefined;
    };
    expect(currencyWordAfter("5 euros", 1)).toBe("EUR");
    expect(currencyWordAfter("5 of US dollars", 1)).toBe("USD");
    expect(currencyWordAfter("5 U.S. dollars", 1)).toBe("USD");
    expect(currencyWordAfter("5 USD", 1)).toBe("USD");
    expect(currencyWordAfter("5 people", 1)).toBeUndefined();
    // words of Object.prototype are no currency
    expect(currencyWordAfter("5 constructor", 1)).toBeUndefined();
    expect(currencyWordAfter("5 constructors", 1)).toBeUndefined();
    expect(currencyWordAfter("5                      euros", 1)).toBeUndefined();
    const pieces = ["", " ", "  ", "\u00a0", "\n", "of", "of ", "of  ", "Of ", "US", "US ", "U.S.", "U.S. ", "U.S.", "dollars", "Euros", "euro", "USD", "usd", "pounds", "yen", "5", "people", "x".repeat(12), "-", "é"];
    const rnd = seededRandom(11);
    let found = 0;
    for (let n = 0; n < 20000; n++) {
      let text = "5";
      const len = 1 + Math.floor(rnd() * 6);
      for (let k = 0; k < len; k++) text += pieces[Math.floor(rnd() * pieces.length)];
      const want = reference(text, 1);
      // (the lookup table of the reference holds the currencies the pieces name)
      expect(currencyWordAfter(text, 1), JSON.stringify(text)).toBe(want);
      if (want) found++;
    }
    expect(found).toBeGreaterThan(1000);
  });
});
