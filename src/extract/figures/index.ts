/**
 * Figures: counts of people killed, injured, displaced, of troops, money, aid and military items,
 * with the qualifier ("at least", "more than", "about", "up to", "fewer than", "exactly"), what is
 * counted, who gives the number (the speaker of the quote or reported clause around it, or
 * "according to X") and the date the count refers to.
 *
 * Numbers that are not figures are left out: dates, years, times, ages, durations, percentages,
 * labels ("Article 5"), phone numbers, counts of countries or rounds, vague quantities
 * ("hundreds", "tens of thousands") and fractions.
 */
import type { Stage } from "../../core/pipeline.js";
import type { Doc, FigureCategory, FigureRecord, Qualifier, Sentence, Span } from "../../core/types.js";
import { attributionFrames } from "../quotes/index.js";
import { lowerTokens, newContext, resolveSpeaker, subjectBefore, tokenAt } from "../quotes/speaker.js";
import { dateFor, FIGURE_OPTIONS } from "../time/index.js";
import { isAsciiLetterCode, isSpaceCode } from "../../text/chars.js";
import { tokenTexts } from "../../text/lower.js";
import {
  AID,
  CATEGORY_VERB,
  CHANGE,
  CUES,
  ITEMS,
  isDemonymPlural,
  LABELS,
  MONTHS,
  NON_COUNT,
  NOT_AFTER,
  PEOPLE,
  phraseCue,
  PROJECTION,
  qualifierBefore,
  TROOPS,
} from "./lexicon.js";
import { findNumbersInTokens, type NumberHit } from "./numbers.js";

/** The last word of a string ("… Article " → "article", "Feb. " → "feb"). */
function lastWord(s: string): string {
  let e = s.length;
  while (e > 0 && !isWordChar(s.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > 0 && isWordChar(s.charCodeAt(b - 1))) b--;
  return s.slice(b, e).toLowerCase();
}
function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;
}

/** The first char of s from i on that is not white space (`\s`), or NaN. */
function firstNonSpace(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return s.charCodeAt(i);
}
/** The last char of s that is not white space (`\s`), or NaN. */
function lastNonSpace(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && isSpaceCode(s.charCodeAt(i))) i--;
  return s.charCodeAt(i);
}
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const HYPHEN = 45;
const EN_DASH = 0x2013;
const MONTH_AFTER_RE = /^\s*(?:,\s*)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i;

/**
 * Is this number a figure at all? The reason it is not, else null. The patterns turn on the chars
 * right around the number: each regex runs only where the char it needs there is there (most
 * numbers need none of them), and a pattern of one or two chars is read off the chars directly.
 */
