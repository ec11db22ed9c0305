/**
 * First pass of the entity stage: one walk over doc.tokens that finds
 * - lexicon hits (countries, demonyms, capitals, seats, bodies, media, groups, known places), longest first;
 * - capitalised runs (candidate names, organisations, places), with particles, initials and, after a
 *   title or organisation noun, the connectors of/for/and ("Minister of National Defense Hulusi Akar").
 */
import { grown } from "../../core/arrays.js";
import type { Doc } from "../../core/types.js";
import { tokenTexts } from "../../text/lower.js";
import { lowerId, vocabularyEpoch, vocabularySize, wordId, wordText } from "../../text/words.js";
import { isAllCaps, isCapitalised } from "../../text/names.js";
import { type LexEntry, type Lexicon, type Phrase } from "./lexicon.js";

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
  /** the W_* bits of each token's word (wordInfo), by token index */
  cls: Int32Array;
  /** lexicon hit starting or covering each token, by token index */
  hitAt: Array<LexHit | undefined>;
  hits: LexHit[];
  runs: Run[];
  /** by sentence index: 1 for a sentence that looks like a headline (title case, no final punctuation) */
  headline: Uint8Array;
  /** indices of tokens that later rules look for, found in the same pass */
  roleHeadIdx: number[];
  pronounIdx: number[];
  groupNounIdx: number[];
  counterpartIdx: number[];
  /** tokens "by" (for bylines: "Reporting by …") */
  byIdx: number[];
  /** tokens "against" ("sanctions against Russia") */
  againstIdx: number[];
  /** memo of nameLike by token: 0 unknown, 1 yes, 2 no */
  nl: Uint8Array;
}

// What the rules ask of a word, as bits of its WordInfo (and of Scan.cls by token): tested once per
// distinct word instead of hashing the token into a Set at every rule. "lower" bits test the word's
// lower case (the lexicon's role words are lower case), the others the word as written.
/** isWord */
export const W_WORD = 1 << 0;
/** isCapitalised */
export const W_CAP = 1 << 1;
/** isAllCaps */
export const W_ALL_CAPS = 1 << 2;
export const W_ORG_HEAD = 1 << 3;
export const W_NON_NAME = 1 << 4;
export const W_MONTH_DAY = 1 << 5;
export const W_PARTICLE = 1 << 6;
export const W_FEATURE_HEAD = 1 << 7;
/** lower */
export const W_ROLE_HEAD = 1 << 8;
/** lower */
export const W_HONORIFIC = 1 << 9;
/** lower */
export const W_ROLE_MOD = 1 << 10;
/** lower */
export const W_ADMIN_HEAD = 1 << 11;
/** a beginning of a gazetteer name that ends before a space (L.gazetteerHeads) */
export const W_GAZ_HEAD = 1 << 12;
/** a gazetteer name by itself */
export const W_GAZ = 1 << 13;
/** a word part of a person's name (the context-free part of nameLike) */
export const W_NAME_PART = 1 << 14;
/** "II", "Jr": a name part after a capitalised word, whatever the other checks say */
export const W_ROMAN_PART = 1 << 15;
/** a capitalised function word of a title-case headline */
const W_TITLE_FN = 1 << 16;
/** of/for/the/in/de: joins a title or organisation noun to a capitalised word inside a run */
const W_CONNECTOR = 1 << 17;
/** one upper-case letter (an initial before its dot) */
const W_INITIAL = 1 << 18;
/** can begin a capitalised run: a capitalised word or "al-Assad" */
const W_RUN_START = 1 << 19;
/** a capitalised name glued to an Arabic article or kinship particle ("al-Assad", "bin-Zayed") */
const W_GLUED = 1 << 20;
/** bits 21-23: the word's flag (FLAG_*), for the token indices of Scan */
const FLAG_SHIFT = 21;
const FLAG_ROLE_HEAD = 1;
const FLAG_PRONOUN = 2;
const FLAG_GROUP_NOUN = 3;
const FLAG_COUNTERPART = 4;
const FLAG_BY = 5;
const FLAG_AGAINST = 6;

export interface WordInfo {
  bits: number;
  /** lexicon phrases that begin with the word, longest first (only for words that can begin one) */
  phrases: Phrase[] | undefined;
}

