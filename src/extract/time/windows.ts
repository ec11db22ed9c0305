/**
 * Where chrono needs to look, and which of its parsers need to look there.
 *
 * Every chrono result contains an anchor: a month or weekday name, a casual day word, a time unit
 * (with chrono's abbreviations, single letters included), a four-digit number (a year, an ISO or
 * year-first date) or digits joined by a slash, dot or dash. chrono runs only over windows around
 * the anchors, joined by a separator (most of an article is far from any date).
 *
 * Each anchor also has a class, and each parser needs an anchor of its class inside its match:
 * the weekday parser a weekday name, the month-name parsers a month name, the "N days ago" family
 * a time unit, the numeric-date parsers digits. So a parser runs only over the windows that hold
 * an anchor of its class (the weekday parser, the costliest, over the one or two windows with a
 * weekday instead of all of them); the refiners then see every parser's results over the joined
 * windows, exactly as in one chrono parse. A window where a digit touches a letter ("May2022",
 * "24hrs") has an anchor the word scan cannot see: every parser runs there.
 * `windows.test.ts` checks that the result equals a whole-text parse.
 */
import * as chrono from "chrono-node";
import { isAsciiLetterCode, isAsciiWordCode } from "../../text/chars.js";
import { WordFacts, wordText } from "../../text/words.js";

/** Anchor classes (bits): which parsers a window is for. */
export const MONTH = 1;
export const WEEKDAY = 2;
export const CASUAL = 4;
export const UNIT = 8;
export const DIGIT = 16;
export const ALL = MONTH | WEEKDAY | CASUAL | UNIT | DIGIT;

/** A digit touching a letter: "May2022", "March11", "24hrs ago" (anchors without a word boundary). */
const GLUED_RE = /\d[A-Za-z]|[A-Za-z]\d/;
/** four digits (a year, an ISO date), digits joined by / . -, a one-letter unit after digits ("5m") */
const ANCHOR_DIGIT_RE = /\d(?:\d{3}|[/.\-]\d|[smhdwy](?![A-Za-z0-9_]))/gi;

/** The anchor words (lower case) by class; "mon" is a weekday and a unit. */
const ANCHOR_WORDS: ReadonlyArray<readonly [number, string]> = [
  [MONTH, "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december"],
  [WEEKDAY, "sun sunday mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday weekend weekends weekday weekdays"],
  [CASUAL, "now today tonight tomorrow overmorrow tmr tmrw yesterday night"],
  [UNIT, "s sec secs second seconds m min mins minute minutes h hr hrs hour hours d day days w week weeks mo mos mon month months qtr qtrs quarter quarters y yr yrs year years"],
];

/** The class of each anchor word. */
const WORD_CLASS = new Map<string, number>();
for (const [cls, words] of ANCHOR_WORDS) for (const w of words.split(" ")) WORD_CLASS.set(w, (WORD_CLASS.get(w) ?? 0) | cls);

/** Is `w` (lower case) one of chrono's time units ("days", "yr", "mon")? */
export function isUnitWord(w: string): boolean {
  return ((WORD_CLASS.get(w) ?? 0) & UNIT) !== 0;
}

/** A whole word that is an anchor word, in any case: one alternation factored as a trie. */
const ANCHOR_WORD_RE = new RegExp(`\\b${trieSource([...WORD_CLASS.keys()])}\\b`, "gi");
/** The same, sticky: tried at a word start inside a token. */
const ANCHOR_WORD_AT = new RegExp(ANCHOR_WORD_RE.source, "iy");

/** The tokens of a text and their word ids (text/lower.ts tokenTexts): the anchor words read from them. */
export interface TokenWords {
  tokens: readonly { start: number; end: number }[];
  ids: Int32Array;
}

/** Token bits beside the anchor classes: an ASCII letter and some char that is neither an ASCII letter nor a digit. */
const T_MIXED = 64;
const TOKEN_CLASS = new WordFacts((id) => tokenClass(wordText(id)));

