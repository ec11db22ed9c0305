/**
 * The commonest date forms of news read without chrono: a window whose every anchor is one of
 * them gets its results here, the others still go to chrono.
 *
 * Forms: a capitalised weekday alone or after "on", "this/last/past/next" ("on last Monday");
 * "this/last/past/next week/month/year"; a number and a unit after a modifier ("the past two
 * weeks") or before "ago", "earlier", "later", "before", "after" ("two years ago"); "today",
 * "tonight", "yesterday"; a month name with a day or a year ("June 2022", "March 7", "Feb. 25,
 * 2022") or alone ("by October", kept or dropped as the news filter does); a bare year after a cue
 * word ("in 2014", our year parser); and anchors that yield nothing: a time unit not preceded by a
 * number or a modifier ("a busy day", "the conflict's years", "a 93-year-old"), "night" not after
 * "last", a number of four digits or more that no numeric-date parser can take ("article 1001"),
 * two numbers joined by a dot or dash ("1.5 °C", "50.9%").
 *
 * Each rule is written from chrono's own patterns (ENWeekdayParser, ENRelativeDateFormatParser,
 * ENCasualDateParser, the month-name parsers, the "N units ago/later" family, the numeric parsers) and says where a
 * chrono match holding the anchor starts and ends. Anything a rule does not settle (a comma or
 * parenthesis chrono would take into the match, a modifier after the weekday, a possible time-zone
 * suffix, "end of", two results chrono's refiners could merge) sends the whole window to chrono.
 * What a result means (its components and tags) is chrono's own: `known` parses the result's text
 * alone, once per distinct text. `scan.test.ts` checks the windows of every corpus against chrono.
 */
import type * as chrono from "chrono-node";
import { isAsciiWordCode, isSpaceCode, skipSpace, skipSpaceBack } from "../../text/chars.js";
import { ALL, CASUAL, DIGIT, isUnitWord, MONTH, UNIT, WEEKDAY, type Windows } from "./windows.js";

/** A result as chrono would report it (index in the source text). */
export interface Found {
  index: number;
  text: string;
  start: chrono.ParsedComponents;
  end?: chrono.ParsedComponents | undefined;
}

/**
 * chrono's reading of a result's text alone (after `cue` when given: "in October", as a month name
 * alone is a date only after a cue word): exactly one result covering the text, else null.
 */
export type Known = (text: string, cue?: string) => Pick<Found, "start" | "end"> | null;

