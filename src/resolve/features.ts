/**
 * Cross-article features of one analysed article: weighted content terms, proper names, actor
 * codes, event keys and the dates it carries. Everything here is cheap (a few regex passes over
 * the text) and uses the extractors' output when it is there, the raw text when it is not, so
 * story clustering does not depend on any one extractor being perfect.
 */
import countries from "world-countries";
import type { ArticleRecord, Side } from "../core/types.js";
import { foldName, surnameOf } from "../text/fold.js";
import { grown } from "../core/arrays.js";
import type { CachedTerm, TermIds } from "./termids.js";

// ---------------------------------------------------------------------------------------------
// words

/** English function words and news boilerplate verbs: general knowledge, not taken from any corpus. */
const STOP = new Set(
  (
    "a about above across after afterwards again against all almost alone along already also although always am among " +
    "amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become " +
    "becomes becoming been before beforehand behind being below beside besides between beyond both but by can cannot " +
    "could did do does doing done down due during each either else elsewhere enough etc even ever every everyone " +
    "everything everywhere except few first for former formerly from further had has have having he hence her here " +
    "hereafter hereby herein hers herself him himself his how however i if in indeed into is it its itself just last " +
    "latter least less made many may me meanwhile might more moreover most mostly much must my myself namely neither " +
    "never nevertheless next no nobody none nor not nothing now nowhere of off often on once one only onto or other " +
    "others otherwise our ours ourselves out over own per perhaps please put rather re same see seem seemed seeming " +
    "seems several she should since so some somehow someone something sometime sometimes somewhere still such than " +
    "that the their theirs them themselves then thence there thereafter thereby therefore therein these they this " +
    "those though through throughout thus to together too toward towards under until up upon us very via was we well " +
    "were what whatever when whence whenever where whereas whereby wherein whether which while who whoever whole whom " +
    "whose why will with within without would yet you your yours yourself yourselves " +
    // news reporting verbs and fillers
    "said says say saying told tells tell added adding according reported reports report reporting statement stated " +
    "news agency reuters afp ap press told asked noted spokesman spokeswoman official officials also new time times " +
    "year years day days week weeks month months today yesterday tomorrow tonight morning evening afternoon night " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august september " +
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr get got make makes take " +
    "took taken go going went come came including include includes two three four five six seven eight nine ten " +
    "hundreds thousands million millions billion percent people"
  ).split(" "),
);

const DOUBLE_RE = /(\p{L})\1+/gu;
const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const STEM_CACHE = new Map<string, string>();
const ASCII_WORD_RE = /^[A-Za-z]+$/;

/** The comparison form of one word: folded, possessive dropped, plural s dropped (cached). */
export function stemWord(raw: string): string {
  let w = STEM_CACHE.get(raw);
  if (w === undefined) {
    w = stemUncached(raw);
    if (STEM_CACHE.size > 200_000) STEM_CACHE.clear();
    STEM_CACHE.set(raw, w);
  }
  return w;
}

