/**
 * Merged events and figure series in the store, on every adapter (SQLite always, PostgreSQL when
 * EVENTWIRE_TEST_PG_URL is set): hand-made articles (independent of the extractors) saved one at
 * a time; the merge happens in each article's own transaction, and a re-save changes nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ArticleRecord } from "../src/core/types.js";
import type { Store } from "../src/store/port.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { PostgresStore } from "../src/store/postgres/index.js";
import { pgTestSchema, pgTestUrl } from "./pg-helpers.js";
import { input, recordA, sp } from "./store.fixture.js";
import { EXACT_POINT } from "../src/store/merged.js";
import { FigureSeriesIndex, MAX_CONTRADICTIONS, type Contradiction } from "../src/resolve/figures.js";

type Ev = ArticleRecord["events"][number];
type Fig = ArticleRecord["figures"][number];

/** An article of one outlet: a first line of its own (so texts differ), then its sentences. */
function article(id: string, outlet: string | null, published: string | null, lines: string[], events: (t: string) => Ev[], figures: (t: string) => Fig[] = () => []) {
  const text = [`${outlet ?? "Unknown"} report ${id}`, ...lines].join("\n");
  const base = recordA();
  const record: ArticleRecord = {
    ...base, id, outlet, published, title: null, persons: [], organizations: [], places: [], quotes: [],
    events: events(text), figures: figures(text),
  };
  return { record, text };
}

const CALL = "Mevlüt Çavuşoğlu spoke by phone with Sergey Lavrov";
const call = (t: string, date: string | null, over: Partial<Ev> = {}): Ev => ({
  type: "CONSULT", mode: "phone", source: { person: "Mevlüt Çavuşoğlu", actor: "TUR" }, target: { person: "Sergey Lavrov", actor: "RUS" },
  date, evidence: CALL, rule: "consult.phone", realis: "asserted", ...over, span: over.span ?? sp(t, CALL),
});
const fled = (t: string, needle: string, value: number, qualifier: Fig["qualifier"], asOf: string | null): Fig => ({
  what: "people who fled Ukraine", value, value_max: null, qualifier, unit: "people", category: "displaced", as_of: asOf,
  attributed_to: "UNHCR", rule: "figure.count", evidence: needle, span: sp(t, needle),
});

const A = article("a", "Reuters", "2022-02-27", [CALL + " on Sunday.", "At least 368,000 people have fled Ukraine."],
  (t) => [call(t, "2022-02-27")], (t) => [fled(t, "At least 368,000 people have fled Ukraine", 368000, "at least", "2022-02-28")]);
// the same call told the other way round, surname unaccented, by another outlet
const B_CALL = "Lavrov spoke by phone with Cavusoglu";
const B = article("b", "AP", "2022-02-27", [B_CALL + " on Sunday.", "More than 500,000 people have fled Ukraine."],
  (t) => [call(t, "2022-02-27", { source: { person: "Sergei Lavrov", actor: "RUS" }, target: { person: "Mevlut Cavusoglu", actor: "TUR" }, evidence: B_CALL, span: sp(t, B_CALL) })],
  (t) => [fled(t, "More than 500,000 people have fled Ukraine", 500000, "more than", "2022-03-01")]);
// an undated mention in an article of the next day: the same call
const C = article("c", "AFP", "2022-02-28", [CALL + ", the ministry said.", "Exactly 100,000 people had fled Ukraine by then."],
  (t) => [call(t, null)], (t) => [fled(t, "Exactly 100,000 people had fled Ukraine", 100001, "exactly", "2022-02-28")]);
// the same two men, a week later: another call
const D = article("d", "Reuters", "2022-03-06", [CALL + " again on Saturday."], (t) => [call(t, "2022-03-05")]);
// one day off, in the same story as A: the same call, the dates disputed
const E = article("e", "Anadolu", "2022-02-28", [CALL + " on Monday."], (t) => [call(t, "2022-02-28")]);
// a planned call is no event
const F = article("f", "TASS", "2022-02-27", [CALL + " soon."], (t) => [call(t, "2022-02-27", { realis: "future" })]);

async function saveAll(store: Store): Promise<void> {
  expect(await store.saveArticle(input(A.record, A.text, "s1"))).toBe("inserted");
  for (const x of [B, C, D]) expect(await store.saveArticle(input(x.record, x.text, null))).toBe("inserted");
  expect(await store.saveArticle(input(E.record, E.text, "s1"))).toBe("inserted");
  expect(await store.saveArticle(input(F.record, F.text, null))).toBe("inserted");
}

