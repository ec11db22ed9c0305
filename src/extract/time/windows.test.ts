/**
 * chrono runs over windows around date anchors, not the whole text: the candidates must be the
 * same as those of a parse over the whole text, with spans into the original text.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../core/paths.js";
import { parseCandidates, parseCandidatesFull, windowsOf } from "./parse.js";
import { seededRandom, sharedTexts } from "../../../test/shared.js";
import { tokenize } from "../../text/tokenize.js";
import { wordId } from "../../text/words.js";
import { ALL, DIGIT, mergeAnchors, MONTH, someWindows, tokenClass, trieSource, UNIT, WEEKDAY, type TokenWords } from "./windows.js";

const FILLER =
  "The talks covered grain exports, prisoner exchanges and the safety of the nuclear plant, and both delegations said more work was needed before any agreement could be signed by the leaders. ";

const TRICKY = [
  `${FILLER.repeat(3)}On Feb. 25, 2022, the ministers met in Geneva. ${FILLER.repeat(2)}Three days later, they met again.`,
  `${FILLER}The fighting lasted from March 11-13 and resumed on Thursday (March 16). ${FILLER}It ended 2 weeks ago.`,
  `${FILLER.repeat(2)}The 2014 and 2015 Minsk agreements were signed in 2015, ${FILLER}and reviewed late last year and earlier this week.`,
  `${FILLER}The deadline is 5m later than 24:00 on 2022-02-24; the report of 24/7 coverage came out at the end of the month.`,
  `${FILLER}U.S. officials said the 368,000 people counted since 1998 had fled by the weekend, ${FILLER}a year after the war began.`,
  `Yesterday (February 27) the council met. ${FILLER}In May he said May would be decisive; the march was on Sun.`,
];

describe("windowed chrono parse", () => {
  it("finds exactly what a whole-text parse finds, on tricky texts and the bundled articles", () => {
    const dir = join(packageRoot(), "examples");
    const texts = [...TRICKY, ...readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(dir, f), "utf8"))];
    for (const t of texts) {
      const win = parseCandidates(t);
      expect(win).toEqual(parseCandidatesFull(t));
      for (const c of win) expect(c.end).toBeLessThanOrEqual(t.length);
    }
    // the texts do have dates: the comparison is not between two empty lists
    expect(parseCandidates(TRICKY[0]!).map((c) => TRICKY[0]!.slice(c.start, c.end))).toEqual(["Feb. 25, 2022", "Three days later"]);
  });

  it("keeps spans in the original text's offsets", () => {
    const t = TRICKY[2]!;
    const got = parseCandidates(t).map((c) => t.slice(c.start, c.end));
    expect(got).toContain("2014");
    expect(got).toContain("2015");
    expect(got).toContain("late last year");
  });

  it("leaves text far from any anchor out of the windows", () => {
    const t = `${FILLER.repeat(4)}On Monday the talks resumed. ${FILLER.repeat(4)}`;
    const w = windowsOf(t)!;
    const joined = someWindows(t, w, w.from.map((_, i) => i)).text;
    expect(joined.length).toBeLessThan(200);
    expect(joined).toContain("On Monday the talks resumed.");
    expect(windowsOf(FILLER.repeat(3))).toBeNull();
    // an apostrophe s and the s of U.S. are not one-letter units
    expect(windowsOf("The president's U.S. visit ended well.")).toBeNull();
  });

  it("classes the windows by their anchors; a digit touching a letter opens a window to every parser", () => {
    const t = `${FILLER}On Monday the talks resumed. ${FILLER}In March 2022 they met. ${FILLER}Talks in May2022 stalled.`;
    expect(windowsOf(t)!.cls).toEqual([WEEKDAY, MONTH | DIGIT, ALL]);
  });
});

describe("windows' helpers", () => {
  it("mergeAnchors: two lists of (start, end, class) in order merged into one in order", () => {
    expect(mergeAnchors([0, 3, MONTH, 20, 26, WEEKDAY], [5, 9, DIGIT, 30, 34, DIGIT])).toEqual([0, 3, MONTH, 5, 9, DIGIT, 20, 26, WEEKDAY, 30, 34, DIGIT]);
    expect(mergeAnchors([10, 13, MONTH], [2, 6, DIGIT])).toEqual([2, 6, DIGIT, 10, 13, MONTH]);
    expect(mergeAnchors([], [2, 6, DIGIT])).toEqual([2, 6, DIGIT]);
    expect(mergeAnchors([2, 6, MONTH], [])).toEqual([2, 6, MONTH]);
    // never a concatenation when the second list starts first
    expect(mergeAnchors([8, 9, UNIT], [1, 5, DIGIT])).not.toEqual([8, 9, UNIT, 1, 5, DIGIT]);
  });
});

describe("trieSource", () => {
  it("matches exactly the words, factored by prefix", () => {
    const words = ["mon", "monday", "month", "months", "mo", "may", "s"];
    const src = trieSource(words);
    expect(src).toBe("(?:m(?:o(?:n(?:day|th(?:s)?)?)?|ay)|s)");
    const re = new RegExp(`^${src}$`);
    for (const w of words) expect(re.test(w), w).toBe(true);
    for (const w of ["m", "mond", "monthss", "ma", "", "sun", "mos"]) expect(re.test(w), w).toBe(false);
  });

  it("finds the same anchors as the flat alternation it replaces", () => {
    const flat =
      /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|weekends?|weekdays?|now|today|tonight|tomorrow|overmorrow|tmrw?|yesterday|night|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|mos?|months?|qtrs?|quarters?|yrs?|years?|[smhdwy])\b/gi;
    const t = "On MONDAY, Feb. 25 (Mon.) tmrw, tues, thurs, sept, mos, qtrs, mayor Marchant monday_ overmorrows yesterday's night-time s m h d w y x 5 d ago";
    const flatWords = [...t.matchAll(flat)].map((m) => m[0]);
    expect(flatWords.length).toBe(19);
    // every flat match is a window anchor: a text made of it alone opens a window, of its neighbour words none
    for (const w of flatWords) expect(windowsOf(`x ${w} x`), w).not.toBeNull();
    for (const w of ["mayor", "Marchant", "monday_", "overmorrows", "x", "ago"]) expect(windowsOf(`x ${w} x`), w).toBeNull();
  });
});


describe("anchor words from the tokens", () => {
  const words = (text: string): TokenWords => {
    const { tokens } = tokenize(text);
    return { tokens, ids: Int32Array.from(tokens, (t) => wordId(text, t.start, t.end)) };
  };

  it("tokenClass: a word's class, mixed tokens for the regex, none for digits and glued words", () => {
    expect(tokenClass("Monday")).toBe(WEEKDAY);
    expect(tokenClass("MON")).toBe(WEEKDAY | UNIT);
    expect(tokenClass("mayor")).toBe(0);
    expect(tokenClass("May2022")).toBe(0);
    expect(tokenClass("368,000")).toBe(0);
    expect(tokenClass(",")).toBe(0);
    for (const t of ["mid-March", "U.S.", "Mayé", "'s", "night\u2010time"]) expect(tokenClass(t), t).toBeGreaterThan(ALL);
  });

  it("gives the windows the text scan gives, on the corpora, tricky texts and random mixes", () => {
    const texts = [...TRICKY, ...sharedTexts()];
    const pieces = ["May", "may", "mid-", "March", "_", "5", "d", " ", "  ", "\n", ".", "'", "’", "s", "U.S.", "é", "\u0301", "day", "days", "ago", "2022", "-", "Mon", "Sun", ",", "yesterday", "x", "hrs", "24"];
    const rnd = seededRandom(3);
    for (let n = 0; n < 3000; n++) {
      let t = "";
      const len = 1 + Math.floor(rnd() * 14);
      for (let k = 0; k < len; k++) t += pieces[Math.floor(rnd() * pieces.length)];
      texts.push(t);
    }
    let anchors = 0;
    for (const t of texts) {
      const want = windowsOf(t);
      expect(windowsOf(t, words(t)), JSON.stringify(t.slice(0, 80))).toEqual(want);
      anchors += want ? want.anchors.length / 3 : 0;
    }
    expect(anchors).toBeGreaterThan(3000);
  });
});