const TITLE_CASE_FN = new Set(["To", "Of", "In", "On", "At", "By", "For", "With", "And", "Or", "As", "Is", "Are", "Was", "Has", "Have", "Been", "Be", "From", "Into", "Over", "After", "Amid"]);
const PRONOUN_WORDS = new Set(["he", "him", "his", "she", "her", "hers"]);
/** Connectors inside a run after a title or organisation noun ("Minister of National Defense"); "to" and "on" are not. */
const CONNECTORS = new Set(["of", "for", "the", "in", "de"]);

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

// wordInfo by word id (text/words.ts): a pure function of the word and the lexicon (fixed once
// built), memoised across articles in arrays indexed by id, emptied when the vocabulary starts afresh
let infoEpoch = -1;
/** by id: the word's bits with W_KNOWN (and W_PHRASES), 0 before it is computed */
let infoBits = new Int32Array(0);
let infoPhrases: Array<PhraseIds[] | undefined> = [];
/** marks a computed entry of infoBits (above the flag bits) */
const W_KNOWN = 1 << 24;
/** the word begins lexicon phrases: infoPhrases[id] is read only then (most tokens spare the load) */
const W_PHRASES = 1 << 25;
/** the bits of infoBits that are not the word's W_* and flag bits */
const MEMO_BITS = W_KNOWN | W_PHRASES;

/** A lexicon phrase as word ids (of the epoch of the memo that holds it): compared to the tokens' ids. */
interface PhraseIds {
  ids: Int32Array;
  entry: LexEntry;
}

function phraseIds(p: Phrase): PhraseIds {
  const ids = new Int32Array(p.toks.length);
  for (let k = 0; k < ids.length; k++) ids[k] = wordId(p.toks[k]!, 0, p.toks[k]!.length);
  return { ids, entry: p.entry };
}

/** Makes the per-id memo fit the vocabulary (call before reading it for a doc's ids). */
function checkInfo(): void {
  if (infoEpoch !== vocabularyEpoch()) {
    infoEpoch = vocabularyEpoch();
    infoBits = new Int32Array(0);
    infoPhrases = [];
  }
  const size = vocabularySize();
  if (infoBits.length < size) {
    infoBits = grown(infoBits, Math.max(1024, size * 2));
    // filled, not holey: ids are not met in order
    while (infoPhrases.length < infoBits.length) infoPhrases.push(undefined);
  }
}

/**
 * The wordInfo bits of word `id` (with MEMO_BITS), memoised; its phrases are then in infoPhrases[id].
 * Only for the ids of a doc scanned after checkInfo(): ids given since (a phrase's words) are not in the memo yet.
 */
function bitsOf(L: Lexicon, id: number): number {
  let bits = infoBits[id]!;
  if (bits === 0) {
    const info = wordInfo(L, wordText(id), wordText(lowerId(id)));
    bits = info.bits | W_KNOWN | (info.phrases !== undefined ? W_PHRASES : 0);
    infoBits[id] = bits;
    infoPhrases[id] = info.phrases?.map(phraseIds);
  }
  return bits;
}

/** The facts about word `t` (lower case `lt`) that the rules test; the scan memoises them by word id. */
export function wordInfo(L: Lexicon, t: string, lt: string): WordInfo {
  const word = isWord(t);
  const cap = isCapitalised(t);
  let bits = (word ? W_WORD : 0) | (cap ? W_CAP : 0) | (isAllCaps(t) ? W_ALL_CAPS : 0);
  if (L.orgHeads.has(t)) bits |= W_ORG_HEAD;
  if (L.nonNames.has(t)) bits |= W_NON_NAME;
  if (L.monthsDays.has(t)) bits |= W_MONTH_DAY;
  if (L.particles.has(t)) bits |= W_PARTICLE;
  if (L.featureHeads.has(t)) bits |= W_FEATURE_HEAD;
  if (L.roleHeads.has(lt)) bits |= W_ROLE_HEAD;
  if (L.honorifics.has(lt)) bits |= W_HONORIFIC;
  if (L.roleModifiers.has(lt)) bits |= W_ROLE_MOD;
  if (L.adminHeads.has(lt)) bits |= W_ADMIN_HEAD;
  if (L.gazetteerHeads.has(t)) bits |= W_GAZ_HEAD;
  if (L.gazetteer.has(t)) bits |= W_GAZ;
  if (word) bits |= nameClass(L, t, lt);
  if (TITLE_CASE_FN.has(t)) bits |= W_TITLE_FN;
  if (CONNECTORS.has(t)) bits |= W_CONNECTOR;
  if (INITIAL_RE.test(t)) bits |= W_INITIAL;
  if (word && (cap || isAlName(t))) bits |= W_RUN_START;
  if (t.indexOf("-") > 0 && GLUED_PARTICLE_RE.test(t)) bits |= W_GLUED;
  bits |= wordFlag(L, lt) << FLAG_SHIFT;
  // lexicon phrases begin with a capital, except "the …", "al-…", "anti-…", "dpa": other lower-case words are not looked up
  const c0 = t.charCodeAt(0);
  const mayBegin = !(c0 >= 97 && c0 <= 122) || t === "the" || t === "dpa" || t.startsWith("al-") || t.startsWith("anti-");
  return { bits, phrases: mayBegin ? L.phrases.get(t) : undefined };
}