function stemUncached(raw: string): string {
  let w = ASCII_WORD_RE.test(raw) ? raw.toLowerCase() : foldName(raw).replace(/ /g, "");
  if (w.endsWith("s") && w.length > 3 && raw.match(/['’]s$/)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith("ies")) w = w.slice(0, -3) + "y";
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|as)$/.test(w)) w = w.slice(0, -1);
  // transliteration variants differ mostly in doubled letters: Zelenskyy/Zelensky, Mohammed/Mohamed
  return w.replace(DOUBLE_RE, "$1");
}

const TERM_CACHE = new Map<string, string>();
/** The index term of a word, or "" for a stopword or number (cached). */
function termOf(raw: string): string {
  let t = TERM_CACHE.get(raw);
  if (t !== undefined) return t;
  t = "";
  const lower = raw.toLowerCase().replace(/['’]s$/, "");
  if (!/^\d+$/.test(raw) && !STOP.has(lower)) {
    const s = stemWord(raw);
    if (s.length >= 3 && !STOP.has(s)) t = s;
  }
  if (TERM_CACHE.size > 200_000) TERM_CACHE.clear();
  TERM_CACHE.set(raw, t);
  return t;
}

const WORD_CHAR_RE = /[\p{L}\p{N}'’]/u;
/** `p` moved past the word it is inside of, so that a region boundary does not cut a word. */
function wordEnd(text: string, p: number): number {
  while (p > 0 && p < text.length && WORD_CHAR_RE.test(text[p]!) && WORD_CHAR_RE.test(text[p - 1]!)) p++;
  return p;
}

// character classes of the Basic Multilingual Plane, filled on first sight of each character
// (the same Unicode properties as the regular expressions they stand in for)
const C_KNOWN = 1;
const C_L = 2;
const C_N = 4;
const C_LU = 8;
const C_M = 16;
const C_S = 32;
const CLS = new Uint8Array(65536);
function classOf(c: number): number {
  const v = CLS[c]!;
  return v !== 0 ? v : learnClass(c);
}
function learnClass(c: number): number {
  const ch = String.fromCharCode(c);
  const v =
    C_KNOWN | (/\p{L}/u.test(ch) ? C_L : 0) | (/\p{N}/u.test(ch) ? C_N : 0) | (/\p{Lu}/u.test(ch) ? C_LU : 0) | (/\p{M}/u.test(ch) ? C_M : 0) | (/\s/u.test(ch) ? C_S : 0);
  CLS[c] = v;
  return v;
}
for (let c = 0; c < 128; c++) learnClass(c);
/** Surrogate halves: texts with astral characters are read by the regular expressions. */
const ASTRAL_RE = /[\uD800-\uDFFF]/;

/**
 * An index term (one object per term), its per-article counters (which article last counted it,
 * where) and its cached story-index id. (A class, not an object literal: V8 decides whether to
 * allocate a literal's objects in the old generation by its allocation site, and that decision,
 * taken at a collection some hundred articles in, deoptimised the word scan `entryOf` is inlined in.)
 */
class TermEntry implements CachedTerm {
  mark = 0;
  slot = 0;
  leadMark = 0;
  leadSlot = 0;
  idOf: TermIds | null = null;
  idEpoch = 0;
  id = 0;
  constructor(readonly term: string) {}
}
/**
 * The slots a `FormTable` starts with (a power of two), and its character pool: small, so that
 * both grow several times on the first article, before `add` is optimised (a branch first taken
 * after that, at the first grow some dozens of articles in, deoptimised it and the word scan it
 * is inlined in); the sizes they reach are the same
 */
const FORM_BITS = 4;
const FORM_CHARS = 1 << 8;
/** placeholders a `FormTable`'s arrays hold before its constructor sizes them */
const NO_INTS = new Int32Array(0);
const NO_CHARS = new Uint16Array(0);

/**
 * Strings read before (word forms, capitalised runs) with what each stands for, found by their
 * hash and characters in place (no slicing of the text on a hit): open addressing over flat
 * arrays, at most half full. A slot is four numbers (the hash, where the string's characters
 * start in one shared character pool, its length, its value's index + 1), so a look-up reads a
 * slot, the pool and the value: no entry object and no string of its own per form (a string
 * sliced from a text would keep the whole text alive and be read through it).
 */
export class FormTable<T> {
  /** per slot: hash, start in `chars`, length, value index + 1 (0: an empty slot) */
  private slots: Int32Array = NO_INTS;
  /** 32 - log2(slots): a slot is the top bits of the hash times a Fibonacci constant */
  private shift = 0;
  private chars: Uint16Array = NO_CHARS;
  private charsUsed = 0;
  private values: T[] = [];
  size = 0;

  constructor() {
    // the fields `grow` and `add` replace are written twice here, so that they are mutable from
    // the first table on: a field V8 saw written once is taken as constant by optimised code
    // (`get`, `countRegion`, `runInfoAt`), which the first `grow` (some dozens of articles in)
    // then deoptimised, the word scan with it
    this.slots = new Int32Array(4 << FORM_BITS);
    this.shift = 32 - FORM_BITS;
    this.chars = new Uint16Array(FORM_CHARS);
  }

  /** What text[from, to) (`h` its hash) stands for, or undefined when it was never added. */
  get(text: string, from: number, to: number, h: number): T | undefined {
    const len = to - from;
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let b = Math.imul(h, 0x9e3779b1) >>> this.shift; ; b = (b + 1) & mask) {
      const o = b << 2;
      const v = slots[o + 3]!;
      if (v === 0) return undefined;
      if (slots[o] === h && slots[o + 2] === len && this.sameAt(text, from, slots[o + 1]!, len)) return this.values[v - 1];
    }
  }

  /** Does `text` hold at `from` the `len` pool characters from `at`? */
  private sameAt(text: string, from: number, at: number, len: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < len; i++) if (text.charCodeAt(from + i) !== chars[at + i]) return false;
    return true;
  }

  /** Adds `raw` (not in the table; `h` its hash) standing for `value`. */
  add(raw: string, h: number, value: T): void {
    if (2 * (this.size + 1) > this.slots.length >> 2) this.grow();
    const len = raw.length;
    if (this.charsUsed + len > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + len));
      chars.set(this.chars.subarray(0, this.charsUsed));
      this.chars = chars;
    }
    const at = this.charsUsed;
    for (let i = 0; i < len; i++) this.chars[at + i] = raw.charCodeAt(i);
    this.charsUsed += len;
    this.values.push(value);
    this.place(this.slots, this.shift, h, at, len, this.values.length);
    this.size++;
  }

  private place(slots: Int32Array, shift: number, h: number, at: number, len: number, v: number): void {
    const mask = (slots.length >> 2) - 1;
    let b = Math.imul(h, 0x9e3779b1) >>> shift;
    while (slots[(b << 2) + 3] !== 0) b = (b + 1) & mask;
    const o = b << 2;
    slots[o] = h;
    slots[o + 1] = at;
    slots[o + 2] = len;
    slots[o + 3] = v;
  }

  /** Twice the slots, the entries placed again. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const shift = this.shift - 1;
    for (let o = 0; o < old.length; o += 4) if (old[o + 3] !== 0) this.place(slots, shift, old[o]!, old[o + 1]!, old[o + 2]!, old[o + 3]!);
    this.slots = slots;
    this.shift = shift;
  }
}

/** Word forms seen before (by their FNV-1a hash): the term, or null for a stopword. */
let rawForms = new FormTable<TermEntry | null>();
let termEntries = new Map<string, TermEntry>();
/** The word-form table is emptied between articles when it grows past this (a cache: same terms). */
const RAW_MAX = 200_000;

/** The one entry of term `t`. */
function entryOf(t: string): TermEntry {
  let entry = termEntries.get(t);
  if (!entry) termEntries.set(t, (entry = new TermEntry(t)));
  return entry;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The term entry of text[from, to) (a word; `h` its FNV-1a hash), or null: a hash-table look-up without slicing on a hit. */
function termEntryAt(text: string, from: number, to: number, h: number): TermEntry | null {
  const known = rawForms.get(text, from, to, h);
  if (known !== undefined) return known;
  const raw = text.slice(from, to);
  const t = termOf(raw);
  const entry = t ? entryOf(t) : null;
  rawForms.add(raw, h, entry);
  return entry;
}

/**
 * Term counts in first-seen order (the order a Map filled word by word would have): parallel
 * arrays of the terms' entries and counts, read-only, with the Map reads a reader needs.
 */
export class TermVector {
  constructor(
    readonly list: readonly CachedTerm[],
    readonly counts: readonly number[],
  ) {}

  get size(): number {
    return this.list.length;
  }

  /** A linear search: for tests and one-off reads, never per term (the index reads `list`). */
  get(t: string): number | undefined {
    const i = this.list.findIndex((e) => e.term === t);
    return i < 0 ? undefined : this.counts[i];
  }

  *keys(): IterableIterator<string> {
    for (const e of this.list) yield e.term;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.list.length; i++) yield [this.list[i]!.term, this.counts[i]!];
  }
}

/** An empty array of the kind that holds objects (`slice` keeps the kind) */
const NO_ENTRIES: TermEntry[] = [new TermEntry("")].slice(0, 0);

/** Per-article term counts: first-seen order (the order a Map filled word by word would have). */
class TermCounts {
  private static serial = 0;
  readonly mark = ++TermCounts.serial;
  // (born holding objects: an empty literal starts as an array of small integers, and the first
  // push of an entry changes its kind, which deoptimised the word scan in the pipeline)
  readonly order: TermEntry[] = NO_ENTRIES.slice();
  readonly counts: number[] = [];
  readonly leadOrder: TermEntry[] = NO_ENTRIES.slice();
  readonly leadCounts: number[] = [];

  add(e: TermEntry, w: number, lead: boolean): void {
    if (e.mark !== this.mark) {
      e.mark = this.mark;
      e.slot = this.order.length;
      this.order.push(e);
      this.counts.push(w);
    } else this.counts[e.slot]! += w;
    if (lead) {
      if (e.leadMark !== this.mark) {
        e.leadMark = this.mark;
        e.leadSlot = this.leadOrder.length;
        this.leadOrder.push(e);
        this.leadCounts.push(1);
      } else this.leadCounts[e.leadSlot]!++;
    }
  }
  terms(): TermVector {
    return new TermVector(this.order, this.counts);
  }
  leadTerms(): TermVector {
    return new TermVector(this.leadOrder, this.leadCounts);
  }
}

/**
 * The words of text[from, to) into per-article counts, by WORD_RE (texts with astral characters):
 * to the terms once, or twice and once to the lead terms when it is a lead region. The bounds
 * are word ends (`wordEnd`), so no word crosses them: matching in place finds the same words as
 * matching the slice.
 */
function addRegion(text: string, from: number, to: number, acc: TermCounts, lead: boolean): boolean {
  if (to <= from) return true;
  const w = lead ? 2 : 1;
  WORD_RE.lastIndex = from;
  for (let m = WORD_RE.exec(text); m && m.index < to; m = WORD_RE.exec(text)) {
    const raw = m[0];
    if (raw.length < 3) continue;
    const t = termOf(raw);
    if (t) acc.add(entryOf(t), w, lead);
  }
  return true;
}

/** Positions in a text, in increasing order (lists reused from one article to the next). */
class Positions {
  at = new Int32Array(256);
  size = 0;

  /** Adds `p` when it is past the last one (a position noted twice is kept once). */
  push(p: number): void {
    if (this.size > 0 && this.at[this.size - 1]! >= p) return;
    if (this.size === this.at.length) this.at = grown(this.at, this.size * 2);
    this.at[this.size++] = p;
  }
}
/** the upper-case letters of the text `articleFeatures` reads, noted by its word scan for its name scan */
const TEXT_UPPERS = new Positions();
/** those of a text `scanNames` reads on its own */
const OWN_UPPERS = new Positions();

/**
 * `addRegion` into per-article counts, by the character scanner (BMP text): the words WORD_RE
 * (/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) finds from `from` on, up to the last one that starts before `to`.
 * Every upper-case letter is inside a word: their positions go to `uppers` (the name scan then
 * reads them only, not every character again). Returns false, stopping, at a surrogate half
 * (astral text, which WORD_RE reads).
 */
function countRegion(text: string, from: number, to: number, acc: TermCounts, lead: boolean, uppers: Positions | null): boolean {
  if (to <= from) return true;
  const w = lead ? 2 : 1;
  const n = text.length;
  let i = from;
  while (i < to) {
    const c0 = text.charCodeAt(i);
    const k0 = classOf(c0);
    if (!(k0 & (C_L | C_N))) {
      if (c0 >= 0xd800 && c0 <= 0xdfff) return false;
      i++;
      continue;
    }
    if (k0 & C_LU && uppers) uppers.push(i);
    // the word's FNV-1a hash as it is read (`termEntryAt` looks it up by it)
    let h = Math.imul(FNV_BASIS ^ c0, FNV_PRIME);
    let j = i + 1;
    for (let c: number, k: number; j < n && (k = classOf((c = text.charCodeAt(j)))) & (C_L | C_N); j++) {
      h = Math.imul(h ^ c, FNV_PRIME);
      if (k & C_LU && uppers) uppers.push(j);
    }
    if (j + 1 < n) {
      const a = text.charCodeAt(j);
      if ((a === 39 || a === 0x2019) && classOf(text.charCodeAt(j + 1)) & C_L) {
        h = Math.imul(h ^ a, FNV_PRIME);
        j++;
        for (let c: number, k: number; j < n && (k = classOf((c = text.charCodeAt(j)))) & C_L; j++) {
          h = Math.imul(h ^ c, FNV_PRIME);
          if (k & C_LU && uppers) uppers.push(j);
        }
      }
    }
    if (j - i >= 3) {
      const e = termEntryAt(text, i, j, h);
      if (e) acc.add(e, w, lead);
    }
    i = j;
  }
  return true;
}

/**
 * The words of an article into `acc` by `count` (`countRegion` or `addRegion`): the regions of
 * the text, the headline line (`hEnd`) and the lead ([lStart, lEnd)) twice and to the lead terms,
 * then the title's words, twice and to the lead terms. False when `count` stopped.
 */
function countWords(count: typeof countRegion, text: string, hEnd: number, lStart: number, lEnd: number, title: string | null, acc: TermCounts): boolean {
  return (
    count(text, 0, hEnd, acc, true, TEXT_UPPERS) &&
    count(text, hEnd, lStart, acc, false, TEXT_UPPERS) &&
    count(text, lStart, lEnd, acc, true, TEXT_UPPERS) &&
    count(text, lEnd, text.length, acc, false, TEXT_UPPERS) &&
    (!title || count(title, 0, title.length, acc, true, null))
  );
}

// ---------------------------------------------------------------------------------------------
// countries: names, demonyms and capitals from the world-countries package

interface CountryRow {
  cca3: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  capital?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

const COUNTRY_BY_NAME = new Map<string, string>();
{
  const add = (name: string | undefined, code: string) => {
    if (!name || name.length < 4) return;
    const f = foldName(name);
    if (f && !COUNTRY_BY_NAME.has(f)) COUNTRY_BY_NAME.set(f, code);
  };
  for (const c of countries as unknown as CountryRow[]) {
    const code = c.cca3;
    add(c.name.common, code);
    add(c.name.official, code);
    for (const a of c.altSpellings ?? []) {
      add(a, code);
      const m = /^(?:Republic|Kingdom|State|Commonwealth|Federation|Democratic Republic) of (?:the )?(.+)$/.exec(a);
      if (m) add(m[1], code);
    }
    for (const cap of c.capital ?? []) add(cap, code);
    add(c.demonyms?.eng?.m, code);
    add(c.demonyms?.eng?.f, code);
  }
}

// capitalised word runs: "United Arab Emirates", "Kim Jong Un", "Khashoggi"
const CAP_RUN_RE = /\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:of|the|al|el|bin|de|da|van|von|du)\s+)?\p{Lu}[\p{L}\p{M}'’-]*)*/gu;

/** Capitalised single words that are sentence furniture, not names. */
const CAP_STOP = new Set(
  ("the a an in on at for of and but or as by to from with this that these those it its he she they we his her their our i " +
  "after before while when where if though although however meanwhile earlier later last next more most some many " +
  "president minister prime foreign defence defense secretary general spokesman speaker chief leader mr mrs ms dr " +
  "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august " +
  "september october november december photo file reuters afp ap read related video watch").split(" "),
);

const FOLD_CACHE = new Map<string, string>();
function foldCached(s: string): string {
  let f = FOLD_CACHE.get(s);
  if (f === undefined) {
    f = foldName(s);
    if (FOLD_CACHE.size > 200_000) FOLD_CACHE.clear();
    FOLD_CACHE.set(s, f);
  }
  return f;
}

const PERSON_CACHE = new Map<string, string>();
/** The name token a person's name is matched by: its folded surname, doubled letters single (cached). */
function personName(name: string): string {
  let f = PERSON_CACHE.get(name);
  if (f === undefined) {
    f = surnameOf(foldCached(name)).replace(DOUBLE_RE, "$1");
    if (PERSON_CACHE.size > 200_000) PERSON_CACHE.clear();
    PERSON_CACHE.set(name, f);
  }
  return f;
}

/** The ISO3 code of a folded country name, demonym or capital ("ukrainians" → UKR), or null. */
export function countryOf(folded: string): string | null {
  return COUNTRY_BY_NAME.get(folded) ?? COUNTRY_BY_NAME.get(folded.replace(/s$/, "")) ?? null;
}

/** Is this word a stopword (function word or reporting verb)? */
export function isStopword(lower: string): boolean {
  return STOP.has(lower);
}

export interface NameScan {
  /** folded name tokens (surnames and single names) found capitalised in the text */
  names: Set<string>;
  /** ISO3 codes of country names, demonyms and capitals found in the text */
  countries: Set<string>;
}

/** Proper names and countries from capitalised runs. Sentence-initial single words are kept only when not a common word. */
interface RunInfo {
  countries: string[];
  names: string[];
  single: boolean;
}
/** Capitalised runs seen before (by their FNV-1a hash, as the word forms). */
let runs = new FormTable<RunInfo>();

/** What the run text[from, to) holds (cached: runs repeat across articles); no slicing on a hit. */
function runInfoAt(text: string, from: number, to: number): RunInfo {
  let h = FNV_BASIS;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  const known = runs.get(text, from, to, h);
  if (known !== undefined) return known;
  const raw = from === 0 && to === text.length ? text : text.slice(from, to);
  const info = runInfo(raw);
  if (runs.size > RAW_MAX) runs = new FormTable();
  runs.add(raw, h, info);
  return info;
}

/** What one capitalised run holds: countries and name words. */
function runInfo(raw: string): RunInfo {
  const info: RunInfo = { countries: [], names: [], single: true };
  const f = foldCached(raw.replace(/['’]s\b/g, ""));
  const whole = f ? COUNTRY_BY_NAME.get(f) : undefined;
  if (whole) info.countries.push(whole);
  else if (f) {
    const parts = f.split(" ");
    info.single = parts.length === 1;
    // country words inside a longer run ("Turkish Foreign Minister")
    for (let i = 0; i < parts.length; i++) {
      const c1 = COUNTRY_BY_NAME.get(parts[i]!);
      if (c1) info.countries.push(c1);
      if (i + 1 < parts.length) {
        const c2 = COUNTRY_BY_NAME.get(parts[i]! + " " + parts[i + 1]!);
        if (c2) info.countries.push(c2);
      }
    }
    for (const p of parts) if (p.length >= 3 && !CAP_STOP.has(p) && !STOP.has(p) && !COUNTRY_BY_NAME.has(p)) info.names.push(p.replace(DOUBLE_RE, "$1"));
  }
  return info;
}

export function scanNames(text: string): NameScan {
  return scanNamesIn(text, null, ASTRAL_RE.test(text), null);
}

/**
 * One scan for the names of the whole text and those of the lead: `lead` lists [start, end)
 * ranges (the headline line, the lead) whose names also go to `leadNames`. A BMP text's runs
 * start at its upper-case letters: `uppers` when the word scan noted them, else found here.
 */
function scanNamesIn(text: string, lead: number[] | null, astral: boolean, uppers: Positions | null): NameScan & { leadNames: Set<string> } {
  const out = { names: new Set<string>(), countries: new Set<string>(), leadNames: new Set<string>() };
  if (astral) {
    CAP_RUN_RE.lastIndex = 0;
    for (let m = CAP_RUN_RE.exec(text); m; m = CAP_RUN_RE.exec(text)) addRun(text, m.index, runInfoAt(m[0], 0, m[0].length), lead, out);
  } else {
    if (!uppers) {
      uppers = OWN_UPPERS;
      uppers.size = 0;
      for (let i = 0; i < text.length; i++) if (classOf(text.charCodeAt(i)) & C_LU) uppers.push(i);
    }
    // a run from each upper-case letter past the last run
    let i = 0;
    for (let u = 0; u < uppers.size; u++) {
      const p = uppers.at[u]!;
      if (p < i) continue;
      i = capRunEnd(text, p);
      addRun(text, p, runInfoAt(text, p, i), lead, out);
    }
  }
  return out;
}

/** The countries and names of the run at `index` into `out` (a sentence-initial single word is no name). */
function addRun(text: string, index: number, info: RunInfo, lead: number[] | null, out: NameScan & { leadNames: Set<string> }): void {
  for (const c of info.countries) out.countries.add(c);
  if (info.names.length === 0) return;
  if (info.single && isSentenceStart(text, index)) return;
  for (const p of info.names) out.names.add(p);
  if (lead) {
    for (let i = 0; i < lead.length; i += 2) {
      if (index >= lead[i]! && index < lead[i + 1]!) {
        for (const p of info.names) out.leadNames.add(p);
        break;
      }
    }
  }
}

/** [\p{L}\p{M}'’-]* from `i`: the end of a capitalised word. */
function capWordEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 39 || c === 45 || c === 0x2019 || classOf(c) & (C_L | C_M)) i++;
    else break;
  }
  return i;
}

/**
 * Name connectors of CAP_RUN_RE (of, the, al, el, bin, de, da, van, von, du) by their first two
 * (ASCII) characters: 1 for a two-letter one, else the code of the third character it needs.
 */
const CONNECTORS = new Uint8Array(128 * 128);
for (const c of ["of", "the", "al", "el", "bin", "de", "da", "van", "von", "du"]) CONNECTORS[(c.charCodeAt(0) << 7) | c.charCodeAt(1)] = c.length === 2 ? 1 : c.charCodeAt(2);

/**
 * The end of the name connector at `i`, or -1. (A table read, not a comparison per connector: a
 * comparison first reached after the name scan was optimised, a rarer connector's, deoptimised it.)
 */
function connectorEnd(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const v = a < 128 && b < 128 ? CONNECTORS[(a << 7) | b]! : 0;
  if (v <= 1) return v === 0 ? -1 : i + 2;
  return text.charCodeAt(i + 2) === v ? i + 3 : -1;
}

/**
 * The end of the CAP_RUN_RE match at `i` (an upper-case letter) in a BMP text, by characters: its
 * word, then any number of (whitespace, an optional connector and whitespace, a capitalised word).
 */
function capRunEnd(text: string, i: number): number {
  const n = text.length;
  let j = capWordEnd(text, i + 1);
  for (;;) {
    let k = j;
    while (k < n && classOf(text.charCodeAt(k)) & C_S) k++;
    if (k === j || k >= n) break;
    const c = connectorEnd(text, k);
    if (c > 0) {
      let m = c;
      while (m < n && classOf(text.charCodeAt(m)) & C_S) m++;
      if (m > c && m < n && classOf(text.charCodeAt(m)) & C_LU) {
        j = capWordEnd(text, m + 1);
        continue;
      }
    }
    if (classOf(text.charCodeAt(k)) & C_LU) j = capWordEnd(text, k + 1);
    else break;
  }
  return j;
}

function isSentenceStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t" || text[j] === '"' || text[j] === "“" || text[j] === "‘" || text[j] === "'")) j--;
  return j < 0 || text[j] === "\n" || text[j] === "." || text[j] === "!" || text[j] === "?" || text[j] === ":";
}

