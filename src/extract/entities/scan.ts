/**
 * First pass of the entity stage: one walk over doc.tokens that finds
 * - lexicon hits (countries, demonyms, capitals, seats, bodies, media, groups, known places), longest first;
 * - capitalised runs (candidate names, organisations, places), with particles, initials and, after a
 *   title or organisation noun, the connectors of/for/and ("Minister of National Defense Hulusi Akar").
 */
import type { Doc } from "../../core/types.js";
import { tokenTexts } from "../../text/lower.js";
import { isAllCaps, isCapitalised } from "../../text/names.js";
import { type LexEntry, type Lexicon } from "./lexicon.js";

export interface LexHit {
  /** token range [s, e) */
  s: number;
  e: number;
  entry: LexEntry;
}

export interface Run {
  s: number;
  e: number;
}

export interface Scan {
  /** token texts */
  w: string[];
  /** lower-cased token texts */
  lw: string[];
  /** lexicon hit starting or covering each token, by token index */
  hitAt: Array<LexHit | undefined>;
  hits: LexHit[];
  runs: Run[];
  /** sentences that look like headlines (title case, no final punctuation) */
  headline: Set<number>;
  /** indices of tokens that later rules look for, found in the same pass */
  roleHeadIdx: number[];
  pronounIdx: number[];
  groupNounIdx: number[];
  counterpartIdx: number[];
  /** tokens "by" (for bylines: "Reporting by …") */
  byIdx: number[];
  /** memo of nameLike by token: 0 unknown, 1 yes, 2 no */
  nl: Uint8Array;
}

const TITLE_CASE_FN = new Set(["To", "Of", "In", "On", "At", "By", "For", "With", "And", "Or", "As", "Is", "Are", "Was", "Has", "Have", "Been", "Be", "From", "Into", "Over", "After", "Amid"]);
let FLAGS: Map<string, number> | null = null;
/** (first char code < 128, length) pairs of the flag words: most words skip the Map lookup */
const FLAG_SHAPE = new Uint8Array(128 * 32);
const shapeOf = (c: number, len: number) => c * 32 + (len > 31 ? 31 : len);
/** One lookup per token: 1 role head, 2 pronoun, 3 group noun, 4 counterpart. */
function wordFlags(L: Lexicon): Map<string, number> {
  if (FLAGS) return FLAGS;
  const m = new Map<string, number>();
  for (const g of L.groupNouns) m.set(g, 3);
  for (const p of PRONOUN_WORDS) m.set(p, 2);
  for (const h of L.roleHeads) m.set(h, 1);
  m.set("diplomat", 1);
  m.set("counterpart", 4);
  m.set("counterparts", 4);
  m.set("by", 5);
  for (const k of m.keys()) {
    const c = k.charCodeAt(0);
    if (c < 128) FLAG_SHAPE[shapeOf(c, k.length)] = 1;
    else FLAG_SHAPE[0] = 1; // a non-ASCII flag word: look such words up always
  }
  FLAGS = m;
  return m;
}

const PRONOUN_WORDS = new Set(["he", "him", "his", "she", "her", "hers"]);

const CONNECTORS = new Set(["of", "for", "the", "in", "on", "de", "to"]);

const LETTER_RE = /^\p{L}/u;
/** One upper-case letter (an initial before its dot). Module-level: a /\p{…}/u literal inside a loop is rebuilt by the TS loader on every evaluation. */
const INITIAL_RE = /^\p{Lu}$/u;
/** A capitalised name glued to an Arabic article or kinship particle ("al-Assad", "bin-Zayed", "Abu-Mazen" forms). */
const GLUED_PARTICLE_RE = /^(?:al|el|bin|ibn|abu|ul|ad|ash|as|an|az)-\p{Lu}/u;
const AL_RE = /^(?:al|el)-\p{Lu}/u;
/** "al-Assad", "el-Sisi": a lower-case particle glued to a capitalised name (cheap first-letter check first). */
function isAlName(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c === 97 || c === 101) && t.charCodeAt(1) === 108 && t.charCodeAt(2) === 45 && AL_RE.test(t);
}
export function isWord(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_RE.test(t);
}

