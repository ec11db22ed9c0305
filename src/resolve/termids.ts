/**
 * Integer ids for the story step's terms, and the story centroids as parallel typed arrays over
 * them: a centroid look-up or a cosine is then array reads instead of string-keyed Map look-ups.
 */
import { grown } from "../core/arrays.js";

/**
 * A term that remembers the id a `TermIds` last gave it (features hand their terms over as these
 * objects, shared by every article with the term, so that each is looked up by its string once).
 */
export interface CachedTerm {
  readonly term: string;
  /** the table that gave `id`, and its epoch then (a `release` can free the id) */
  idOf: TermIds | null;
  idEpoch: number;
  id: number;
}

/** Terms ↔ small integer ids; an id freed (`release`) is handed out again. */
export class TermIds {
  private ids = new Map<string, number>();
  private strs: Array<string | undefined> = [];
  private free: number[] = [];
  /** counts the `release`s: an id cached before the last one may have been freed */
  private epoch = 0;

  /** One more than the largest id handed out: arrays indexed by id need this length. */
  get capacity(): number {
    return this.strs.length;
  }

  /** The number of terms that hold an id. */
  get size(): number {
    return this.ids.size;
  }

  /** The id of `t`, a new one when it has none. */
  intern(t: string): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.free.length ? this.free.pop()! : this.strs.length;
      this.ids.set(t, id);
      this.strs[id] = t;
    }
    return id;
  }

  /** `intern(t.term)`, by the id `t` caches when it is still this table's. */
  internCached(t: CachedTerm): number {
    if (t.idOf === this && t.idEpoch === this.epoch) return t.id;
    t.idOf = this;
    t.idEpoch = this.epoch;
    return (t.id = this.intern(t.term));
  }

  /** The term of a live id. */
  str(id: number): string {
    return this.strs[id]!;
  }

  /** Frees every id whose `keep` entry is 0 (nothing refers to it any more). */
  release(keep: Uint8Array): void {
    this.epoch++;
    for (let id = 0; id < this.strs.length; id++) {
      const t = this.strs[id];
      if (t === undefined || keep[id]) continue;
      this.ids.delete(t);
      this.strs[id] = undefined;
      this.free.push(id);
    }
  }
}

/**
 * A sparse vector over term ids in insertion order (the order a Map filled the same way would
 * iterate in: sums over it add in the same order, so they give the same numbers), with its own
 * table of positions by id: a story's centroid is read against many articles and changes only
 * when one joins, so each read looks up the article's few terms instead of walking the centroid.
 */
export class Centroid {
  ids: Int32Array;
  w: Float64Array;
  size = 0;
  /** open addressing, pairs (id + 1, position), 0 for an empty pair; at most half the pairs used */
  private table: Int32Array;
  /** the hash's shift: 32 - log2(number of pairs) */
  private shift: number;

  constructor(capacity = 8) {
    // a small vector's arrays are on the heap; a larger one's share one buffer (`resize`)
    const small = capacity <= 8 ? capacity : 0;
    this.ids = new Int32Array(small);
    this.w = new Float64Array(small);
    this.shift = 32 - pairBits(small);
    this.table = new Int32Array(2 << (32 - this.shift));
    if (capacity > small) this.resize(capacity, capacity);
  }

  /** Room for `n` more terms: one copy (and one larger table), not one per doubling as `push` fills it. */
  reserve(n: number): void {
    const need = this.size + n;
    if (need <= this.ids.length) return;
    this.resize(Math.max(need, this.ids.length * 2), need);
  }

  /** Appends a term not in the vector yet. */
  push(id: number, w: number): void {
    // (a vector built empty, `new Centroid(0)`, has no room to double)
    if (this.size === this.ids.length) this.resize(Math.max(8, this.size * 2), this.size + 1);
    this.ids[this.size] = id;
    this.w[this.size] = w;
    if (2 * (this.size + 1) > this.table.length >> 1) this.rehash(this.size + 1);
    this.place(id, this.size++);
  }

  /** The position of term `id`, or -1. */
  slot(id: number): number {
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let h = Math.imul(id, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const k = t[2 * h]!;
      if (k === id + 1) return t[2 * h + 1]!;
      if (k === 0) return -1;
    }
  }

  private place(id: number, pos: number): void {
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    let h = Math.imul(id, 0x9e3779b1) >>> this.shift;
    while (t[2 * h] !== 0) h = (h + 1) & mask;
    t[2 * h] = id + 1;
    t[2 * h + 1] = pos;
  }

  /**
   * Room for `len` terms and a table with room for `n` (at least the current one's), the terms
   * copied and placed again. The weights, ids and table share one new buffer: typed arrays of
   * these sizes live outside the heap, where one allocation costs more than filling it.
   */
  private resize(len: number, n: number): void {
    const bits = Math.max(pairBits(n), 32 - this.shift);
    const buf = new ArrayBuffer(len * 12 + (8 << bits));
    const w = new Float64Array(buf, 0, len);
    const ids = new Int32Array(buf, len * 8, len);
    for (let i = 0; i < this.size; i++) {
      w[i] = this.w[i]!;
      ids[i] = this.ids[i]!;
    }
    this.w = w;
    this.ids = ids;
    this.shift = 32 - bits;
    this.table = new Int32Array(buf, len * 12, 2 << bits);
    for (let i = 0; i < this.size; i++) this.place(ids[i]!, i);
  }

