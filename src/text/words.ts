/**
 * Word ids: every distinct token text gets one integer id, shared by all the documents of the
 * process, and one string object. A stage that keeps facts about words (class bits, lexicon
 * phrases) keeps them in arrays indexed by id instead of hashing each token's string into a Map;
 * and the token strings of every document are the same objects, whose hashes V8 keeps, so later
 * Map/Set look-ups by token text hash nothing.
 *
 * Ids are stable until the vocabulary outgrows MAX_WORDS (a long-running process meets ever new
 * names and numbers): it is then emptied before the next document's words are interned, and the
 * epoch tells the holders of per-id arrays to empty theirs.
 */
import { grown } from "../core/arrays.js";
import type { Token } from "../core/types.js";

/** Beyond this many words the vocabulary starts afresh (news text has some tens of thousands). */
const MAX_WORDS = 1 << 18;

let words: string[] = [];
/** by id: the word's hash, and the id of its lower case (-1: not yet known) */
let hashes: Int32Array = new Int32Array(1024);
let lowerIds: Int32Array = new Int32Array(1024);
/** open addressing, by hash: pairs (hash, 1 + id), 1 + id = 0 for an empty slot; at most half full.
 * The hash beside the id spares a look-up in `hashes` (a cache miss) at every probe. */
let slots = new Int32Array(4096);
let epoch = 0;

/** Changes whenever ids are given anew: per-id arrays of another epoch must be emptied. */
export function vocabularyEpoch(): number {
  return epoch;
}

/** The number of ids given so far (per-id arrays must hold this many). */
export function vocabularySize(): number {
  return words.length;
}

/** Empties the vocabulary when it has grown too large; call only between documents. */
export function checkVocabulary(): void {
  if (words.length < MAX_WORDS) return;
  words = [];
  hashes = new Int32Array(1024);
  lowerIds = new Int32Array(1024);
  slots = new Int32Array(4096);
  epoch++;
}

/** The id of the word text.slice(start, end), a new one for a new word. */
export function wordId(text: string, start: number, end: number): number {
  return probe(text, start, end, hashOf(text, start, end));
}

/** FNV-1a over the UTF-16 units of text[start, end), then a final mix for the low bits the table uses. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/** The id of the word text.slice(start, end) whose hash is `h`: found in the table, or added. */
function probe(text: string, start: number, end: number, h: number): number {
  const mask = (slots.length >> 1) - 1;
  const len = end - start;
  for (let p = h & mask; ; p = (p + 1) & mask) {
    const s = slots[2 * p + 1]!;
    if (s === 0) return add(text.slice(start, end), h, p);
    if (slots[2 * p] === h) {
      const id = s - 1;
      const word = words[id]!;
      if (word.length === len && text.startsWith(word, start)) return id;
    }
  }
}

/** Scratch of tokenIds: the tokens' hashes (reused across documents). */
let hashBuf = new Int32Array(1024);

/**
 * The word id of every token, as wordId gives them (new words added in token order), into `ids`.
 * In three passes rather than one: in the pipeline most of a look-up's table reads miss the CPU
 * cache (other stages run between documents), and within one look-up each read waits for the one
 * before. So first all hashes, then one independent read of each token's first slot and of the
 * word it names (the CPU overlaps these misses), then the look-ups, which find their data cached.
 * In the pipeline (3,000 bench articles, the two ways alternated by article in one process) the
 * median of tokenTexts went 0.070 -> 0.054 ms per article.
 */
export function tokenIds(text: string, tokens: readonly Token[], ids: Int32Array): void {
  const n = tokens.length;
  if (hashBuf.length < n) hashBuf = new Int32Array(2 * n);
  const hs = hashBuf;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    hs[i] = hashOf(text, t.start, t.end);
  }
  const mask = (slots.length >> 1) - 1;
  let touched = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[2 * (hs[i]! & mask) + 1]!;
    if (s !== 0) touched += words[s - 1]!.length;
  }
  SINK[0] = touched;
  // the look-ups (probe reads the table's size anew: a new word may have grown it)
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    ids[i] = probe(text, t.start, t.end, hs[i]!);
  }
}
/** Where tokenIds' touching reads go, so that the compiler keeps them. */
const SINK = new Int32Array(1);

function add(word: string, h: number, slot: number): number {
  const id = words.length;
  words.push(word);
  if (id === hashes.length) {
    hashes = grown(hashes, id * 2);
    lowerIds = grown(lowerIds, id * 2);
  }
  hashes[id] = h;
  lowerIds[id] = -1;
  slots[2 * slot] = h;
  slots[2 * slot + 1] = id + 1;
  if (4 * words.length > slots.length) rehash();
  return id;
}

function rehash(): void {
  const next = new Int32Array(slots.length * 2);
  const mask = (next.length >> 1) - 1;
  for (let id = 0; id < words.length; id++) {
    const h = hashes[id]!;
    let p = h & mask;
    while (next[2 * p + 1] !== 0) p = (p + 1) & mask;
    next[2 * p] = h;
    next[2 * p + 1] = id + 1;
  }
  slots = next;
}

/** The text of word `id`. */
export function wordText(id: number): string {
  return words[id]!;
}

/** The id of the lower case of word `id` (per word: toLowerCase()). */
export function lowerId(id: number): number {
  let l = lowerIds[id]!;
  if (l < 0) {
    const word = words[id]!;
    const lower = hasUpper(word) ? word.toLowerCase() : word;
    l = lower === word ? id : wordId(lower, 0, lower.length);
    lowerIds[id] = l;
  }
  return l;
}

/** True when lower-casing may change the word (ASCII fast path; any non-ASCII word is lower-cased). */
function hasUpper(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/**
 * A small fact about each word (0..254), computed once per word id by `compute` and kept across
 * documents, emptied when the vocabulary starts afresh: a per-token test becomes an array read by
 * the token's id instead of a Set lookup of its string.
 */
export class WordFacts {
  /** by id: 1 + the fact, 0 while not computed */
  private facts = new Uint8Array(0);
  private factsEpoch = -1;

  constructor(private readonly compute: (id: number) => number) {}

  /** The fact of word `id` (an id of the current vocabulary). */
  get(id: number): number {
    if (this.factsEpoch !== epoch || id >= this.facts.length) this.fit(id);
    let f = this.facts[id]!;
    if (f === 0) {
      f = 1 + this.compute(id);
      this.facts[id] = f;
    }
    return f - 1;
  }

  private fit(id: number): void {
    if (this.factsEpoch !== epoch) {
      this.factsEpoch = epoch;
      this.facts = new Uint8Array(0);
    }
    if (id >= this.facts.length) this.facts = grown(this.facts, Math.max(1024, 2 * Math.max(id + 1, words.length)));
  }
}
