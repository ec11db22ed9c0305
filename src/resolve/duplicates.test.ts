import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NearDuplicateIndex, shingleHashes } from "./duplicates.js";

const fx = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const WIRE = fx("wire.txt");
const EDITED = fx("wire-edited.txt"); // the same copy: dateline added, words changed, last paragraph dropped
const OTHER = fx("other-outlet.txt"); // the same story written by another outlet: not a duplicate

describe("NearDuplicateIndex", () => {
  it("links a lightly edited wire copy to the original", () => {
    const idx = new NearDuplicateIndex();
    expect(idx.add("wire", WIRE)).toBeNull();
    const m = idx.addMatch("edited", EDITED);
    expect(m?.of).toBe("wire");
    expect(m!.similarity).toBeGreaterThan(0.5);
  });

  it("does not link another outlet's report of the same story", () => {
    const idx = new NearDuplicateIndex();
    idx.add("wire", WIRE);
    expect(idx.find(OTHER)).toBeNull();
    expect(idx.add("other", OTHER)).toBeNull();
  });

  it("points every copy of a chain at the group's first text", () => {
    const idx = new NearDuplicateIndex();
    idx.add("wire", WIRE);
    idx.add("edited", EDITED);
    const again = EDITED.replace("told journalists", "said to reporters").replace("heavy artillery", "its heavy guns");
    expect(idx.add("edited-again", again)).toBe("wire");
  });

  it("ignores case, accents and punctuation; skips texts too short to tell", () => {
    expect(shingleHashes("Çavuşoğlu met Lavrov, in Antalya on Thursday.", 5)).toEqual(shingleHashes("cavusoglu MET lavrov in antalya on thursday", 5));
    const idx = new NearDuplicateIndex();
    expect(idx.add("short", "Talks resume on Monday.")).toBeNull();
    expect(idx.size).toBe(0);
  });

  it("serialises and keeps finding duplicates after a restore", () => {
    const idx = new NearDuplicateIndex();
    idx.add("wire", WIRE);
    const restored = NearDuplicateIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON())));
    expect(restored.add("edited", EDITED)).toBe("wire");
    expect(restored.add("other", OTHER)).toBeNull();
  });

  it("on the stream set, finds exactly the one agency copy pair its README names", () => {
    const path = join(import.meta.dirname, "..", "..", "..", "shared", "corpus", "stream", "articles.jsonl");
    const rows = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string });
    const idx = new NearDuplicateIndex();
    const found: string[] = [];
    for (const r of rows) {
      const of = idx.add(r.id, r.text);
      if (of) found.push(`${r.id}->${of}`);
    }
    expect(found).toEqual(["zw-takeover-tnp->zw-takeover-straits"]);
  });
});