  /** A table with room for `n` terms, the current ones placed again. */
  private rehash(n: number): void {
    this.shift = 32 - pairBits(n);
    this.table = new Int32Array(2 << (32 - this.shift));
    for (let i = 0; i < this.size; i++) this.place(this.ids[i]!, i);
  }
}

/** log2 of the number of table pairs for `n` terms: a power of two, at least 2n (and 4). */
function pairBits(n: number): number {
  let bits = 2;
  while (1 << bits < 2 * n) bits++;
  return bits;
}

/**
 * Positions of one vector's ids, for look-ups by id: a slot per id, valid while its stamp is the
 * current one (filling is one pass over the vector, clearing is free).
 */
export class IdSlots {
  private stampOf = new Int32Array(0);
  private slotOf = new Int32Array(0);
  private stamp = 0;

  /** Maps each id of `ids[0, n)` to its position; ids below `capacity`. Returns the stamp. */
  fill(ids: ArrayLike<number>, n: number, capacity: number): number {
    if (this.stampOf.length < capacity) {
      const len = Math.max(capacity, this.stampOf.length * 2, 64);
      this.stampOf = grown(this.stampOf, len);
      this.slotOf = grown(this.slotOf, len);
    }
    // a long-running index: start the stamps over before they overflow
    if (this.stamp === 0x3fffffff) {
      this.stamp = 0;
      this.stampOf.fill(0);
    }
    const stamp = ++this.stamp;
    const stampOf = this.stampOf;
    const slotOf = this.slotOf;
    for (let i = 0; i < n; i++) {
      stampOf[ids[i]!] = stamp;
      slotOf[ids[i]!] = i;
    }
    return stamp;
  }

  /** The position of `id` in the vector of fill `stamp`, or -1. */
  slot(id: number, stamp: number): number {
    return id < this.stampOf.length && this.stampOf[id] === stamp ? this.slotOf[id]! : -1;
  }
}

/**
 * Document frequencies by id (a `TermIds` table's), with when each entry entered the table: the
 * saved state lists them in that order, the order of a Map counted and cut back the same way.
 */
export class DfTable {
  readonly ids = new TermIds();
  /** document frequency by id (0: not in the table) */
  df = new Int32Array(0);
  /** when each entry entered the table */
  private seq = new Float64Array(0);
  private serial = 0;
  /** the entries in the table */
  size = 0;

  /** The id of `t` (a new one for a new key), the arrays by id grown to hold it. */
  id(t: string): number {
    return this.roomFor(this.ids.intern(t));
  }

  /** `id` of a cached term, by the id it caches. */
  cachedId(t: CachedTerm): number {
    return this.roomFor(this.ids.internCached(t));
  }

  private roomFor(id: number): number {
    if (id >= this.df.length) {
      const len = Math.max(64, this.df.length * 2);
      this.df = grown(this.df, len);
      this.seq = grown(this.seq, len);
    }
    return id;
  }

  /** One more article with key `id`. */
  count(id: number): void {
    if (this.df[id]!++ === 0) {
      this.size++;
      this.seq[id] = ++this.serial;
    }
  }

  /** The table of a saved state (its entries in the order they entered it). */
  load(entries: ReadonlyArray<readonly [string, number]>): void {
    for (const [t, c] of entries) {
      const id = this.id(t);
      this.df[id] = c;
      this.seq[id] = ++this.serial;
    }
    this.size = entries.length;
  }

  /** The entries in the order they entered the table. */
  entries(): Array<[string, number]> {
    const ids: number[] = [];
    for (let id = 0; id < this.df.length; id++) if (this.df[id]! > 0) ids.push(id);
    ids.sort((a, b) => this.seq[a]! - this.seq[b]!);
    return ids.map((id) => [this.ids.str(id), this.df[id]!]);
  }

  /**
   * Cuts the table back to its `cap` × 3/4 most frequent entries (`compactionFloor`), then frees
   * every id that is out of the table and not marked in `keep` (a byte per id, `ids.capacity` long).
   */
  cut(cap: number, keep: Uint8Array): void {
    const df = this.df;
    const min = compactionFloor(df.filter((c) => c > 0), cap);
    let size = 0;
    for (let id = 0; id < df.length; id++) {
      if (df[id]! >= min) size++;
      else df[id] = 0;
    }
    this.size = size;
    for (let id = 0; id < keep.length; id++) if (df[id]! > 0) keep[id] = 1;
    this.ids.release(keep);
  }
}

/** The smallest count that keeps at most `cap` × 3/4 entries (one count holding more: that count), from a histogram of the counts. */
export function compactionFloor(counts: Iterable<number>, cap: number): number {
  const keep = Math.floor((cap * 3) / 4);
  const hist = new Map<number, number>();
  for (const c of counts) hist.set(c, (hist.get(c) ?? 0) + 1);
  let above = 0;
  let min = Infinity;
  for (const c of [...hist.keys()].sort((a, b) => b - a)) {
    if (above + hist.get(c)! > keep) break;
    above += hist.get(c)!;
    min = c;
  }
  if (min === Infinity) min = Math.max(...hist.keys()); // one count holds more than `keep`: keep that one
  return min;
}