/**
 * What a token's text tells of the anchor words in it: all ASCII letters, the class of the word
 * (0 for none); with an ASCII letter and a char that is not an ASCII letter or digit ("mid-March",
 * "U.S.", "Mayé", "'s"), T_MIXED: the words in it are found by the regex; else (digits, punctuation,
 * letters and digits glued: "May2022" is one ASCII word) none.
 */
export function tokenClass(t: string): number {
  let letters = 0;
  let other = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isAsciiLetterCode(c)) letters++;
    else if (c < 48 || c > 57) other = true;
  }
  if (letters === 0) return 0;
  if (other) return T_MIXED;
  return letters === t.length ? (WORD_CLASS.get(t.toLowerCase()) ?? 0) : 0;
}

/**
 * A regex source matching exactly `words` (lower-case letters), factored by common prefixes
 * ("mon(?:day|ths?)?"): at a word start the regex follows one branch instead of trying every
 * word in turn (a third faster than the flat alternation over an article).
 */
export function trieSource(words: readonly string[]): string {
  interface Node {
    next: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { next: new Map(), end: false };
  for (const w of words) {
    let n = root;
    for (const ch of w) {
      let sub = n.next.get(ch);
      if (!sub) n.next.set(ch, (sub = { next: new Map(), end: false }));
      n = sub;
    }
    n.end = true;
  }
  const source = (n: Node): string => {
    const alts = [...n.next].map(([ch, sub]) => ch + source(sub));
    if (alts.length === 0) return "";
    const group = `(?:${alts.join("|")})`;
    return n.end ? `${group}?` : alts.length === 1 ? alts[0]! : group;
  };
  return source(root);
}

/** Characters of text kept on each side of an anchor (then widened to whitespace). */
const MARGIN = 40;
/** Between two windows: no parser or refiner reads across it. */
const SEP = "\n|\n";

/** Windows of a text joined by SEP: what chrono parses. */
export interface Joined {
  /** the windows' text joined by SEP */
  text: string;
  /** where each window starts in `text` */
  at: number[];
  /** where each window starts in the source text */
  from: number[];
  /** each window's anchor classes */
  cls: number[];
}

/**
 * All the windows of a text, with their anchors. Their joined text is built only for the windows
 * chrono reads (`someWindows`): the scanner reads most windows straight from the source.
 */
export interface Windows {
  /** where each window starts in the source text */
  from: number[];
  /** where each window ends in the source text */
  to: number[];
  /** each window's anchor classes */
  cls: number[];
  /** the anchors in source order, (start, end, class) per anchor */
  anchors: number[];
  /** window w holds anchors anchorAt[w] .. anchorAt[w + 1] - 1 */
  anchorAt: number[];
}

/** The windows around the anchors of `src`, or null when it has none. */
export function windowsOf(src: string, words?: TokenWords): Windows | null {
  // anchors as (start, end, class) from two cheap scans (one combined regex is several times slower)
  const wordAnchors: number[] = [];
  if (words) tokenAnchors(src, words, wordAnchors);
  else {
    ANCHOR_WORD_RE.lastIndex = 0;
    for (let m = ANCHOR_WORD_RE.exec(src); m; m = ANCHOR_WORD_RE.exec(src)) addWord(src, m.index, m.index + m[0].length, WORD_CLASS.get(m[0].toLowerCase()) ?? ALL, wordAnchors);
  }
  const digitAnchors: number[] = [];
  ANCHOR_DIGIT_RE.lastIndex = 0;
  for (let m = ANCHOR_DIGIT_RE.exec(src); m; m = ANCHOR_DIGIT_RE.exec(src)) {
    const c = m[0].charCodeAt(1);
    const letter = c > 57; // "5m": a unit after digits
    digitAnchors.push(m.index, m.index + m[0].length, letter ? DIGIT | UNIT : DIGIT);
  }
  const anchors = mergeAnchors(wordAnchors, digitAnchors);
  if (anchors.length === 0) return null;
  const from: number[] = [];
  const to: number[] = [];
  const cls: number[] = [];
  const anchorAt: number[] = [];
  const count = anchors.length / 3;
  for (let k = 0; k < count; k++) {
    let s = Math.max(0, anchors[3 * k]! - MARGIN);
    while (s > 0 && !isSpace(src.charCodeAt(s - 1))) s--;
    let e = Math.min(src.length, anchors[3 * k + 1]! + MARGIN);
    while (e < src.length && !isSpace(src.charCodeAt(e))) e++;
    const n = to.length;
    if (n && s <= to[n - 1]! + 8) {
      to[n - 1] = Math.max(to[n - 1]!, e);
      cls[n - 1]! |= anchors[3 * k + 2]!;
    } else {
      from.push(s);
      to.push(e);
      cls.push(anchors[3 * k + 2]!);
      anchorAt.push(k);
    }
  }
  anchorAt.push(count);
  for (let w = 0; w < from.length; w++) if (GLUED_RE.test(src.slice(from[w], to[w]))) cls[w] = ALL;
  return { from, to, cls, anchors, anchorAt };
}

/**
 * Two anchor lists, each in source order, merged into one (each list is in order as its scan
 * found it; a word anchor starts at a letter and a digit anchor at a digit, so no two start alike).
 */
export function mergeAnchors(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      out.push(a[i]!, a[i + 1]!, a[i + 2]!);
      i += 3;
    } else {
      out.push(b[j]!, b[j + 1]!, b[j + 2]!);
      j += 3;
    }
  }
  return out;
}