// ---------------------------------------------------------------------------------------------
// dates

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MON = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const MDY_RE = new RegExp(`\\b${MON}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, "g");
const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MON}\\.?(?:,?\\s+(\\d{4}))?\\b`, "g");
const ISO_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

export function dayNumber(iso: string): number {
  return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
}
export function isoOfDay(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

function mk(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const n = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  return new Date(n * 86_400_000).getUTCDate() === d ? n : null;
}

/** One written date to `explicit` (with a year) or `yearless` (resolved by the publication date `pub`). */
function pushDate(y: string | undefined, mon: string, d: string, pub: number | null, pubYear: number | null, explicit: number[], yearless: number[]): void {
  const m = MONTHS[mon.toLowerCase().replace(/\.$/, "")];
  if (!m) return;
  if (y) {
    const n = mk(+y, m, +d);
    if (n !== null) explicit.push(n);
  } else if (pubYear !== null && pub !== null) {
    let n = mk(pubYear, m, +d);
    if (n !== null && n > pub + 2) n = mk(pubYear - 1, m, +d);
    if (n !== null) yearless.push(n);
  }
}

/**
 * Day-precise dates written in the text: with a year ("Feb. 25, 2022", "25 February 2022",
 * "2022-02-25") always; without a year ("on March 10") only when `published` gives the year,
 * resolved to the latest such date not more than 2 days after publication.
 */
export function scanDates(text: string, published: string | null): { explicit: number[]; yearless: number[] } {
  return datesIn(text, published, null);
}

/** `scanDates`; for a BMP text whose upper-case letters the word scan noted (`uppers`), read at those letters (`datesAtMonths`). */
function datesIn(text: string, published: string | null, uppers: Positions | null): { explicit: number[]; yearless: number[] } {
  const explicit: number[] = [];
  const yearless: number[] = [];
  const pub = isDay(published) ? dayNumber(published) : null;
  const pubYear = pub !== null ? +published!.slice(0, 4) : null;
  if (uppers) datesAtMonths(text, uppers, pub, pubYear, explicit, yearless);
  else {
    for (const m of text.matchAll(MDY_RE)) mdyDate(text, m, pub, pubYear, explicit, yearless);
    for (const m of text.matchAll(DMY_RE)) pushDate(m[3], m[2]!, m[1]!, pub, pubYear, explicit, yearless);
  }
  for (const m of text.matchAll(ISO_RE)) {
    const n = mk(+m[1]!, +m[2]!, +m[3]!);
    if (n !== null) explicit.push(n);
  }
  return { explicit, yearless };
}

/** An MDY_RE match to `explicit` or `yearless` ("May" alone is the verb unless a number follows). */
function mdyDate(text: string, m: RegExpExecArray | RegExpMatchArray, pub: number | null, pubYear: number | null, explicit: number[], yearless: number[]): void {
  if (m[1] === "May" && !m[3] && !/^\s*\d/.test(text.slice(m.index! + 3))) return;
  pushDate(m[3], m[1]!, m[2]!, pub, pubYear, explicit, yearless);
}

/** MDY_RE and DMY_RE matched only where they can match: each matches a capitalised month name */
const MDY_AT = new RegExp(MDY_RE.source, "y");
const DMY_AT = new RegExp(DMY_RE.source, "y");
/** the month names' first three letters (all ASCII), as `month3` codes them */
const MONTH3 = new Set(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map((m) => month3(m, 0)));
/** The three characters at `i` as one number, or -1 when one is not ASCII. */
function month3(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  return a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : -1;
}
/** the month reading positions (reused from one article to the next) */
const MONTH_AT = new Positions();
const DAY_AT = new Positions();
/** the characters DMY_RE can read between a day's first digit and the month: digits, st|nd|rd|th, of, whitespace */
function dayPrefixChar(c: number): boolean {
  if (c >= 48 && c <= 57) return true;
  switch (c) {
    case 115: case 116: case 110: case 100: case 114: case 104: case 111: case 102: // s t n d r h o f
      return true;
    default:
      return (classOf(c) & C_S) !== 0;
  }
}
/** A character of \w (what \b tells apart without the u flag). */
function asciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The MDY_RE and DMY_RE matches of a BMP text (the same dates in the same order as matching the
 * whole text), read at the upper-case letters the word scan noted: every match holds a month
 * name, which starts at one of them. An MDY match starts there; a DMY match at a digit before
 * it (after a non-word character) with only DMY's prefix characters in between. The sticky
 * regexes are tried at those positions in order, each past the last match, as a global
 * regex's search would find them.
 */
function datesAtMonths(text: string, uppers: Positions, pub: number | null, pubYear: number | null, explicit: number[], yearless: number[]): void {
  const months = MONTH_AT;
  months.size = 0;
  for (let u = 0; u < uppers.size; u++) if (MONTH3.has(month3(text, uppers.at[u]!))) months.push(uppers.at[u]!);
  if (months.size === 0) return;
  matchesAt(text, months, MDY_AT, (m) => mdyDate(text, m, pub, pubYear, explicit, yearless));
  const days = DAY_AT;
  days.size = 0;
  for (let u = 0; u < months.size; u++) {
    const q = months.at[u]!;
    let r = q;
    while (r > 0 && dayPrefixChar(text.charCodeAt(r - 1))) r--;
    for (let p = r; p < q; p++) {
      const c = text.charCodeAt(p);
      if (c >= 48 && c <= 57 && (p === 0 || !asciiWordChar(text.charCodeAt(p - 1)))) days.push(p);
    }
  }
  matchesAt(text, days, DMY_AT, (m) => pushDate(m[3], m[2]!, m[1]!, pub, pubYear, explicit, yearless));
}

/** The matches of the sticky regex `re` at the positions `at` in order, each tried only past the last match. */
function matchesAt(text: string, at: Positions, re: RegExp, found: (m: RegExpExecArray) => void): void {
  let end = 0;
  for (let u = 0; u < at.size; u++) {
    const p = at.at[u]!;
    if (p < end) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m) continue;
    end = re.lastIndex;
    found(m);
  }
}