/** The FLAG_* of a lower-case word: a role head wins over a pronoun, a pronoun over a group noun. */
function wordFlag(L: Lexicon, lt: string): number {
  if (lt.length < 2 || lt.charCodeAt(0) < 65) return 0; // punctuation, numbers, single letters
  if (lt === "counterpart" || lt === "counterparts") return FLAG_COUNTERPART;
  if (lt === "by") return FLAG_BY;
  if (lt === "against") return FLAG_AGAINST;
  if (L.roleHeads.has(lt) || lt === "diplomat") return FLAG_ROLE_HEAD;
  if (PRONOUN_WORDS.has(lt)) return FLAG_PRONOUN;
  if (L.groupNouns.has(lt)) return FLAG_GROUP_NOUN;
  return 0;
}

export function scan(doc: Doc, L: Lexicon): Scan {
  const { tokens, text } = doc;
  const n = tokens.length;
  const { w, lw, ids } = tokenTexts(doc);
  checkInfo();
  const cls = new Int32Array(n);
  const roleHeadIdx: number[] = [];
  const pronounIdx: number[] = [];
  const groupNounIdx: number[] = [];
  const counterpartIdx: number[] = [];
  const byIdx: number[] = [];
  const againstIdx: number[] = [];
  const hitAt = new Array<LexHit | undefined>(n);
  const hits: LexHit[] = [];
  // one pass: each token's bits, its flag, and lexicon hits (longest first; none starts inside another)
  let hitEnd = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const memo = bitsOf(L, id);
    const bits = memo & ~MEMO_BITS;
    cls[i] = bits;
    const f = bits >>> FLAG_SHIFT;
    if (f !== 0) {
      if (f === FLAG_ROLE_HEAD) roleHeadIdx.push(i);
      else if (f === FLAG_PRONOUN) pronounIdx.push(i);
      else if (f === FLAG_GROUP_NOUN) groupNounIdx.push(i);
      else if (f === FLAG_COUNTERPART) counterpartIdx.push(i);
      else if (f === FLAG_BY) byIdx.push(i);
      else againstIdx.push(i);
    }
    if (!(memo & W_PHRASES) || i < hitEnd) continue;
    const list = infoPhrases[id]!;
    const sent = tokens[i]!.sent;
    for (const p of list) {
      const pids = p.ids;
      const len = pids.length;
      if (i + len > n) continue;
      let ok = true;
      for (let k = 1; k < len; k++) {
        const tk = tokens[i + k]!;
        if (ids[i + k] !== pids[k] || tk.sent !== sent || tk.start - tokens[i + k - 1]!.end > 1) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      // a place/country word glued to a following capitalised name part is not that place ("Jordan Peterson"): keep it simple, accept
      const h: LexHit = { s: i, e: i + len, entry: p.entry };
      hits.push(h);
      for (let k = i; k < i + len; k++) hitAt[k] = h;
      hitEnd = i + len;
      break;
    }
  }

  // headlines: a sentence that is a whole line, without final punctuation, mostly capitalised words
  const headline = new Uint8Array(doc.sentences.length);
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    const punct = isFinalPunct(text.charCodeAt(s.end - 1));
    let words = 0;
    let caps = 0;
    let capFn = 0;
    for (let k = s.tokStart; k < s.tokEnd; k++) {
      const c = cls[k]!;
      if (!(c & W_WORD)) continue;
      words++;
      if (c & W_CAP) {
        caps++;
        if (k > s.tokStart && c & W_TITLE_FN) capFn++;
      }
    }
    // title case: a headline even with a final stop when nearly every word, function words too, is capitalised
    if (punct ? words >= 5 && caps / words >= 0.85 && capFn > 0 : words >= 2 && (caps / words >= 0.6 || (si === 0 && words <= 16))) headline[si] = 1;
  }

  // capitalised runs
  const runs: Run[] = [];
  let i = 0;
  while (i < n) {
    if (!(cls[i]! & W_RUN_START)) {
      i++;
      continue;
    }
    const sent = tokens[i]!.sent;
    let j = i + 1;
    while (j < n && tokens[j]!.sent === sent) {
      const c = cls[j]!;
      if ((c & (W_CAP | W_WORD)) === (W_CAP | W_WORD)) {
        j++;
        continue;
      }
      // initial: "W" + "."
      if (w[j] === "." && j > i && cls[j - 1]! & W_INITIAL && j + 1 < n && cls[j + 1]! & W_CAP) {
        j++;
        continue;
      }
      // name particles: von der Leyen, bin Salman, al-Assad
      if (c & W_PARTICLE) {
        let k = j + 1;
        while (k < n && cls[k]! & W_PARTICLE && k - j < 3) k++;
        if (k < n && (cls[k]! & (W_CAP | W_WORD)) === (W_CAP | W_WORD) && tokens[k]!.sent === sent) {
          j = k;
          continue;
        }
      }
      if (c & W_GLUED) {
        j++;
        continue;
      }
      // connectors after a title or organisation noun, before a capitalised word
      if (c & W_CONNECTOR && cls[j - 1]! & (W_ROLE_HEAD | W_ORG_HEAD | W_FEATURE_HEAD)) {
        let k = j + 1;
        if (k < n && w[k] === "the") k++;
        if (k < n && tokens[k]!.sent === sent && (cls[k]! & (W_CAP | W_WORD | W_MONTH_DAY)) === (W_CAP | W_WORD)) {
          j = k;
          continue;
        }
      }
      break;
    }
    runs.push({ s: i, e: j });
    i = j;
  }

  return { w, lw, cls, hitAt, hits, runs, headline, roleHeadIdx, pronounIdx, groupNounIdx, counterpartIdx, byIdx, againstIdx, nl: new Uint8Array(n) };
}

