import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleRecord, TextSpan } from "../src/core/types.js";
import type { Store } from "../src/store/port.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { MIGRATIONS } from "../src/store/sqlite/migrations/index.js";
import { getFormat } from "../src/store/export/index.js";
import { csvField } from "../src/store/export/csv.js";
import { input, recordA, recordB, TEXT_A, TEXT_B } from "./store.fixture.js";

let store: SqliteStore;

beforeEach(async () => {
  store = new SqliteStore(":memory:");
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

const tableCount = (t: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
const ALL_TABLES = ["articles", "persons", "organizations", "places", "events", "figures", "quotes", "stories", "articles_fts"];

/** Every span in a record, with where it is. */
function allSpans(r: ArticleRecord): Array<[string, TextSpan]> {
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

describe("migrations", () => {
  it("apply once, record their version, and are idempotent", async () => {
    expect(await store.migrate()).toBe(MIGRATIONS.length);
    const v = store.db.prepare("SELECT version, name FROM schema_version ORDER BY version").all();
    expect(v).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(v.slice(0, 7)).toEqual([
      { version: 1, name: "init" }, { version: 2, name: "person_index" }, { version: 3, name: "resolver_state" }, { version: 4, name: "story_summary" },
      { version: 5, name: "actors" }, { version: 6, name: "actor_facts" }, { version: 7, name: "actor_names" },
    ]);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("0002 backfills the person index from persons stored under 0001", async () => {
    const old = new SqliteStore(":memory:");
    expect(await old.migrate(1)).toBe(1);
    // a 0001 store has no person_index (nor actors): save the rows by hand, the way 0001 code did
    const { toRows } = await import("../src/store/rows.js");
    const insert = (table: string, row: object) => {
      const r = { ...row } as Record<string, unknown>;
      for (const k of ["actor_id", "role_source", "country_source"]) delete r[k];
      const cols = Object.keys(r);
      old.db.prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => "@" + c).join(", ")})`).run(r);
    };
    for (const [rec, text] of [[recordA(), TEXT_A], [recordB(), TEXT_B]] as const) {
      const rows = toRows(input(rec, text));
      insert("articles", rows.article);
      for (const t of ["persons", "organizations", "places", "events", "figures", "quotes"] as const) for (const x of rows[t]) insert(t, x);
    }
    expect(await old.migrate()).toBe(MIGRATIONS.length);
    // 0005 files the stored persons in the actor registry
    expect((await old.listActors()).find((a) => a.key === "mevlut cavusoglu")).toMatchObject({ id: "mevlut-cavusoglu", articles: 2 });
    expect(old.db.prepare("SELECT COUNT(*) AS n FROM persons WHERE actor_id IS NULL").get()).toEqual({ n: 0 });
    const ps = await old.listPersons();
    expect(ps.find((p) => p.key === "mevlut cavusoglu")).toMatchObject({ articles: 2, role: "former Foreign Minister", name: "Mevlut Cavusoglu", first_seen: "2022-02-28" });
    expect(ps).toEqual(await store.listPersons().then(async () => {
      await store.saveArticle(input(recordA(), TEXT_A));
      await store.saveArticle(input(recordB(), TEXT_B));
      return store.listPersons();
    }));
    await old.close();
  });
});

describe("saveArticle round trip", () => {
  it("stores an article and reads back the same record, spans intact", async () => {
    expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("inserted");
    const got = await store.getArticle("art-a");
    expect(got).not.toBeNull();
    expect(got!.text).toBe(TEXT_A);
    expect(got!.record).toEqual({ ...recordA(), story: "s1" });
    expect(got!.article).toMatchObject({ id: "art-a", outlet: "Example Wire", published: "2022-02-28", story: "s1", origin: "art-a.txt", length: TEXT_A.length });
    const spans = allSpans(got!.record);
    expect(spans.length).toBeGreaterThan(10);
    for (const [where, s] of spans) expect(TEXT_A.slice(s.start, s.end), where).toBe(s.text);
  });

  it("round-trips the second fixture (inferred date, groups, no title)", async () => {
    await store.saveArticle(input(recordB(), TEXT_B));
    const got = await store.getArticle("art-b");
    expect(got!.record).toEqual(recordB());
    expect(got!.record.events[1]!.source.group).toBe("Wagner");
    for (const [where, s] of allSpans(got!.record)) expect(TEXT_B.slice(s.start, s.end), where).toBe(s.text);
  });

  it("returns null for an unknown article", async () => {
    expect(await store.getArticle("nope")).toBeNull();
  });

  it("re-saving the same article changes nothing", async () => {
    await store.saveArticle(input(recordA(), TEXT_A, "s1"));
    const before = ALL_TABLES.map(tableCount);
    expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("unchanged");
    expect(ALL_TABLES.map(tableCount)).toEqual(before);
    expect((await store.listStories())[0]!.article_count).toBe(1);
  });

  it("the same text under another id is unchanged; so is another text under a stored id", async () => {
    await store.saveArticle(input(recordA(), TEXT_A, "s1"));
    const before = ALL_TABLES.map(tableCount);
    expect(await store.saveArticle(input({ ...recordA(), id: "other-id" }, TEXT_A, "s2"))).toBe("unchanged");
    expect(await store.saveArticle(input({ ...recordB(), id: "art-a" }, TEXT_B, "s3"))).toBe("unchanged");
    expect(ALL_TABLES.map(tableCount)).toEqual(before);
    expect(await store.findArticle("zzz", "0".repeat(64))).toBeNull();
  });

  it("a failure in the middle of an article leaves nothing of it behind", async () => {
    const bad = recordA();
    // persons and events insert fine, then the figure breaks a NOT NULL constraint
    (bad.figures[0] as { what: string | null }).what = null;
    await expect(store.saveArticle(input(bad, TEXT_A, "s1"))).rejects.toThrow(/NOT NULL/);
    for (const t of ALL_TABLES) expect(tableCount(t), t).toBe(0);
    // the store is still usable and the same article can then be saved
    expect(await store.saveArticle(input(recordA(), TEXT_A, "s1"))).toBe("inserted");
    expect(tableCount("figures")).toBe(1);
  });

  it("refuses a span outside the text, storing nothing", async () => {
    const bad = recordA();
    bad.quotes[0]!.span = { start: 5, end: TEXT_A.length + 3, text: "x" };
    await expect(store.saveArticle(input(bad, TEXT_A))).rejects.toThrow(/outside the article text/);
    expect(tableCount("articles")).toBe(0);
  });

  it("keeps story counts and date range", async () => {
    await store.saveArticle(input(recordA(), TEXT_A, "s1"));
    await store.saveArticle(input(recordB(), TEXT_B, "s1"));
    const s = await store.getStory("s1");
    expect(s).toMatchObject({ id: "s1", title: "Cavusoglu and Lavrov talk by phone", article_count: 2, first_date: "2022-02-28", last_date: "2023-03-10", outlets: 2 });
    expect(s!.summary).toBeNull();
    expect(s!.actors).toEqual([]);
    // the resolver's latest word on the story replaces the stored one
    const c = input({ ...recordB(), id: "art-c", outlet: "Example Wire" }, TEXT_B + " More.", "s1");
    c.story = { ...c.story!, opened: false, title: "Another title", summary: "CONSULT TUR → UKR", actors: ["TUR", "UKR"], names: ["mevlut cavusoglu"] };
    await store.saveArticle(c);
    expect(await store.getStory("s1")).toMatchObject({ title: "Cavusoglu and Lavrov talk by phone", summary: "CONSULT TUR → UKR", actors: ["TUR", "UKR"], names: ["mevlut cavusoglu"], article_count: 3, outlets: 2 });
    expect((await store.listStories())[0]).toMatchObject({ id: "s1", actors: ["TUR", "UKR"] });
    expect(s!.articles.map((a) => a.id).sort()).toEqual(["art-a", "art-b"]);
    expect(await store.getStory("nope")).toBeNull();
  });
});

describe("resolver state", () => {
  it("saves, replaces and reads named state", async () => {
    expect(await store.getState("stories")).toBeNull();
    await store.setState("stories", '{"a":1}');
    await store.setState("stories", '{"a":2}');
    expect(await store.getState("stories")).toBe('{"a":2}');
    expect(await store.getState("actors")).toBeNull();
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

  it("aggregates persons across articles by folded name", async () => {
    const ps = await store.listPersons();
    const cav = ps.find((p) => p.key === "mevlut cavusoglu");
    expect(cav).toMatchObject({ articles: 2, first_seen: "2022-02-28", last_seen: "2023-03-10", role: "former Foreign Minister", country: "TUR" });
    expect(ps[0]!.key).toBe("mevlut cavusoglu"); // most articles first
    expect(ps.filter((p) => p.key.includes("cavusoglu"))).toHaveLength(1);
    expect((await store.listPersons({ story: "s2" })).map((p) => p.key).sort()).toEqual(["dmytro kuleba", "mevlut cavusoglu"]);
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
    const e = (await store.listEvents({ type: "CONSULT", story: "s1" }))[0]!;
    expect(e).toMatchObject({ mode: "phone", source: { person: "Mevlüt Çavuşoğlu", actor: "TUR", group: null }, published: "2022-02-28", story: "s1" });
    expect(TEXT_A.slice(e.span.start, e.span.end)).toBe(e.span.text);
  });

  it("filters figures and quotes", async () => {
    const f = await store.listFigures({ category: "displaced" });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value: 368000, qualifier: "at least", attributed_to: "UN Refugee Agency" });
    expect(TEXT_A.slice(f[0]!.span.start, f[0]!.span.end)).toBe(f[0]!.span.text);
    expect(await store.listFigures({ category: "killed" })).toHaveLength(0);
    expect(await store.listFigures({ what: "FLED" })).toHaveLength(1);
    expect(await store.listFigures({ what: "fled_" })).toHaveLength(0);
    expect(await store.listFigures({ what: "%" })).toHaveLength(0);
    expect(await store.listFigures({ outlet: "Other Daily" })).toHaveLength(0);
    expect((await store.listEvents({ outlet: "Other Daily" })).map((e) => e.article)).toEqual(["art-b", "art-b"]);
    expect((await store.listQuotes({ outlet: "Example Wire" })).length).toBe(2);
    expect((await store.listQuotes({ speaker: "kalin" })).map((q) => q.direct)).toEqual([false]);
    expect((await store.listQuotes({ speaker: "Mevlut Cavusoglu" })).map((q) => q.span.text)).toEqual(["We are ready to help"]);
    expect(await store.listQuotes({ speaker: "Lavrov" })).toHaveLength(0);
    expect((await store.listQuotes({ story: "s2" })).map((q) => q.speaker)).toEqual(["Dmytro Kuleba"]);
  });

  it("lists stories newest first", async () => {
    expect((await store.listStories()).map((s) => [s.id, s.article_count])).toEqual([["s2", 1], ["s1", 1]]);
    expect((await store.listStories({ to: "2022-12-31" })).map((s) => s.id)).toEqual(["s1"]);
  });

  it("exports flat rows of every kind", async () => {
    const rows = async (k: "articles" | "persons" | "events" | "figures" | "quotes") => {
      const out = [];
      for await (const r of store.exportRows(k)) out.push(r);
      return out;
    };
    expect((await rows("articles")).map((r) => r.id)).toEqual(["art-a", "art-b"]);
    expect((await rows("persons")).length).toBe(5);
    const ev = await rows("events");
    expect(ev.length).toBe(3);
    expect(ev[0]).toMatchObject({ article: "art-a", type: "CONSULT", source_person: "Mevlüt Çavuşoğlu", mutual: false, evidence: expect.stringContaining("spoke by phone") });
    for (const r of [...ev, ...(await rows("figures")), ...(await rows("quotes"))]) {
      for (const v of Object.values(r)) expect(v === null || ["string", "number", "boolean"].includes(typeof v)).toBe(true);
    }
  });

  it("exports CSV that quotes commas, quotes and newlines", async () => {
    expect(csvField('say "hi", then\ngo')).toBe('"say ""hi"", then\ngo"');
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
    const csv = (await getFormat("csv"))!;
    let text = "";
    const n = await csv.run(store, "quotes", async (c) => void (text += c));
    expect(n).toBe(3);
    expect(text.split("\r\n")[0]).toBe("article,published,story,idx,speaker,direct,span_start,span_end,text,rule");
    expect(await getFormat("nope")).toBeNull();
  });
});