/** Adds the anchor word at [a, b): a one-letter unit ("5 d ago") but not "'s", "U.S.". */
function addWord(src: string, a: number, b: number, cls: number, anchors: number[]): void {
  if (b - a === 1) {
    const p = src.charCodeAt(a - 1);
    if (p === 39 || p === 0x2019 || p === 46) return;
  }
  anchors.push(a, b, cls);
}

/**
 * The matches of ANCHOR_WORD_RE, from the tokens: a token of ASCII letters is a match when its
 * word is an anchor word and no ASCII word char ("_") touches it; in a token with other chars the
 * sticky regex is tried at each ASCII letter that starts a word. (Every letter of the text is in a
 * token, and a token of ASCII letters is all of its word but for a "_" next to it.)
 */
function tokenAnchors(src: string, words: TokenWords, anchors: number[]): void {
  const { tokens, ids } = words;
  for (let i = 0; i < tokens.length; i++) {
    const bits = TOKEN_CLASS.get(ids[i]!);
    if (bits === 0) continue;
    const s = tokens[i]!.start;
    const e = tokens[i]!.end;
    if (bits !== T_MIXED) {
      if (!(s > 0 && isAsciiWordCode(src.charCodeAt(s - 1))) && !isAsciiWordCode(src.charCodeAt(e))) addWord(src, s, e, bits, anchors);
      continue;
    }
    for (let p = s; p < e; p++) {
      if (!isAsciiLetterCode(src.charCodeAt(p)) || (p > 0 && isAsciiWordCode(src.charCodeAt(p - 1)))) continue;
      ANCHOR_WORD_AT.lastIndex = p;
      const m = ANCHOR_WORD_AT.exec(src);
      if (!m) continue;
      addWord(src, p, p + m[0].length, WORD_CLASS.get(m[0].toLowerCase()) ?? ALL, anchors);
      p += m[0].length - 1;
    }
  }
}

/** The windows `keep` (ascending) of `src`'s windows `win`, joined by SEP: what chrono parses. */
export function someWindows(src: string, win: Windows, keep: readonly number[]): Joined {
  const parts: string[] = [];
  const at: number[] = [];
  const from: number[] = [];
  const cls: number[] = [];
  let pos = 0;
  for (const w of keep) {
    if (parts.length) {
      parts.push(SEP);
      pos += SEP.length;
    }
    at.push(pos);
    from.push(win.from[w]!);
    cls.push(win.cls[w]!);
    parts.push(src.slice(win.from[w], win.to[w]));
    pos += win.to[w]! - win.from[w]!;
  }
  return { text: parts.join(""), at, from, cls };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
}

// ---------------------------------------------------------------- the parse over windows