/** `/[.!?"”:)\]]/` on one char code (NaN past the text: false). */
export function isFinalPunct(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 34 || c === 0x201d || c === 58 || c === 41 || c === 93;
}

/** True for a token that can be part of a person's name. */
export function nameLike(sc: Scan, k: number): boolean {
  const m = sc.nl[k];
  if (m) return m === 1;
  const r = computeNameLike(sc, k);
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
function monthAsSurname(sc: Scan, k: number): boolean {
  if (k === 0) return false;
  const prev = sc.cls[k - 1]!;
  if ((prev & (W_WORD | W_CAP)) !== (W_WORD | W_CAP) || sc.hitAt[k - 1] || prev & W_MONTH_DAY) return false;
  if (!(prev & W_HONORIFIC) && prev & (W_NON_NAME | W_ROLE_HEAD | W_ORG_HEAD | W_ALL_CAPS)) return false;
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

function computeNameLike(sc: Scan, k: number): boolean {
  if (sc.hitAt[k]) return false;
  const c = sc.cls[k]!;
  if (!(c & W_WORD)) return sc.w[k] === "." && k > 0 && (sc.cls[k - 1]! & W_INITIAL) !== 0; // dot of an initial
  if (SURNAME_MONTHS.has(sc.w[k]!) && monthAsSurname(sc, k)) return true;
  if (c & W_ROMAN_PART && k > 0 && sc.cls[k - 1]! & W_CAP) return true; // "Abdullah II"
  return (c & W_NAME_PART) !== 0;
}

/** The context-free part of nameLike for a word `t` (lower case `lt`): W_NAME_PART and W_ROMAN_PART. */
function nameClass(L: Lexicon, t: string, lt: string): number {
  if (L.particles.has(t)) return W_NAME_PART;
  if (!isCapitalised(t)) return t.indexOf("-") > 0 && NAME_PREFIX_RE.test(t) ? W_NAME_PART : 0;
  if (t.indexOf("-") > 0 && !nameHyphen(t)) return 0;
  if (L.nonNames.has(t) || L.monthsDays.has(t) || L.orgHeads.has(t) || L.featureHeads.has(t)) return 0;
  if (L.roleHeads.has(lt) || L.honorifics.has(lt)) return 0;
  const roman = ROMAN_RE.test(t) ? W_ROMAN_PART : 0;
  if (t.length > 1 && isAllCaps(t) && !INITIALISM_RE.test(t)) return roman; // acronyms
  if (INITIALISM2_RE.test(t)) return roman; // U.S., U.N.
  if (DIGIT_RE.test(t)) return roman;
  return W_NAME_PART | roman;
}