// ---------------------------------------------------------------------------------------------
// events

const SYMMETRIC = new Set(["CONSULT", "AGREE", "COOPERATE"]);

function sideId(s: Side): string | null {
  if (s.person) return cachedId(PERSON_IDS, s.person, "p:");
  if (s.actor) return cachedId(ACTOR_IDS, s.actor, "a:");
  if (s.group) return cachedId(GROUP_IDS, s.group, "g:");
  return null;
}
function sideActor(s: Side): string | null {
  return s.actor ? cachedId(ACTOR_IDS, s.actor, "a:") : s.group ? cachedId(GROUP_IDS, s.group, "g:") : null;
}

// side ids and event keys, one string object each (cached): the story step looks keys up in many
// maps, and the same object hashes once and compares by identity
const PERSON_IDS = new Map<string, string>();
const ACTOR_IDS = new Map<string, string>();
const GROUP_IDS = new Map<string, string>();
const PAIR_KEYS = new Map<string, Map<string, Map<string, string>>>();
let pairKeyCount = 0;

/** The side id of a person ("p:" and the folded surname), a state ("a:") or a group ("g:" and the folded name). */
function cachedId(cache: Map<string, string>, name: string, prefix: "p:" | "a:" | "g:"): string {
  let id = cache.get(name);
  if (id === undefined) {
    id = prefix + (prefix === "p:" ? surnameOf(foldCached(name)) : prefix === "g:" ? foldCached(name) : name);
    if (cache.size > 200_000) cache.clear();
    cache.set(name, id);
  }
  return id;
}

