/** A copy of `a` with room for `len` entries (the new ones 0). */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(a: T, len: number): T {
  const b = new (a.constructor as new (n: number) => T)(len);
  b.set(a);
  return b;
}
