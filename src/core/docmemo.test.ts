import { describe, expect, it } from "vitest";
import { newDoc } from "../analyze.js";
import { DocMemo } from "./docmemo.js";

const doc = (id: string) => newDoc({ id, text: id, title: null, url: null, outlet: null, published: null, origin: id });

describe("DocMemo", () => {
  it("keeps a value by doc and key for the last `size` docs", () => {
    const m = new DocMemo<string>(3);
    const [a, b, c, d] = [doc("a"), doc("b"), doc("c"), doc("d")];
    m.set(a, 1, "A");
    m.set(b, 1, "B");
    expect(m.get(a, 1)).toBe("A");
    expect(m.get(b, 1)).toBe("B");
    // another key of the same doc is another value
    expect(m.get(a, 2)).toBeUndefined();
    m.set(c, 1, "C");
    m.set(d, 1, "D");
    // a was the oldest: gone
    expect(m.get(a, 1)).toBeUndefined();
    expect([m.get(b, 1), m.get(c, 1), m.get(d, 1)]).toEqual(["B", "C", "D"]);
  });

  it("lets go of every doc on releaseAll", () => {
    const m = new DocMemo<string>(4);
    const a = doc("a");
    m.set(a, 1, "A");
    DocMemo.releaseAll();
    expect(m.get(a, 1)).toBeUndefined();
  });
});
