/**
 * The publication date: from metadata, else inferred from the text the way a careful reader would.
 *
 * Evidence, strongest first (rule names in brackets):
 * 1. a stated date anchored by a relative word: "Yesterday (February 27)" → the 28th [relative-with-date]
 * 2. a dateline: "ISTANBUL, Feb 26 (Reuters) -" [dateline]
 * 3. the latest explicit day date D, read with the lead's weekday W ("… Feb. 27, 2022. (AFP Photo)"
 *    then "… on Sunday"): the first W on or after D (after, when D is a "since" date), within a week,
 *    when D is close to W (same sentence, the lead, a caption or dateline) or a stated duration
 *    ("in the week since") matches the gap [weekday-after-date]; without a weekday, D itself when D
 *    is in the lead [lead-date].
 *    A caption date alone only bounds the date from below: no value [caption-lower-bound].
 * Dates without a year take the year of the latest full date in the text, or a year hint (from
 * other articles of the same story, see `applyYearHint`); with neither, the value stays null and
 * the month-day is kept in `partial` (rule suffix `:no-year`).
 */
import type { Doc, PublishedDate, Sentence, Span } from "../../core/types.js";
import { spanIndexAt } from "../../core/span.js";
import { isSpaceCode, skipSpace, skipSpaceBack } from "../../text/chars.js";
import { dayOf, isoDay, weekdayOf, weekdayOnOrAfter, ymdOf } from "./calendar.js";
import type { Cand } from "./parse.js";

export interface InferredPublished extends PublishedDate {
  /** the day number of `value` */
  day?: number | null;
  /** month-day the text fixes when the year is unknown ("--02-28"), for cross-article completion */
  partial?: string | null;
  /** no value, but the publication is not before this day (a photo caption's full date) */
  lowerBound?: number | null;
}

/**
 * A publication date with every field set, in one order: the time stage's dates all have one
 * object shape, so that the code reading doc.published (dateFor on every event and figure) is not
 * deoptimised by a shape it meets later ("wrong map").
 */
export function publishedOf(
  value: string | null, inferred: boolean, evidence: Span | null, rule: string,
  day: number | null, partial: string | null, lowerBound: number | null = null,
): InferredPublished {
  return { value, inferred, evidence, rule, day, partial, lowerBound };
}

const CAPTION_LINE_RE = /(?:\((?:[^()]*\bphotos?\b[^()]*)\)|\[[^\][]{2,60}\])\s*$/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1,
};
const DURATION_RE = /\b(?:in|within|after|over)\s+(?:the\s+|a\s+|just\s+|only\s+|first\s+|past\s+)*(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(days?|weeks?)\b/gi;

/** Sentences of the lead: the first two sentences outside the title, headings and captions. */
export function leadSentences(doc: Doc, count = 2): Sentence[] {
  const out: Sentence[] = [];
  const text = doc.text;
  let lastPara = -1;
  let skipPara = false;
  for (const s of doc.sentences) {
    if (s.para !== lastPara) {
      lastPara = s.para;
      const ls = text.lastIndexOf("\n", s.start - 1) + 1;
      let le = text.indexOf("\n", s.start);
      if (le < 0) le = text.length;
      skipPara = isHeadingAt(text, ls, le) || captionLine(text, ls, le);
    }
    if (skipPara) continue;
    if (doc.article.bodyStart !== undefined && s.end <= doc.article.bodyStart) continue;
    out.push(s);
    if (out.length >= count) break;
  }
  return out;
}

/** `CAPTION_LINE_RE.test(text.slice(ls, le))`: the regex only where the line ends in ")" or "]" (spaces after), as its pattern does. */
function captionLine(text: string, ls: number, le: number): boolean {
  const e = skipSpaceBack(text, ls, le);
  const c = text.charCodeAt(e - 1);
  return e > ls && (c === 41 || c === 93) && CAPTION_LINE_RE.test(text.slice(ls, le));
}

/** A title or section heading: a short line without terminal punctuation. */
export function isHeading(line: string): boolean {
  return isHeadingAt(line, 0, line.length);
}

/** Terminal punctuation at the end of a line: . ! ? " ” ’ ) ] */
const TERMINAL_CODES = new Set([46, 33, 63, 34, 0x201d, 0x2019, 41, 93]);

/**
 * `isHeading(text.slice(from, to))`, read off the chars: the line trimmed, its last char not
 * terminal punctuation, at most 16 words (15 runs of white space), counted only that far (a
 * paragraph is not split into its words to learn that it has more than 16).
 */
export function isHeadingAt(text: string, from: number, to: number): boolean {
  const s = skipSpace(text, from, to);
  const e = skipSpaceBack(text, s, to);
  if (s === e || TERMINAL_CODES.has(text.charCodeAt(e - 1))) return false;
  let runs = 0;
  for (let i = s; i < e; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) continue;
    if (++runs > 15) return false;
    // (the last char is no space: the run ends before e)
    while (isSpaceCode(text.charCodeAt(i + 1))) i++;
  }
  return true;
}

