/**
 * A word set with a cheap pre-test: a bit mask of the word lengths per first character, checked
 * before the hash lookup. Most tokens of a text fail the pre-test, which costs two array reads,
 * where a Set lookup must hash the token string first.
 */
export class WordSet {
  private readonly set: Set<string>;
  private readonly masks = new Uint32Array(128);
  /** words whose first character is not ASCII: always looked up */
  private readonly wide: boolean;

  constructor(words: Iterable<string>) {
    this.set = new Set(words);
    let wide = false;
    for (const w of this.set) {
      const c = w.charCodeAt(0);
      if (c >= 128 || w.length === 0) wide = true;
      else this.masks[c]! |= 1 << Math.min(31, w.length);
    }
    this.wide = wide;
  }

  has(w: string): boolean {
    const c = w.charCodeAt(0);
    if (c < 128) {
      if (((this.masks[c]! >>> Math.min(31, w.length)) & 1) === 0) return false;
    } else if (!this.wide) return false;
    return this.set.has(w);
  }
}
