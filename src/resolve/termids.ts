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
 * iterate in: sums over it add in the same order, so they give the same numbers).
 */
export class Centroid {
  ids: Int32Array;
  w: Float64Array;
  size = 0;

  constructor(capacity = 8) {
    this.ids = new Int32Array(capacity);
    this.w = new Float64Array(capacity);
  }

  /** Room for `n` more terms: one copy, not one per doubling as `push` fills it. */
  reserve(n: number): void {
    const need = this.size + n;
    if (need <= this.ids.length) return;
    const len = Math.max(need, this.ids.length * 2);
    this.ids = grown(this.ids, len);
    this.w = grown(this.w, len);
  }

  /** Appends a term not in the vector yet. */
  push(id: number, w: number): void {
    if (this.size === this.ids.length) {
      this.ids = grown(this.ids, this.size * 2);
      this.w = grown(this.w, this.size * 2);
    }
    this.ids[this.size] = id;
    this.w[this.size++] = w;
  }
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

