/**
 * A table by word id (text/words.ts) of what a Map keyed by lower-cased words holds: each word is
 * looked up in the Map once, on first sight; after that a token's entry is one array read by its id,
 * with no string hashing or comparing (the scans of every sentence's tokens used to look each token
 * up, behind a coarse bit gate that let most frequent words through to the Map).
 */
import { grown } from "../../core/arrays.js";
import { vocabularyEpoch, vocabularySize } from "../../text/words.js";

export class WordTable<T> {
  readonly map: ReadonlyMap<string, T>;
  private epoch = -1;
  /** by word id: 0 not looked up yet, -1 not in the Map, k > 0 the entry values[k - 1] */
  private codes = new Int32Array(0);
  private values: T[] = [];

  constructor(map: ReadonlyMap<string, T>) {
    this.map = map;
  }

  /** Makes room for every id given so far; call after the ids of a document are given, before get() with them. */
  fit(): void {
    if (this.epoch !== vocabularyEpoch()) {
      // the ids were given anew: every answer is void
      this.epoch = vocabularyEpoch();
      this.codes = new Int32Array(0);
      this.values = [];
    }
    const size = vocabularySize();
    if (this.codes.length < size) this.codes = grown(this.codes, Math.max(1024, size * 2));
  }

  /** The Map's entry for word `id`, whose lower case is `lower`, or undefined. */
  get(id: number, lower: string): T | undefined {
    let code = this.codes[id]!;
    if (code === 0) {
      const v = this.map.get(lower);
      if (v === undefined) code = -1;
      else code = this.values.push(v);
      this.codes[id] = code;
    }
    return code < 0 ? undefined : this.values[code - 1];
  }
}
