import type { Sentence, Token } from "../core/types.js";
import { isAsciiWordCode } from "./chars.js";

/**
 * One fast regex pass gives tokens and sentences with character offsets; every later stage
 * shares it. Sentences never cross a line break (news lines are paragraphs, headlines, captions).
 */

// initialisms (U.S., U.N.), numbers with thousands separators or decimals (368,000; 3.5; 1,234.5) before
// words (so that "368,000" is one token), words with inner hyphens, possessive clitics, any other char
/** The reference definition of a token (the scanner below implements it by hand). */
export const TOKEN_RE = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)+|[\p{L}\p{M}\d]+(?:[-‐][\p{L}\p{M}\d]+)*|['’]s\b|\S/gu;

/** Words after which a period does not end a sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    "mr mrs ms dr prof gen gens lt lieut col maj brig capt cmdr cdr cmdt adm sgt cpl pvt gov govs sen sens rep reps " +
    "pres amb rt hon supt insp det atty msgr fr rev st mt ft no nos vs etc " +
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd corp co jr sr dept est approx fig al"
  ).split(" "),
);

/** A sentence end inside a line (tokenize checks its lookahead within the line: upperFollows). */
export const SENT_END_RE = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\d])/gu;

/**
 * The tokens of the text being tokenized, in a list reused from text to text (its first `count`
 * entries): pushed to a fresh list, a doc's ~450 tokens reallocated its backing store about eight
 * times on the way; tokenize returns an exact copy (tokenize runs to its end before another call).
 */
const scratch: Token[] = [];

export function tokenize(text: string): { tokens: Token[]; sentences: Sentence[] } {
  const tokens = new TokenList();
  const sentences: Sentence[] = [];
  let para = 0;
  let lineStart = 0;
  const n = text.length;
  // SENT_END_RE's matches in one pass over the whole text, without a match array per end: each run of
  // [.!?] with the closers after it, kept when upperFollows within its line (the regex's lookahead, but
  // within the line). A run never crosses a line break; the regex finds a match at the start of a run
  // exactly when its lookahead holds there, and goes on after the run (with or without a match), as here.
  let dot = nextStop(text, 0);
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    if (!isBlank(text, lineStart, lineEnd)) {
      let start = lineStart;
      while (dot >= 0 && dot < lineEnd) {
        const at = dot;
        const end = stopRunEnd(text, at);
        dot = nextStop(text, end);
        if (!upperFollows(text, end, lineEnd)) continue;
        if (text.charCodeAt(at) === 46 && isAbbreviation(text, lineStart, at)) continue;
        addTrimmed(text, start, end, para, tokens, sentences);
        start = end;
      }
      if (start < lineEnd) addTrimmed(text, start, lineEnd, para, tokens, sentences);
      para++;
    }
    lineStart = lineEnd + 1;
  }
  return { tokens: scratch.slice(0, tokens.length), sentences };
}

/** The tokens so far: scratch's first `length` entries. */
class TokenList {
  length = 0;
  push(t: Token): void {
    if (this.length < scratch.length) scratch[this.length] = t;
    else scratch.push(t);
    this.length++;
  }
}

/** Is c one of [.!?]? */
function isStopCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

const STOP_RE = /[.!?]/g;
/** The index of the first [.!?] at or after i, else -1 (the regex engine scans faster than a loop; test() makes no match array). */
function nextStop(text: string, i: number): number {
  STOP_RE.lastIndex = i;
  return STOP_RE.test(text) ? STOP_RE.lastIndex - 1 : -1;
}

/** The end of SENT_END_RE's match at a [.!?] at i, without the lookahead: `[.!?]+["'”’)\]]*`. */
function stopRunEnd(text: string, i: number): number {
  while (isStopCode(text.charCodeAt(i))) i++;
  for (let c = text.charCodeAt(i); c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93; c = text.charCodeAt(++i));
  return i;
}

/** `text.slice(a, b).trim() === ""` without the slice. */
function isBlank(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isSpaceAt(text, i)) return false;
  return true;
}

/** SENT_END_RE's lookahead at i, within the line [.., b): `(?=\s+["'“‘(\[]?[\p{Lu}\d])`. */
function upperFollows(text: string, i: number, b: number): boolean {
  let k = i;
  while (k < b && isSpaceAt(text, k)) k++;
  if (k === i || k >= b) return false;
  const c = text.charCodeAt(k);
  // an opener is optional: the char after it must then be the capital or digit (the opener is neither)
  if (c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40 || c === 91) k++;
  return k < b && (isDigit(text.charCodeAt(k)) || upperWidth(text, k) > 0);
}

/** The sentence [s, e) trimmed of white space, unless empty. */
function addTrimmed(text: string, s: number, e: number, para: number, tokens: TokenList, sentences: Sentence[]): void {
  while (s < e && isSpaceAt(text, s)) s++;
  while (e > s && isSpaceAt(text, e - 1)) e--;
  if (e > s) addSentence(text, s, e, para, tokens, sentences);
}

/** `/\s/.test(s[i])` without the one-char string. */
function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : isSpaceCode(c);
}

/** Is the word before the dot at `dot` (within the line from `a`) an abbreviation or an initial? */
function isAbbreviation(text: string, a: number, dot: number): boolean {
  let i = dot;
  while (i > a && isLetterOrDot(text, i - 1)) i--;
  const word = text.slice(i, dot);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true; // an initial: "George W. Bush"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S." before a capital: ambiguous, keep together
  return ABBREVIATIONS.has(word.toLowerCase());
}