export function scan(doc: Doc, L: Lexicon): Scan {
  const { tokens, text } = doc;
  const n = tokens.length;
  const { w, lw } = tokenTexts(doc);
  const roleHeadIdx: number[] = [];
  const pronounIdx: number[] = [];
  const groupNounIdx: number[] = [];
  const counterpartIdx: number[] = [];
  const byIdx: number[] = [];
  const flags = wordFlags(L);
  for (let i = 0; i < n; i++) {
    const l = lw[i]!;
    if (l.length < 2) continue; // punctuation, single letters: no flag word
    const lc = l.charCodeAt(0);
    if (lc < 65 || (lc < 128 ? FLAG_SHAPE[shapeOf(lc, l.length)] === 0 : FLAG_SHAPE[0] === 0)) continue;
    const f = flags.get(l);
    if (f === undefined) continue;
    if (f === 1) roleHeadIdx.push(i);
    else if (f === 2) pronounIdx.push(i);
    else if (f === 3) groupNounIdx.push(i);
    else if (f === 4) counterpartIdx.push(i);
    else if (f === 5) byIdx.push(i);
  }
  const hitAt = new Array<LexHit | undefined>(n);
  const hits: LexHit[] = [];
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const c0 = wi.charCodeAt(0);
    // lexicon phrases begin with a capital, except "the …", "al-…", "anti-…", "dpa": skip the lookup (and its hashing) for other lower-case words
    if (c0 >= 97 && c0 <= 122 && wi !== "the" && wi !== "dpa" && !wi.startsWith("al-") && !wi.startsWith("anti-")) continue;
    const list = L.phrases.get(wi);
    if (!list) continue;
    const sent = tokens[i]!.sent;
    for (const p of list) {
      const len = p.toks.length;
      if (i + len > n) continue;
      let ok = true;
      for (let k = 1; k < len; k++) {
        const tk = tokens[i + k]!;
        if (w[i + k] !== p.toks[k] || tk.sent !== sent || tk.start - tokens[i + k - 1]!.end > 1) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      // a place/country word glued to a following capitalised name part is not that place ("Jordan Peterson"): keep it simple, accept
      const h: LexHit = { s: i, e: i + len, entry: p.entry };
      hits.push(h);
      for (let k = i; k < i + len; k++) hitAt[k] = h;
      i += len - 1;
      break;
    }
  }

  // headlines: a sentence that is a whole line, without final punctuation, mostly capitalised words
  const headline = new Set<number>();
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    const last = text[s.end - 1] ?? "";
    const punct = /[.!?"”:)\]]/.test(last);
    let words = 0;
    let caps = 0;
    let capFn = 0;
    for (let k = s.tokStart; k < s.tokEnd; k++) {
      if (!isWord(w[k]!)) continue;
      words++;
      if (isCapitalised(w[k]!)) {
        caps++;
        if (k > s.tokStart && TITLE_CASE_FN.has(w[k]!)) capFn++;
      }
    }
    // title case: a headline even with a final stop when nearly every word, function words too, is capitalised
    if (punct ? words >= 5 && caps / words >= 0.85 && capFn > 0 : words >= 2 && (caps / words >= 0.6 || (si === 0 && words <= 16))) headline.add(si);
  }

  // capitalised runs
  const runs: Run[] = [];
  let i = 0;
  while (i < n) {
    if (!startsRun(i)) {
      i++;
      continue;
    }
    const sent = tokens[i]!.sent;
    let j = i + 1;
    while (j < n && tokens[j]!.sent === sent) {
      const t = w[j]!;
      if (isCapitalised(t) && isWord(t)) {
        j++;
        continue;
      }
      // initial: "W" + "."
      if (t === "." && j > i && INITIAL_RE.test(w[j - 1]!) && j + 1 < n && isCapitalised(w[j + 1]!)) {
        j++;
        continue;
      }
      // name particles: von der Leyen, bin Salman, al-Assad
      if (L.particles.has(t)) {
        let k = j + 1;
        while (k < n && L.particles.has(w[k]!) && k - j < 3) k++;
        if (k < n && isCapitalised(w[k]!) && tokens[k]!.sent === sent && isWord(w[k]!)) {
          j = k;
          continue;
        }
      }
      if (t.indexOf("-") > 0 && GLUED_PARTICLE_RE.test(t)) {
        j++;
        continue;
      }
      // connectors after a title or organisation noun, before a capitalised word
      if (CONNECTORS.has(t) && t !== "to" && t !== "on") {
        const prev = w[j - 1]!;
        const prevHead = L.roleHeads.has(prev.toLowerCase()) || L.orgHeads.has(prev) || L.featureHeads.has(prev);
        let k = j + 1;
        if (k < n && w[k] === "the") k++;
        if (prevHead && k < n && tokens[k]!.sent === sent && isCapitalised(w[k]!) && isWord(w[k]!) && !L.monthsDays.has(w[k]!)) {
          j = k;
          continue;
        }
      }
      break;
    }
    runs.push({ s: i, e: j });
    i = j;
  }

  function startsRun(k: number): boolean {
    const t = w[k]!;
    if (!isWord(t)) return false;
    if (isCapitalised(t)) return true;
    return isAlName(t);
  }

  return { w, lw, hitAt, hits, runs, headline, roleHeadIdx, pronounIdx, groupNounIdx, counterpartIdx, byIdx, nl: new Uint8Array(n) };
}

/** True for a token that can be part of a person's name. */
export function nameLike(sc: Scan, L: Lexicon, k: number): boolean {
  const m = sc.nl[k];
  if (m) return m === 1;
  const r = computeNameLike(sc, L, k);
  sc.nl[k] = r ? 1 : 2;
  return r;
}