export function notAFigure(text: string, h: NumberHit): string | null {
  if (h.vague) return "vague";
  if (h.fraction) return "fraction";
  const before = text.slice(Math.max(0, h.start - 24), h.start);
  const after = text.slice(h.end, h.end + 24);
  const a0 = after.charCodeAt(0);
  const b0 = before.charCodeAt(before.length - 1);
  // the first char after the number and the last before it that are not white space
  const a = firstNonSpace(after, 0);
  const b = lastNonSpace(before);
  let prevWord: string | undefined;
  if (h.digits) {
    if ((a === 37 || (a | 32) === 112) && /^\s*(?:%|per\s*cent|percent|pct)/i.test(after)) return "percent";
    // "10:30"
    if ((a0 === 58 && isDigitCode(after.charCodeAt(1))) || (b0 === 58 && isDigitCode(before.charCodeAt(before.length - 2)))) return "time";
    if (((a === HYPHEN || a === EN_DASH) && /^\s*[-–]\s*\d/.test(after)) || ((b === HYPHEN || b === EN_DASH) && /\d\s*[-–]\s*$/.test(before))) return "range-or-score";
    if ((b0 === HYPHEN || b0 === 0x2010) && /[\p{L}][-‐]$/u.test(before)) return "code";
    if ((a0 === 115 || a0 === 110 || a0 === 114 || a0 === 116) && /^(?:st|nd|rd|th)\b/.test(after)) return "ordinal";
    // "+44 20", "#5", "-1234", "(020) 7946"
    if (b === 43 || b === 35 || b === 0x2116 || ((isSpaceCode(a0) || a0 === HYPHEN) && isDigitCode(after.charCodeAt(1)) && isDigitCode(after.charCodeAt(2))) || (b === 40 && a0 === 41 && isDigitCode(firstNonSpace(after, 1)))) return "phone";
    if (b0 === 47 || b0 === 64 || a0 === 47 || a0 === 64) return "url";
    if (h.bare && h.value >= 1800 && h.value <= 2100 && !h.currency) return "year";
    prevWord = lastWord(before);
    if (MONTHS.has(prevWord) && b !== 44 && b !== 59) return "date";
    if (h.bare && MONTH_FIRST[(a === 44 ? firstNonSpace(after, after.indexOf(",") + 1) : a) | 32] && MONTH_AFTER_RE.test(after)) return "date";
  }
  if ((a0 === HYPHEN || a0 === 0x2010) && /^[-‐](?!strong\b)\p{L}/iu.test(after)) return "modifier";
  // "activist Jane Roe, 26, who …": an age in apposition to a name
  if (h.digits && h.value < 120 && a === 44 && /\p{Lu}[\p{L}'’-]+,\s*$/u.test(before)) return "age";
  if ((a | 32) === 121 && /^\s*(?:years?\s+old|years?\s+of\s+age)/i.test(after)) return "age";
  const nextWord = nextWordOf(after);
  if (NOT_AFTER.has(nextWord)) return "measure";
  // "5 km.", "3 days,"
  const last = nextWord.charCodeAt(nextWord.length - 1);
  if ((last === 46 || last === 44) && NOT_AFTER.has(nextWord.slice(0, -1))) return "measure";
  prevWord ??= lastWord(before);
  if (LABELS.has(prevWord) && (h.digits || /^\p{Lu}/u.test(before.trim().split(/\s+/).pop() ?? ""))) return "label";
  return null;
}
const NEXT_WORD_RE = /^\W{0,2}?([\p{L}.'’]+)/u;
/**
 * `NEXT_WORD_RE.exec(after)?.[1]?.toLowerCase() ?? ""`: the word after the number, up to two
 * non-word chars skipped. Read off the chars while they are ASCII (a letter, "." or "'" is in the
 * word, any other char but [A-Za-z0-9_] may be skipped); at a char that is not ASCII, the regex.
 */
function nextWordOf(after: string): string {
  for (let i = 0; i < after.length && i <= 2; i++) {
    const c = after.charCodeAt(i);
    if (c >= 128) break;
    if (isWordPartAscii(c)) {
      let e = i + 1;
      for (; e < after.length; e++) {
        const d = after.charCodeAt(e);
        if (d >= 128) return NEXT_WORD_RE.exec(after)?.[1]?.toLowerCase() ?? "";
        if (!isWordPartAscii(d)) break;
      }
      return after.slice(i, e).toLowerCase();
    }
    // a digit or "_" can be neither skipped nor part of the word
    if ((c >= 48 && c <= 57) || c === 95) return "";
  }
  return NEXT_WORD_RE.exec(after)?.[1]?.toLowerCase() ?? "";
}
/** An ASCII char of NEXT_WORD_RE's word: a letter, "." or "'". */
function isWordPartAscii(c: number): boolean {
  return isAsciiLetterCode(c) || c === 46 || c === 39;
}
/** Lower-case first letters of the month names (indexed by char code | 32). */
const MONTH_FIRST = new Uint8Array(128);
for (const c of "jfmasond") MONTH_FIRST[c.charCodeAt(0)] = 1;

interface Cue {
  category: FigureCategory;
  tok: number;
  forward: boolean;
}

function cueAt(lower: readonly string[], i: number): FigureCategory | null {
  const c = CUES.get(lower[i]!) ?? phraseCue(lower, i);
  // "sentenced to death", "condemned to death": a sentence, not a death
  if (c === "killed" && lower[i] === "death" && lower[i - 1] === "to" && /^(?:sentenced|condemned|sentencing)$/.test(lower[i - 2] ?? "")) return null;
  // "death sentences", "the death penalty", "death row", "death threats"
  if (c === "killed" && lower[i] === "death" && /^(?:sentences?|penalty|penalties|row|threats?|warrants?)$/.test(lower[i + 1] ?? "")) return null;
  return c;
}

/** The first category cue after the number in its clause (lists of numbers do not end the clause). */
function cueForward(doc: Doc, from: number, to: number, strict: boolean): Cue | null {
  const low = lowerTokens(doc);
  let skipped = 0;
  for (let i = from; i < to && i - from - skipped < (strict ? 12 : 30); i++) {
    const w = low[i]!;
    if (strict) {
      if (w === "—" || w === "–" || w === "─") {
        // an aside between dashes ("35 foreigners – from the UK and the US – are among the dead"): read past it
        let k = i + 1;
        while (k < to && k - i < 12 && low[k] !== w) k++;
        if (k < to && low[k] === w && k - i < 12) {
          skipped += k - i + 1;
          i = k;
          continue;
        }
        return null;
      }
      if (w === "(" || w === ")" || w === ";" || w === "while" || w === "but" || w === "whereas") return null;
      if (w === ",") {
        const n = low[i + 1] ?? "";
        const n2 = low[i + 2] ?? "";
        const listGoesOn = /^\d/.test(n) || NUMWORD.test(n) || (n === "and" && (/^\d/.test(n2) || NUMWORD.test(n2))) || (n === "as" && n2 === "well");
        if (!listGoesOn) return null;
      }
    }
    const c = cueAt(low, i);
    if (c) return { category: c, tok: i, forward: true };
  }
  return null;
}
const NUMWORD = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|half)$/;

/** The nearest category cue before the number in its sentence. */
function cueBackward(doc: Doc, from: number, to: number): Cue | null {
  const low = lowerTokens(doc);
  for (let i = from - 1; i >= to; i--) {
    const c = cueAt(low, i);
    if (c) return { category: c, tok: i, forward: false };
  }
  return null;
}

const QUALIFIER_WORDS = new Set("at least more than over about some around nearly almost roughly approximately up to fewer less an estimated as many".split(" "));
/** Words that end a counted phrase: the number stands alone ("207 were", "1,394 in the capital"). */
const FUNCTION_WORDS = new Set(
  ("the a an of in on at to from by for with and or but nor were was are is be been being have has had will would could may might " +
    "should must can who which that whom them their his her its as than more most about some all other such these those while when " +
    "after before during since including among between into over under per not no also still only just already reportedly now " +
    "across inside outside near around each every").split(" "),
);
const VERBISH = new Set("has was is remains needs says includes lives dies flees others".split(" "));

/** The counted noun after a number: its token index and its class. */
function headNoun(doc: Doc, from: number, to: number): { tok: number; kind: "people" | "troops" | "item" | "noncount" | "cue" | "none" } {
  const low = lowerTokens(doc);
  const text = doc.text;
  for (let i = from; i < to && i - from < 4; i++) {
    const w = low[i]!;
    if (TROOPS.has(w)) return { tok: i, kind: "troops" };
    if (ITEMS.has(w) && !(w === "fighter" && low[i + 1] === "jets")) return { tok: i, kind: "item" };
    if (PEOPLE.has(w) || isDemonymPlural(w)) return { tok: i, kind: "people" };
    if (NON_COUNT.has(w)) return { tok: i, kind: "noncount" };
    if (CUES.has(w)) return { tok: i, kind: "cue" };
    const raw = text.slice(doc.tokens[i]!.start, doc.tokens[i]!.end);
    // an unknown plural noun right after the number, or after its modifiers ("two officials",
    // "eight bomb blasts", "two American military bases"): something else is counted
    if (/^[a-z]{3,}s$/.test(raw) && !VERBISH.has(w) && !/(?:ss|us|is)$/.test(w)) return { tok: i, kind: "noncount" };
    // modifiers that may stand before the noun: adjectives, demonyms, "more", "Russian military"
    if (/^(?:more|additional|other|further|new|russian|military|civilian|foreign|local|young|elderly|unaccompanied|armed|internally|of|the|whom|them)$/.test(w) || /^\p{Lu}/u.test(raw)) continue;
    // an unknown lower-case word (an adjective or a noun used as one: "high-end", "ballistic", "bomb")
    if (i - from < 2 && /^[a-z][a-z-]+$/.test(raw) && !FUNCTION_WORDS.has(w)) continue;
    break;
  }
  return { tok: -1, kind: "none" };
}

function clip(s: string, n = 80): string {
  return s.length > n ? s.slice(0, n).replace(/\s+\S*$/, "") : s;
}

function extractFigures(doc: Doc): FigureRecord[] {
  const text = doc.text;
  if (doc.tokens.length === 0) return [];
  const { lw: low, ids } = tokenTexts(doc);
  const hits = findNumbersInTokens(text, doc.tokens, ids);
  if (hits.length === 0) return [];
  const frames = attributionFrames(doc);
  const out: FigureRecord[] = [];
  /** by index in out: is the count a change ("increased by 11")? */
  const changes: boolean[] = [];
  let cutoff: string | null = null;
  let prevCategory: FigureCategory | null = null;
  let lastAttrib: { name: string; para: number } | null = null;
  let parenShift = { sent: -1, days: 0 };
  for (const h of hits) {
    if (notAFigure(text, h)) continue;
    const t0 = tokenAt(doc, h.start);
    if (t0 >= doc.tokens.length) continue;
    const sent = doc.sentences[doc.tokens[t0]!.sent]!;
    const tEnd = tokenAt(doc, h.end); // first token after the number
    const head = headNoun(doc, tEnd, sent.tokEnd);
    if (head.kind === "noncount") continue;
    const beforeText = text.slice(Math.max(sent.start, h.start - 40), h.start);
    let category: FigureCategory | null = null;
    let unit = "people";
    let cue: Cue | null = null;
    let paren = false;
    const change = /\bby\s*$/i.test(beforeText) && (CHANGE.has(low[t0 - 2] ?? "") || /[-–—]\s*by\s*$/.test(beforeText) || CHANGE.has(low[t0 - 3] ?? ""));
    if (h.currency) {
      unit = h.currency;
      const win = low.slice(Math.max(sent.tokStart, t0 - 8), Math.min(sent.tokEnd, tEnd + 8));
      category = win.some((w) => AID.has(w)) ? "aid" : "money";
    } else if (/^[-‐]strong\b/.test(text.slice(h.end, h.end + 8))) {
      // "a 10,000-strong force"
      category = "troops";
    } else if (head.kind === "item") {
      category = "other";
      unit = ITEMS.get(low[head.tok]!)!;
    } else if (head.kind === "troops") {
      category = "troops";
      // "killing 608 troops", "wounded at least 30 soldiers": a toll of soldiers
      let k = t0 - 1;
      while (k > sent.tokStart && t0 - k <= 3 && QUALIFIER_WORDS.has(low[k]!)) k--;
      const c = k < sent.tokStart ? null : low[k] === "killing" ? "killed" : cueAt(low, k);
      if ((c === "killed" || c === "injured") && /(?:ed|ing)$/.test(low[k]!)) category = c;
    } else {
      // "2,361 people (2,246 a day earlier)", "902 dead (847)": a comparison count of the same kind
      const lastFig = out[out.length - 1];
      if (low[t0 - 1] === "(" && lastFig && t0 - 1 - tokenAt(doc, lastFig.span.end) <= 2 && lastFig.span.end <= h.start) {
        category = lastFig.category;
        paren = true;
      }
      if (change) cue = cueBackward(doc, t0, sent.tokStart);
      // "has killed at least 330 people": the verb right before the number (past its qualifier)
      if (!cue) {
        let k = t0 - 1;
        while (k > sent.tokStart && t0 - k <= 3 && QUALIFIER_WORDS.has(low[k]!)) k--;
        const c = k >= sent.tokStart ? cueAt(low, k) : null;
        if (c && /(?:ed|ing)$/.test(low[k]!) && c !== "troops") cue = { category: c, tok: k, forward: false };
      }
      cue ??= cueForward(doc, tEnd, sent.tokEnd, true);
      // "13 million need food aid": people in need of aid
      if (!cue || cue.tok - tEnd > 4) {
        for (let k = tEnd; k < Math.min(sent.tokEnd, tEnd + 5); k++) {
          if (/^(?:need|needs|needing|require|requires|depend|depends|rely|relies|receive|received|receiving)$/.test(low[k]!)) {
            for (let m = k + 1; m < Math.min(sent.tokEnd, k + 4); m++) if (AID.has(low[m]!) || low[m] === "food") cue = { category: "aid", tok: m, forward: true };
            break;
          }
        }
      }
      // "amounted to N", "put the figure at N": the subject before tells what is counted
      if (!cue) {
        cue = cueBackward(doc, t0, sent.tokStart);
        // "injured 500 people …, and 35 foreigners are among the dead": a cue before that an earlier
        // count of the sentence already took gives way to a cue after the number in its own clause
        const prev = out[out.length - 1];
        if (cue && prev && prev.span.start >= sent.start && prev.span.end <= h.start && doc.tokens[cue.tok]!.start < prev.span.end && /,\s*and\s*$|;\s*$/.test(text.slice(prev.span.end, h.start).slice(-8) + "")) {
          const fwd = cueForward(doc, tEnd, sent.tokEnd, false);
          if (fwd) cue = fwd;
        }
      }
      cue ??= cueForward(doc, tEnd, sent.tokEnd, false);
      if (paren) cue = null;
      else if (cue) category = cue.category;
      else if (prevCategory && /\b(?:figure|number|toll|tally)\b[^.;]{0,24}$/i.test(beforeText)) category = prevCategory;
      // "troops" is a head noun, not a cue for a number elsewhere in the clause
      if (category === "troops") category = null;
      if (!category) continue;
      // a bare count with no noun and no cue right after it needs the cue in its own clause
      // ("the death toll from … has risen to 207": a verb of reaching ties the number to its subject)
      if (head.kind === "none" && cue && !cue.forward && t0 - cue.tok > 12 && !change && !(t0 - cue.tok <= 40 && reachedBefore(low, t0, sent.tokStart))) continue;
    }
    // qualifier
    let qualifier: Qualifier = qualifierBefore(beforeText) ?? "exactly";
    // "at least 902 killed and 1,459 injured": the qualifier covers both
    const last = out[out.length - 1];
    if (qualifier === "exactly" && last && last.qualifier !== "exactly" && /\band\s*$/i.test(beforeText) && last.span.start >= sent.start && h.start - last.span.end < 60 && sharesQualifier(text.slice(last.span.end, h.start))) qualifier = last.qualifier;
    if (qualifier === "exactly" && projected(doc, t0, tEnd, sent.tokStart, cue)) qualifier = "about";
    // span: from the qualifier to the cue (forward) or the head noun
    const qStart = qualifier !== "exactly" ? qualifierStart(text, h.start, beforeText) : h.start;
    let endTok = head.tok >= 0 ? head.tok : tEnd - 1;
    if (cue && cue.forward && cue.tok - tEnd < 12) endTok = Math.max(endTok, cue.tok);
    const span: Span = { start: Math.min(qStart, h.start), end: Math.max(h.end, doc.tokens[endTok]?.end ?? h.end) };
    // what is counted
    const noun = head.tok >= 0 && head.kind !== "cue" ? text.slice(doc.tokens[tEnd]!.start, doc.tokens[head.tok]!.end) : "people";
    let what: string;
    if (h.currency) {
      // "$1.5 billion loan", "€500 million in humanitarian aid": the words after the amount
      let e = tEnd;
      while (e < sent.tokEnd && e - tEnd < 4 && /^[\p{L}-]+$/u.test(low[e]!) && !/^(?:to|for|from|by|on|at|and|was|were|is|has|had|will)$/.test(low[e]!)) e++;
      what = e > tEnd ? text.slice(doc.tokens[tEnd]!.start, doc.tokens[e - 1]!.end) : category === "aid" ? "aid" : "money";
    } else if (category === "aid") {
      what = `${noun} in need of aid`;
    } else if (cue && cue.forward && cue.tok > head.tok) {
      const vEnd = Math.min(sent.tokEnd, cue.tok + 4);
      let e = cue.tok + 1;
      while (e < vEnd && /^[\p{L}'’-]+$/u.test(low[e]!) && !/^(?:since|after|before|in|on|during|according|by|and|while|as|including|alone|so)$/.test(low[e]!)) e++;
      what = `${noun} ${/^(?:fled|left|crossed|died|perished)$/.test(low[cue.tok]!) ? "who " : ""}${text.slice(doc.tokens[cue.tok]!.start, doc.tokens[e - 1]!.end)}`;
    } else if (category === "killed" || category === "injured" || category === "displaced") {
      what = `${noun} ${CATEGORY_VERB[category]}`;
    } else what = noun;
    if (change) what = `increase in ${what}`;
    if (qualifier === "about" && projected(doc, t0, tEnd, sent.tokStart, cue)) what = `${what} (projection)`;
    // who says so
    let attributed = attribution(frames, h, doc, sent);
    if (attributed === null && lastAttrib && lastAttrib.para >= sent.para - 1) attributed = lastAttrib.name;
    if (attributed) lastAttrib = { name: attributed, para: sent.para };
    // as of
    const explicit = cutoffDate(doc, sent.start, sent.end);
    if (explicit) cutoff = explicit;
    let asOf: string | null = explicit;
    if (!asOf) {
      const r = dateFor(doc, span, FIGURE_OPTIONS);
      asOf = r.value;
      if (cutoff && (r.rule.startsWith("published") || r.rule === "narrative")) asOf = cutoff;
    }
    // "(2,246 in the report a day earlier)", and a bare "(847)" after it: the earlier count's date
    if (paren && asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      const close = text.indexOf(")", h.end);
      const inside = close > 0 && close - h.end < 60 ? text.slice(h.end, close) : "";
      const shift = /\b(?:a|one) day (?:earlier|before)|\bthe (?:previous|prior) day\b|\bthe day before\b|\byesterday\b/i.test(inside)
        ? 1
        : /\b(?:a|one) week (?:earlier|before)|\bthe previous week\b/i.test(inside)
          ? 7
          : inside.trim() === "" && parenShift.sent === sent.start
            ? parenShift.days
            : 0;
      if (shift) {
        asOf = shiftDay(asOf, -shift);
        parenShift = { sent: sent.start, days: shift };
      }
    }
    prevCategory = category;
    out.push({
      what: clip(what),
      value: h.value,
      value_max: h.valueMax,
      qualifier,
      unit,
      category,
      as_of: asOf,
      attributed_to: attributed,
      span,
      rule: `figure:${h.currency ? "money" : head.kind}${cue ? (cue.forward ? "+cue" : "+cue-before") : ""}${change ? "+change" : ""}${paren ? "+comparison" : ""}`,
    });
    changes.push(change);
  }
  // one count mentioned twice is kept once (a change is a different count): the first mention
  // (a few figures an article: a look back through the kept ones)
  const kept: FigureRecord[] = [];
  const keptChange: boolean[] = [];
  next: for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    for (let k = 0; k < kept.length; k++) if (sameNumber(kept[k]!.value, c.value) && kept[k]!.category === c.category && keptChange[k] === changes[i]) continue next;
    kept.push(c);
    keptChange.push(changes[i]!);
  }
  return kept;
}

/** Do two values print the same (as `${value}` does: NaN is NaN, -0 is 0)? */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** The words between two counts let the first one's qualifier cover both ("at least 902 killed and 1,459"), not a new clause ("500 people across the country, and 35"). */
function sharesQualifier(between: string): boolean {
  const words = between.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length <= 4 && !(/,/.test(between) && words.length > 2);
}

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function qualifierStart(text: string, numStart: number, before: string): number {
  const m = /(?:at least|no fewer than|no less than|a minimum of|not less than|up to|as many as|a maximum of|at most|no more than|not more than|more than|over|above|in excess of|upwards of|exceeding|fewer than|less than|under|below|about|some|around|nearly|almost|roughly|approximately|an estimated|estimated|close to|circa)\s*$/i.exec(
    before,
  );
  return m ? numStart - (before.length - m.index) : numStart;
}

const REACH_TO = new Set("rose risen risen climbed jumped increased grew grown soared stands stood stand reached rising climbing".split(" "));
const REACHED = new Set("reached hit topped passed surpassed exceeded".split(" "));
/** "has risen to N", "stood at N", "reached more than N": the number is the value of the subject. */
function reachedBefore(low: readonly string[], t0: number, sentStart: number): boolean {
  // the qualifier first ("reached more than N", "rose to at least N")
  let k = t0 - 1;
  const q = qualifierBefore(low.slice(Math.max(sentStart, t0 - 3), t0).join(" "));
  if (q) while (k > sentStart && t0 - k <= 3 && QUALIFIER_WORDS.has(low[k]!) && low[k] !== "to" && low[k] !== "at") k--;
  if (q === "at least" && low[k] === "at") k--;
  if (q === "up to" && low[k] === "to") k -= 2;
  const w = low[k] ?? "";
  if (REACHED.has(w)) return true;
  if ((w === "to" || w === "at") && k - 1 >= sentStart) {
    // "rose dramatically Monday to 290": an adverb or a day may stand between
    for (let j = k - 1; j >= Math.max(sentStart, k - 3); j--) if (REACH_TO.has(low[j]!)) return true;
  }
  return false;
}

/** "an estimated 4 million people may flee", "could have grown to 1.5m": a projection. */
function projected(doc: Doc, t0: number, tEnd: number, sentStart: number, cue: Cue | null): boolean {
  const low = lowerTokens(doc);
  for (let i = t0 - 1; i >= Math.max(sentStart, t0 - 5); i--) {
    if (/^\d/.test(low[i]!)) break;
    if (PROJECTION.has(low[i]!)) return true;
  }
  if (cue && cue.forward) for (let i = tEnd; i < cue.tok; i++) if (PROJECTION.has(low[i]!)) return true;
  return false;
}

/** An explicit cut-off in the sentence: "until 24:00 on March 19", "as of February 2022". */
function cutoffDate(doc: Doc, start: number, end: number): string | null {
  for (const t of doc.times) {
    if (t.start < start || t.end > end) continue;
    const before = doc.text.slice(Math.max(start, t.start - 24), t.start).toLowerCase();
    if (/\b(?:until|as of|as at|up to|through|till|by)\b[^.,;]{0,14}$/.test(before)) return t.end_value ?? t.value;
  }
  return null;
}

/**
 * Who gives the number: the speaker of the smallest quote or reported clause around it; else the
 * subject of a reporting verb before it in the sentence ("X put the figure at N", "X recorded N");
 * else the speaker of the sentence before it in the same paragraph (reported speech goes on).
 */
function attribution(frames: ReturnType<typeof attributionFrames>, h: NumberHit, doc: Doc, sent: Sentence): string | null {
  let best: (typeof frames)[number] | null = null;
  for (const f of frames) {
    if (!f.speaker || f.span.start > h.start || f.span.end < h.end) continue;
    if (!best || f.span.end - f.span.start < best.span.end - best.span.start) best = f;
  }
  if (best) return best.speaker!.name;
  const low = lowerTokens(doc);
  const t0 = tokenAt(doc, h.start);
  for (let v = t0 - 1; v >= sent.tokStart; v--) {
    if (!REPORTING.has(low[v]!)) continue;
    const subj = subjectBefore(doc, v, sent.tokStart);
    if (subj) return resolveSpeaker(doc, subj[0], subj[1], newContext())?.name ?? null;
  }
  // the sentence before, in the same paragraph, reports someone's words
  const si = doc.tokens[t0]!.sent;
  const prevSent = doc.sentences[si - 1];
  if (prevSent && prevSent.para === sent.para) {
    for (const f of frames) {
      if (f.speaker && f.isQuote && f.span.start >= prevSent.start && f.span.start < prevSent.end && f.speaker.kind === "person") return f.speaker.name;
    }
  }
  return null;
}
const REPORTING = new Set(
  "put puts estimated estimates counted recorded registered reported reports confirmed documented verified tallied gave gives said says".split(" "),
);

export const figuresStage: Stage = {
  name: "figures",
  requires: ["sentences", "tokens", "entities", "published", "times"],
  provides: ["figures"],
  run(doc) {
    doc.figures = extractFigures(doc);
  },
};
