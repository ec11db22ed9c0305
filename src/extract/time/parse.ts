/**
 * One chrono-node parse per article, then news refiners, then reference-independent candidates.
 *
 * chrono does the scanning and the date grammar ("Feb. 25, 2022", "last Thursday", "three days
 * ago", "March 11-13"). We configure it for news (no clock-time or "within N hours" parsers, a
 * bare-year parser of our own) and add refiners that drop what is not a date in news text
 * (slash fractions "24/7", abbreviations "Sun", "the march", durations "in just seven days").
 *
 * The parse runs against a fixed neutral reference, so the candidates it yields do not depend on
 * the publication date: a weekday stays a weekday, "yesterday" stays "one day before the
 * reference". `resolve.ts` turns them into calendar dates once the reference is known, which lets
 * the publication date be inferred from the same single parse.
 */
import * as chrono from "chrono-node";
import { isSpaceCode } from "../../text/chars.js";
import { dayOf, validMonthDay } from "./calendar.js";
import { scanWindow, type Found, type Known, type NewsForms } from "./scan.js";
import { classedParsers, DIGIT, parseWindows, someWindows, windowsOf, type Joined, type TokenWords } from "./windows.js";

export type CandKind =
  | "abs" // year, month and day stated ("Feb. 25, 2022")
  | "md" // month and day, no year ("February 27")
  | "ym" // month and year ("February 2022")
  | "m" // month only ("in February")
  | "y" // year only ("in 2014")
  | "wd" // weekday ("on Thursday", "last Thursday")
  | "rel" // relative to the reference ("yesterday", "three days ago", "last week", "late last year")
  | "anchored"; // relative to a neighbouring date ("a day earlier", "three days after")

export type Unit = "day" | "week" | "month" | "year";
/** Where the expression sits: a photo caption, a dateline, a "since/from" start, an "until/as of" cut-off. */
export type Role = "plain" | "caption" | "dateline" | "since" | "until";

export interface Cand {
  start: number;
  end: number;
  kind: CandKind;
  y?: number;
  m?: number;
  d?: number;
  /** inclusive end of a stated range ("March 11-13") */
  endY?: number;
  endM?: number;
  endD?: number;
  weekday?: number;
  mod?: "last" | "next" | "this" | null;
  unit?: Unit;
  /** offset in units from the reference (rel) or from the anchor (anchored, days) */
  n?: number;
  /** "earlier this week", "late last year", "the past week" */
  part?: string | null;
  /** for "Yesterday (February 27)": the stated date is `explicitOf` days from the reference */
  explicitOf?: number;
  future: boolean;
  role: Role;
}

// ---------------------------------------------------------------- chrono configuration

const DROP_PARSERS = new Set(["ENTimeExpressionParser", "ENTimeUnitWithinFormatParser", "ENCasualTimeParser"]);

/** The cue word before a bare year: "in 2014", "the 2014 and 2015 Minsk agreements". */
const YEAR_CUE = "in|since|until|till|by|from|of|the|and|or|during|before|after|early|late|mid-|between|through|to|around";
/** Matched at the year (a lookbehind for the cue): the scan only stops at digits. */
const YEAR_RE = new RegExp(
  `(?<=\\b(?:${YEAR_CUE})\\s+)(?:1[89]|20)\\d\\d(?!\\w|[.,]\\d)(?!\\s*(?:%|per\\s*cent|percent|people|persons|troops|soldiers|civilians|refugees|children|deaths|dead|cases|km|kilomet(?:re|er)s|miles|met(?:re|er)s|tons|tonnes|dollars|euros|pounds)\\b)`,
  "i",
);
const YEAR_CUE_BEFORE_RE = new RegExp(`\\b(?:${YEAR_CUE})\\s+$`, "i");

const YEAR_TAG = "parser/newsYear";

/** A bare year after a preposition or article: "in 2014", "the 2014 and 2015 Minsk agreements". */
const yearParser: chrono.Parser = {
  pattern: () => YEAR_RE,
  extract(context, match) {
    // the result keeps its cue word ("in 2014"): chrono drops results that are digits only;
    // toCand trims the span back to the year
    const at = match.index ?? 0;
    const cue = YEAR_CUE_BEFORE_RE.exec(context.text.slice(Math.max(0, at - 20), at));
    const start = at - (cue ? cue[0].length : 0);
    const r = context.createParsingResult(start, context.text.slice(start, at + 4), { year: Number(match[0]) });
    r.addTag(YEAR_TAG);
    return r;
  },
};

