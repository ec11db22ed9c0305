import { WordSet } from "../quotes/wordset.js";
import { isAsciiWordCode, isSpaceCode } from "../../text/chars.js";
import { WordFacts, wordText } from "../../text/words.js";

/**
 * Numbers in news text, in digits and in words, with their character offsets:
 * "368,000", "1.5m", "$2 billion", "two million", "half a million", "one and a half million",
 * "a dozen"; and the vague forms ("tens of thousands", "hundreds", "dozens", "millions") as
 * ranges marked `vague`, and fractions ("a third", "half") marked `fraction`.
 *
 * One regex pass over the text; the caller decides which numbers are figures.
 */

export interface NumberHit {
  start: number;
  end: number;
  value: number;
  /** upper bound for vague ranges ("tens of thousands": 10,000 – 99,999) */
  valueMax: number | null;
  /** a range or a plural of a power of ten: not a count a reader could check */
  vague: boolean;
  /** a fraction of something ("a third", "half of") */
  fraction: boolean;
  /** the currency the number is given in (symbol or word before/after), ISO 4217 */
  currency: string | null;
  /** written in digits (as opposed to words) */
  digits: boolean;
  /** digits only, no separators, no scale word: the form of years, codes, phone numbers */
  bare: boolean;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12,
};
const FRACTIONS: Record<string, number> = {
  half: 0.5, third: 1 / 3, thirds: 1 / 3, quarter: 0.25, quarters: 0.25, fifth: 0.2, fifths: 0.2,
  tenth: 0.1, tenths: 0.1,
};
const CURRENCY_SYMBOL: Record<string, string> = { $: "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB" };
const CURRENCY_WORD: Record<string, string> = {
  dollar: "USD", dollars: "USD", usd: "USD", euro: "EUR", euros: "EUR", eur: "EUR", pound: "GBP", pounds: "GBP",
  sterling: "GBP", gbp: "GBP", yen: "JPY", yuan: "CNY", renminbi: "CNY", rouble: "RUB", roubles: "RUB", ruble: "RUB",
  rubles: "RUB", hryvnia: "UAH", hryvnias: "UAH", hryvnas: "UAH", lira: "TRY", liras: "TRY", rupees: "INR",
  francs: "CHF", riyals: "SAR", shekels: "ILS", naira: "NGN", rand: "ZAR",
};

const UNIT_W = Object.keys(UNITS).join("|");
const TENS_W = Object.keys(TENS).join("|");
const SCALE_W = "hundred|thousand|million|billion|trillion";
const ATOM = `(?:(?:${TENS_W})(?:[-\\s](?:${UNIT_W}))?|${UNIT_W}|${SCALE_W}|dozen)`;
const WORD_RUN = `(?:half\\s+a\\s+(?:${SCALE_W}|dozen)|a\\s+(?:${SCALE_W}|dozen)|${ATOM}(?:(?:\\s+and\\s+|[\\s-]+)${ATOM})*(?:\\s+and\\s+a\\s+half(?:\\s+(?:${SCALE_W}))?)?)`;
const DIGIT_RUN = `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?`;
const SCALE_AFTER = `(?:\\s*(?:${SCALE_W})\\b|(?:m|mn|mln|bn|k|tn)\\b)`;
const VAGUE = `(?:tens|hundreds|thousands|millions|billions|dozens|scores)(?:\\s+of\\s+(?:thousands|millions|billions))?`;
const FRACTION = `(?:a|one|two|three)[\\s-](?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)|half`;

/**
 * Groups: 1 currency symbol, 2 digits, 3 scale after digits, 4 words, 5 vague, 6 fraction.
 * Digits must not touch letters or other digits (so "24th", "MH17", "2,3" are left alone);
 * words stand at word boundaries.
 */