/**
 * The key an event is known by across articles: its type and its two sides, each side by the
 * person when one is named (two calls between different ministers of the same two states are
 * different events), else by the state or group. Symmetric types ignore the order of the sides.
 */
export function eventKeys(e: { type: string; source: Side; target: Side }): string[] {
  const keys: string[] = [];
  const a = sideId(e.source);
  const b = sideId(e.target);
  pushKey(keys, pairKey(e.type, a, b));
  // the same event told with one side as a person and the other as its state (an extractor
  // or an outlet that names only one minister): person × state keys, never state × state
  // when a person is known
  if (e.source.person && e.target.person) {
    pushKey(keys, pairKey(e.type, a, sideActor(e.target)));
    pushKey(keys, pairKey(e.type, sideActor(e.source), b));
  }
  return keys;
}

/** The key of an event of `type` between sides `a` and `b`, or null (a side missing, or both the same). */
function pairKey(type: string, a: string | null, b: string | null): string | null {
  if (!a || !b || a === b) return null;
  let byA = PAIR_KEYS.get(type);
  if (!byA) PAIR_KEYS.set(type, (byA = new Map()));
  let byB = byA.get(a);
  if (!byB) byA.set(a, (byB = new Map()));
  let k = byB.get(b);
  if (k === undefined) {
    k = `${type}|${SYMMETRIC.has(type) && b < a ? `${b}|${a}` : `${a}|${b}`}`;
    if (++pairKeyCount > 200_000) {
      PAIR_KEYS.clear();
      pairKeyCount = 0;
    }
    byB.set(b, k);
  }
  return k;
}

