/**
 * The store conformance suite: one set of cases, run against every adapter of the store port
 * (test/conformance.test.ts runs it on SQLite always and on PostgreSQL when
 * EVENTWIRE_TEST_PG_URL is set). The cases are those of the SQLite store tests
 * (test/store.test.ts, test/store-search.test.ts) written against the port only, plus what a
 * shared network store adds: concurrent saves of the same article.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { input, recordA, recordB, TEXT_A, TEXT_B } from "../../test/store.fixture.js";
import type { ArticleRecord, TextSpan } from "../core/types.js";
import type { ExportKind, Store } from "./port.js";
import { MIGRATIONS } from "./sqlite/migrations/index.js";

/** One fresh, empty, migrated store per test, with a way to count a table's rows and to drop it. */
export interface StoreHandle {
  store: Store;
  /** rows in a table (adapter SQL; the port has no such method) */
  rows(table: string): Promise<number>;
  /** a second connection to the same store (for concurrent writers), closed by dispose */
  another(): Promise<Store>;
  /** closes the store and removes what the test created */
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreHandle>;

const ALL_TABLES = [
  "articles", "persons", "organizations", "places", "events", "figures", "quotes", "stories", "articles_fts", "person_index", "resolver_state",
];

/** Every span in a record, with where it is. */
export function allSpans(r: ArticleRecord): Array<[string, TextSpan]> {
  const out: Array<[string, TextSpan]> = [];
  for (const p of r.persons) {
    for (const m of p.mentions) out.push([`person ${p.name}`, m]);
    if (p.role_evidence) out.push(["role", p.role_evidence]);
    if (p.country_evidence) out.push(["country", p.country_evidence]);
  }
  for (const o of r.organizations) for (const m of o.mentions) out.push([`org ${o.name}`, m]);
  for (const p of r.places) for (const m of p.mentions) out.push([`place ${p.name}`, m]);
  for (const e of r.events) out.push([`event ${e.type}`, e.span]);
  for (const f of r.figures) out.push(["figure", f.span]);
  for (const q of r.quotes) out.push(["quote", q.span]);
  if (r.published_evidence) out.push(["published", r.published_evidence]);
  return out;
}

export function storeConformance(name: string, factory: StoreFactory): void {
  describe(`store conformance: ${name}`, () => {
    let h: StoreHandle;
    let store: Store;
    const counts = () => Promise.all(ALL_TABLES.map((t) => h.rows(t)));

    beforeEach(async () => {
      h = await factory();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe("migrations", () => {
      it("apply once, record every version, and are idempotent", async () => {
        const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
        expect(await store.migrate()).toBe(latest);
        expect(await store.migrate()).toBe(latest);
        expect(await h.rows("schema_version")).toBe(MIGRATIONS.length);
      });
    });

    describe("saveArticle round trip", () => {
      it("stores an article and reads back the same record, spans intact", async () => {
        expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("inserted");
        const got = await store.getArticle("art-a");
        expect(got).not.toBeNull();
        expect(got!.text).toBe(TEXT_A);
        expect(got!.record).toEqual({ ...recordA(), story: "s1" });
        expect(got!.article).toMatchObject({ id: "art-a", outlet: "Example Wire", published: "2022-02-28", story: "s1", origin: "art-a.txt", length: TEXT_A.length, published_inferred: false });
        const spans = allSpans(got!.record);
        expect(spans.length).toBeGreaterThan(10);
        for (const [where, s] of spans) expect(TEXT_A.slice(s.start, s.end), where).toBe(s.text);
      });

      it("round-trips the second fixture (inferred date, groups, no title, null coordinates)", async () => {
        await store.saveArticle(input(recordB(), TEXT_B));
        const got = await store.getArticle("art-b");
        expect(got!.record).toEqual(recordB());
        expect(got!.record.events[1]!.source.group).toBe("Wagner");
        expect(got!.record.places[0]!.lat).toBeNull();
        expect(got!.article.published_inferred).toBe(true);
        for (const [where, s] of allSpans(got!.record)) expect(TEXT_B.slice(s.start, s.end), where).toBe(s.text);
      });

      it("keeps exact numbers (coordinates, large figures)", async () => {
        const r = recordA();
        r.places[0]!.lat = 39.933333333333;
        r.figures[0]!.value = 123456789.125;
        await store.saveArticle(input(r, TEXT_A));
        const got = (await store.getArticle("art-a"))!.record;
        expect(got.places[0]!.lat).toBe(39.933333333333);
        expect(got.figures[0]!.value).toBe(123456789.125);
      });

      it("returns null for an unknown article", async () => {
        expect(await store.getArticle("nope")).toBeNull();
      });

      it("re-saving the same article changes nothing", async () => {
        await store.saveArticle(input(recordA(), TEXT_A, "s1"));
        const before = await counts();
        expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("unchanged");
        expect(await counts()).toEqual(before);
        expect((await store.listStories())[0]!.article_count).toBe(1);
        expect((await store.listPersons()).find((p) => p.key === "sergey lavrov")!.articles).toBe(1);
      });

      it("the same text under another id is unchanged; so is another text under a stored id", async () => {
        await store.saveArticle(input(recordA(), TEXT_A, "s1"));
        const before = await counts();
        expect(await store.saveArticle(input({ ...recordA(), id: "other-id" }, TEXT_A, "s2"))).toBe("unchanged");
        expect(await store.saveArticle(input({ ...recordB(), id: "art-a" }, TEXT_B, "s3"))).toBe("unchanged");
        expect(await counts()).toEqual(before);
        expect(await store.listStories()).toHaveLength(1);
        expect(await store.findArticle("zzz", "0".repeat(64))).toBeNull();
        expect(await store.findArticle("art-a", "0".repeat(64))).toBe("art-a");
      });

      it("concurrent saves of one article store it once", async () => {
        const other = await h.another();
        const results = await Promise.all([
          store.saveArticle(input(recordA(), TEXT_A, "s1")),
          other.saveArticle(input(recordA(), TEXT_A, "s1")),
          other.saveArticle(input({ ...recordA(), id: "same-text" }, TEXT_A, "s1")),
          store.saveArticle(input(recordB(), TEXT_B, "s1")),
        ]);
        expect(results.filter((r) => r === "inserted")).toHaveLength(2);
        expect(results[3]).toBe("inserted");
        expect(await h.rows("articles")).toBe(2);
        expect((await store.getStory("s1"))!.article_count).toBe(2);
        expect((await store.listPersons()).find((p) => p.key === "mevlut cavusoglu")!.articles).toBe(2);
      });

      it("a failure in the middle of an article leaves nothing of it behind", async () => {
        const bad = recordA();
        // persons and events insert fine, then the figure breaks a NOT NULL constraint
        (bad.figures[0] as { what: string | null }).what = null;
        await expect(store.saveArticle(input(bad, TEXT_A, "s1"))).rejects.toThrow(/not.?null/i);
        for (const [i, n] of (await counts()).entries()) expect(n, ALL_TABLES[i]).toBe(0);
        expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("inserted");
        expect(await h.rows("figures")).toBe(1);
      });

      it("refuses a span outside the text, storing nothing", async () => {
        const bad = recordA();
        bad.quotes[0]!.span = { start: 5, end: TEXT_A.length + 3, text: "x" };
        await expect(store.saveArticle(input(bad, TEXT_A))).rejects.toThrow(/outside the article text/);
        expect(await h.rows("articles")).toBe(0);
      });

      it("keeps story counts and date range", async () => {
        await store.saveArticle(input(recordA(), TEXT_A, "s1"));
        await store.saveArticle(input(recordB(), TEXT_B, "s1"));
        const s = await store.getStory("s1");
        expect(s).toMatchObject({ id: "s1", title: "Cavusoglu and Lavrov talk by phone", article_count: 2, first_date: "2022-02-28", last_date: "2023-03-10", outlets: 2 });
        expect(s!.summary).toBeNull();
        expect(s!.actors).toEqual([]);
        expect(s!.articles.map((a) => a.id).sort()).toEqual(["art-a", "art-b"]);
        // the resolver's latest word on the story replaces the stored one; the title stays
        const c = input({ ...recordB(), id: "art-c", outlet: "Example Wire" }, TEXT_B + " More.", "s1");
        c.story = { ...c.story!, opened: false, title: "Another title", summary: "CONSULT TUR → UKR", actors: ["TUR", "UKR"], names: ["mevlut cavusoglu"] };
        await store.saveArticle(c);
        expect(await store.getStory("s1")).toMatchObject({ title: "Cavusoglu and Lavrov talk by phone", summary: "CONSULT TUR → UKR", actors: ["TUR", "UKR"], names: ["mevlut cavusoglu"], article_count: 3, outlets: 2 });
        expect((await store.listStories())[0]).toMatchObject({ id: "s1", actors: ["TUR", "UKR"] });
        expect(await store.getStory("nope")).toBeNull();
      });
    });

    describe("queries", () => {
      beforeEach(async () => {
        await store.saveArticle(input(recordA(), TEXT_A, "s1"));
        await store.saveArticle(input(recordB(), TEXT_B, "s2"));
      });

      it("counts", async () => {
        expect(await store.counts()).toEqual({ articles: 2, stories: 2, persons: 4, organizations: 1, places: 2, events: 3, figures: 1, quotes: 3 });
      });

      it("lists articles with filters and pagination", async () => {
        expect((await store.listArticles()).map((a) => a.id)).toEqual(["art-b", "art-a"]); // newest first
        expect((await store.listArticles({ outlet: "Example Wire" })).map((a) => a.id)).toEqual(["art-a"]);
        expect((await store.listArticles({ story: "s2" })).map((a) => a.id)).toEqual(["art-b"]);
        expect((await store.listArticles({ from: "2023-01-01" })).map((a) => a.id)).toEqual(["art-b"]);
        expect((await store.listArticles({ to: "2022-02" })).map((a) => a.id)).toEqual(["art-a"]);
        expect((await store.listArticles({ to: "2022-02-27" })).map((a) => a.id)).toEqual([]);
        expect((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id)).toEqual(["art-a"]);
        expect((await store.listArticles({ limit: 1 }))[0]!.lead).toBe("Cavusoglu meets Kuleba in Antalya");
      });

      it("puts undated articles last and orders ids bytewise", async () => {
        const c = recordB();
        await store.saveArticle(input({ ...c, id: "Zed", published: null }, TEXT_B + "\nZ.", "s3"));
        await store.saveArticle(input({ ...c, id: "alpha", published: null }, TEXT_B + "\nA.", "s3"));
        expect((await store.listArticles()).map((a) => a.id)).toEqual(["art-b", "art-a", "Zed", "alpha"]);
        const exported: string[] = [];
        for await (const r of store.exportRows("articles")) exported.push(String(r.id));
        expect(exported).toEqual(["Zed", "alpha", "art-a", "art-b"]);
      });

      it("aggregates persons across articles by folded name", async () => {
        const ps = await store.listPersons();
        const cav = ps.find((p) => p.key === "mevlut cavusoglu");
        expect(cav).toMatchObject({ articles: 2, first_seen: "2022-02-28", last_seen: "2023-03-10", role: "former Foreign Minister", country: "TUR" });
        expect(ps[0]!.key).toBe("mevlut cavusoglu"); // most articles first
        expect(ps.filter((p) => p.key.includes("cavusoglu"))).toHaveLength(1);
        expect((await store.listPersons({ story: "s2" })).map((p) => p.key).sort()).toEqual(["dmytro kuleba", "mevlut cavusoglu"]);
        const filtered = await store.listPersons({ from: "2022-01-01" });
        expect(filtered.map((p) => [p.key, p.articles])).toEqual(ps.map((p) => [p.key, p.articles]));
        expect(filtered.find((p) => p.key === "mevlut cavusoglu")!.role).toBe("former Foreign Minister");
        expect(await store.listPersons({ outlet: "Nobody's" })).toEqual([]);
      });

      it("gives a person's detail: aliases, roles over time, events, quotes", async () => {
        for (const q of ["cavusoglu", "Çavuşoğlu", "Mevlüt Çavuşoğlu"]) {
          const p = await store.getPerson(q);
          expect(p?.key, q).toBe("mevlut cavusoglu");
        }
        const p = (await store.getPerson("cavusoglu"))!;
        expect(p.roles.map((r) => [r.role, r.first_seen, r.last_seen])).toEqual([
          ["Foreign Minister", "2022-02-28", "2022-02-28"],
          ["former Foreign Minister", "2023-03-10", "2023-03-10"],
        ]);
        expect(p.roles[0]!.evidence).toEqual({ start: TEXT_A.indexOf("Foreign Minister"), end: TEXT_A.indexOf("Foreign Minister") + 16, text: "Foreign Minister" });
        expect(p.aliases).toEqual(expect.arrayContaining(["Çavuşoğlu", "Cavusoglu"]));
        expect(p.events.map((e) => e.type)).toEqual(["CONSULT", "CONSULT"]);
        expect(p.quotes.map((q) => q.span.text)).toEqual(["We are ready to help"]);
        expect(p.appearances.map((a) => a.article)).toEqual(["art-a", "art-b"]);
        expect(p.appearances[0]!.mentions[1]!.text).toBe("Çavuşoğlu");
        expect((await store.getPerson("kalın"))!.key).toBe("ibrahim kalin");
        expect(await store.getPerson("Nobody Known")).toBeNull();
        expect(await store.getPerson("   ")).toBeNull();
      });

      it("filters events by type, actor, group, person, date and story", async () => {
        expect((await store.listEvents()).length).toBe(3);
        expect((await store.listEvents({ type: "consult" })).length).toBe(2);
        expect((await store.listEvents({ type: "AID" })).length).toBe(0);
        expect((await store.listEvents({ actor: "rus" })).map((e) => e.article)).toEqual(["art-a"]);
        expect((await store.listEvents({ actor: "wagner" })).map((e) => e.type)).toEqual(["ASSAULT"]);
        expect((await store.listEvents({ actor: "UKR" })).length).toBe(2);
        expect((await store.listEvents({ person: "Lavrov" })).map((e) => e.article)).toEqual(["art-a"]);
        expect((await store.listEvents({ person: "Çavuşoğlu" })).length).toBe(2);
        expect((await store.listEvents({ person: "Kalın" })).length).toBe(0);
        expect((await store.listEvents({ from: "2023-01-01" })).map((e) => e.date)).toEqual(["2023-03-10", null]); // undated: article date
        expect((await store.listEvents({ to: "2022-12-31" })).map((e) => e.date)).toEqual(["2022-02-27"]);
        expect((await store.listEvents({ story: "s1" })).length).toBe(1);
        expect((await store.listEvents({ article: "art-b", limit: 1, offset: 1 })).map((e) => e.type)).toEqual(["ASSAULT"]);
        const e = (await store.listEvents({ type: "CONSULT", story: "s1" }))[0]!;
        expect(e).toMatchObject({ mode: "phone", mutual: false, source: { person: "Mevlüt Çavuşoğlu", actor: "TUR", group: null }, published: "2022-02-28", story: "s1" });
        expect(TEXT_A.slice(e.span.start, e.span.end)).toBe(e.span.text);
      });

      it("filters figures and quotes", async () => {
        const f = await store.listFigures({ category: "displaced" });
        expect(f).toHaveLength(1);
        expect(f[0]).toMatchObject({ value: 368000, value_max: null, qualifier: "at least", attributed_to: "UN Refugee Agency" });
        expect(TEXT_A.slice(f[0]!.span.start, f[0]!.span.end)).toBe(f[0]!.span.text);
        expect(await store.listFigures({ category: "killed" })).toHaveLength(0);
        expect(await store.listFigures({ from: "2023-01-01" })).toHaveLength(0);
        expect((await store.listQuotes({ speaker: "kalin" })).map((q) => q.direct)).toEqual([false]);
        expect((await store.listQuotes({ speaker: "Mevlut Cavusoglu" })).map((q) => q.span.text)).toEqual(["We are ready to help"]);
        expect(await store.listQuotes({ speaker: "Lavrov" })).toHaveLength(0);
        expect((await store.listQuotes({ story: "s2" })).map((q) => q.speaker)).toEqual(["Dmytro Kuleba"]);
        expect((await store.listQuotes()).map((q) => q.article)).toEqual(["art-b", "art-a", "art-a"]);
      });

      it("lists stories newest first", async () => {
        expect((await store.listStories()).map((s) => [s.id, s.article_count])).toEqual([["s2", 1], ["s1", 1]]);
        expect((await store.listStories({ to: "2022-12-31" })).map((s) => s.id)).toEqual(["s1"]);
        expect((await store.listStories({ from: "2023-01-01" })).map((s) => s.id)).toEqual(["s2"]);
      });

      it("exports flat rows of every kind", async () => {
        const rows = async (k: ExportKind) => {
          const out = [];
          for await (const r of store.exportRows(k)) out.push(r);
          return out;
        };
        expect((await rows("articles")).map((r) => r.id)).toEqual(["art-a", "art-b"]);
        const persons = await rows("persons");
        expect(persons.length).toBe(5);
        expect(persons[0]).toMatchObject({ article: "art-a", idx: 0, key: "mevlut cavusoglu", role_inferred: false });
        const ev = await rows("events");
        expect(ev.length).toBe(3);
        expect(ev[0]).toMatchObject({ article: "art-a", type: "CONSULT", source_person: "Mevlüt Çavuşoğlu", mutual: false, evidence: expect.stringContaining("spoke by phone") });
        for (const r of [...ev, ...(await rows("figures")), ...(await rows("quotes"))]) {
          for (const v of Object.values(r)) expect(v === null || ["string", "number", "boolean"].includes(typeof v)).toBe(true);
        }
        // a consumer that stops early leaves the store usable
        for await (const r of store.exportRows("persons")) {
          expect(r.article).toBe("art-a");
          break;
        }
        expect((await store.counts()).articles).toBe(2);
      });
    });

    describe("resolver state", () => {
      it("is null until set, then the latest value", async () => {
        expect(await store.getState("stories")).toBeNull();
        await store.setState("stories", '{"v":1}');
        await store.setState("stories", '{"v":2,"s":"Çavuşoğlu"}');
        expect(await store.getState("stories")).toBe('{"v":2,"s":"Çavuşoğlu"}');
        expect(await store.getState("other")).toBeNull();
      });
    });

    describe("full-text search", () => {
      beforeEach(async () => {
        await store.saveArticle(input(recordA(), TEXT_A, "s1"));
        await store.saveArticle(input(recordB(), TEXT_B, "s2"));
      });

      it("ignores diacritics and case: cavusoglu finds Çavuşoğlu", async () => {
        const hits = await store.search("cavusoglu");
        expect(hits.map((x) => x.article).sort()).toEqual(["art-a", "art-b"]);
        const a = hits.find((x) => x.article === "art-a")!;
        expect(a.hits.map((x) => x.text)).toContain("Çavuşoğlu");
        expect(TEXT_A.slice(a.snippet.start, a.snippet.end)).toBe(a.snippet.text);
        for (const x of a.hits) expect(TEXT_A.slice(x.start, x.end)).toBe(x.text);
        expect(a.score).toBeGreaterThan(0);
      });

      it("folds letters without a decomposition (ı, İ) both ways", async () => {
        expect((await store.search("kalin")).map((x) => x.article)).toEqual(["art-a"]);
        expect((await store.search("KALIN")).map((x) => x.article)).toEqual(["art-a"]);
        expect((await store.search("İbrahim")).map((x) => x.article)).toEqual(["art-a"]);
      });

      it("requires every term (AND), matches titles, phrases and prefixes", async () => {
        expect((await store.search("lavrov kuleba")).length).toBe(0);
        expect((await store.search("kuleba antalya")).map((x) => x.article)).toEqual(["art-b"]);
        expect((await store.search('"phone with russian"')).map((x) => x.article)).toEqual(["art-a"]);
        expect((await store.search('"russian with phone"')).length).toBe(0);
        expect((await store.search("ukrain*")).map((x) => x.article).sort()).toEqual(["art-a", "art-b"]);
        expect((await store.search("talk")).map((x) => x.article)).toEqual(["art-a"]); // in the title only
        expect((await store.search("368")).map((x) => x.article)).toEqual(["art-a"]);
        expect((await store.search("UN")).map((x) => x.article)).toEqual(["art-a"]);
      });

      it("finds nothing for absent words or an empty query, and tolerates query syntax", async () => {
        expect(await store.search("zelensky")).toEqual([]);
        expect(await store.search("  ")).toEqual([]);
        expect(await store.search('AND OR NOT "(" ^ : & | ! <-> \' \\')).toEqual([]);
      });

      it("ranks a title match first and pages results", async () => {
        const all = await store.search("cavusoglu");
        expect(all.map((x) => x.article)).toEqual(["art-a", "art-b"]); // art-a has it in its title
        const min = await store.search("minister");
        expect(min.length).toBe(2);
        expect(await store.search("minister", { limit: 1, offset: 1 })).toEqual([min[1]]);
      });
    });
  });
}
