/**
 * Facts about a word (a few bits) computed once per word id from its text, then read per token
 * from an array: a stage that tests every token of a text (a Set lookup, a char scan) tests each
 * distinct word once. Word ids are those of words.ts; the memo empties itself with the vocabulary.
 */
import { vocabularyEpoch, vocabularySize, wordText } from "./words.js";

/** Set in a stored entry: the bits of the word are known (a word's own bits may all be 0). */
const KNOWN = 0x80;

export class WordBits {
  private bits = new Uint8Array(0);
  private epoch = -1;

  /** `compute(word)` gives the word's bits, at most seven (0 .. 0x7f). */
  constructor(private readonly compute: (word: string) => number) {}

  /** The bits of word `id` (an id of the current vocabulary). */
  of(id: number): number {
    if (id >= this.bits.length || this.epoch !== vocabularyEpoch()) this.fit();
    let b = this.bits[id]!;
    if (b === 0) this.bits[id] = b = (this.compute(wordText(id)) & 0x7f) | KNOWN;
    return b & 0x7f;
  }

  private fit(): void {
    const size = Math.max(1024, vocabularySize() * 2);
    if (this.epoch !== vocabularyEpoch()) {
      this.epoch = vocabularyEpoch();
      this.bits = new Uint8Array(size);
    } else if (this.bits.length < vocabularySize()) {
      const next = new Uint8Array(size);
      next.set(this.bits);
      this.bits = next;
    }
  }
}