interface Ctx {
  store: Store;
  dispose(): Promise<void>;
  /** runs adapter SQL, returns rows */
  sql?: (q: string) => Promise<unknown[]>;
  /** the adapter's migration 9 SQL */
  migration9?: string;
}

function mergedSuite(name: string, open: () => Promise<Ctx>): void {
  describe(`merged events and figure series (${name})`, () => {
    let ctx: Ctx | null = null;
    afterEach(async () => {
      await ctx?.dispose();
      ctx = null;
    });

    it("merges one call told by three outlets, keeps a later call apart, keeps the disputed date", async () => {
      ctx = await open();
      const store = ctx.store;
      await saveAll(store);
      const evs = await store.listMergedEvents({ limit: 100 });
      expect(evs).toHaveLength(2);
      const first = evs.find((e) => e.mentions.some((m) => m.article === "a"))!;
      expect(first.id).toBe("ev:a:0");
      expect(first.type).toBe("CONSULT");
      expect(first.mode).toBe("phone");
      expect(first.mentions.map((m) => m.article).sort()).toEqual(["a", "b", "c", "e"]);
      expect(first.sources).toBe(4);
      expect(first.articles).toBe(4);
      expect(first.date).toBe("2022-02-27");
      expect(first.disputed).toBe(true);
      expect(first.dates).toEqual([{ date: "2022-02-27", mentions: 2, sources: 2 }, { date: "2022-02-28", mentions: 1, sources: 1 }]);
      const later = evs.find((e) => e !== first)!;
      expect(later.mentions.map((m) => m.article)).toEqual(["d"]);
      expect(later.date).toBe("2022-03-05");
      expect(later.sources).toBe(1);
      // the planned call (f) is in no merged event
      expect(evs.flatMap((e) => e.mentions).some((m) => m.article === "f")).toBe(false);
      // every mention's evidence is the exact text of its article
      const texts = new Map([A, B, C, D, E].map((x) => [x.record.id, x.text]));
      for (const m of evs.flatMap((e) => e.mentions)) {
        expect(texts.get(m.article)!.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.text);
        expect(m.outlet).toBe([A, B, C, D, E].find((x) => x.record.id === m.article)!.record.outlet);
      }
      // filters
      expect((await store.listMergedEvents({ min_sources: 2 })).map((e) => e.id)).toEqual([first.id]);
      expect((await store.listMergedEvents({ person: "cavusoglu" })).length).toBe(2);
      expect((await store.listMergedEvents({ person: "Kuleba" })).length).toBe(0);
      expect((await store.listMergedEvents({ type: "assault" })).length).toBe(0);
      expect((await store.listMergedEvents({ from: "2022-03-01" })).map((e) => e.id)).toEqual([later.id]);
      expect((await store.listMergedEvents({ article: "d" })).map((e) => e.id)).toEqual([later.id]);
      expect((await store.listMergedEvents({ story: "s1" })).map((e) => e.id)).toEqual([first.id]);
    });

    it("forms one figure series over as-of dates and flags the contradiction", async () => {
      ctx = await open();
      const store = ctx.store;
      await saveAll(store);
      const series = await store.listFigureSeries({ limit: 100 });
      expect(series).toHaveLength(1);
      const s = series[0]!;
      expect(s.category).toBe("displaced");
      expect(s.points.map((p) => [p.as_of, p.value, p.qualifier, p.sources])).toEqual([
        ["2022-02-28", 100001, "exactly", 2],
        ["2022-03-01", 500000, "more than", 1],
      ]);
      expect(s.contradictions).toHaveLength(1);
      expect(s.contradictions[0]!.as_of).toBe("2022-02-28");
      expect([s.contradictions[0]!.a.value, s.contradictions[0]!.b.value].sort()).toEqual([100001, 368000]);
      expect(s.contradictions[0]!.why).toMatch(/cannot both hold/);
      for (const o of s.points.flatMap((p) => p.observations)) {
        const t = [A, B, C].find((x) => x.record.id === o.article)!.text;
        expect(t.slice(o.evidence.start, o.evidence.end)).toBe(o.evidence.text);
      }
      expect((await store.listFigureSeries({ contradicted: true })).length).toBe(1);
      expect((await store.listFigureSeries({ category: "killed" })).length).toBe(0);
      expect((await store.listFigureSeries({ what: "fled" })).length).toBe(1);
      expect((await store.listFigureSeries({ min_points: 3 })).length).toBe(0);
    });

    it("a point of many observations (past EXACT_POINT) keeps the value, sources and contradictions a full recount gives", async () => {
      ctx = await open();
      const store = ctx.store;
      // 44 reports of one as-of date: mostly compatible counts, a low bound early, a precise high count late,
      // outlets repeating, some reports without outlet (each its own source)
      const outlets = ["Reuters", "AP", "AFP", null, "BBC"];
      const specs: Array<[number, Fig["qualifier"]]> = [];
      for (let i = 0; i < 44; i++) specs.push(i === 3 ? [85000, "up to"] : i === 38 ? [150001, "exactly"] : i === 41 ? [95000, "up to"] : i % 2 ? [100000, "about"] : [80000, "at least"]);
      const reference = new FigureSeriesIndex();
      for (const [i, [value, qualifier]] of specs.entries()) {
        const id = `p${String(i).padStart(2, "0")}`;
        const line = `Some ${value} people have fled Ukraine (${id}).`;
        const x = article(id, outlets[i % outlets.length]!, "2022-03-02", [line], () => [], (t) => [fled(t, line, value, qualifier, "2022-03-01")]);
        expect(await store.saveArticle(input(x.record, x.text, null))).toBe("inserted");
        reference.add({ id, outlet: x.record.outlet, figures: x.record.figures });
      }
      expect(specs.length).toBeGreaterThan(EXACT_POINT);
      const [s] = await store.listFigureSeries({ limit: 10 });
      const [want] = reference.list();
      const p = s!.points[0]!;
      const w = want!.points[0]!;
      expect([p.as_of, p.value, p.qualifier, p.sources, p.observations.length]).toEqual([w.as_of, w.value, w.qualifier, w.sources, w.observations.length]);
      expect(p.value).toBe(150001);
      const pairs = (cs: Contradiction[]) => cs.map((c) => [c.a.article, c.b.article].sort().join("+")).sort();
      expect(want!.contradictions.length).toBeLessThan(MAX_CONTRADICTIONS);
      expect(pairs(s!.contradictions)).toEqual(pairs(want!.contradictions));
      for (const c of s!.contradictions) expect(c.why).toMatch(/cannot both hold on 2022-03-01/);
    });

    it("migration 9's backfill of intervals and best precision gives what the store writes", async () => {
      ctx = await open();
      const store = ctx.store;
      await saveAll(store);
      // more qualifiers and round / non-round values than saveAll has
      const G = article("g", "DW", "2022-03-02", ["Up to 2,000 fled.", "About 70,000 fled.", "Fewer than 900 fled.", "Between 10 and 20 fled.", "Exactly 3,000 fled."], () => [], (t) => [
        fled(t, "Up to 2,000 fled", 2000, "up to", "2022-03-02"), fled(t, "About 70,000 fled", 70000, "about", "2022-03-02"),
        fled(t, "Fewer than 900 fled", 900, "fewer than", "2022-03-02"), { ...fled(t, "Between 10 and 20 fled", 10, "exactly", "2022-03-02"), value_max: 20 },
        fled(t, "Exactly 3,000 fled", 3000, "exactly", "2022-03-03"),
      ]);
      await store.saveArticle(input(G.record, G.text, null));
      const sql = await ctx.sql!;
      const rows = async () => JSON.stringify([
        await sql("SELECT article_id, idx, lo, hi FROM figure_observations ORDER BY article_id, idx"),
        await sql("SELECT series_id, as_of, best_precision FROM figure_points ORDER BY series_id, as_of"),
      ]);
      const written = await rows();
      expect(written).toContain('"hi":null'); // an unbounded interval
      await sql("UPDATE figure_observations SET lo = NULL, hi = NULL");
      await sql("UPDATE figure_points SET best_precision = NULL");
      for (const stmt of ctx.migration9!.split(";").map((x) => x.trim()).filter((x) => x.startsWith("UPDATE"))) await sql(stmt);
      const backfilled = await rows();
      const near = (a: string, b: string) => {
        const x = JSON.parse(a) as Array<Array<Record<string, number | null>>>;
        const y = JSON.parse(b) as typeof x;
        x.forEach((t, i) => t.forEach((r, j) => {
          for (const k of Object.keys(r)) {
            const u = r[k];
            const v = y[i]![j]![k];
            if (typeof u === "number" && typeof v === "number") expect(Math.abs(u - v)).toBeLessThanOrEqual(Math.abs(u) * 1e-12);
            else expect(v).toEqual(u);
          }
        }));
      };
      near(written, backfilled);
    });

    it("a re-save of a stored article changes nothing", async () => {
      ctx = await open();
      const store = ctx.store;
      await saveAll(store);
      const before = JSON.stringify([await store.listMergedEvents({ limit: 100 }), await store.listFigureSeries({ limit: 100 })]);
      for (const x of [A, B, C, D, E]) expect(await store.saveArticle(input(x.record, x.text, null))).toBe("unchanged");
      const after = JSON.stringify([await store.listMergedEvents({ limit: 100 }), await store.listFigureSeries({ limit: 100 })]);
      expect(after).toBe(before);
    });
  });
}