const NUMBER_SOURCE = new RegExp(
  `(US\\$|[$€£¥₴₽])?\\s?(?<![\\p{L}\\d.,])(${DIGIT_RUN})(${SCALE_AFTER})?(?![\\p{L}\\d]|[.,]\\d)` +
    `|(?<![\\p{L}-])(${WORD_RUN})(?![\\p{L}])` +
    `|(?<![\\p{L}-])(${VAGUE})(?![\\p{L}])` +
    `|(?<![\\p{L}-])(${FRACTION})(?![\\p{L}])`,
  "giu",
);


const ONE_WORD_RE = /^[A-Za-z]+$/;
/** Reads a run of number words ("two million", "one hundred and twenty", "half a million"). */
export function wordsToNumber(run: string): number | null {
  // one word ("two", "twenty", "million"): the loop below gives its value alone; read it without
  // the lower-casing, replace, split and filter (most word numbers are one word)
  if (ONE_WORD_RE.test(run)) {
    const w = run.toLowerCase();
    if (Object.hasOwn(UNITS, w)) return UNITS[w]!;
    if (Object.hasOwn(TENS, w)) return TENS[w]!;
    if (w === "dozen") return 12;
    if (Object.hasOwn(SCALES, w)) return SCALES[w]!;
  }
  const words = run.toLowerCase().replace(/-/g, " ").split(/\s+/).filter((w) => w !== "and");
  let total = 0;
  let current = 0;
  let seen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "half" && words[i + 1] === "a") {
      current = (current || 0) + 0.5;
      i++;
      seen = true;
      continue;
    }
    if (w === "a") {
      // "a million", "and a half"
      if (words[i + 1] === "half") {
        current += 0.5;
        i++;
      } else current = current || 1;
      seen = true;
      continue;
    }
    if (w in UNITS) {
      current += UNITS[w]!;
      seen = true;
    } else if (w in TENS) {
      current += TENS[w]!;
      seen = true;
    } else if (w === "dozen") {
      current = (current || 1) * 12;
      seen = true;
    } else if (w === "hundred") {
      current = (current || 1) * 100;
      seen = true;
    } else if (w in SCALES) {
      current = (current || 1) * SCALES[w]!;
      total += current;
      current = 0;
      seen = true;
    } else return null;
  }
  if (!seen) return null;
  return Math.round((total + current) * 1000) / 1000;
}

const VAGUE_BASE: Record<string, number> = { tens: 10, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9, dozens: 12, scores: 20 };
function vagueRange(s: string): { value: number; max: number } {
  const w = s.toLowerCase().split(/\s+/);
  let value = VAGUE_BASE[w[0]!] ?? 1;
  if (w.length === 3) value *= VAGUE_BASE[w[2]!] ?? 1;
  const max = w[0] === "dozens" ? 100 : w[0] === "scores" ? 100 : value * 10;
  return { value, max: max - 1 };
}

function fractionValue(s: string): number {
  const w = s.toLowerCase().split(/[\s-]+/);
  if (w.length === 1) return 0.5;
  const n = w[0] === "a" || w[0] === "one" ? 1 : (UNITS[w[0]!] ?? 1);
  return Math.round(n * (FRACTIONS[w[1]!] ?? 0) * 1e4) / 1e4;
}

