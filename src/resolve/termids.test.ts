import { describe, expect, it } from "vitest";
import { Centroid, compactionFloor, DfTable, IdSlots, TermIds } from "./termids.js";

describe("TermIds", () => {
  it("gives each term one id, and a freed id to the next new term", () => {
    const d = new TermIds();
    const a = d.intern("alpha");
    const b = d.intern("beta");
    expect(d.intern("alpha")).toBe(a);
    expect(a).not.toBe(b);
    expect([d.str(a), d.str(b), d.size, d.capacity]).toEqual(["alpha", "beta", 2, 2]);
    const keep = new Uint8Array(d.capacity);
    keep[b] = 1;
    d.release(keep);
    expect(d.size).toBe(1);
    // "alpha" lost its id: a new term takes it, "alpha" gets a new one
    expect(d.intern("gamma")).toBe(a);
    expect(d.intern("alpha")).toBe(2);
    expect(d.intern("beta")).toBe(b);
    expect(d.capacity).toBe(3);
  });

  it("caches a term's id on the term, not across a release or another table", () => {
    const d = new TermIds();
    const t = { term: "alpha", idOf: null, idEpoch: 0, id: -1 };
    const a = d.internCached(t);
    expect([t.id, d.internCached(t), d.str(a)]).toEqual([a, a, "alpha"]);
    // a release frees "alpha"'s id and "beta" takes it: the cached id is not trusted
    d.release(new Uint8Array(d.capacity));
    expect(d.intern("beta")).toBe(a);
    const again = d.internCached(t);
    expect(again).not.toBe(a);
    expect(d.str(again)).toBe("alpha");
    const other = new TermIds();
    other.intern("x");
    other.intern("y");
    expect(other.internCached(t)).toBe(2);
    expect(d.internCached(t)).toBe(again);
  });
});

describe("Centroid", () => {
  it("keeps ids and weights in insertion order as it grows", () => {
    const c = new Centroid(1);
    for (let i = 0; i < 20; i++) c.push(100 - i, i / 2);
    expect(c.size).toBe(20);
    expect(Array.from(c.ids.subarray(0, 3))).toEqual([100, 99, 98]);
    expect(c.w[19]).toBe(9.5);
  });

  it("makes room for more terms at once, keeping those it has", () => {
    const c = new Centroid(2);
    c.push(7, 0.5);
    c.reserve(40);
    expect(c.ids.length).toBeGreaterThanOrEqual(41);
    const room = c.ids;
    for (let i = 0; i < 40; i++) c.push(i, i);
    // no copy while filling the room
    expect(c.ids).toBe(room);
    expect([c.size, c.ids[0], c.w[0], c.ids[40], c.w[40]]).toEqual([41, 7, 0.5, 39, 39]);
  });
});

describe("Centroid.slot", () => {
  it("finds every term's position as the vector grows, and -1 for a term not in it", () => {
    const c = new Centroid(0);
    const ids = [5, 0, 1 << 20, 3, 77, 12345, 6, 2];
    for (let n = 0; n < 300; n++) ids.push((n * 7919) % 100003);
    const seen = new Set<number>();
    for (const id of ids) {
      if (seen.has(id)) continue;
      expect(c.slot(id)).toBe(-1);
      seen.add(id);
      c.push(id, 1);
      expect(c.slot(id)).toBe(c.size - 1);
    }
    for (let i = 0; i < c.size; i++) expect(c.slot(c.ids[i]!)).toBe(i);
    for (const id of [1, 4, 99999, 1 << 21]) if (!seen.has(id)) expect(c.slot(id)).toBe(-1);
  });

  it("is empty when built, whatever its capacity", () => {
    expect(new Centroid(0).slot(0)).toBe(-1);
    expect(new Centroid(500).slot(7)).toBe(-1);
  });
});

describe("IdSlots", () => {
  it("finds the position of the ids of the last fill only", () => {
    const s = new IdSlots();
    const one = s.fill([5, 2, 9], 3, 10);
    expect([s.slot(5, one), s.slot(2, one), s.slot(9, one), s.slot(3, one), s.slot(50, one)]).toEqual([0, 1, 2, -1, -1]);
    // a fill of the first two only: 9 is not in it
    const two = s.fill([9, 4, 7], 2, 10);
    expect([s.slot(9, two), s.slot(4, two), s.slot(7, two), s.slot(5, two)]).toEqual([0, 1, -1, -1]);
    // the earlier stamp no longer finds anything re-filled
    expect(s.slot(9, one)).toBe(-1);
  });
});

describe("DfTable", () => {
  /** the reference: a Map counted and cut back the same way */
  const counted = (docs: string[][], cap: number) => {
    let m = new Map<string, number>();
    for (const d of docs) {
      for (const t of d) m.set(t, (m.get(t) ?? 0) + 1);
      if (m.size > cap) {
        const min = compactionFloor(m.values(), cap);
        m = new Map([...m].filter(([, c]) => c >= min));
      }
    }
    return [...m];
  };

  it("lists its entries as a Map counted and cut the same way iterates them: a cut entry counted again comes last", () => {
    const docs = [["a", "b", "c"], ["b", "d"], ["e", "b", "a"], ["f"], ["c", "g"], ["h", "b"], ["a", "c"]];
    for (const cap of [3, 4, 6, 100]) {
      const t = new DfTable();
      for (const d of docs) {
        for (const w of d) t.count(t.id(w));
        if (t.size > cap) t.cut(cap, new Uint8Array(t.ids.capacity));
      }
      expect(t.entries()).toEqual(counted(docs, cap));
      expect(t.size).toBe(t.entries().length);
    }
  });

  it("frees the ids of cut entries unless marked, and a loaded table lists its entries in their order", () => {
    const t = new DfTable();
    for (const d of [["a", "b"], ["a", "c"], ["a", "b"], ["d"]]) for (const w of d) t.count(t.id(w));
    const [a, b, c, d] = ["a", "b", "c", "d"].map((w) => t.id(w));
    const keep = new Uint8Array(t.ids.capacity);
    keep[c!] = 1;
    // cap 2 keeps floor(1.5) = 1 entry: "a" (3); "b", "c", "d" are cut, "c" keeps its id
    t.cut(2, keep);
    expect(t.entries()).toEqual([["a", 3]]);
    expect([t.df[b!], t.df[c!], t.df[d!]]).toEqual([0, 0, 0]);
    expect(t.ids.str(c!)).toBe("c");
    expect(t.ids.size).toBe(2);
    expect(t.id("c")).toBe(c);
    // "b" and "d" lost theirs: new keys take them
    expect([t.id("x"), t.id("y")].sort()).toEqual([b, d].sort());
    expect(t.id("a")).toBe(a);
    const u = new DfTable();
    u.load([["q", 2], ["p", 5]]);
    expect(u.entries()).toEqual([["q", 2], ["p", 5]]);
    expect(u.size).toBe(2);
  });
});