function contextYear(cands: readonly Cand[]): number | null {
  let best: number | null = null;
  let bestDay = -Infinity;
  for (const c of cands) {
    if ((c.kind !== "abs" && c.kind !== "ym") || c.future) continue;
    const day = dayOf(c.y!, c.m!, c.d ?? 1);
    if (day > bestDay) {
      bestDay = day;
      best = c.y!;
    }
  }
  return best;
}

function durationsInText(text: string): Set<number> {
  const out = new Set<number>();
  DURATION_RE.lastIndex = 0;
  for (let m = DURATION_RE.exec(text); m; m = DURATION_RE.exec(text)) {
    const n = m[1] ? (NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1])) : 1;
    out.add(/^week/i.test(m[2]!) ? 7 * n : n);
  }
  return out;
}

function dayOfCand(c: Cand, year: number | null): number | null {
  if (c.kind === "abs") return dayOf(c.y!, c.m!, c.d!);
  if (c.kind === "md" && year !== null) return dayOf(year, c.m!, c.d!);
  return null;
}

function sentenceOf(doc: Doc, pos: number): number {
  return spanIndexAt(doc.sentences, pos);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function result(day: number | null, span: Span, rule: string, partial: string | null = null): InferredPublished {
  const evidence = { start: span.start, end: span.end };
  if (day === null) return publishedOf(null, false, evidence, `${rule}:no-year`, null, partial);
  return publishedOf(isoDay(day), true, evidence, rule, day, null);
}

/** The most recent year, not after `now`, in which month/day falls on `weekday`. */
export function yearByWeekday(m: number, d: number, weekday: number, now: number): number | null {
  const ny = ymdOf(now).y;
  for (let y = ny; y >= ny - 40; y--) {
    const day = dayOf(y, m, d);
    if (day <= now && weekdayOf(day) === weekday) return y;
  }
  return null;
}

/**
 * A year from weekday–date consistency, when the text ties a weekday to a year-less date:
 * "Yesterday (February 27), … spoke by phone Sunday", a dateline with the lead's weekday in the
 * same sentence, or a "since February 24" start point whose gap to the lead's weekday matches a
 * stated duration ("in the week since"). The most recent such year not after `now`.
 */
function yearFromWeekdays(doc: Doc, cands: readonly Cand[], now: number): number | null {
  const sameSentenceWeekday = (c: Cand) =>
    cands.find((w) => w.kind === "wd" && !w.future && (w.mod === null || w.mod === undefined) && sentenceOf(doc, w.start) === sentenceOf(doc, c.start));
  for (const c of cands) {
    if (c.kind !== "md") continue;
    if (c.explicitOf !== undefined || c.role === "dateline") {
      const w = sameSentenceWeekday(c);
      if (w) return yearByWeekday(c.m!, c.d!, w.weekday!, now);
    }
  }
  const lead = leadSentences(doc);
  const leadEnd = lead[lead.length - 1]?.end ?? 0;
  const leadStart = lead[0]?.start ?? 0;
  const w = cands.find((x) => x.kind === "wd" && !x.future && !x.mod && x.start >= leadStart && x.end <= leadEnd);
  if (!w) return null;
  // the stated durations are read from the whole text: only for a "since" date that needs them
  const since = cands.filter((c) => c.kind === "md" && c.role === "since");
  if (since.length === 0) return null;
  const durations = durationsInText(doc.text);
  if (durations.size === 0) return null;
  for (const c of since) {
    const ny = ymdOf(now).y;
    for (let y = ny; y >= ny - 40; y--) {
      const from = dayOf(y, c.m!, c.d!);
      const day = weekdayOnOrAfter(from, w.weekday!, true);
      if (day <= now && durations.has(day - from)) return y;
    }
  }
  return null;
}

/** Infers the publication date from the candidates of the single parse. */
export function inferPublished(doc: Doc, cands: readonly Cand[], yearHint: number | null = null, now: number | null = null): InferredPublished {
  const none = publishedOf(null, false, null, "none", null, null);
  if (cands.length === 0) return none;
  const year = contextYear(cands) ?? yearHint;
  if (year === null && now !== null) {
    const y = yearFromWeekdays(doc, cands, now);
    if (y !== null) {
      const r = inferPublished(doc, cands, y, null);
      if (r.value) {
        r.rule += ":year-from-weekday";
        return r;
      }
    }
  }

  // 1. "Yesterday (February 27)", "Today (March 3)"
  for (const c of cands) {
    if (c.explicitOf === undefined || (c.kind !== "md" && c.kind !== "abs")) continue;
    const y = c.kind === "abs" ? c.y! : year;
    if (y === null) {
      // the month-day of publication is still known: shift without a year (safe away from month ends)
      const shifted = ymdOf(dayOf(2001, c.m!, c.d!) - c.explicitOf);
      return result(null, c, "relative-with-date", `--${pad2(shifted.m)}-${pad2(shifted.d)}`);
    }
    return result(dayOf(y, c.m!, c.d!) - c.explicitOf, c, "relative-with-date");
  }

  // 2. dateline
  for (const c of cands) {
    if (c.role !== "dateline" || (c.kind !== "md" && c.kind !== "abs")) continue;
    const day = dayOfCand(c, year);
    return result(day, c, "dateline", day === null ? `--${pad2(c.m!)}-${pad2(c.d!)}` : null);
  }

  // 3. the latest explicit day date, with the lead's weekday
  const lead = leadSentences(doc);
  const leadStart = lead[0]?.start ?? 0;
  const leadEnd = lead[lead.length - 1]?.end ?? 0;
  const inLead = (c: Span) => c.start >= leadStart && c.end <= leadEnd;
  let latest: Cand | null = null;
  let latestDay = -Infinity;
  let latestMd: Cand | null = null; // for the year-less case: the latest month-day in the lead
  for (const c of cands) {
    if ((c.kind !== "abs" && c.kind !== "md") || c.future) continue;
    const day = dayOfCand(c, year);
    if (day === null) {
      if (inLead(c) && c.role !== "since" && c.role !== "caption") latestMd ??= c;
      continue;
    }
    if (day > latestDay || (day === latestDay && latest !== null && inLead(c) && !inLead(latest))) {
      latestDay = day;
      latest = c;
    }
  }
  const weekday = cands.find((c) => c.kind === "wd" && !c.future && c.mod !== "next" && inLead(c));
  if (!latest) {
    if (latestMd && !weekday) return result(null, latestMd, "lead-date", `--${pad2(latestMd.m!)}-${pad2(latestMd.d!)}`);
    return none;
  }
  const D = latest;
  if (weekday) {
    const strict = D.role === "since";
    const day = weekday.mod === "last" ? null : weekdayOnOrAfter(latestDay, weekday.weekday!, strict);
    if (day === null) return none;
    const gap = day - latestDay;
    const near =
      inLead(D) || D.role === "caption" || D.role === "dateline" || sentenceOf(doc, D.start) === sentenceOf(doc, weekday.start);
    if (gap <= 7 && (near || durationsInText(doc.text).has(gap))) {
      const sameSentence = sentenceOf(doc, D.start) === sentenceOf(doc, weekday.start);
      const ev = sameSentence ? { start: Math.min(D.start, weekday.start), end: Math.max(D.end, weekday.end) } : weekday;
      return result(day, ev, "weekday-after-date");
    }
    return publishedOf(null, false, null, "ambiguous", null, null);
  }
  if (D.role === "caption") return publishedOf(null, false, { start: D.start, end: D.end }, "caption-lower-bound", null, null, latestDay);
  if (inLead(D) && D.role !== "since") return result(latestDay, D, "lead-date");
  return none;
}

/** The publication date read from metadata. */
export function metadataPublished(value: string | null, day: number | null): InferredPublished {
  return publishedOf(value, false, null, value ? "metadata" : "none", day, null);
}