mergedSuite("sqlite", async () => {
  const store = new SqliteStore(":memory:");
  await store.migrate();
  const { sql: migration9 } = await import("../src/store/sqlite/migrations/0009_bounded_merge.js");
  return { store, dispose: () => store.close(), migration9, sql: async (q: string) => (q.startsWith("SELECT") ? store.db.prepare(q).all() : (store.db.prepare(q).run(), [])) };
});

const pgUrl = pgTestUrl();
if (pgUrl) {
  mergedSuite("postgres", async () => {
    const schema = await pgTestSchema(pgUrl, "merged");
    const store = new PostgresStore(schema.url);
    await store.migrate();
    const { sql: migration9 } = await import("../src/store/postgres/migrations/0009_bounded_merge.js");
    return {
      store,
      migration9,
      sql: (q: string) => store.query(q),
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  });
}

describe("merged events of a store filled before migration 8 (sqlite)", () => {
  it("are merged from the stored events and figures when the store is migrated, as if ingested after", async () => {
    const { toRows } = await import("../src/store/rows.js");
    const old = new SqliteStore(":memory:");
    expect(await old.migrate(7)).toBe(7);
    // a version-7 store has no merged tables: save the rows by hand, the way version-7 code did
    const insert = (table: string, row: object) => {
      const cols = Object.keys(row);
      old.db.prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => "@" + c).join(", ")})`).run(row);
    };
    const stories: Record<string, string | null> = { a: "s1", e: "s1" };
    insert("stories", { id: "s1", title: "s1", first_date: null, last_date: null, article_count: 2, created_at: "2022-02-28T00:00:00Z" });
    for (const x of [A, B, C, D, E, F]) {
      const rows = toRows(input(x.record, x.text, stories[x.record.id] ?? null));
      insert("articles", rows.article);
      for (const t of ["events", "figures"] as const) for (const r of rows[t]) insert(t, r);
    }
    expect(await old.listMergedEvents().catch(() => "no table")).toBe("no table");
    await old.migrate();
    const fresh = new SqliteStore(":memory:");
    await fresh.migrate();
    await saveAll(fresh);
    const view = async (s: Store) => JSON.stringify([await s.listMergedEvents({ limit: 100 }), await s.listFigureSeries({ limit: 100 })]);
    const got = await view(old);
    expect(JSON.parse(got)[0]).toHaveLength(2);
    expect(got).toBe(await view(fresh));
    // migrating again merges nothing twice
    await old.migrate();
    expect(await view(old)).toBe(got);
    await old.close();
    await fresh.close();
  });
});

describe("merged events and figure series over the HTTP API", () => {
  it("GET /api/events/merged and /api/figures/series/stored, with filters; bad values are a 400", async () => {
    const { createApp } = await import("../src/api/app.js");
    const store = new SqliteStore(":memory:");
    await store.migrate();
    await saveAll(store);
    const app = createApp({ store, webDir: null });
    const get = async (url: string, status = 200) => {
      const res = await app.request(url);
      expect(res.status, url).toBe(status);
      return res.json() as Promise<unknown>;
    };
    const evs = (await get("/api/events/merged")) as Array<{ id: string; sources: number; mentions: unknown[] }>;
    expect(evs.map((e) => e.id).sort()).toEqual(["ev:a:0", "ev:d:0"]);
    expect(((await get("/api/events/merged?min_sources=2")) as typeof evs).map((e) => [e.id, e.sources])).toEqual([["ev:a:0", 4]]);
    expect(((await get("/api/events/merged?person=Lavrov&from=2022-03-01")) as typeof evs).map((e) => e.id)).toEqual(["ev:d:0"]);
    await get("/api/events/merged?min_sources=zero", 400);
    await get("/api/events/merged?outlet=AP", 400);
    const series = (await get("/api/figures/series/stored?contradicted=1")) as Array<{ points: unknown[]; contradictions: unknown[] }>;
    expect(series).toHaveLength(1);
    expect(series[0]!.points).toHaveLength(2);
    expect(series[0]!.contradictions).toHaveLength(1);
    expect(await get("/api/figures/series/stored?category=killed")).toEqual([]);
    await store.close();
  });
});
