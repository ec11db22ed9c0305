import { describe, expect, it } from "vitest";
import { WordBits } from "./wordbits.js";
import { wordId } from "./words.js";

describe("WordBits", () => {
  it("gives compute's bits for each word, computing each word once", () => {
    const seen: string[] = [];
    const memo = new WordBits((w) => {
      seen.push(w);
      return w === "zero-bits" ? 0 : (w.length & 3) | 4;
    });
    const a = wordId("alpha", 0, 5);
    const z = wordId("zero-bits", 0, 9);
    expect(memo.of(a)).toBe((5 & 3) | 4);
    expect(memo.of(a)).toBe((5 & 3) | 4);
    // a word whose bits are all 0 is remembered too
    expect(memo.of(z)).toBe(0);
    expect(memo.of(z)).toBe(0);
    expect(seen).toEqual(["alpha", "zero-bits"]);
  });

  it("keeps up with ids given after its first use, and keeps at most seven bits", () => {
    const memo = new WordBits((w) => (w.startsWith("wb-") ? 0xff : 1));
    expect(memo.of(wordId("wb-first", 0, 8))).toBe(0x7f);
    const ids: number[] = [];
    for (let k = 0; k < 5000; k++) ids.push(wordId(`wb-new-${k}`, 0, `wb-new-${k}`.length));
    for (const id of ids) expect(memo.of(id)).toBe(0x7f);
    expect(memo.of(wordId("plain", 0, 5))).toBe(1);
  });
});