const WEEKDAYS = new Set(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
const FULL_MONTHS = new Set(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);
const MONTHS = new Set([...FULL_MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]);
/** chrono's ORDINAL_WORD_DICTIONARY, by last word ("twenty-first" ends in "first"). */
const ORDINAL_WORDS = new Set([
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
  "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
]);
const MODIFIERS = new Set(["this", "last", "past", "next"]);
const PERIODS = new Set(["week", "weeks", "month", "months", "year", "years"]);
const CASUAL_DAYS = new Set(["today", "tonight", "yesterday"]);
/** The text between two results (trimmed, lower case) across which chrono's date-range and date-time refiners join them. */
const RANGE_BETWEEN = new Set(["to", "-", "–", "until", "through", "till"]);
const DATE_TIME_BETWEEN = new Set(["", "t", "at", "after", "before", "on", "of", ",", "-", ".", "∙", ":"]);

/** A time-zone abbreviation or offset chrono's refiners would append to a result. */
const TZ_ABBR_RE = /\s*,?\s*\(?([A-Za-z]{2,4})\)?(?=\W|$)/y;
const TZ_OFFSET_RE = /\s*(?:\(?(?:GMT|UTC)\s?)?[+-]\d/iy;

const COMMA = 44;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const FULL_OPEN_PAREN = 0xff08;
const FULL_CLOSE_PAREN = 0xff09;

/** Start of the ASCII word (chrono's \w) that ends at `pos`. */
function wordStart(src: string, from: number, pos: number): number {
  while (pos > from && isAsciiWordCode(src.charCodeAt(pos - 1))) pos--;
  return pos;
}

function wordEnd(src: string, pos: number, to: number): number {
  while (pos < to && isAsciiWordCode(src.charCodeAt(pos))) pos++;
  return pos;
}

/** The word (lower case) that ends at `end`, or "" when a non-word character is there. */
function lowerWordBefore(src: string, from: number, end: number): string {
  return src.slice(wordStart(src, from, end), end).toLowerCase();
}

/** A comma or opening parenthesis right before `pos` (spaces between): chrono's weekday pattern may take it in. */
function commaBefore(src: string, from: number, pos: number): boolean {
  const q = skipSpaceBack(src, from, pos);
  if (q === from) return false;
  const c = src.charCodeAt(q - 1);
  return c === COMMA || c === OPEN_PAREN || c === FULL_OPEN_PAREN;
}

/** Where chrono's weekday match around the weekday at [a, b) starts and ends, or null when unsure. */
function weekdaySpan(src: string, from: number, to: number, a: number, b: number): [number, number] | null {
  // before: "on", a modifier, "on" + modifier (ENWeekdayParser's optional prefix groups)
  let start = a;
  let q = skipSpaceBack(src, from, a);
  let w = lowerWordBefore(src, from, q);
  if (MODIFIERS.has(w)) {
    start = q - w.length;
    q = skipSpaceBack(src, from, start);
    w = lowerWordBefore(src, from, q);
  }
  if (w === "on") start = q - 2;
  if (commaBefore(src, from, start)) return null;
  // after: a comma or closing parenthesis is part of the match when a non-word character follows it
  let end = b;
  const p = skipSpace(src, b, to);
  const c = src.charCodeAt(p);
  let next = p;
  if (p < to && (c === COMMA || c === CLOSE_PAREN || c === FULL_CLOSE_PAREN)) {
    if (p + 1 >= to || !isAsciiWordCode(src.charCodeAt(p + 1))) end = p + 1;
    next = skipSpace(src, p + 1, to);
  }
  // "Monday last week", "Monday of next week": the postfix group, left to chrono
  const after = src.slice(next, wordEnd(src, next, to)).toLowerCase();
  if (after.startsWith("of") || after.startsWith("this") || after.startsWith("last") || after.startsWith("past") || after.startsWith("next")) return null;
  return [start, end];
}

/**
 * Where chrono's match of a month name at [a, b) ends when a day or a year follows ("June 2022",
 * "March 7", "Feb. 25, 2022": ENMonthNameParser, ENMonthNameMiddleEndianParser), or -1 when
 * unsure: a day before it ("5 June 2022", "first of June": ENMonthNameLittleEndianParser), a range
 * ("March 11-13", "March 11 to 13"), a clock time, an era ("2022 AD"), or a next word that changes
 * a look-ahead of theirs ("March 7 am", "March 22 Jan…"); NO_RESULT when a number of three or
 * more digits that is not a year follows; ALONE when no number follows (see `aloneMonthEnd`).
 */
/** monthEnd: the month name yields no result. */
const NO_RESULT = -2;
/** monthEnd: the month name is followed by no number. */
const ALONE = -3;

function monthEnd(src: string, from: number, to: number, a: number, b: number): number {
  const q = skipSpaceBack(src, from, a);
  if (q === a && q > from && (src.charCodeAt(q - 1) === 45 || src.charCodeAt(q - 1) === 47)) return -1;
  let w = lowerWordBefore(src, from, q);
  if (w === "of") w = lowerWordBefore(src, from, skipSpaceBack(src, from, q - 2));
  if (ORDINAL_WORDS.has(w) || /\d/.test(w)) return -1;
  // "Feb.": the dot is part of chrono's month name (after "June." chrono reads the month alone)
  const dot = src.charCodeAt(b) === 46;
  if (dot && FULL_MONTHS.has(src.slice(a, b))) return ALONE;
  const m = dot ? b + 1 : b;
  const ns = skipSpace(src, m, to);
  if (ns < to && !isDigit(src.charCodeAt(ns))) return dot ? -1 : ALONE;
  if (ns === m) return -1;
  const ne = wordEnd(src, ns, to);
  if (!/^\d+$/.test(src.slice(ns, ne))) return -1;
  if (ne - ns === 4) return yearEnd(src, to, ns, ne);
  if (ne - ns > 2) {
    // "October 279,308": no day, no year ("245 AD" would be one); ENMonthNameParser's look-ahead
    // fails after the month name, and after "Feb." it takes "Feb" alone and drops it
    if (ne >= to) return -1;
    const p = skipSpace(src, ne, to);
    const era = src.slice(p, p + 2).toLowerCase();
    return p >= to || era === "be" || era === "ad" || era === "bc" || era === "ce" ? -1 : NO_RESULT;
  }
  if (ne >= to) return -1;
  const c = src.charCodeAt(ne);
  if (c === COMMA) {
    // "March 7, 2022", or a comma ending the date
    const p = skipSpace(src, ne + 1, to);
    if (p >= to) return -1;
    if (!isDigit(src.charCodeAt(p))) return ne;
    const pe = wordEnd(src, p, to);
    // "In March 12,345 people fled": three digits after the comma are no YEAR_PATTERN (two digits,
    // four, or up to four before an era), so the match ends at the day
    if (pe - p === 3 && threeDigitsNoEra(src, to, p, pe)) return ne;
    return yearEnd(src, to, p, pe);
  }
  if (isSpaceCode(c)) {
    const p = skipSpace(src, ne, to);
    if (p >= to || !isAsciiWordCode(src.charCodeAt(p)) || isDigit(src.charCodeAt(p))) return -1;
    const next = src.slice(p, wordEnd(src, p, to)).toLowerCase();
    return DAY_FOLLOW_RE.test(next) ? -1 : ne;
  }
  // "March 11-13", "3/4", "7:30", "7.5"
  if (c === 45 || c === 0x2013 || c === 47 || c === 58) return -1;
  if (c === 46 && ne + 1 < to && isDigit(src.charCodeAt(ne + 1))) return -1;
  return ne;
}

/**
 * Where ENMonthNameParser's match of a full month name at [a, b) followed by no number ends ("by
 * October when", "since November, she said": the comma is taken in), or -1 when unsure: an
 * abbreviation (alone it is no date, after "in" it is), "of", "-" or a space the pattern could take
 * in ("October of", "March-April", "June “…"), an ordinal word ENMonthNameMiddleEndianParser reads as
 * the day ("March first"). The month before was checked by `monthEnd`.
 */
function aloneMonthEnd(src: string, to: number, a: number, b: number): number {
  if (!FULL_MONTHS.has(src.slice(a, b))) return -1;
  let c = src.charCodeAt(b);
  let end = b;
  if (c === COMMA) {
    end = b + 1;
    c = src.charCodeAt(end);
  } else if (!isSpaceCode(c)) {
    // any other non-word character ends the match at the name ("April's", "June)")
    return c === 45 || c === 0x2013 || c === 47 || isDigit(src.charCodeAt(b + 1)) ? -1 : b;
  }
  if (!isSpaceCode(c)) return -1;
  const p = skipSpace(src, end, to);
  const c2 = src.charCodeAt(p);
  if (p >= to || !isAsciiWordCode(c2) || isDigit(c2)) return -1;
  const next = src.slice(p, wordEnd(src, p, to)).toLowerCase();
  if (next === "of" || next.startsWith("twent") || next.startsWith("thirt")) return -1;
  for (const o of ORDINAL_WORDS) if (next.startsWith(o)) return -1;
  return end;
}

/** Words after a day that change chrono's reading: a range ("to"), a clock ("am", "pm", "o'clock"), a month ("Jan…"). */
const DAY_FOLLOW_RE = /^(?:to|th|am|pm|o$|oclock|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;

/** The end of a four-digit year at [ys, ye) ending a month's match, or -1 when what follows could change it. */
function yearEnd(src: string, to: number, ys: number, ye: number): number {
  if (ye - ys !== 4 || !/^[1-9]\d{3}$/.test(src.slice(ys, ye)) || ye >= to) return -1;
  const c = src.charCodeAt(ye);
  if (isSpaceCode(c)) {
    const p = skipSpace(src, ye, to);
    if (p >= to || isDigit(src.charCodeAt(p))) return -1;
    const era = src.slice(p, p + 2).toLowerCase();
    if (era === "be" || era === "ad" || era === "bc" || era === "ce") return -1;
  } else if ((isDateSeparator(c) || c === 58) && ye + 1 < to && isDigit(src.charCodeAt(ye + 1))) return -1;
  return ye;
}

/**
 * The word at [ps, pe) is three digits and what follows cannot make them a year: not the end of
 * the window (unsure), not an era after spaces ("326 AD", YEAR_PATTERN's first form).
 */
function threeDigitsNoEra(src: string, to: number, ps: number, pe: number): boolean {
  if (!/^\d{3}$/.test(src.slice(ps, pe)) || pe >= to) return false;
  const p = skipSpace(src, pe, to);
  const era = src.slice(p, p + 2).toLowerCase();
  return !(era === "be" || era === "ad" || era === "bc" || era === "ce");
}

/** Words of chrono's NUMBER_PATTERN ("two", "a couple of", "half an", "a few", "the"). */
const NUMBER_WORDS = new Set([
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "a", "an", "the", "few", "several", "couple", "of", "half",
]);
/** What makes a number and unit a date: a modifier before ("last two weeks") or a word after ("two weeks ago"). */
const RELATIVE_BEFORE = new Set(["this", "last", "past", "next", "after"]);
const RELATIVE_AFTER = new Set(["ago", "before", "earlier", "later", "after", "from", "henceforth", "forward", "out"]);
/** The words after a number and unit that the scanner reads (ENTimeUnitAgoFormatParser, ENTimeUnitLaterFormatParser). */
const AGO_WORDS = new Set(["ago", "before", "earlier", "later", "after"]);
/** chrono's INTEGER_WORD_DICTIONARY, and the other one-word numbers of NUMBER_PATTERN. */
const ONE_WORD_NUMBERS = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "the", "half"]);

function isNumberWord(w: string): boolean {
  return NUMBER_WORDS.has(w) || /\d/.test(w);
}

/**
 * A unit word at [a, b) that no chrono parser can take. Every unit pattern wants a modifier or a
 * number right before the unit ("last week", "two days"), and a number and unit are a date only
 * with a modifier before them ("past two weeks", "+2 days") or a word after ("two days ago",
 * "a week later"); "," or "and" after may chain another unit ("two days and three hours ago").
 */
function loneUnit(src: string, from: number, to: number, a: number, b: number): boolean {
  let q = skipSpaceBack(src, from, a);
  if (q === from) return true;
  // every unit pattern wants a number (or a modifier of ENRelativeDateFormatParser's) right before
  // the unit, spaces between: "24-hour", "93-year-old", "after months of" have none
  let c = src.charCodeAt(q - 1);
  if (!isAsciiWordCode(c)) return true;
  let w = lowerWordBefore(src, from, q);
  if (MODIFIERS.has(w)) return false;
  if (!isNumberWord(w)) return true;
  // a number: what follows the unit, then what precedes the number
  const p = skipSpace(src, b, to);
  if (p >= to) return false;
  const next = src.slice(p, wordEnd(src, p, to)).toLowerCase();
  if (src.charCodeAt(p) === COMMA || next === "and") {
    if (chained(src, to, p)) return false;
  } else if (RELATIVE_AFTER.has(next)) return false;
  while (isNumberWord(w) || w === "about" || w === "around") {
    q = skipSpaceBack(src, from, q - w.length);
    if (q === from) return true;
    c = src.charCodeAt(q - 1);
    if (!isAsciiWordCode(c)) return c !== 45 && c !== 43;
    w = lowerWordBefore(src, from, q);
  }
  // "last them 18 years": a modifier may come before a unit glued to a number
  return !RELATIVE_BEFORE.has(w) && !numberAndUnit(w);
}

/**
 * After a unit, at `p` (its first character after spaces, a comma or "and"): chrono's connector
 * between units (",", "and") followed by a number, which may chain another unit ("two days, three
 * hours ago"). The end of the window is a possible chain too.
 */
function chained(src: string, to: number, p: number): boolean {
  if (src.charCodeAt(p) === COMMA) p = skipSpace(src, p + 1, to);
  let w = src.slice(p, wordEnd(src, p, to)).toLowerCase();
  if (w === "and") {
    p = skipSpace(src, p + 3, to);
    w = src.slice(p, wordEnd(src, p, to)).toLowerCase();
  }
  return p >= to || isNumberWord(w) || w === "about" || w === "around";
}

/** The lower-case word ending at `end`, read only when one space (the gap the scanner accepts between words) comes after it. */
function wordBeforeSpace(src: string, from: number, at: number): string {
  return at - 1 > from && src.charCodeAt(at - 1) === 32 ? lowerWordBefore(src, from, at - 1) : "";
}

/**
 * Where chrono's NUMBER_PATTERN (with "about"/"around" before it) that ends at `end` starts: "18",
 * "two", "a few", "a couple of", "half an", "the", or -1 when no number ends there or it is not
 * surely all of it ("1.5", "two-thirds of").
 */
function numberStart(src: string, from: number, end: number): number {
  const w = lowerWordBefore(src, from, end);
  let start = end - w.length;
  if (w === "") return -1;
  const prev = wordBeforeSpace(src, from, start);
  if (w === "few" || w === "couple") {
    // "a few", "a couple"
    if (prev === "a" || prev === "an") start -= 1 + prev.length;
  } else if (w === "a" || w === "an") {
    if (prev === "half") start -= 5;
  } else if (w === "of") {
    // "a couple of", "couple of"
    if (prev !== "couple") return -1;
    start -= 7;
    const p2 = wordBeforeSpace(src, from, start);
    if (p2 === "a") start -= 2;
  } else if (!ONE_WORD_NUMBERS.has(w) && !/^\d+$/.test(w)) return -1;
  const about = wordBeforeSpace(src, from, start);
  if (about === "about" || about === "around") start -= 1 + about.length;
  // a decimal or a signed number ("1.5 days", "+2 days"), an opening quote or bracket is fine
  if (start > from) {
    const c = src.charCodeAt(start - 1);
    if (!isSpaceCode(c) && c !== OPEN_PAREN && c !== 0x201c && c !== 34) return -1;
  }
  return start;
}

/**
 * A unit word right before `q` (spaces skipped), or before a "," or "and" there: TIME_UNITS_PATTERN
 * may chain it with the unit after ("two years, three months ago", "them 18 years ago").
 */
function unitBefore(src: string, from: number, q: number): boolean {
  let w = lowerWordBefore(src, from, q);
  if (w === "and") {
    q = skipSpaceBack(src, from, q - 3);
    w = "";
  }
  if (w === "" && q > from && src.charCodeAt(q - 1) === COMMA) q = skipSpaceBack(src, from, q - 1);
  if (w === "") w = lowerWordBefore(src, from, q);
  return isUnitWord(w) || numberAndUnit(w);
}

/** A number and a unit in one word: TIME_UNITS_PATTERN has no word boundary inside ("them" = "the" + "m"). */
function numberAndUnit(w: string): boolean {
  for (const n of NUMBER_WORDS) if (w.length > n.length && w.startsWith(n) && isUnitWord(w.slice(n.length))) return true;
  return false;
}

/**
 * Where chrono's match of a number and the unit at [a, b) starts and ends when it is a date: with
 * a modifier before ("the past two weeks": ENTimeUnitCasualRelativeFormatParser) or "ago", "before",
 * "earlier", "later", "after" after ("two years ago", "a week later": ENTimeUnitAgoFormatParser,
 * ENTimeUnitLaterFormatParser); null when unsure: any gap but one space, another unit chained
 * before or after ("two years and three months ago"), both forms at once ("last two weeks ago").
 */
function relativeSpan(src: string, from: number, to: number, a: number, b: number): [number, number] | null {
  if (a - 1 <= from || src.charCodeAt(a - 1) !== 32) return null;
  const start = numberStart(src, from, a - 1);
  if (start < 0) return null;
  const after = src.charCodeAt(b) === 32 ? src.slice(b + 1, wordEnd(src, b + 1, to)).toLowerCase() : "";
  const q = skipSpaceBack(src, from, start);
  const c = q > from ? src.charCodeAt(q - 1) : NaN;
  const before = lowerWordBefore(src, from, q);
  if (MODIFIERS.has(before)) {
    // "the past two weeks": no ago-word after, no unit chained after; ENUnlikelyFormatFilter drops "… the second"
    const p = skipSpace(src, b, to);
    if (q !== start - 1 || p >= to || src.slice(start, b).toLowerCase() === "the second") return null;
    const next = src.slice(p, wordEnd(src, p, to)).toLowerCase();
    if (RELATIVE_AFTER.has(next) || ((src.charCodeAt(p) === COMMA || next === "and") && chained(src, to, p))) return null;
    return [q - before.length, b];
  }
  // "+2 days", "after two days" (the casual-relative parser, then the news filter drops it), a unit before
  if (c === 43 || c === 45 || RELATIVE_BEFORE.has(before) || unitBefore(src, from, q)) return null;
  if (!AGO_WORDS.has(after)) return null;
  return [start, b + 1 + after.length];
}

/**
 * Four or more digits at [ds, de) that no numeric-date parser can take: not joined to more digits
 * by a dash, dot or slash ("2022-02-24", "24.02.2022", "2/2022") nor followed by a space and a
 * digit ("2022 02 24"). A month name after them is an anchor of its own.
 */
function inertDigits(src: string, from: number, to: number, ds: number, de: number): boolean {
  if (ds - 1 > from && isDateSeparator(src.charCodeAt(ds - 1)) && isDigit(src.charCodeAt(ds - 2))) return false;
  if (de + 1 < to && (isDateSeparator(src.charCodeAt(de)) || isSpaceCode(src.charCodeAt(de))) && isDigit(src.charCodeAt(de + 1))) return false;
  return true;
}

/**
 * Digits joined by one dot or dash at `a` ("1.5", "50.9%", "2-3") that no third part joins ("1.5.22",
 * "24-02-2022"): SlashDateFormatParser reads two numbers only with a slash ("24/7") or a year as a
 * third part, and the other numeric parsers want four digits or a slash.
 */
function twoNumbers(src: string, from: number, to: number, a: number): boolean {
  let ds = a;
  while (ds > from && isDigit(src.charCodeAt(ds - 1))) ds--;
  if (ds - 1 > from && isDateSeparator(src.charCodeAt(ds - 1)) && isDigit(src.charCodeAt(ds - 2))) return false;
  let de = a + 2;
  while (de < to && isDigit(src.charCodeAt(de))) de++;
  return !(de + 1 < to && isDateSeparator(src.charCodeAt(de)) && isDigit(src.charCodeAt(de + 1)));
}

function isDateSeparator(c: number): boolean {
  return c === 45 || c === 46 || c === 47;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The news forms of parse.ts the scanner follows: the bare-year parser, the news filter's month cue. */
export interface NewsForms {
  /** YEAR_RE made sticky: the bare-year parser tried at one position */
  yearAt: RegExp;
  /** the cue word and spaces before a bare year */
  yearCue: RegExp;
  /** a month name alone at `at` is kept: a cue word is before it ("in March", not "Theresa May") */
  monthCued: (text: string, at: number) => boolean;
}

/**
 * The results of window `w` when every anchor in it is one of the forms above (pushed to `out`),
 * else false (and `out` unchanged).
 */
export function scanWindow(src: string, win: Windows, w: number, known: Known, forms: NewsForms, out: Found[]): boolean {
  // a digit touching a letter ("May2022"): anchors the word scan cannot see
  if (win.cls[w] === ALL) return false;
  const n0 = out.length;
  const from = win.from[w]!;
  const to = win.to[w]!;
  const anchors = win.anchors;
  // results the filters at the end of chrono's refiners drop, after the merging ones saw them
  let dropped: Found[] | null = null;
  for (let k = win.anchorAt[w]!; k < win.anchorAt[w + 1]!; k++) {
    const a = anchors[3 * k]!;
    const b = anchors[3 * k + 1]!;
    const cls = anchors[3 * k + 2]!;
    const word = src.slice(a, b);
    let span: [number, number] | null = null;
    let alone = false;
    // (each word set is looked up only for an anchor of its class: its words have that class)
    if (cls & WEEKDAY && WEEKDAYS.has(word)) {
      span = weekdaySpan(src, from, to, a, b);
      if (!span) return fail(out, n0);
    } else if (cls & MONTH && MONTHS.has(word)) {
      let end = monthEnd(src, from, to, a, b);
      if (end === ALONE) {
        end = aloneMonthEnd(src, to, a, b);
        alone = true;
      }
      if (end === -1) return fail(out, n0);
      if (end !== NO_RESULT) span = [a, end];
    } else if (cls === UNIT) {
      const q = skipSpaceBack(src, from, a);
      const before = lowerWordBefore(src, from, q);
      if (MODIFIERS.has(before) && PERIODS.has(word.toLowerCase())) {
        // ENRelativeDateFormatParser; "after this week" is its "after this" form
        const start = q - before.length;
        if (before === "this" && lowerWordBefore(src, from, skipSpaceBack(src, from, start)) === "after") return fail(out, n0);
        span = [start, b];
      } else if (!loneUnit(src, from, to, a, b)) {
        span = relativeSpan(src, from, to, a, b);
        if (!span) return fail(out, n0);
      }
    } else if (cls & CASUAL && CASUAL_DAYS.has(word.toLowerCase())) {
      span = [a, b];
    } else if (cls & CASUAL && word.toLowerCase() === "night") {
      if (lowerWordBefore(src, from, skipSpaceBack(src, from, a)) === "last") return fail(out, n0);
    } else if (cls === DIGIT && b - a === 3 && (src.charCodeAt(a + 1) === 46 || src.charCodeAt(a + 1) === 45)) {
      if (!twoNumbers(src, from, to, a)) return fail(out, n0);
    } else if (cls === DIGIT && b - a === 4 && isDigit(src.charCodeAt(a + 1))) {
      const ds = wordStart(src, from, a);
      const de = wordEnd(src, a, to);
      if (!inertDigits(src, from, to, ds, de)) return fail(out, n0);
      if (de - ds === 4) {
        // the pattern's look-ahead ("2014 people") must not need text past the window
        if (skipSpace(src, de, to) >= to) return fail(out, n0);
        forms.yearAt.lastIndex = ds;
        if (forms.yearAt.test(src)) {
          const cue = forms.yearCue.exec(src.slice(Math.max(from, ds - 20), ds));
          if (!cue) return fail(out, n0);
          span = [ds - cue[0].length, de];
        }
      }
    } else return fail(out, n0);
    if (!span) continue;
    const [start, end] = span;
    const text = src.slice(start, end);
    const r = alone ? known(text, "in ") : known(text);
    if (!r || !settled(src, from, to, start, end, r.start)) return fail(out, n0);
    const found: Found = { index: start, text, start: r.start, end: r.end };
    const prev = out.length > n0 ? out[out.length - 1]! : null;
    if (prev && (start < prev.index + prev.text.length || mergeable(src.slice(prev.index + prev.text.length, start), prev, found))) return fail(out, n0);
    out.push(found);
    if (alone && aloneDropped(src, from, a, text, forms)) (dropped ??= []).push(found);
  }
  if (dropped) {
    let n = n0;
    for (let i = n0; i < out.length; i++) if (!dropped.includes(out[i]!)) out[n++] = out[i]!;
    out.length = n;
  }
  return true;
}

/**
 * A month name alone at `a` that the last filters drop: ENUnlikelyFormatFilter keeps "May" only
 * after "in", the news filter keeps a month alone only after a cue word.
 */
function aloneDropped(src: string, from: number, a: number, text: string, forms: NewsForms): boolean {
  if (text === "May" && lowerWordBefore(src, from, skipSpaceBack(src, from, a)) !== "in") return true;
  return !forms.monthCued(src, a);
}

/** Would one of chrono's merging refiners join the two results? */
function mergeable(between: string, a: Found, b: Found): boolean {
  const t = between.trim().toLowerCase();
  if (RANGE_BETWEEN.has(t) && !a.end && !b.end) return true;
  if (DATE_TIME_BETWEEN.has(t) && (onlyTime(a.start) || onlyTime(b.start))) return true;
  if (t !== "" && t !== ",") return false;
  // MergeWeekdayComponentRefiner ("Monday, March 7"), the relative-date refiners ("2 days after March 7", "+2 days")
  const weekdayThenDate = a.start.isCertain("weekday") && !a.start.isCertain("day") && !a.start.isCertain("month") && b.start.isCertain("day");
  return weekdayThenDate || (t === "" && (/^[+-]/.test(b.text) || /\s+(?:before|from|after|since)$/i.test(a.text)));
}

function onlyTime(s: chrono.ParsedComponents): boolean {
  return !s.isCertain("weekday") && !s.isCertain("day") && !s.isCertain("month") && !s.isCertain("year");
}

function fail(out: Found[], n0: number): false {
  out.length = n0;
  return false;
}

/** No refiner of chrono's would change the result at [start, end) in this context. */
function settled(src: string, from: number, to: number, start: number, end: number, s: chrono.ParsedComponents): boolean {
  // ENEndOfPeriodRefiner: "end of (the) …", "last day of (the) …"
  let q = skipSpaceBack(src, from, start);
  if (lowerWordBefore(src, from, q) === "the") q = skipSpaceBack(src, from, q - 3);
  if (lowerWordBefore(src, from, q) === "of") {
    const w = lowerWordBefore(src, from, skipSpaceBack(src, from, q - 2));
    if (w === "end" || w === "day") return false;
  }
  // ENExtractYearSuffixRefiner: a year after a month that has none
  if (s.isCertain("month") && !s.isCertain("year")) {
    const p = skipSpace(src, end, to);
    if (p >= to || isDigit(src.charCodeAt(p))) return false;
  }
  // ExtractTimezoneAbbrRefiner (a date alone takes only an upper-case abbreviation) and
  // ExtractTimezoneOffsetRefiner; read past the window's end, which only finds more
  TZ_ABBR_RE.lastIndex = end;
  const tz = TZ_ABBR_RE.exec(src);
  if (tz) {
    const onlyDate = !s.isCertain("hour") && !s.isCertain("minute") && !s.isCertain("second");
    if (!onlyDate || tz[1] === tz[1]!.toUpperCase()) return false;
  }
  TZ_OFFSET_RE.lastIndex = end;
  if (TZ_OFFSET_RE.test(src)) return false;
  return end <= to;
}
