/**
 * A word set with a cheap pre-test: a bit mask of the word lengths per pair of first characters,
 * checked before the hash lookup. Most tokens of a text fail the pre-test, which costs two char
 * reads and an array read, where a Set lookup must hash the token string and compare it with a
 * stored one (the costly part on these token strings, measured). A mask per first character
 * alone let a quarter of the tokens through to the lookup; one per pair of them, a tenth.
 */
export class WordSet {
  private readonly set: Set<string>;
  /** by pairKey: bit n set when a word of length n (31: 31 or more) has that pair of first chars */
  private readonly masks = new Uint32Array(1024);
  /** words whose first character is not ASCII: always looked up */
  private readonly wide: boolean;

  constructor(words: Iterable<string>) {
    this.set = new Set(words);
    let wide = false;
    for (const w of this.set) {
      const c = w.charCodeAt(0);
      if (c >= 128 || w.length === 0) wide = true;
      else this.masks[pairKey(w, c)]! |= 1 << Math.min(31, w.length);
    }
    this.wide = wide;
  }

  has(w: string): boolean {
    const c = w.charCodeAt(0);
    if (c < 128) {
      if (((this.masks[pairKey(w, c)]! >>> Math.min(31, w.length)) & 1) === 0) return false;
    } else if (!this.wide) return false;
    return this.set.has(w);
  }
}

/** The mask slot of a word with first char c (< 128): five bits of each of its first two chars (different pairs may share a slot). */
function pairKey(w: string, c: number): number {
  return ((c & 31) << 5) | (w.length > 1 ? w.charCodeAt(1) & 31 : 0);
}
