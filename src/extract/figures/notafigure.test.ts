import { describe, expect, it } from "vitest";
import { sharedTexts } from "../../../test/shared.js";
import { notAFigure } from "./index.js";
import { LABELS, MONTHS, NOT_AFTER } from "./lexicon.js";
import { findNumbers, type NumberHit } from "./numbers.js";

/** notAFigure as it was written first, one regex per pattern: the reference for the char-gated one. */
function reference(text: string, h: NumberHit): string | null {
  const lastWord = (s: string) => {
    const isWordChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;
    let e = s.length;
    while (e > 0 && !isWordChar(s.charCodeAt(e - 1))) e--;
    let b = e;
    while (b > 0 && isWordChar(s.charCodeAt(b - 1))) b--;
    return s.slice(b, e).toLowerCase();
  };
  if (h.vague) return "vague";
  if (h.fraction) return "fraction";
  const before = text.slice(Math.max(0, h.start - 24), h.start);
  const after = text.slice(h.end, h.end + 24);
  const prevWord = lastWord(before);
  const nextWord = /^\W{0,2}?([\p{L}.'’]+)/u.exec(after)?.[1]?.toLowerCase() ?? "";
  if (h.digits) {
    if (/^\s*(?:%|per\s*cent|percent|pct)/i.test(after)) return "percent";
    if (/^:\d/.test(after) || /\d:$/.test(before)) return "time";
    if (/^\s*[-–]\s*\d/.test(after) || /\d\s*[-–]\s*$/.test(before)) return "range-or-score";
    if (/[\p{L}][-‐]$/u.test(before)) return "code";
    if (/^(?:st|nd|rd|th)\b/.test(after)) return "ordinal";
    if (/[+#№]\s*$/.test(before) || /^[\s-]\d{2,}/.test(after) || (/\(\s*$/.test(before) && /^\)\s*\d/.test(after))) return "phone";
    if (/[/@]$/.test(before) || /^[/@]/.test(after)) return "url";
    if (h.bare && h.value >= 1800 && h.value <= 2100 && !h.currency) return "year";
    if (MONTHS.has(prevWord) && !/[,;]\s*$/.test(before)) return "date";
    if (/^\s*(?:,\s*)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i.test(after) && h.bare) return "date";
  }
  if (/^[-‐](?!strong\b)\p{L}/iu.test(after)) return "modifier";
  if (h.digits && h.value < 120 && /\p{Lu}[\p{L}'’-]+,\s*$/u.test(before) && /^\s*,/.test(after)) return "age";
  if (/^\s*(?:years?\s+old|years?\s+of\s+age)/i.test(after)) return "age";
  if (NOT_AFTER.has(nextWord) || NOT_AFTER.has(nextWord.replace(/[.,]$/, ""))) return "measure";
  if (LABELS.has(prevWord) && (h.digits || /^\p{Lu}/u.test(before.trim().split(/\s+/).pop() ?? ""))) return "label";
  return null;
}

/** Every number of the text: [text, hit, reference reason, reason]. */
function compare(text: string): [string, number, string | null, string | null][] {
  return findNumbers(text).map((h) => [text, h.start, reference(text, h), notAFigure(text, h)]);
}

describe("notAFigure", () => {
  it("gives the reference's reason for every number of the seed, dev and stream articles", () => {
    const texts = sharedTexts();
    expect(texts.length).toBeGreaterThan(100);
    const rows = texts.flatMap(compare);
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.filter((r) => r[2] !== r[3])).toEqual([]);
    // both kinds of answer occur
    expect(rows.some((r) => r[3] === null)).toBe(true);
    expect(new Set(rows.map((r) => r[3])).size).toBeGreaterThan(5);
  });

  it("gives the reference's reason in every context the patterns turn on", () => {
    const befores = ["", "at ", "Article ", "article  ", "March ", "March, ", "May; ", "Feb. ", "pages 3-", "3 – ", "10:", "+", "# ", "№ ", "(", "( ", "http://x/", "mail@", "Jane Roe, ", "Roe,", "a ", "toll ", "Flight ", "ID-", "x‐", "aged ", "\u00a0", "Room B ", "N° ", "é-"];
    const numbers = ["5", "1,000", "2024", "12", "two", "300", "1.5m", "$40", "99", "119", "120", "hundreds", "a third"];
    const afters = ["", "%", " %", " per cent", " percent", "\u00a0pct", " PCT", ":30", ": 30", " - 4", "–5", " –  5", "th", "st place", "nd", " 555", "-1234", "-12", ") 7946", ")  79", ")x", "/x", "@y", " January", ", March", ",  dec", ", , May", " Sept.", "-year-old", "-strong", "-Strong", "‐fold", " years old", " Year of age", " YEARS OLD", ", who", " , who", " km", " days,", " km.", " kms", " people", " a.m.", " o'clock", " ’s", "...km", " ,km", " (", " y", "-"];
    const rows = befores.flatMap((b) => numbers.flatMap((n) => afters.flatMap((a) => compare(`${b}${n}${a}`))));
    expect(rows.length).toBeGreaterThan(10000);
    expect(rows.filter((r) => r[2] !== r[3])).toEqual([]);
    // every reason but "ordinal" (digits glued to letters are no number) occurs
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([null, "percent", "time", "range-or-score", "code", "phone", "url", "year", "date", "modifier", "age", "measure", "label", "vague", "fraction"]));
  });
});
