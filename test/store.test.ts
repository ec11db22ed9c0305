/**
 * What only the SQLite adapter has. Everything a store must do (round trips, idempotence,
 * transactions, queries, exports, search) is the conformance suite (src/store/conformance.ts),
 * run on every adapter by test/conformance.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

describe("sqlite migrations", () => {
  it("record their names in order and turn foreign keys on", async () => {
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

describe("csv export", () => {
  beforeEach(async () => {
    await store.saveArticle(input(recordA(), TEXT_A, "s1"));
    await store.saveArticle(input(recordB(), TEXT_B, "s2"));
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