function pushKey(keys: string[], k: string | null): void {
  if (k && !keys.includes(k)) keys.push(k);
}

// ---------------------------------------------------------------------------------------------
// one article

export interface ArticleEvent {
  keys: string[];
  /** for display: "CONSULT Anja Velt (NRL) – Pavel Dorin (EST)" */
  label: string;
  /** day number, or null when the article does not date it */
  day: number | null;
  /** reported in the headline or lead: the article's main development */
  main: boolean;
}

export interface ArticleFeatures {
  id: string;
  outlet: string | null;
  title: string | null;
  lead: string;
  /** the article's best date (day number) and where it came from */
  day: number | null;
  daySource: "published" | "text" | null;
  /** the latest day the article's events or full dates name: it cannot be older (null when none) */
  notBefore: number | null;
  /** weighted term frequencies (title and lead count more) */
  terms: TermVector;
  /** term frequencies of the headline and lead only: the main development */
  leadTerms: TermVector;
  names: Set<string>;
  /** names in the headline and lead: the main development's actors */
  leadNames: Set<string>;
  actors: Set<string>;
  events: ArticleEvent[];
  /** day-precise dates the text mentions */
  mentionedDays: number[];
}

/** A side as an event label shows it: "Anja Velt (NRL)", else its state or group. */
function sideLabel(x: Side): string {
  return x.person ? `${x.person}${x.actor ? ` (${x.actor})` : ""}` : x.actor ?? x.group ?? "?";
}

