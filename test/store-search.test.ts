import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findHits, foldWithOffsets, parseQuery, snippetAround } from "../src/store/search.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { input, recordA, recordB, TEXT_A, TEXT_B } from "./store.fixture.js";

describe("query parsing and hit finding", () => {
  it("folds terms, keeps phrases and prefixes", () => {
    expect(parseQuery('Çavuşoğlu "foreign  Minister" ukrain*')).toEqual([
      { words: ["cavusoglu"], prefix: false },
      { words: ["foreign", "minister"], prefix: false },
      { words: ["ukrain"], prefix: true },
    ]);
    expect(parseQuery(' "" *** ')).toEqual([]);
  });

  it("maps folded characters back to the original offsets", () => {
    const t = "İbrahim Kalın — Straße";
    const f = foldWithOffsets(t);
    expect(f.folded).toBe("ibrahim kalin strasse");
    expect(f.start.length).toBe(f.folded.length);
  });

  it("finds hits at word boundaries with exact offsets", () => {
    const hits = findHits(TEXT_A, parseQuery("cavusoglu kalin"));
    expect(hits.map((h) => h.text)).toEqual(["Çavuşoğlu", "Çavuşoğlu", "Kalın"]);
    for (const h of hits) expect(TEXT_A.slice(h.start, h.end)).toBe(h.text);
    // not inside a longer word, unless asked for a prefix
    expect(findHits(TEXT_A, parseQuery("ukrain"))).toEqual([]);
    expect(findHits(TEXT_A, parseQuery("ukrain*")).map((h) => h.text)).toEqual(["Ukrainians"]);
    expect(findHits(TEXT_A, parseQuery('"by phone"')).map((h) => h.text)).toEqual(["by phone"]);
  });

  it("splits at apostrophes and dots as the index does", () => {
    const t = "Russia’s army and the U.N. agency; Kyiv's mayor.";
    expect(findHits(t, parseQuery("russia's")).map((h) => h.text)).toEqual(["Russia’s"]);
    expect(findHits(t, parseQuery("U.N.")).map((h) => h.text)).toEqual(["U.N"]);
    expect(findHits(t, parseQuery("kyivs"))).toEqual([]);
  });

  it("cuts a snippet around the first hit, within its line", () => {
    const hits = findHits(TEXT_A, parseQuery("Ankara"));
    const s = snippetAround(TEXT_A, hits, 60);
    expect(TEXT_A.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toContain("Ankara");
    expect(s.text).not.toContain("\n");
    expect(s.text.length).toBeLessThanOrEqual(60);
  });
});

describe("full-text search in the store", () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(":memory:");
    await store.migrate();
    await store.saveArticle(input(recordA(), TEXT_A, "s1"));
    await store.saveArticle(input(recordB(), TEXT_B, "s2"));
  });
  afterAll(() => store.close());

  it("ignores diacritics and case: cavusoglu finds Çavuşoğlu", async () => {
    const hits = await store.search("cavusoglu");
    expect(hits.map((h) => h.article).sort()).toEqual(["art-a", "art-b"]);
    const a = hits.find((h) => h.article === "art-a")!;
    expect(a.hits.map((h) => h.text)).toContain("Çavuşoğlu");
    expect(TEXT_A.slice(a.snippet.start, a.snippet.end)).toBe(a.snippet.text);
    for (const h of a.hits) expect(TEXT_A.slice(h.start, h.end)).toBe(h.text);
  });

  it("folds letters without a decomposition (ı, İ) both ways", async () => {
    expect((await store.search("kalin")).map((h) => h.article)).toEqual(["art-a"]);
    expect((await store.search("KALIN")).map((h) => h.article)).toEqual(["art-a"]);
    expect((await store.search("İbrahim")).map((h) => h.article)).toEqual(["art-a"]);
  });

  it("requires every term (AND), matches titles, phrases and prefixes", async () => {
    expect((await store.search("lavrov kuleba")).length).toBe(0);
    expect((await store.search("kuleba antalya")).map((h) => h.article)).toEqual(["art-b"]);
    expect((await store.search('"phone with russian"')).map((h) => h.article)).toEqual(["art-a"]);
    expect((await store.search('"russian with phone"')).length).toBe(0);
    expect((await store.search("ukrain*")).map((h) => h.article).sort()).toEqual(["art-a", "art-b"]);
    expect((await store.search("talk")).map((h) => h.article)).toEqual(["art-a"]); // in the title only
  });

  it("finds nothing for absent words or an empty query, and tolerates FTS syntax", async () => {
    expect(await store.search("zelensky")).toEqual([]);
    expect(await store.search("  ")).toEqual([]);
    expect(await store.search('AND OR NOT "(" ^ :')).toEqual([]);
  });

  it("matches possessives and dotted initialisms in the index", async () => {
    const t = "Russia’s envoy met the U.N. chief in Geneva.";
    await store.saveArticle(input({ ...recordB(), id: "art-c", persons: [], events: [], quotes: [], places: [], published: "2024-01-01" }, t));
    expect((await store.search("russia's envoy")).map((h) => h.article)).toEqual(["art-c"]);
    expect((await store.search('"u.n. chief"')).map((h) => h.article)).toEqual(["art-c"]);
    expect((await store.search('"u.n. envoy"')).map((h) => h.article)).toEqual([]);
  });

  it("pages results", async () => {
    const all = await store.search("minister");
    expect(all.length).toBe(2);
    expect(await store.search("minister", { limit: 1, offset: 1 })).toEqual([all[1]]);
  });
});
