/**
 * Near-duplicate detection: the same wire copy carried by several outlets with light edits
 * (a changed headline, a dropped paragraph, a byline). MinHash signatures over word shingles,
 * banded LSH for candidates: adding one text costs a fixed number of hash-table look-ups,
 * whatever the number of texts already seen.
 */
import { foldName } from "../text/fold.js";

export interface NearDuplicateOptions {
  /** words per shingle */
  shingle: number;
  /** LSH bands × rows per band = signature length */
  bands: number;
  rows: number;
  /** estimated Jaccard similarity of shingle sets at or above which two texts are near-duplicates */
  threshold: number;
  /** texts with fewer shingles than this are not indexed (too short to tell) */
  minShingles: number;
}

export const DEFAULT_NEAR_DUPLICATE_OPTIONS: NearDuplicateOptions = {
  shingle: 5,
  bands: 20,
  rows: 3,
  threshold: 0.35,
  minShingles: 8,
};

export interface DuplicateMatch {
  /** the earliest text of the group this one duplicates */
  of: string;
  /** the most similar earlier text and its estimated Jaccard similarity */
  nearest: string;
  similarity: number;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** 32-bit FNV-1a hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit integer mixer (murmur3 finaliser): one "permutation" per seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes of the word shingles of a text (words folded: case, accents and punctuation do not count). */
export function shingleHashes(text: string, k: number): Set<number> {
  const words: string[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) words.push(/^[a-z0-9]+$/.test(m[0]) ? m[0] : foldName(m[0]));
  const out = new Set<number>();
  for (let i = 0; i + k <= words.length; i++) out.add(fnv1a(words.slice(i, i + k).join(" ")));
  return out;
}

export class NearDuplicateIndex {
  readonly opts: NearDuplicateOptions;
  private seeds: number[];
  private buckets = new Map<string, string[]>();
  private signatures = new Map<string, Uint32Array>();
  private root = new Map<string, string>();

  constructor(opts: Partial<NearDuplicateOptions> = {}) {
    this.opts = { ...DEFAULT_NEAR_DUPLICATE_OPTIONS, ...opts };
    const n = this.opts.bands * this.opts.rows;
    this.seeds = Array.from({ length: n }, (_, i) => mix(i + 1, 0x9e3779b9));
  }

  get size(): number {
    return this.signatures.size;
  }

  signature(text: string): Uint32Array | null {
    const hashes = shingleHashes(text, this.opts.shingle);
    if (hashes.size < this.opts.minShingles) return null;
    const sig = new Uint32Array(this.seeds.length).fill(0xffffffff);
    for (const h of hashes) {
      for (let i = 0; i < this.seeds.length; i++) {
        const v = mix(h, this.seeds[i]!);
        if (v < sig[i]!) sig[i] = v;
      }
    }
    return sig;
  }

  /** Estimated Jaccard similarity of two signatures. */
  static similarity(a: Uint32Array, b: Uint32Array): number {
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    return same / a.length;
  }

  /** The near-duplicate match of a text among those already added, without adding it. */
  find(text: string): DuplicateMatch | null {
    const sig = this.signature(text);
    return sig ? this.match(sig, null) : null;
  }

  private match(sig: Uint32Array, self: string | null): DuplicateMatch | null {
    const seen = new Set<string>();
    let best: DuplicateMatch | null = null;
    for (const key of this.bandKeys(sig)) {
      for (const other of this.buckets.get(key) ?? []) {
        if (other === self || seen.has(other)) continue;
        seen.add(other);
        const s = NearDuplicateIndex.similarity(sig, this.signatures.get(other)!);
        if (s >= this.opts.threshold && (!best || s > best.similarity)) best = { of: this.root.get(other) ?? other, nearest: other, similarity: s };
      }
    }
    return best;
  }

  private bandKeys(sig: Uint32Array): string[] {
    const keys: string[] = [];
    const r = this.opts.rows;
    for (let b = 0; b < this.opts.bands; b++) {
      let k = `${b}`;
      for (let j = 0; j < r; j++) k += ":" + sig[b * r + j]!.toString(36);
      keys.push(k);
    }
    return keys;
  }

  /**
   * Adds a text; returns the id of the earliest text it is a near-duplicate of (the group's
   * original), or null. Texts too short to tell are not indexed and return null.
   */
  add(id: string, text: string): string | null {
    return this.addMatch(id, text)?.of ?? null;
  }

  /** As `add`, with the nearest earlier text and the similarity. */
  addMatch(id: string, text: string): DuplicateMatch | null {
    const sig = this.signature(text);
    if (!sig) return null;
    const m = this.match(sig, id);
    this.signatures.set(id, sig);
    if (m) this.root.set(id, m.of);
    for (const key of this.bandKeys(sig)) {
      let list = this.buckets.get(key);
      if (!list) this.buckets.set(key, (list = []));
      list.push(id);
    }
    return m;
  }

  /** Serialisable state: signatures (base-36 words) and group roots; buckets are rebuilt on load. */
  toJSON(): NearDuplicateJSON {
    return {
      version: 1,
      opts: this.opts,
      items: [...this.signatures.entries()].map(([id, sig]) => [id, Array.from(sig, (x) => x.toString(36)).join(","), this.root.get(id) ?? null]),
    };
  }

  static fromJSON(j: NearDuplicateJSON): NearDuplicateIndex {
    if (j.version !== 1) throw new Error(`NearDuplicateIndex: unknown state version ${String(j.version)}`);
    const x = new NearDuplicateIndex(j.opts);
    for (const [id, sig, root] of j.items) {
      const s = Uint32Array.from(sig.split(","), (w) => parseInt(w, 36));
      x.signatures.set(id, s);
      if (root) x.root.set(id, root);
      for (const key of x.bandKeys(s)) {
        let list = x.buckets.get(key);
        if (!list) x.buckets.set(key, (list = []));
        list.push(id);
      }
    }
    return x;
  }
}

export interface NearDuplicateJSON {
  version: number;
  opts: NearDuplicateOptions;
  items: Array<[string, string, string | null]>;
}