/** The text the features are read from: the record's text, else what its evidence strings hold. */
export function recordText(r: ArticleRecord): string {
  if (r.text) return r.text;
  const parts: string[] = [];
  for (const e of r.events) parts.push(e.evidence);
  for (const q of r.quotes) parts.push(q.text);
  for (const f of r.figures) parts.push(f.evidence);
  for (const p of r.persons) parts.push(p.name);
  for (const o of r.organizations) parts.push(o.name);
  for (const p of r.places) parts.push(p.name);
  return parts.join(".\n");
}

const CAPTION_RE = /\((?:[^()]*\bphoto\b[^()]*|photo:[^()]*)\)\s*$|^\s*(?:photo|file photo|image)\s*[:|]/i;
const SENT_END_RE = /[.!?]["'”’)]*\s+(?=["“‘(]?\p{Lu})|\n+/gu;

/** The headline-like first line and the first two sentences of the body. */
export function leadOf(text: string): { headline: string | null; headlineEnd: number; lead: string; leadStart: number; leadEnd: number } {
  let start = 0;
  let headline: string | null = null;
  const firstNl = text.indexOf("\n");
  const first = firstNl < 0 ? text : text.slice(0, firstNl);
  // a first line without a final period is a headline or a caption
  if (firstNl > 0 && first.length < 200 && !/[.!?]["'”’)]?\s*$/.test(first) && !CAPTION_RE.test(first)) {
    headline = first.trim();
    start = firstNl + 1;
  }
  // photo captions before the body ("… (AA Photo)", "(Photo: AFP)") are not the lead
  for (;;) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl < 0 ? text.length : nl);
    if (nl < 0 || !CAPTION_RE.test(line)) break;
    start = nl + 1;
    while (text[start] === "\n") start++;
  }
  let end = start;
  let count = 0;
  SENT_END_RE.lastIndex = start;
  for (let m = SENT_END_RE.exec(text); m; m = SENT_END_RE.exec(text)) {
    const seg = text.slice(end, m.index).trim();
    end = m.index + m[0].length;
    if (seg.length > 40 && ++count >= 2) break;
    if (end - start > 700) break;
  }
  if (count < 2 && end === start) end = Math.min(text.length, start + 600);
  return { headline, headlineEnd: headline ? firstNl : 0, lead: text.slice(start, end), leadStart: start, leadEnd: end };
}

