import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/shared.js";
import { goldToArticle, goldToRecord, readGold, type GoldArticle } from "./gold.js";

const base: GoldArticle = { id: "g1", text: "Russia attacked Ukraine on Thursday.", published: "2022-02-24", published_inferred: false };

describe("goldToArticle", () => {
  it("passes a metadata publication date", () => {
    expect(goldToArticle({ gold: base, origin: "x" }).published).toBe("2022-02-24");
  });
  it("never passes an inferred date, nor any date with noMetadataDates", () => {
    expect(goldToArticle({ gold: { ...base, published_inferred: true }, origin: "x" }).published).toBeNull();
    expect(goldToArticle({ gold: base, origin: "x" }, { noMetadataDates: true }).published).toBeNull();
  });
  it("keeps the text exactly and has no title", () => {
    const a = goldToArticle({ gold: base, origin: "x" });
    expect(a.text).toBe(base.text);
    expect(a.title).toBeNull();
  });
});

describe("readGold", () => {
  it("reads .json and .jsonl, skips other files, reports malformed lines with their number", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-gold-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify(base));
    writeFileSync(join(dir, "b.jsonl"), `${JSON.stringify({ ...base, id: "g2" })}\n\n${JSON.stringify({ ...base, id: "g3" })}\n`);
    writeFileSync(join(dir, "README.md"), "# not gold");
    const entries = await readGold([dir]);
    expect(entries.map((e) => e.gold.id)).toEqual(["g1", "g2", "g3"]);
    expect(entries[2]!.origin).toBe(`${join(dir, "b.jsonl")}:3`);
    writeFileSync(join(dir, "c.jsonl"), `${JSON.stringify(base)}\n{oops\n`);
    await expect(readGold([dir])).rejects.toThrow(/c\.jsonl:2: malformed JSON/);
  });
  it("rejects an object without text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-gold-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify({ id: "x" }));
    await expect(readGold([dir])).rejects.toThrow(/not a gold article/);
  });
});

describe("goldToRecord", () => {
  it("locates every evidence as a span of the text (dev article)", () => {
    const g = JSON.parse(readFileSync(join(CORPUS, "dev", "mee-antalya-no-progress.json"), "utf8")) as GoldArticle;
    const r = goldToRecord(g);
    expect(r.events.length).toBe(g.events!.length);
    for (const x of [...r.events, ...r.figures, ...r.quotes]) expect(g.text.slice(x.span.start, x.span.end)).toBe(x.span.text);
  });
});