const NAME_PREFIX_RE = /^(?:al|el|bin|ibn|abu)-\p{Lu}/u;
const ROMAN_RE = /^(?:II|III|IV|VI|VII|VIII|Jr|Sr)$/;
const INITIALISM_RE = /^(?:\p{Lu}\.)+$/u;
const INITIALISM2_RE = /^(?:\p{Lu}\.){2,}$/u;
const DIGIT_RE = /\d/;

/** Months that are also family names ("Theresa May", "Mrs May"). */
const SURNAME_MONTHS = new Set(["May", "June", "April", "August"]);
/** A month word after a given name or an honorific, not before a number, is a surname. */
function monthAsSurname(sc: Scan, L: Lexicon, k: number): boolean {
  if (k === 0) return false;
  const prev = sc.w[k - 1]!;
  if (!isWord(prev) || !isCapitalised(prev) || sc.hitAt[k - 1] || L.monthsDays.has(prev)) return false;
  const lp = sc.lw[k - 1]!;
  if (!L.honorifics.has(lp) && (L.nonNames.has(prev) || L.roleHeads.has(lp) || L.orgHeads.has(prev) || isAllCaps(prev))) return false;
  const next = sc.w[k + 1] ?? "";
  const c = next.charCodeAt(0);
  return !(c >= 48 && c <= 57);
}

const HYPHEN_PREFIX = new Set(["ex", "pro", "anti", "non", "post", "pre", "then", "self", "neo", "semi", "multi", "pan", "mid", "far", "once", "would-be"]);
const HYPHEN_TAIL = new Set(["led", "run", "born", "based", "backed", "friendly", "owned", "controlled", "allied", "aligned", "affiliated", "linked", "funded", "sponsored", "designated", "held", "occupied", "style", "era", "wing", "leaning", "minded", "made", "guerrilla", "rebel", "militant", "general", "elect", "american", "backed", "bound", "free", "wide", "member", "members"]);
/** A hyphenated capitalised word that can be a name part ("Jean-Claude", "Jong-un", "al-Bashir"), not "Iran-backed", "Ex-guerrilla", "China-friendly". */
function nameHyphen(t: string): boolean {
  const i = t.indexOf("-");
  const head = t.slice(0, i).toLowerCase();
  if (HYPHEN_PREFIX.has(head)) return false;
  const tail = t.slice(t.lastIndexOf("-") + 1);
  if (tail.length === 0 || isCapitalised(tail)) return true;
  // an acronym before a lower-case tail is a modifier, not a name part ("NATO-member", "UN-brokered", "EU-wide")
  if (i >= 2 && isAllCaps(t.slice(0, i))) return false;
  return !(HYPHEN_TAIL.has(tail) || (tail.length >= 5 && tail.endsWith("ed")));
}

function computeNameLike(sc: Scan, L: Lexicon, k: number): boolean {
  const t = sc.w[k]!;
  if (sc.hitAt[k]) return false;
  if (!isWord(t)) return t === "." && INITIAL_RE.test(sc.w[k - 1] ?? ""); // dot of an initial
  if (SURNAME_MONTHS.has(t) && monthAsSurname(sc, L, k)) return true;
  const c = wordClass(L, t, sc.lw[k]!);
  if (c & ROMAN_PART && k > 0 && isCapitalised(sc.w[k - 1]!)) return true; // "Abdullah II"
  return (c & NAME_PART) !== 0;
}

const NAME_PART = 1;
/** "II", "Jr": a name part after a capitalised word, whatever the other checks say */
const ROMAN_PART = 2;
/** wordClass by word: a pure function of the word and the lexicon (fixed once built), memoised across articles */
const WORD_CLASS = new Map<string, number>();

/** The context-free part of nameLike for a word token `t` (lower case `lt`): NAME_PART and ROMAN_PART bits. */
export function wordClass(L: Lexicon, t: string, lt: string): number {
  let c = WORD_CLASS.get(t);
  if (c === undefined) {
    c = computeWordClass(L, t, lt);
    if (WORD_CLASS.size > 50_000) WORD_CLASS.clear();
    WORD_CLASS.set(t, c);
  }
  return c;
}

function computeWordClass(L: Lexicon, t: string, lt: string): number {
  if (L.particles.has(t)) return NAME_PART;
  if (!isCapitalised(t)) return t.indexOf("-") > 0 && NAME_PREFIX_RE.test(t) ? NAME_PART : 0;
  if (t.indexOf("-") > 0 && !nameHyphen(t)) return 0;
  if (L.nonNames.has(t) || L.monthsDays.has(t) || L.orgHeads.has(t) || L.featureHeads.has(t)) return 0;
  if (L.roleHeads.has(lt) || L.honorifics.has(lt)) return 0;
  const roman = ROMAN_RE.test(t) ? ROMAN_PART : 0;
  if (t.length > 1 && isAllCaps(t) && !INITIALISM_RE.test(t)) return roman; // acronyms
  if (INITIALISM2_RE.test(t)) return roman; // U.S., U.N.
  if (DIGIT_RE.test(t)) return roman;
  return NAME_PART | roman;
}
