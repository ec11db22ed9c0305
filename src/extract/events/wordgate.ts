/**
 * A word gate: a bit per (first two char codes & 127, min(length, 31)) of a set of words. Every word
 * of the set passes; most other words do not, so a scan over tokens skips them without hashing
 * them for a Map lookup. A bitset (64 KB) rather than a byte table keeps the hot part in cache.
 */

/** The gate of `words`. */
export function wordGate(words: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(1 << 14);
  for (const w of words) {
    const i = gateIndex(w);
    bits[i >>> 5]! |= 1 << (i & 31);
  }
  return bits;
}

/** May `w` be one of the gate's words? (false: it is not) */
export function mayHave(bits: Uint32Array, w: string): boolean {
  const i = gateIndex(w);
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

function gateIndex(w: string): number {
  const len = w.length;
  const c0 = len > 0 ? w.charCodeAt(0) & 127 : 0;
  const c1 = len > 1 ? w.charCodeAt(1) & 127 : 0;
  return (((c0 << 7) | c1) << 5) | (len < 31 ? len : 31);
}