function addSentence(text: string, start: number, end: number, para: number, tokens: TokenList, sentences: Sentence[]): void {
  const sent = sentences.length;
  const tokStart = tokens.length;
  // a hand-written scanner with exactly TOKEN_RE's meaning (tested against it), about 3x faster;
  // a token never crosses a sentence end, which always precedes white space
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const k = ASCII[c]!;
      if (k === A_SPACE) {
        i++;
        continue;
      }
      if (k === A_LOWER || (k === A_UPPER && text.charCodeAt(i + 1) !== 46)) {
        // the common case: an ASCII word; anything but an ASCII stop after it takes the full path
        let j = i + 1;
        let d = text.charCodeAt(j);
        while (d < 128 && ASCII[d]! >= A_DIGIT) d = text.charCodeAt(++j);
        const kd = d < 128 ? ASCII[d]! : 0;
        if (kd === A_SPACE || kd === A_STOP || j >= text.length) {
          tokens.push({ start: i, end: j > end ? end : j, sent });
          i = j;
          continue;
        }
      } else if (k === A_STOP && c !== 39) {
        // one punctuation char (an apostrophe may open a clitic: full path)
        tokens.push({ start: i, end: i + 1, sent });
        i++;
        continue;
      }
    } else if (isSpaceCode(c)) {
      i++;
      continue;
    }
    const e = tokenEnd(text, i);
    tokens.push({ start: i, end: e > end ? end : e, sent });
    i = e;
  }
  sentences.push({ start, end, tokStart, tokEnd: tokens.length, para });
}

/** ASCII classes for the fast path: space, a char that ends a word and stands alone (not "-"), digit, lower, upper. */
const A_SPACE = 1;
const A_STOP = 2;
const A_HYPHEN = 3;
const A_DIGIT = 4;
const A_LOWER = 5;
const A_UPPER = 6;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII[c] =
    c === 32 || (c >= 9 && c <= 13) ? A_SPACE
    : c >= 48 && c <= 57 ? A_DIGIT
    : c >= 97 && c <= 122 ? A_LOWER
    : c >= 65 && c <= 90 ? A_UPPER
    : c === 45 ? A_HYPHEN
    : A_STOP;
}

const SPACE_RE = /\s/;
const WORD_RE = /[\p{L}\p{M}]/u;
const UPPER_RE = /\p{Lu}/u;
/** per BMP code unit ≥ 128: 0 unknown, bit 1 known, bit 2 letter/mark, bit 4 upper, bit 8 space */
const CLASS = new Uint8Array(65536);
function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = 1 | (WORD_RE.test(ch) ? 2 : 0) | (UPPER_RE.test(ch) ? 4 : 0) | (SPACE_RE.test(ch) ? 8 : 0);
    CLASS[c] = k;
  }
  return k;
}
function isSpaceCode(c: number): boolean {
  return (classOf(c) & 8) !== 0;
}
const isDigit = (c: number) => c >= 48 && c <= 57;
const LETTER_RE = /\p{L}/u;
/** `/[\p{L}.]/u.test(s[i])` (a lone surrogate half is no letter, as there). */
function isLetterOrDot(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 46 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER_RE.test(s[i]!);
}

/** Width (1 or 2 code units) of a letter, mark or digit at i, else 0. */
function wordWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WORD_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return (classOf(c) & 2) !== 0 ? 1 : 0;
}
/** Width of an upper-case letter at i, else 0. */
function upperWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && UPPER_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return (classOf(c) & 4) !== 0 ? 1 : 0;
}

/** End of the token that starts at i (a non-space char), by TOKEN_RE's alternatives in order. */
function tokenEnd(text: string, i: number): number {
  const n = text.length;
  // 1. initialisms: (?:\p{Lu}\.){2,}
  let w = upperWidth(text, i);
  if (w > 0 && text.charCodeAt(i + w) === 46) {
    let j = i;
    let pairs = 0;
    for (;;) {
      const uw = upperWidth(text, j);
      if (uw === 0 || text.charCodeAt(j + uw) !== 46) break;
      j += uw + 1;
      pairs++;
    }
    if (pairs >= 2) return j;
  }
  const c = text.charCodeAt(i);
  // 2. numbers with separators: \d+(?:[.,]\d+)+
  if (isDigit(c)) {
    let j = i + 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    let groups = 0;
    for (;;) {
      const s = text.charCodeAt(j);
      if ((s === 46 || s === 44) && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        groups++;
      } else break;
    }
    if (groups > 0) return j;
  }
  // 3. words with inner hyphens: [\p{L}\p{M}\d]+(?:[-‐][\p{L}\p{M}\d]+)*
  w = wordWidth(text, i);
  if (w > 0) {
    let j = i + w;
    for (;;) {
      const ww = j < n ? wordWidth(text, j) : 0;
      if (ww > 0) {
        j += ww;
        continue;
      }
      const h = text.charCodeAt(j);
      if ((h === 45 || h === 0x2010) && j + 1 < n && wordWidth(text, j + 1) > 0) {
        j += 1;
        continue;
      }
      break;
    }
    return j;
  }
  // 4. possessive clitic: ['’]s\b
  if ((c === 39 || c === 0x2019) && text.charCodeAt(i + 1) === 115 && !isAsciiWordCode(text.charCodeAt(i + 2))) return i + 2;
  // 5. any other char (a whole code point)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}