/**
 * The names and actors the extractors found (persons by surname, organisations with their
 * aliases, places) into the scan's sets. (articleFeatures' parts are functions of their own: a
 * deoptimisation then recompiles a small function, not the whole of it.)
 */
function entityNames(r: ArticleRecord, names: Set<string>, actors: Set<string>): void {
  for (const p of r.persons) {
    if (/\(byline\)/.test(p.role ?? "")) continue;
    names.add(personName(p.name));
    if (p.country) actors.add(p.country);
  }
  for (const o of r.organizations) {
    if (o.name.length >= 2) names.add(foldCached(o.name));
    for (const n of o.aliases) if (n.length >= 2) names.add(foldCached(n));
    if (o.actor) actors.add(o.actor);
  }
  for (const p of r.places) {
    names.add(foldCached(p.name));
    if (p.country) actors.add(p.country);
  }
}

/** The record's asserted events with a key, their sides' actors into `actors`; in the lead (main) when they start before `leadEnd`. */
function articleEvents(r: ArticleRecord, leadEnd: number, actors: Set<string>): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  for (const e of r.events) {
    if (e.realis && e.realis !== "asserted") continue;
    const keys = eventKeys(e);
    if (keys.length === 0) continue;
    if (e.source.actor) actors.add(e.source.actor);
    if (e.target.actor) actors.add(e.target.actor);
    const label = `${e.type}${e.mode ? ` (${e.mode})` : ""} ${sideLabel(e.source)} ${SYMMETRIC.has(e.type) ? "–" : "→"} ${sideLabel(e.target)}`;
    events.push({ keys, label, day: isDay(e.date) ? dayNumber(e.date) : null, main: e.span.start < leadEnd });
  }
  return events;
}

export function articleFeatures(r: ArticleRecord): ArticleFeatures {
  const text = recordText(r);
  const { headline, headlineEnd, lead, leadStart, leadEnd } = leadOf(text);
  const title = r.title ?? headline;
  // one pass: every word once, the lead's words twice, the headline's (when it is the first line) twice
  // by regions (the headline line when it is the title, the lead, the rest), each matched at once
  const hEnd = r.title ? 0 : wordEnd(text, Math.min(headlineEnd, leadStart));
  const lStart = Math.max(hEnd, wordEnd(text, leadStart));
  const lEnd = Math.max(lStart, wordEnd(text, leadEnd));
  if (rawForms.size > RAW_MAX) {
    rawForms = new FormTable();
    termEntries = new Map();
  }
  // the character scanner and the word-form table (no slicing or regex per word); text or a
  // title with astral characters (the scanner stops at a surrogate half): WORD_RE, from the start
  let acc = new TermCounts();
  TEXT_UPPERS.size = 0;
  let astral = false;
  if (!countWords(countRegion, text, hEnd, lStart, lEnd, r.title, acc)) {
    astral = ASTRAL_RE.test(text);
    acc = new TermCounts();
    countWords(addRegion, text, hEnd, lStart, lEnd, r.title, acc);
  }
  const terms = acc.terms();
  const leadTerms = acc.leadTerms();

  // the lead's names from the same scan: the headline when it is the text's first line, the lead
  // (a run that starts a range starts a sentence there too: same as scanning the lead alone)
  // (with a separate title, the title and the lead are scanned together as before: a run can
  // join the title's last words and the lead's first)
  const ranges = headline && leadStart === headlineEnd + 1 ? [0, leadEnd] : [0, headlineEnd, leadStart, leadEnd];
  const scan = scanNamesIn(text, r.title ? null : ranges, astral, astral ? null : TEXT_UPPERS);
  const leadNames = r.title ? scanNames(r.title + "\n" + lead).names : scan.leadNames;
  const names = scan.names;
  const actors = scan.countries;
  entityNames(r, names, actors);

  const published = isDay(r.published) ? r.published : null;
  const dates = datesIn(text, published, astral ? null : TEXT_UPPERS);
  const events = articleEvents(r, leadEnd, actors);

  let day: number | null = null;
  let daySource: ArticleFeatures["daySource"] = null;
  if (published) {
    day = dayNumber(published);
    daySource = "published";
  } else if (dates.explicit.length) {
    day = Math.max(...dates.explicit);
    daySource = "text";
  }
  // event dates are only a lower bound of the publication date (an article recalls older events)
  let notBefore = dates.explicit.length ? Math.max(...dates.explicit) : -Infinity;
  for (const e of events) if (e.day !== null && e.day > notBefore) notBefore = e.day;
  return {
    id: r.id,
    outlet: r.outlet,
    title,
    lead: lead.trim(),
    day,
    daySource,
    notBefore: notBefore === -Infinity ? null : notBefore,
    terms,
    leadTerms,
    names,
    leadNames,
    actors,
    events,
    mentionedDays: [...dates.explicit, ...dates.yearless],
  };
}