/** Sticky copy of NUMBER_SOURCE, tried only where a cheap scan found a digit, a symbol or a number word. */
const NUMBER_AT = new RegExp(NUMBER_SOURCE.source, "iuy");
/** Its first branch alone (the only one that can match at a digit, a symbol or "US$"), same groups. */
const DIGITS_AT = new RegExp(
  `(US\\$|[$€£¥₴₽])?\\s?(?<![\\p{L}\\d.,])(${DIGIT_RUN})(${SCALE_AFTER})?(?![\\p{L}\\d]|[.,]\\d)`,
  "iuy",
);
/** Both cases of the first letter, so that the scan needs no case-insensitive flag (faster). */
const capAlt = (words: string) =>
  words
    .split("|")
    .map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`)
    .join("|");
const CANDIDATE_RE = new RegExp(
  `US\\$|[$€£¥₴₽]|\\d[\\d.,]*|\\b(?:${capAlt(`${UNIT_W}|${TENS_W}|${SCALE_W}|dozens|dozen|tens|hundreds|thousands|millions|billions|scores|half`)}|[Aa](?=\\s+(?:${SCALE_W}|dozen|third|quarter|fifth|tenth|half)\\b))\\b`,
  "g",
);

/** Every number in text[from, to), in order (the reference scan: one regex over the text). */
export function findNumbers(text: string, from = 0, to = text.length): NumberHit[] {
  const out: NumberHit[] = [];
  const slice = to === text.length ? text : text.slice(0, to);
  CANDIDATE_RE.lastIndex = from;
  let covered = from;
  for (let c = CANDIDATE_RE.exec(slice); c; c = CANDIDATE_RE.exec(slice)) {
    if (c.index < covered) continue;
    const end = readNumberAt(text, slice, c.index, out);
    if (end < 0) continue;
    covered = end;
    CANDIDATE_RE.lastIndex = covered;
  }
  addCurrencyWords(text, out);
  return out;
}

/** CANDIDATE_RE's first alternatives (currency symbols and digit runs): a cheap native scan. */
const SYMBOL_OR_DIGITS_RE = /US\$|[$€£¥₴₽]|\d[\d.,]*/g;
/** CANDIDATE_RE's number-word alternatives, sticky: tried only at a word start a token walk found. */
const WORD_AT = new RegExp(
  `\\b(?:${capAlt(`${UNIT_W}|${TENS_W}|${SCALE_W}|dozens|dozen|tens|hundreds|thousands|millions|billions|scores|half`)}|[Aa](?=\\s+(?:${SCALE_W}|dozen|third|quarter|fifth|tenth|half)\\b))\\b`,
  "y",
);
/** The same words, lower case. */
const CANDIDATE_WORDS = new WordSet(`${UNIT_W}|${TENS_W}|${SCALE_W}|dozens|dozen|tens|hundreds|thousands|millions|billions|scores|half`.split("|"));
/** Chars that put a word boundary (in the ASCII sense of \b) inside a word token: hyphens and anything not ASCII. */
const INNER_BOUNDARY_RE = /[-\u2010\u0080-\uffff]/;

/** Token bits (by word id): a hyphen or non-ASCII char inside, a candidate word as written, "a" in either case. */
export const T_INNER = 1;
export const T_WORD = 2;
export const T_A = 4;
const TOKEN_BITS = new WordFacts((id) => tokenBits(wordText(id)));

/**
 * What `wordCandidates` needs to know of a token's text: a char inside that may start or end a
 * word; else whether it is one of the words as CANDIDATE_RE matches them (its lower case is one,
 * and its letters after the first are lower case: "Two", not "TWO"), or "a"/"A".
 */
export function tokenBits(t: string): number {
  if (INNER_BOUNDARY_RE.test(t)) return T_INNER;
  const w = t.toLowerCase();
  if (w === "a") return T_A;
  return CANDIDATE_WORDS.has(w) && t.slice(1) === w.slice(1) ? T_WORD : 0;
}

/** First letters of the words WORD_AT can match (either case), and of the lower-case words it lets follow "a". */
const WORD_FIRST = new Uint8Array(128);
for (const c of "zotfsenhmbdaZOTFSENHMBDA") WORD_FIRST[c.charCodeAt(0)] = 1;
const A_FIRST = new Uint8Array(128);
for (const w of `${SCALE_W}|dozen|third|quarter|fifth|tenth|half`.split("|")) A_FIRST[w.charCodeAt(0)] = 1;

/**
 * The same numbers as `findNumbers(text)`, with the number words found from the shared tokens
 * and their lower-case forms instead of a scan of the whole text for them (the costly part of
 * CANDIDATE_RE): the candidates are the matches of CANDIDATE_RE's symbol-and-digit alternatives
 * (a cheap native scan) merged in text order with its word matches, which can only start at a
 * word token's start or, in a token with a hyphen or a non-ASCII char, after such a char.
 * Candidates are then read exactly as `findNumbers` reads them.
 */
export function findNumbersInTokens(text: string, tokens: readonly { start: number; end: number }[], ids: Int32Array): NumberHit[] {
  const words = wordCandidates(text, tokens, ids);
  const out: NumberHit[] = [];
  // where the one-regex scan would go on from: the end of the last candidate read (or of its number)
  let scan = 0;
  let wi = 0;
  SYMBOL_OR_DIGITS_RE.lastIndex = 0;
  let d = SYMBOL_OR_DIGITS_RE.exec(text);
  for (;;) {
    // the next candidate in text order: a symbol or digit run, or a number word
    let at: number;
    let candEnd: number;
    if (d && (wi >= words.length || d.index < words[wi]!)) {
      at = d.index;
      candEnd = at + d[0].length;
      d = SYMBOL_OR_DIGITS_RE.exec(text);
    } else if (wi < words.length) {
      at = words[wi]!;
      candEnd = words[wi + 1]!;
      wi += 2;
    } else break;
    if (at < scan) continue;
    const end = readNumberAt(text, text, at, out);
    scan = end < 0 ? candEnd : end;
  }
  addCurrencyWords(text, out);
  return out;
}

/** Starts and ends (pairs, in text order) of CANDIDATE_RE's number-word matches, from the tokens and their word ids. */
function wordCandidates(text: string, tokens: readonly { start: number; end: number }[], ids: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const bits = TOKEN_BITS.get(ids[i]!);
    if (bits === 0) continue;
    const s = tokens[i]!.start;
    const e = tokens[i]!.end;
    if (bits & T_INNER) {
      // a token with a hyphen or a non-ASCII char: try the sticky word regex at every ASCII word start in it
      for (let p = s; p < e; p++) {
        const c = text.charCodeAt(p);
        if (c >= 128 || !WORD_FIRST[c] || (p > 0 && isAsciiWordCode(text.charCodeAt(p - 1)))) continue;
        WORD_AT.lastIndex = p;
        if (!WORD_AT.test(text)) continue;
        out.push(p, WORD_AT.lastIndex);
        p = WORD_AT.lastIndex - 1;
      }
      continue;
    }
    // an ASCII token: a word match is the whole token, with a word boundary before and after it
    if (bits & T_A) {
      // "a million": white space, then a lower-case word that may follow "a"
      if (!isSpaceCode(text.charCodeAt(e))) continue;
      let k = e + 1;
      while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
      if (!A_FIRST[text.charCodeAt(k)]) continue;
      WORD_AT.lastIndex = s;
      if (WORD_AT.test(text)) out.push(s, WORD_AT.lastIndex);
      continue;
    }
    if ((s > 0 && isAsciiWordCode(text.charCodeAt(s - 1))) || isAsciiWordCode(text.charCodeAt(e))) continue;
    out.push(s, e);
  }
  return out;
}

/** Reads one number at `at` (sticky); pushes the hit and returns its end, or -1. */
function readNumberAt(text: string, slice: string, at: number, out: NumberHit[]): number {
  {
    // a currency symbol or "US$" right before the digits: try from the symbol
    // (at a digit, a symbol or "US$" only the digits branch can match: the small regex is much faster)
    const c = slice.charCodeAt(at);
    const re = (c >= 48 && c <= 57) || c === 36 || c === 85 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b4 || c === 0x20bd ? DIGITS_AT : NUMBER_AT;
    re.lastIndex = at;
    const m = re.exec(slice);
    if (!m) return -1;
    const start = m.index;
    const end = start + m[0].length;
    if (m[2] !== undefined) {
      const digitsStart = start + m[0].indexOf(m[2]);
      let value = digitsValue(m[2]);
      const scale = m[3]?.trim().toLowerCase();
      if (scale) value *= SCALES[scale] ?? 1;
      value = Math.round(value * 1000) / 1000;
      const sym = m[1] ?? null;
      out.push({
        start: sym ? start : digitsStart,
        end,
        value,
        valueMax: null,
        vague: false,
        fraction: false,
        currency: sym ? (CURRENCY_SYMBOL[sym] ?? null) : null,
        digits: true,
        bare: !scale && !m[2].includes(",") && !m[2].includes("."),
      });
    } else if (m[4] !== undefined) {
      const value = wordsToNumber(m[4]);
      // a lone "a" never gets here (the regex needs a number word); "one" alone is too often a pronoun
      if (value === null) return end;
      if (/^one$/i.test(m[4]) && !/^\s+(?:[a-z]+\s+)?(?:person|people|civilian|child|soldier|man|woman|refugee)/i.test(text.slice(end, end + 30))) return end;
      out.push({ start, end, value, valueMax: null, vague: false, fraction: false, currency: null, digits: false, bare: false });
    } else if (m[5] !== undefined) {
      const r = vagueRange(m[5]);
      out.push({ start, end, value: r.value, valueMax: r.max, vague: true, fraction: false, currency: null, digits: false, bare: false });
    } else if (m[6] !== undefined) {
      out.push({ start, end, value: fractionValue(m[6]), valueMax: null, vague: false, fraction: true, currency: null, digits: false, bare: false });
    }
    return end;
  }
}

/** `Number(s.replace(/,/g, ""))` for a run of digits and commas with at most one dot: summed up digit by digit when that is exact (no dot, at most 15 digits). */
export function digitsValue(s: string): number {
  let v = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) continue;
    if (c === 46 || ++n > 15) return Number(s.replace(/,/g, ""));
    v = v * 10 + (c - 48);
  }
  return v;
}

function addCurrencyWords(text: string, out: NumberHit[]): void {
  for (const h of out) {
    if (h.currency) continue;
    const cur = currencyWordAfter(text, h.end);
    if (cur) h.currency = cur;
  }
}

/**
 * The currency named by the word after a number ("300 million euros", "$5 of US dollars"): what
 * `/^\s*(?:of\s+)?(?:US\s+|U\.S\.\s+)?([A-Za-z]+)/` finds in the 24 chars after it, looked up in
 * CURRENCY_WORD, read off the chars. (Where the regex would have to give back "of" or "US", the word
 * it ends up with is "of", "US" or "U", none a currency.)
 */
export function currencyWordAfter(text: string, from: number): string | undefined {
  const lim = Math.min(text.length, from + 24);
  let i = from;
  while (i < lim && isSpaceCode(text.charCodeAt(i))) i++;
  let j = wordThenSpace(text, i, lim, "of");
  if (j >= 0) i = j;
  j = wordThenSpace(text, i, lim, "US");
  if (j < 0) j = wordThenSpace(text, i, lim, "U.S.");
  if (j >= 0) i = j;
  let e = i;
  while (e < lim) {
    const c = text.charCodeAt(e);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
    e++;
  }
  if (e === i) return undefined;
  const w = text.slice(i, e).toLowerCase();
  return CURRENCY_KEYS.has(w) ? CURRENCY_WORD[w] : undefined;
}
/**
 * The words CURRENCY_WORD holds: a pre-test before the object lookup, which for a word it does not
 * hold costs a string-table probe, and which keeps Object.prototype's "constructor" out (the plain
 * object answered a function for "5 constructor").
 */
const CURRENCY_KEYS = new WordSet(Object.keys(CURRENCY_WORD));

/** The end of `word` and the white space after it (at least one char) at i, before lim; else -1. */
function wordThenSpace(text: string, i: number, lim: number, word: string): number {
  if (i + word.length >= lim || !text.startsWith(word, i)) return -1;
  let k = i + word.length;
  if (!isSpaceCode(text.charCodeAt(k))) return -1;
  while (k < lim && isSpaceCode(text.charCodeAt(k))) k++;
  return k;
}