/** The anchor class each parser's match contains (by chrono's class name; ours are given explicitly). */
const PARSER_CLASS: Record<string, number> = {
  ENYearMonthDayParser: DIGIT,
  ISOFormatParser: DIGIT,
  SlashDateFormatParser: DIGIT,
  ENSlashMonthFormatParser: DIGIT,
  ENMonthNameLittleEndianParser: MONTH,
  ENMonthNameMiddleEndianParser: MONTH,
  ENMonthNameParser: MONTH,
  ENYearMonthNameParser: MONTH,
  ENWeekdayParser: WEEKDAY,
  ENCasualDateParser: CASUAL,
  ENTimeUnitAgoFormatParser: UNIT,
  ENTimeUnitLaterFormatParser: UNIT,
  ENTimeUnitCasualRelativeFormatParser: UNIT,
  ENRelativeDateFormatParser: UNIT,
  ENEndOfCurrentMonthParser: UNIT,
};

/** chrono's own loop of one parser over a context (kept private in its typings). */
type ExecuteParser = (context: chrono.ParsingContext, parser: chrono.Parser) => chrono.ParsingResult[];
const executeParser = (chrono.Chrono as unknown as { executeParser: ExecuteParser }).executeParser;

/** A parser and the anchor class its matches contain (ALL when unknown: it runs everywhere). */
export interface ClassedParser {
  parser: chrono.Parser;
  cls: number;
}

export function classedParsers(c: chrono.Chrono, own: ReadonlyMap<chrono.Parser, number>): ClassedParser[] {
  return c.parsers.map((parser) => ({ parser, cls: own.get(parser) ?? PARSER_CLASS[parser.constructor.name] ?? ALL }));
}

/** The windows of one class joined by SEP, and where each starts there and in the joined windows. */
interface SubText {
  context: chrono.ParsingContext;
  at: number[];
  winAt: number[];
}

/**
 * What `chrono.parse(win.text, reference)` returns, with each parser run only over the windows of
 * its class: the same parsers in the same order, results sorted by position (stably, as chrono),
 * then the same refiners over the joined windows.
 */
export function parseWindows(c: chrono.Chrono, parsers: readonly ClassedParser[], win: Joined, reference: chrono.ParsingReference): chrono.ParsedResult[] {
  const full = new chrono.ParsingContext(win.text, reference);
  const subs = new Map<number, SubText | null>();
  let results: chrono.ParsingResult[] = [];
  for (const { parser, cls } of parsers) {
    let sub = subs.get(cls);
    if (sub === undefined) {
      sub = subTextOf(win, cls, reference, full);
      subs.set(cls, sub);
    }
    if (!sub) continue;
    const found = executeParser(sub.context, parser);
    if (sub.context !== full) remap(found, sub);
    for (const r of found) results.push(r);
  }
  results.sort((a, b) => a.index - b.index);
  for (const refiner of c.refiners) results = refiner.refine(full, results);
  return results;
}

/** The windows holding class `cls`: the full context when all do, null when none does. */
function subTextOf(win: Joined, cls: number, reference: chrono.ParsingReference, full: chrono.ParsingContext): SubText | null {
  let n = 0;
  for (const k of win.cls) if (k & cls) n++;
  if (n === 0) return null;
  if (n === win.cls.length) return { context: full, at: win.at, winAt: win.at };
  const parts: string[] = [];
  const at: number[] = [];
  const winAt: number[] = [];
  let pos = 0;
  for (let w = 0; w < win.cls.length; w++) {
    if (!(win.cls[w]! & cls)) continue;
    if (parts.length) {
      parts.push(SEP);
      pos += SEP.length;
    }
    const end = w + 1 < win.at.length ? win.at[w + 1]! - SEP.length : win.text.length;
    at.push(pos);
    winAt.push(win.at[w]!);
    parts.push(win.text.slice(win.at[w], end));
    pos += end - win.at[w]!;
  }
  return { context: new chrono.ParsingContext(parts.join(""), reference), at, winAt };
}

/** Results found in a class's windows, moved to their position in the joined windows (in order). */
function remap(found: chrono.ParsingResult[], sub: SubText): void {
  let w = 0;
  for (const r of found) {
    while (w + 1 < sub.at.length && sub.at[w + 1]! <= r.index) w++;
    r.index += sub.winAt[w]! - sub.at[w]!;
  }
}