const WEEKDAY_WORD_RE = /(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)/i;
const FULL_WEEKDAY_RE = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend)\b/;
const MONTH_WORD_RE = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?/;
const MONTH_CUE_BEFORE_RE =
  /\b(?:in|since|until|till|by|from|of|during|before|after|early|late|mid|end|beginning|last|next|this|through|throughout|between|and|to|around|for)[\s-]+$/i;
const DURATION_RE = /^(?:in|within|for|after|over|during)\s+(?:the\s+)?(?:(?:just|only|a|an|next|first|last|past|\d+|[a-z]+)\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b/i;

/** A month name alone at `at` is a date only after a cue word: "in March", not "May he …", "March organisers". */
function monthCued(text: string, at: number): boolean {
  return MONTH_CUE_BEFORE_RE.test(text.slice(Math.max(0, at - 16), at));
}

/** News refiners: what chrono reads as a date but a news reader would not. */
const newsFilter: chrono.Refiner = {
  refine(context, results) {
    const text = context.text;
    return results.filter((r) => {
      const s = r.start;
      const tags = r.tags();
      const hasDate = s.isCertain("day") || s.isCertain("weekday") || s.isCertain("month") || s.isCertain("year");
      if (!hasDate && !REL_TEXT_RE.test(r.text)) return false; // a clock time alone
      if (tags.has("casualReference/now")) return false; // "now" is the reference itself, not a date in the text
      if (tags.has("parser/SlashDateFormatParser") && !s.isCertain("year")) return false; // 24/7, 9/11, 1/2
      if (DURATION_RE.test(r.text)) return false; // "in just seven days", "after two days", "for three hours"
      const onlyWeekday = s.isCertain("weekday") && !s.isCertain("day") && !s.isCertain("month");
      if (onlyWeekday && !tags.has("result/relativeDate")) {
        if (!FULL_WEEKDAY_RE.test(r.text)) return false; // "Sun", "sat", "Wed"
      }
      const onlyMonth = s.isCertain("month") && !s.isCertain("day") && !s.isCertain("year") && !tags.has("result/relativeDate");
      if (onlyMonth && tags.has("parser/ENMonthNameParser")) {
        const mw = MONTH_WORD_RE.exec(r.text);
        if (!mw) return false; // lower-case "march", "may"
        if (!monthCued(text, r.index + mw.index)) return false; // "May he …", "March organisers"
      }
      return true;
    });
  },
};

function buildChrono(): chrono.Chrono {
  const c = chrono.casual.clone();
  c.parsers = c.parsers.filter((p) => !DROP_PARSERS.has(p.constructor.name));
  c.parsers.push(yearParser);
  c.refiners.push(newsFilter);
  return c;
}

const NEWS_CHRONO = buildChrono();
/** The parsers with the anchor class of their matches (windows.ts); the bare-year parser needs digits. */
const NEWS_PARSERS = classedParsers(NEWS_CHRONO, new Map([[yearParser, DIGIT]]));

/** The fixed reference of the single parse: a Monday, noon UTC. */
const NEUTRAL = new Date(Date.UTC(2001, 0, 15, 12));
const NEUTRAL_DAY = dayOf(2001, 1, 15);
const NEUTRAL_Y = 2001;
const NEUTRAL_M = 1;
const REFERENCE: chrono.ParsingReference = { instant: NEUTRAL, timezone: 0 };

/**
 * chrono's results for a short text, as for one window (windows.ts): only the parsers of its
 * anchors' classes run ("July 87" needs none of the weekday, casual, unit or numeric parsers).
 * A first sight of a text costs a parse: with random counts after month names most texts are
 * new for thousands of articles.
 */
function parseAlone(text: string): chrono.ParsedResult[] {
  const win = windowsOf(text);
  if (win && win.from.length === 1 && win.from[0] === 0 && win.to[0] === text.length) return parseWindows(NEWS_CHRONO, NEWS_PARSERS, someWindows(text, win, [0]), REFERENCE);
  return NEWS_CHRONO.parse(text, REFERENCE);
}

/** chrono's reading of each result text the scanner finds (scan.ts), parsed alone once. */
const KNOWN = new Map<string, Pick<Found, "start" | "end"> | null>();
/** Distinct result texts kept (a weekday, "last year", a cue and a year: a few thousand in all). */
const KNOWN_MAX = 20_000;
const known: Known = (text, cue = "") => {
  const key = cue ? `${cue}\u0000${text}` : text;
  let k = KNOWN.get(key);
  if (k === undefined) {
    const rs = parseAlone(cue + text);
    const r = rs[0];
    k = rs.length === 1 && r!.index === cue.length && r!.text === text ? { start: r!.start, end: r!.end } : null;
    if (KNOWN.size < KNOWN_MAX) KNOWN.set(key, k);
  }
  return k;
};
const NEWS_FORMS: NewsForms = { yearAt: new RegExp(YEAR_RE.source, "iy"), yearCue: YEAR_CUE_BEFORE_RE, monthCued };

/** Cheap trigger: without any of these, the text has no date chrono could find. */
const TRIGGER_RE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|now|week|month|year|ago|earlier|later|day|days|night)/i;

