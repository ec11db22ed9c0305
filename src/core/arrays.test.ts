import { describe, expect, it } from "vitest";
import { grown } from "./arrays.js";

describe("grown", () => {
  it("copies the entries into a larger array of the same type, the new ones 0", () => {
    const a = Int32Array.of(3, -1, 7);
    const b = grown(a, 5);
    expect(b).toBeInstanceOf(Int32Array);
    expect([...b]).toEqual([3, -1, 7, 0, 0]);
    expect(b).not.toBe(a);
    const f = grown(Float64Array.of(0.5), 2);
    expect(f).toBeInstanceOf(Float64Array);
    expect([...f]).toEqual([0.5, 0]);
    const u = grown(Uint8Array.of(255), 3);
    expect(u).toBeInstanceOf(Uint8Array);
    expect([...u]).toEqual([255, 0, 0]);
  });
});