// ---------------------------------------------------------------- candidates

const CLAUSE_BOUNDARY_RE = /[.!?;:\n]|,["”’]?\s|\s[—–-]\s/g;
/** Words before a date, in its clause, that put it in the future. */
const FUTURE_BEFORE_RE =
  /\b(?:will|would|shall|won['’]t|due|scheduled|set\s+(?:to|for)|planned|plans?\s+to|expected\s+to|going\s+to|ahead\s+of|by\s+the\s+end\s+of|next|coming|upcoming|to\s+(?:meet|visit|hold|travel|attend|speak|talk|sign|vote|begin|start|resume|return|host|call|discuss|announce|take\s+place|convene|open|launch|hold|arrive|fly|go|come|join|decide|review|present|publish|release|deliver|receive))\b/i;
const SINCE_BEFORE_RE = /\b(?:since|from)\s+(?:(?:early|late|mid)\s+)?(?:on\s+)?$/i;
const SINCE_CLAUSE_RE = /\bsince\s+(?!then\b|when\b)[\p{L}]/u;
const UNTIL_BEFORE_RE = /\b(?:until|till|through|by|as\s+of|up\s+to)\s+(?:\d{1,2}[:.]\d\d\s+)?(?:(?:early|late)\s+)?(?:on\s+)?$/i;
const PART_BEFORE_RE = /\b(early|late|mid|earlier|later|end\s+of|beginning\s+of|the\s+end\s+of)[\s-]+$/i;
const CAPTION_END_RE = /(?:\((?:[^()]*\bphotos?\b[^()]*)\)|\[[^\][]{2,60}\])\s*$/i;
const DATELINE_BEFORE_RE = /^[\s"“]*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}(?:\s*\[[^\]]{1,40}\])?,\s*$/u;
const DATELINE_AFTER_RE = /^\s*(?:,\s*\d{4}\s*)?(?:\([^)]{1,40}\)\s*)?[-–—:]/;

function lineBounds(text: string, pos: number): [number, number] {
  const s = text.lastIndexOf("\n", pos - 1) + 1;
  let e = text.indexOf("\n", pos);
  if (e < 0) e = text.length;
  return [s, e];
}

/** Start of the clause that contains `pos` (after the last boundary, at most 90 characters back). */
function clauseStart(text: string, pos: number): number {
  const from = Math.max(0, pos - 90);
  const window = text.slice(from, pos);
  let last = 0;
  CLAUSE_BOUNDARY_RE.lastIndex = 0;
  for (let m = CLAUSE_BOUNDARY_RE.exec(window); m; m = CLAUSE_BOUNDARY_RE.exec(window)) last = m.index + m[0].length;
  return from + last;
}

/** The code of the last character before `pos` that is not a space, not before `from` (NaN when none). */
function lastCodeBefore(text: string, from: number, pos: number): number {
  while (pos > from && isSpaceCode(text.charCodeAt(pos - 1))) pos--;
  return pos > from ? text.charCodeAt(pos - 1) : NaN;
}

function roleOf(text: string, start: number, end: number, cs: number): Role {
  const [ls, le] = lineBounds(text, start);
  // the caption and dateline patterns end in ")" or "]", and in ",", then spaces: most lines need neither test
  const lineLast = lastCodeBefore(text, ls, le);
  if ((lineLast === 41 || lineLast === 93) && CAPTION_END_RE.test(text.slice(ls, le))) return "caption";
  if (lastCodeBefore(text, ls, start) === 44 && DATELINE_BEFORE_RE.test(text.slice(ls, start)) && DATELINE_AFTER_RE.test(text.slice(end, Math.min(le, end + 60)))) return "dateline";
  const before = text.slice(Math.max(ls, start - 30), start);
  if (SINCE_BEFORE_RE.test(before)) return "since";
  // "… the first talks since Russian troops invaded Ukraine on February 24": a start point too
  if (SINCE_CLAUSE_RE.test(text.slice(cs, start))) return "since";
  if (UNTIL_BEFORE_RE.test(before)) return "until";
  return "plain";
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,.;:)(]/.test(text[end - 1]!)) {
    // keep the period of an abbreviation such as "Feb." only when it is inside the match
    if (text[end - 1] === "." && /[A-Za-z]{3}\.$/.test(text.slice(start, end)) && end - start <= 5) break;
    end--;
  }
  return end;
}

function weekdayMod(t: string): "last" | "next" | "this" | null {
  const m = /\b(last|past|next|this|coming)\b/i.exec(t);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  return w === "past" ? "last" : w === "coming" ? "next" : (w as "last" | "next" | "this");
}

function unitOf(t: string): Unit | null {
  if (/\b(?:days?|yesterday|today|tonight|tomorrow|now|night)\b/i.test(t)) return "day";
  if (/\bweeks?\b/i.test(t)) return "week";
  if (/\bmonths?\b/i.test(t)) return "month";
  if (/\byears?\b/i.test(t)) return "year";
  return null;
}

const REL_TEXT_RE = /\b(?:this|last|next|past|coming|previous)\s+(?:week|month|year)\b|\bago\b/i;

function hasCasualTag(tags: Set<string>): boolean {
  for (const x of tags) if (x.startsWith("casualReference/")) return true;
  return false;
}

/** A candidate with its fields set one by one (an object spread per candidate costs microseconds). */
function newCand(kind: CandKind, start: number, end: number, fields: Partial<Cand>): Cand {
  const c: Cand = { start, end, future: false, role: "plain", kind };
  if (fields.y !== undefined) c.y = fields.y;
  if (fields.m !== undefined) c.m = fields.m;
  if (fields.d !== undefined) c.d = fields.d;
  if (fields.weekday !== undefined) c.weekday = fields.weekday;
  if (fields.mod !== undefined) c.mod = fields.mod;
  if (fields.unit !== undefined) c.unit = fields.unit;
  if (fields.n !== undefined) c.n = fields.n;
  if (fields.part !== undefined) c.part = fields.part;
  return c;
}

function toCand(text: string, r: Found, offset = 0): Cand | null {
  const at = r.index + offset;
  const rd = readingOf(text.slice(at, at + r.text.length), r.start, r.end);
  return rd ? placed(text, rd, at) : null;
}

/**
 * What a result says, apart from where it stands: its kind and fields, and its span within the
 * result's text. A function of that text and chrono's components only, so the scanner's results
 * (which share the components of their known text) read it once per text.
 */
interface Reading {
  /** the candidate's span in the result's text: trailing punctuation trimmed, a bare year's cue word dropped */
  from: number;
  to: number;
  kind: CandKind;
  fields: Partial<Cand>;
  /** the last day of a stated range ("March 11-13"), when there is one */
  endY: number | undefined;
  endM: number | undefined;
  endD: number | undefined;
  /** a modifier that opens the span ("earlier this week"), for when none stands before it */
  inner: string | null;
}

/** The reading of a result whose text is `rt` (null: no candidate). */
function readingOf(rt: string, s: chrono.ParsedComponents, e: chrono.ParsedComponents | undefined): Reading | null {
  const to = trimEnd(rt, 0, rt.length);
  const tags = s.tags();
  const from = tags.has(YEAR_TAG) ? to - 4 : 0;
  const t = rt.slice(from, to);
  let kind: CandKind;
  let fields: Partial<Cand>;
  let endY: number | undefined;
  let endM: number | undefined;
  let endD: number | undefined;
  const relative = tags.has("result/relativeDate") || hasCasualTag(tags) || REL_TEXT_RE.test(t);
  if (relative || (!s.isCertain("day") && !s.isCertain("month") && !s.isCertain("year") && !s.isCertain("weekday"))) {
    const unit = unitOf(t);
    if (!unit) {
      if (!/\bweekend\b/i.test(t)) return null;
      kind = "wd";
      fields = { weekday: 6, mod: weekdayMod(t) };
    } else {
      const y = s.get("year") ?? NEUTRAL_Y;
      const mo = s.get("month") ?? NEUTRAL_M;
      const d = s.get("day") ?? 15;
      const diffDays = dayOf(y, mo, d) - NEUTRAL_DAY;
      const anchoredWord = /\b(earlier|later|before|after|previous|following)\b/i.exec(t);
      kind = "rel";
      if (anchoredWord && !/\b(?:ago|yesterday|today|tomorrow)\b/i.test(t) && tags.has("result/relativeDate") && (unit === "day" || unit === "week")) {
        // "a day earlier", "a week later", "three days after": relative to a neighbouring date
        kind = "anchored";
        fields = { unit: "day", n: diffDays, part: anchoredWord[1]!.toLowerCase() };
      } else if (unit === "day") {
        fields = { unit, n: diffDays };
      } else if (unit === "week") {
        const part = /\bpast\s+week/i.test(t) ? "past" : null;
        fields = /\bago\b/i.test(t) ? { unit: "day", n: diffDays } : { unit, n: part ? 0 : Math.round(diffDays / 7), part };
      } else if (unit === "month") {
        fields = { unit, n: (y - NEUTRAL_Y) * 12 + (mo - NEUTRAL_M) };
      } else {
        fields = { unit, n: y - NEUTRAL_Y };
      }
    }
  } else if (s.isCertain("day") && s.isCertain("month")) {
    const m = s.get("month")!;
    const d = s.get("day")!;
    if (!validMonthDay(m, d)) return null;
    if (s.isCertain("year")) {
      kind = "abs";
      fields = { y: s.get("year")!, m, d };
    } else {
      kind = "md";
      fields = { m, d };
    }
    if (e && e.isCertain("day")) {
      endM = e.get("month") ?? m;
      endD = e.get("day")!;
      if (e.isCertain("year")) endY = e.get("year")!;
      if (!validMonthDay(endM, endD)) return null;
    }
  } else if (s.isCertain("month")) {
    if (s.isCertain("year")) {
      kind = "ym";
      fields = { y: s.get("year")!, m: s.get("month")! };
    } else {
      kind = "m";
      fields = { m: s.get("month")! };
    }
  } else if (s.isCertain("year")) {
    kind = "y";
    fields = { y: s.get("year")! };
  } else if (s.isCertain("weekday")) {
    const w = WEEKDAY_WORD_RE.exec(t);
    kind = "wd";
    fields = { weekday: w && w[1]!.toLowerCase() === "weekend" ? 6 : s.get("weekday")!, mod: weekdayMod(t) };
  } else return null;
  const inner = /^(earlier|later|early|late)\s+/i.exec(t);
  return { from, to, kind, fields, endY, endM, endD, inner: inner ? inner[1]!.toLowerCase() : null };
}

/** The candidate of a reading whose result's text starts at `at` in the text. */
function placed(text: string, rd: Reading, at: number): Cand {
  const start = at + rd.from;
  const cand = newCand(rd.kind, start, at + rd.to, rd.fields);
  if (rd.endD !== undefined) {
    cand.endM = rd.endM!;
    cand.endD = rd.endD;
    if (rd.endY !== undefined) cand.endY = rd.endY;
  }
  // "early February 24", "late last year", "earlier this week": keep the modifier in the span
  // (the pattern ends in a space or "-" right before the expression)
  const cb = text.charCodeAt(start - 1);
  const pm = isSpaceCode(cb) || cb === 45 ? PART_BEFORE_RE.exec(text.slice(Math.max(0, start - 16), start)) : null;
  if (pm) {
    cand.start = start - pm[0].length;
    cand.part ??= pm[1]!.toLowerCase().replace(/\s+/g, " ");
  } else if (rd.inner !== null) cand.part ??= rd.inner;
  return cand;
}

/** Readings of the scanner's results, by the components of their known text (bounded as the known texts are). */
const READINGS = new Map<chrono.ParsedComponents, Reading | null>();

/** toCand for a result of the scanner (its text is the source's at its index): the reading computed once per known text. */
function scannedCand(text: string, r: Found): Cand | null {
  let rd = READINGS.get(r.start);
  if (rd === undefined) {
    rd = readingOf(r.text, r.start, r.end);
    if (READINGS.size < KNOWN_MAX) READINGS.set(r.start, rd);
  }
  return rd ? placed(text, rd, r.index) : null;
}

function markContext(text: string, c: Cand): void {
  const cs = clauseStart(text, c.start);
  c.role = roleOf(text, c.start, c.end, cs);
  const before = text.slice(cs, c.start);
  if (FUTURE_BEFORE_RE.test(before) || (c.kind === "wd" && c.mod === "next")) c.future = true;
}

/** "Yesterday (February 27)": one expression whose stated date is one day before the reference. */
function mergeParenthesised(text: string, cands: Cand[]): Cand[] {
  const out: Cand[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i]!;
    const b = cands[i + 1];
    if (b && (a.kind === "rel" && a.unit === "day" || a.kind === "wd") && (b.kind === "md" || b.kind === "abs")) {
      const between = text.slice(a.end, b.start);
      const after = /^\s*\)/.exec(text.slice(b.end, b.end + 3));
      if (/^\s*\(\s*$/.test(between) && after) {
        out.push({ ...b, start: a.start, end: b.end + after[0].length, explicitOf: a.kind === "rel" ? a.n : undefined, weekday: a.kind === "wd" ? a.weekday : undefined });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------- the parse

export { windowsOf } from "./windows.js";

/**
 * One chrono parse over the windows of the text; candidates sorted by position, non-overlapping.
 * With the text's tokens and word ids, the anchor words are read from them (the same windows).
 */
export function parseCandidates(text: string, words?: TokenWords): Cand[] {
  return parseWith(text, true, true, words);
}

/** The same parse over the whole text (the reference the windowed parse is tested against). */
export function parseCandidatesFull(text: string): Cand[] {
  return parseWith(text, false);
}

/** The windowed parse with chrono on every window, none read by the scanner (the scanner's reference). */
export function parseCandidatesChrono(text: string): Cand[] {
  return parseWith(text, true, false);
}

/** How many of the text's windows the scanner reads (the rest go to chrono). */
export function scanCoverage(text: string): { windows: number; scanned: number } {
  const win = windowsOf(text);
  if (!win) return { windows: 0, scanned: 0 };
  let scanned = 0;
  for (let w = 0; w < win.from.length; w++) if (scanWindow(text, win, w, known, NEWS_FORMS, [])) scanned++;
  return { windows: win.from.length, scanned };
}

function parseWith(text: string, windowed: boolean, scan = true, words?: TokenWords): Cand[] {
  if (!TRIGGER_RE.test(text)) return [];
  // a clock time of 24:00 makes chrono drop the whole date after it; same-length substitution keeps offsets
  const src = text.includes("24:00") ? text.replace(/\b24:00\b/g, "23:59") : text;
  const cands: Cand[] = [];
  if (windowed) {
    const win = windowsOf(src, words);
    if (!win) return [];
    // the windows the scanner reads give their results here; chrono parses the others
    const found: Found[] = [];
    const rest: number[] = [];
    for (let w = 0; w < win.from.length; w++) if (!scan || !scanWindow(src, win, w, known, NEWS_FORMS, found)) rest.push(w);
    for (const r of found) {
      // (the 24:00 substitution changes the result's text: then it is read from the text itself)
      const c = src === text ? scannedCand(text, r) : toCand(text, r);
      if (c && c.end > c.start) cands.push(c);
    }
    if (rest.length && !chronoCands(text, someWindows(src, win, rest), cands)) return [];
  } else if (!chronoCands(text, { text: src, at: [0], from: [0], cls: [] }, cands)) return [];
  cands.sort((a, b) => a.start - b.start);
  const merged = mergeParenthesised(text, cands);
  for (const c of merged) markContext(text, c);
  return merged;
}

/**
 * chrono's candidates in the windows `win`, added to `cands` (false when chrono failed). Without
 * anchor classes (the whole text as one window) it is one plain `chrono.parse`.
 */
function chronoCands(text: string, win: Joined, cands: Cand[]): boolean {
  let results: chrono.ParsedResult[];
  try {
    results = win.cls.length ? parseWindows(NEWS_CHRONO, NEWS_PARSERS, win, REFERENCE) : NEWS_CHRONO.parse(win.text, REFERENCE);
  } catch {
    return false; // a parser failure must not lose the article: no dates rather than no analysis
  }
  let w = 0;
  for (const r of results) {
    // results come in position order: advance to the window that holds this one
    if (win.at[w]! > r.index) w = 0;
    while (w + 1 < win.at.length && win.at[w + 1]! <= r.index) w++;
    const c = toCand(text, r, win.from[w]! - win.at[w]!);
    if (c && c.end > c.start) cands.push(c);
  }
  return true;
}
