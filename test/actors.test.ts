/**
 * The actor registry: name keys and matching (pure), the registry in the store (SQLite always,
 * PostgreSQL when EVENTWIRE_TEST_PG_URL is set), cross-article inference, the persons/person
 * commands, and re-ingest / reopen behaviour.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  actorKey, editDistance, givenCompatible, inferFromRegistry, lookupKeys, personKeys, planActors, rolesCompatible, sameGiven,
  type ActorCandidate, type RegistryPerson,
} from "../src/resolve/actors.js";
import type { Store } from "../src/store/port.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import {
  input, record, SHARED_SURNAME, SHARED_SURNAME_2, SUDAN_1, SUDAN_2, UKRAINE_1, UKRAINE_2, UKRAINE_3, type A,
} from "./actors.fixture.js";
import { pgTestSchema, pgTestUrl } from "./pg-helpers.js";
import { CORPUS } from "./shared.js";

const person = (name: string, aliases: string[] = [], more: Partial<RegistryPerson> = {}, idx = 0): RegistryPerson => ({
  idx, name, aliases, role: null, country: null, countryStated: false, ...more,
});

/** Files the persons one article at a time, as the store does; returns the actor id of each article person. */
function fileAll(articles: RegistryPerson[][]): { ids: string[][]; registry: Map<string, ActorCandidate> } {
  const registry = new Map<string, ActorCandidate>();
  const names = new Map<string, Map<string, number>>();
  const ids: string[][] = [];
  for (const persons of articles) {
    const keys = lookupKeys(persons);
    const cands = [...registry.values()].filter((c) => c.full.some((f) => keys.full.includes(f)) || c.surnames.some((s) => keys.surnames.includes(s)));
    const plan = planActors(persons, cands);
    for (const w of plan.actors) {
      const c: ActorCandidate = registry.get(w.id) ?? {
        id: w.id, name: w.name, role: null, country: null, country_stated: false, articles: 0, surname_only: w.surname_only,
        ambiguous: w.ambiguous, full: [], surnames: [],
      };
      c.role = w.role ?? c.role;
      if (w.country && (w.country_stated || !c.country_stated)) {
        c.country = w.country;
        c.country_stated ||= w.country_stated;
      }
      c.articles++;
      c.surname_only = w.surname_only;
      // the display name: the most frequent full form, the longer on a tie
      const counts = names.get(w.id) ?? new Map<string, number>();
      for (const n of w.names) counts.set(n, (counts.get(n) ?? 0) + 1);
      names.set(w.id, counts);
      const best = [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0];
      c.name = best ? best[0] : w.name;
      registry.set(w.id, c);
    }
    for (const k of plan.keys) {
      const c = registry.get(k.actor_id)!;
      if (k.kind === "full" && !c.full.includes(k.key)) c.full.push(k.key);
      if (k.kind === "surname" && !c.surnames.includes(k.key)) c.surnames.push(k.key);
    }
    ids.push(persons.map((p) => plan.assign.get(p.idx)!));
  }
  return { ids, registry };
}

describe("name keys", () => {
  it("fold case, diacritics and transliteration variants to one full key", () => {
    expect(actorKey("Mevlüt Çavuşoğlu")).toBe(actorKey("MEVLUT CAVUSOGLU"));
    expect(actorKey("İbrahim Kalın")).toBe(actorKey("Ibrahim Kalin"));
    expect(actorKey("Oleksii Reznikov")).toBe(actorKey("Oleksiy Reznikov"));
    expect(actorKey("Sergei Lavrov")).toBe(actorKey("Sergey Lavrov"));
    expect(actorKey("Volodymyr Zelensky")).toBe(actorKey("Volodymyr Zelenskyy"));
    expect(actorKey("Sergei Lavrov")).not.toBe(actorKey("Sergei Shoigu"));
  });

  it("find the surname (with particles, or family name first) and the given names", () => {
    expect(personKeys("Ursula von der Leyen", ["von der Leyen"])).toMatchObject({ surnames: ["von der leien", "leien"], given: [["ursula"]] });
    expect(personKeys("Xi Jinping", ["Xi"])).toMatchObject({ surnames: expect.arrayContaining(["xi"]), given: [["jinping"]] });
    expect(personKeys("Recep Tayyip Erdoğan", ["Erdoğan"])).toMatchObject({ full: ["recep taiip erdogan"], given: [["recep", "taiip"]] });
    // a bare surname has no full key
    expect(personKeys("Lavrov")).toEqual({ full: [], surnames: ["lavrov"], given: [] });
    expect(personKeys("von der Leyen").full).toEqual([]);
    // another spelling given as an alias is a full key too
    expect(personKeys("Dmytro Kuleba", ["Kuleba", "Dmitry Kuleba"]).full).toEqual(["dmitro kuleba", "dmitri kuleba"]);
  });

  it("compare given names: spelling variants and initials yes, other names and masculine/feminine pairs no", () => {
    expect(sameGiven("dmitro", "dmitri")).toBe(true); // Dmytro / Dmitry
    expect(sameGiven("antoni", "anthoni")).toBe(true); // Antony / Anthony
    expect(sameGiven("j", "joe")).toBe(true);
    expect(sameGiven("ivan", "ivana")).toBe(false);
    expect(sameGiven("mario", "maria")).toBe(false);
    expect(sameGiven("uhuru", "fatuma")).toBe(false);
    expect(sameGiven("sergei", "oleg")).toBe(false);
    expect(givenCompatible(["taiip"], ["recep", "taiip"])).toBe(true);
    expect(givenCompatible(["helga"], ["helga", "maria"])).toBe(true);
    expect(givenCompatible(["anna"], ["helga", "maria"])).toBe(false);
    expect(editDistance("vofe", "vopke")).toBe(2);
    expect(editDistance("abcdef", "uvwxyz")).toBe(3);
  });

  it("roles contradict only when they share no word of an office", () => {
    expect(rolesCompatible("Foreign Minister", "Minister of Foreign Affairs")).toBe(true);
    expect(rolesCompatible("President", "former President")).toBe(true);
    expect(rolesCompatible("President", null)).toBe(true);
    expect(rolesCompatible("President", "Foreign Minister")).toBe(false);
  });
});

describe("matching (pure)", () => {
  it("merges variants: diacritics, transliterations, a longer form, another given-name spelling", () => {
    const { ids, registry } = fileAll([
      [person("Mevlüt Çavuşoğlu", ["Çavuşoğlu"], { country: "TUR", countryStated: true })],
      [person("Mevlut Cavusoglu", ["Cavusoglu"])],
      [person("Sergey Lavrov", ["Lavrov"])],
      [person("Sergei Lavrov")],
      [person("Dmytro Kuleba", ["Kuleba"])],
      [person("Dmitry Kuleba")],
      [person("Tayyip Erdogan", ["Erdogan"])],
      [person("Recep Tayyip Erdoğan", ["Erdoğan"])],
      [person("Volodymyr Zelenskyy")],
      [person("Volodymyr Zelensky", ["Zelensky"])],
    ]);
    expect(ids.map((x) => x[0])).toEqual([
      "mevlut-cavusoglu", "mevlut-cavusoglu", "sergey-lavrov", "sergey-lavrov", "dmytro-kuleba", "dmytro-kuleba",
      "tayyip-erdogan", "tayyip-erdogan", "volodymyr-zelenskyy", "volodymyr-zelenskyy",
    ]);
    expect(registry.size).toBe(5);
    // the fuller form becomes the display name
    expect(registry.get("tayyip-erdogan")!.name).toBe("Recep Tayyip Erdoğan");
  });

  it("keeps two people who share a surname apart (other given names, or another stated country)", () => {
    const { ids, registry } = fileAll([
      [person("Uhuru Kenyatta", ["Kenyatta"], { country: "KEN", countryStated: true })],
      [person("Fatuma Kenyatta", [], { country: "KEN", countryStated: true })],
      [person("Ivan Petrov", [], { country: "RUS", countryStated: true })],
      [person("Ivana Petrov", [], { country: "RUS", countryStated: true })],
      [person("J. Smith", [], { country: "USA", countryStated: true })],
      [person("J. Smith", [], { country: "AUS", countryStated: true, role: "senator" })],
    ]);
    // an exact full name is one person even when a stated country disagrees (an extraction slip)
    expect(ids.map((x) => x[0])).toEqual(["uhuru-kenyatta", "fatuma-kenyatta", "ivan-petrov", "ivana-petrov", "j-smith", "j-smith"]);
    expect(registry.size).toBe(5);
    const more = fileAll([
      [person("John Smith", [], { country: "USA", countryStated: true })],
      [person("Smith", [], { country: "GBR", countryStated: true })],
    ]);
    expect(more.ids.map((x) => x[0])).toEqual(["john-smith", "smith"]);
  });

  it("an actor's inferred country never keeps a stated one apart; a stated one does", () => {
    const { ids } = fileAll([
      [person("Jacinda Ardern", ["Ardern"], { country: "AUS", countryStated: false })], // an inference slip
      [person("Ardern", [], { country: "NZL", countryStated: true })], // joins
      [person("Ardern", [], { country: "FJI", countryStated: true })], // NZL is now stated: apart
    ]);
    expect(ids.map((x) => x[0])).toEqual(["jacinda-ardern", "jacinda-ardern", "ardern"]);
  });

  it("shows the most frequent full form, not a one-off longer one", () => {
    const { registry } = fileAll([
      [person("Donald Trump", ["Trump"])],
      [person("Donald Trump", ["Trump"])],
      [person("Preisdent Donald Trump", ["Trump"])],
    ]);
    expect([...registry.values()].map((c) => [c.id, c.name, c.articles])).toEqual([["donald-trump", "Donald Trump", 3]]);
  });

  it("joins a surname-only person to the one compatible actor with that surname, and only then", () => {
    const { ids, registry } = fileAll([
      [person("Volker Perthes", ["Perthes"], { role: "UN envoy", country: "UN", countryStated: true })],
      [person("Perthes")], // unique: joins
      [person("Perthes", [], { role: "UN special representative" })], // compatible role: joins
      [person("Perthes", [], { role: "goalkeeper" })], // a contradicting role: apart
      [person("Perthes", [], { country: "DEU", countryStated: true })], // a contradicting stated country: apart
      [person("Perthes", [], { country: "DEU", countryStated: false })], // an inferred one does not contradict
    ]);
    expect(ids.map((x) => x[0])).toEqual(["volker-perthes", "volker-perthes", "volker-perthes", "perthes", "perthes", "volker-perthes"]);
    expect(registry.get("perthes")!.surname_only).toBe(true);
  });

  it("does not join a bare surname shared by two named actors", () => {
    const { ids } = fileAll([
      [person("Uhuru Kenyatta", ["Kenyatta"], { role: "President", country: "KEN", countryStated: true })],
      [person("Fatuma Kenyatta", [], { role: "activist", country: "KEN", countryStated: true })],
      [person("Kenyatta")],
      [person("Kenyatta", [], { role: "President" })], // the role tells which one
    ]);
    expect(ids.map((x) => x[0])).toEqual(["uhuru-kenyatta", "fatuma-kenyatta", "kenyatta", "uhuru-kenyatta"]);
  });

  it("a surname-only actor seen first becomes the named actor when the full name comes", () => {
    const { ids, registry } = fileAll([[person("Grandi", [], { role: "High Commissioner" })], [person("Filippo Grandi", ["Grandi"])]]);
    expect(ids.map((x) => x[0])).toEqual(["grandi", "grandi"]);
    expect(registry.get("grandi")).toMatchObject({ name: "Filippo Grandi", surname_only: false });
  });

  it("a given name two letters off joins only with the same stated country and role", () => {
    const base = person("Wopke Hoekstra", ["Hoekstra"], { role: "Foreign Minister", country: "NLD", countryStated: true });
    const same = fileAll([[base], [person("Wophe Hoekstra", [], { role: "Foreign Minister", country: "NLD", countryStated: true })]]);
    expect(same.registry.size).toBe(1);
    const other = fileAll([[base], [person("Wophe Hoekstra", [], { role: "Foreign Minister", country: "BEL", countryStated: true })]]);
    expect(other.registry.size).toBe(2);
    const noRole = fileAll([[base], [person("Wophe Hoekstra", [], { country: "NLD", countryStated: true })]]);
    expect(noRole.registry.size).toBe(2);
  });

  it("within one article, a bare surname joins the article's full name", () => {
    const { ids } = fileAll([[person("Abiy Ahmed", ["Abiy"], {}, 0), person("Abiy", [], {}, 1)]]);
    expect(ids[0]).toEqual(["abiy-ahmed", "abiy-ahmed"]);
  });
});

// ---------------------------------------------------------------- the registry in a store

interface Handle {
  store: Store;
  reopen(): Promise<Store>;
  count(table: string): Promise<number>;
  /** runs adapter SQL (statements separated by ;) */
  exec(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

const adapters: Array<[string, () => Promise<Handle>]> = [[
  "sqlite",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventwire-actors-"));
    const path = join(dir, "s.db");
    const opened: SqliteStore[] = [];
    const open = async () => {
      const s = new SqliteStore(path);
      await s.migrate();
      opened.push(s);
      return s;
    };
    const store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        return open();
      },
      count: async (t) => (opened[opened.length - 1]!.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
      exec: async (sql) => void opened[opened.length - 1]!.db.exec(sql),
      dispose: async () => {
        for (const s of opened) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
]];
const PG = pgTestUrl();
if (PG) {
  const { PostgresStore } = await import("../src/store/postgres/index.js");
  const schemas: Array<{ drop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const s of schemas) await s.drop();
  });
  adapters.push(["postgres", async () => {
    const schema = await pgTestSchema(PG, "actors");
    schemas.push(schema);
    const opened: InstanceType<typeof PostgresStore>[] = [];
    const open = async () => {
      const s = new PostgresStore(schema.url);
      await s.migrate();
      opened.push(s);
      return s;
    };
    const store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        return open();
      },
      count: async (t) => (await opened[opened.length - 1]!.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t}`))[0]!.n,
      exec: async (sql) => {
        for (const q of sql.split(";").filter((x) => x.trim())) await opened[opened.length - 1]!.query(q);
      },
      dispose: async () => {
        for (const s of opened) await s.close();
      },
    };
  }]);
}

describe.each(adapters)("registry in the %s store", (_name, factory) => {
  let h: Handle;
  let store: Store;
  const save = async (...as: A[]) => {
    for (const a of as) await store.saveArticle(input(a));
  };
  beforeEach(async () => {
    h = await factory();
    store = h.store;
  });
  afterEach(async () => {
    await h.dispose();
  });

  it("files every article person under one actor per real person", async () => {
    await save(UKRAINE_1, UKRAINE_2, SUDAN_1, SUDAN_2, SHARED_SURNAME);
    const list = await store.listActors({ limit: 100 });
    expect(list.map((a) => [a.id, a.articles]).sort()).toEqual([
      ["abdel-fattah-al-burhan", 2], ["abiy-ahmed", 1], ["ahmed-shide", 1], ["oleksii-reznikov", 2], ["uhuru-kenyatta", 1], ["volker-perthes", 2],
    ]);
    const rez = list.find((a) => a.id === "oleksii-reznikov")!;
    expect(rez).toMatchObject({ name: "Oleksii Reznikov", key: "oleksii reznikov", role: "defence chief", country: "UKR", first_seen: "2021-11-03", last_seen: "2021-11-20" });
    // filtered listings count the matching articles only
    expect((await store.listActors({ from: "2021-11-10", to: "2021-11-30" })).map((a) => [a.id, a.articles]).sort()).toEqual([
      ["abiy-ahmed", 1], ["ahmed-shide", 1], ["oleksii-reznikov", 1], ["uhuru-kenyatta", 1],
    ]);
    expect(await store.listActors({ outlet: "Nobody" })).toEqual([]);
  });

  it("shows the most frequent full form as the name; a stated country wins over an inferred one", async () => {
    const t1 = "President Donald Trump spoke. Trump left.";
    const a = (id: string, published: string, text: string, name: string, country: string, stated: boolean): A => ({
      id, published, text, persons: [{ name, aliases: ["Trump"], country, ...(stated ? { countryWord: "President" } : {}) }],
    });
    await save(
      a("t1", "2020-01-01", t1, "Donald Trump", "USA", true),
      a("t2", "2020-01-02", "Preisdent Donald Trump said. " + t1, "Preisdent Donald Trump", "USA", true),
      a("t3", "2020-01-03", "Donald Trump met Kim. " + t1, "Donald Trump", "PRK", false),
    );
    const list = await store.listActors();
    expect(list.map((x) => [x.id, x.name, x.country, x.articles])).toEqual([["donald-trump", "Donald Trump", "USA", 3]]);
    expect((await store.getActor("Preisdent Donald Trump"))!.aliases).toContain("Preisdent Donald Trump");
  });

  it("finds an actor by any variant, accent- and case-insensitive, with roles over time and evidence", async () => {
    await save(UKRAINE_1, UKRAINE_2, UKRAINE_3);
    for (const q of ["Oleksiy Reznikov", "OLEKSII REZNIKOV", "reznikov", "Oleksij Reznikov"]) {
      expect((await store.getActor(q))?.id, q).toBe("oleksii-reznikov");
    }
    const p = (await store.getActor("Reznikov"))!;
    expect(p.aliases).toEqual(expect.arrayContaining(["Oleksiy Reznikov", "Reznikov"]));
    expect(p.roles.map((r) => [r.role, r.first_seen, r.last_seen, r.articles])).toEqual([
      ["Defence Minister", "2021-11-03", "2021-11-03", ["ua-1"]],
      ["defence chief", "2021-11-20", "2021-11-20", ["ua-2"]],
      ["ambassador", "2023-09-10", "2023-09-10", ["ua-3"]],
    ]);
    expect(p.roles[0]!.evidence).toEqual({ ...record(UKRAINE_1).persons[0]!.role_evidence!, text: "Defence Minister" });
    expect(p.roles[0]!.evidence_article).toBe("ua-1");
    expect(UKRAINE_1.text.slice(p.roles[0]!.evidence!.start, p.roles[0]!.evidence!.end)).toBe("Defence Minister");
    expect(p).toMatchObject({ articles: 3, first_seen: "2021-11-03", last_seen: "2023-09-10", role: "ambassador" });
    expect(await store.getActor("Nobody Known")).toBeNull();
    expect(await store.getActor("  ")).toBeNull();
  });

  it("shows the events and quotes whose person side or speaker is one of the actor's names", async () => {
    await save(SUDAN_1, SUDAN_2, SHARED_SURNAME, SHARED_SURNAME_2);
    const b = (await store.getActor("Abdel Fattah al-Burhan"))!;
    expect(b.events.map((e) => e.span.text)).toEqual(["Abdel Fattah al-Burhan met UN envoy Volker Perthes"]);
    expect(b.quotes.map((q) => [q.speaker, q.span.text])).toEqual([["Burhan", "the talks were useful"]]);
    expect((await store.getActor("Perthes"))!.events).toHaveLength(1);
    // an event of a bare "Kenyatta" (not resolvable to one of the two) belongs to neither named actor
    expect((await store.getActor("Uhuru Kenyatta"))!.events).toEqual([]);
    expect((await store.getActor("Fatuma Kenyatta"))!.events).toEqual([]);
    expect((await store.getActor("Fatuma Kenyatta"))!.id).toBe("fatuma-kenyatta");
  });

  it("re-saving an article changes nothing, and the registry survives reopening the store", async () => {
    await save(UKRAINE_1, SUDAN_1);
    const tables = ["actors", "actor_keys", "persons"];
    const before = await Promise.all(tables.map((t) => h.count(t)));
    const list = await store.listActors();
    expect(await store.saveArticle(input(UKRAINE_1))).toBe("unchanged");
    expect(await Promise.all(tables.map((t) => h.count(t)))).toEqual(before);
    expect(await store.listActors()).toEqual(list);
    store = await h.reopen();
    expect(await store.listActors()).toEqual(list);
    await save(UKRAINE_2);
    expect((await store.getActor("Oleksiy Reznikov"))!).toMatchObject({ id: "oleksii-reznikov", articles: 2 });
    expect(await h.count("actors")).toBe(before[0]);
  });

  it("opening a store files the persons stored before the registry existed (or left unfiled)", async () => {
    await save(UKRAINE_1, UKRAINE_2, SUDAN_1, SUDAN_2);
    const list = await store.listActors({ limit: 100 });
    const facts = await h.count("actor_facts");
    expect(facts).toBe(5); // every person with a stated role or country (Burhan in sudan-2 has none)
    // as a store written before migration 5 looks once migrated: persons without actors, an empty registry
    await h.exec(`UPDATE persons SET actor_id = NULL; DELETE FROM actor_names; DELETE FROM actor_facts; DELETE FROM actor_keys; DELETE FROM actors`);
    expect(await store.listActors()).toEqual([]);
    await store.migrate();
    expect(await store.listActors({ limit: 100 })).toEqual(list);
    expect(await h.count("actor_facts")).toBe(facts);
    expect((await store.getActor("Oleksiy Reznikov"))!.articles).toBe(2);
    // nothing left to file: opening again changes nothing
    await store.migrate();
    expect(await store.listActors({ limit: 100 })).toEqual(list);
  });

  it("infers a missing role and country from a nearby article that states them (rule registry, other article's evidence)", async () => {
    await save(SUDAN_1);
    const r = record(SUDAN_2);
    expect(r.persons[1]).toMatchObject({ name: "Abdel-Fattah Burhan", role: null, country: null });
    expect(await inferFromRegistry(store, r)).toBe(2);
    const p = r.persons[1]!;
    expect(p).toMatchObject({ role: "army chief", role_inferred: true, country: "SDN", country_inferred: true, role_evidence: null });
    expect(p.role_source).toMatchObject({ rule: "registry", article: "sudan-1", published: "2023-05-02" });
    const ev = p.role_source!.evidence!;
    expect(SUDAN_1.text.slice(ev.start, ev.end)).toBe("army chief");
    expect(SUDAN_1.text.slice(p.country_source!.evidence!.start, p.country_source!.evidence!.end)).toBe("Sudanese");
    // what the text states is kept
    expect(r.persons[0]).toMatchObject({ role: "UN special representative", role_inferred: false });
    // saved and read back: the inferred values and their source survive, and do not become a new role period
    await store.saveArticle({ ...input(SUDAN_2), record: r });
    const got = (await store.getArticle("sudan-2"))!.record.persons[1]!;
    expect(got.role_source).toEqual(p.role_source);
    expect((await store.getActor("Burhan"))!.roles.map((x) => x.role)).toEqual(["army chief"]);
  });

  it("actorFacts gives the nearest stated role and country each way (earlier on a tie, then the first article), however many facts", async () => {
    // many stated roles of one actor over April, three on the same day, one country-only fact, one role after
    const facts: A[] = [];
    for (let d = 1; d <= 19; d++) facts.push({ id: `apr-${String(d).padStart(2, "0")}`, published: `2023-04-${String(d).padStart(2, "0")}`, text: `General Ahmed Kassala spoke (${d}).`, persons: [{ name: "Ahmed Kassala", role: "General" }] });
    for (const id of ["k3", "k1", "k2"]) facts.push({ id, published: "2023-04-20", text: `Army commander Ahmed Kassala spoke (${id}).`, persons: [{ name: "Ahmed Kassala", role: "Army commander" }] });
    facts.push({ id: "c1", published: "2023-05-02", text: "Sudanese Ahmed Kassala spoke.", persons: [{ name: "Ahmed Kassala", country: "SDN", countryWord: "Sudanese" }] });
    facts.push({ id: "m1", published: "2023-05-08", text: "Defence minister Ahmed Kassala spoke.", persons: [{ name: "Ahmed Kassala", role: "Defence minister" }] });
    await save(...facts);
    const id = (await store.getActor("Ahmed Kassala"))!.id;
    const pick = async (around: string, days = 60) =>
      (await store.actorFacts([id], around, days)).map((f) => [f.role_stated ? "role" : "country", f.article, f.role ?? f.country]).sort();
    // 2023-05-04: the role of 05-08 (4 days) beats 04-20 (14 days); the country of 05-02
    expect(await pick("2023-05-04")).toEqual([["country", "c1", "SDN"], ["role", "m1", "Defence minister"]]);
    // 2023-04-29: 04-20 and 05-08 are both 9 days away: the earlier wins, and of its three articles the first by id
    expect(await pick("2023-04-29")).toEqual([["country", "c1", "SDN"], ["role", "k1", "Army commander"]]);
    // 2023-04-10: its own day's fact
    expect(await pick("2023-04-10")).toEqual([["country", "c1", "SDN"], ["role", "apr-10", "General"]]);
    // outside the window nothing; a window that reaches only the April facts
    expect(await pick("2023-08-30", 30)).toEqual([]);
    expect(await pick("2023-03-20", 12)).toEqual([["role", "apr-01", "General"]]);
  });

  it("infers nothing from an article too far away in time, for an undated article, or for an unknown person", async () => {
    await save(SUDAN_1);
    const far = record({ ...SUDAN_2, id: "far", published: "2023-09-30" });
    expect(await inferFromRegistry(store, far)).toBe(0);
    expect(far.persons[1]!.role).toBeNull();
    expect(await inferFromRegistry(store, far, { days: 180 })).toBe(2);
    const undated = record({ ...SUDAN_2, id: "undated", published: null });
    expect(await inferFromRegistry(store, undated)).toBe(0);
    const stranger = record({ id: "x", published: "2023-05-03", text: "Hamdan Dagalo spoke.", persons: [{ name: "Hamdan Dagalo" }] });
    expect(await inferFromRegistry(store, stranger)).toBe(0);
    // a bare surname shared by two named actors is not filled
    await save(SHARED_SURNAME);
    await store.saveArticle(input({ id: "fk", published: "2021-11-26", text: "Activist Fatuma Kenyatta spoke.", persons: [{ name: "Fatuma Kenyatta", role: "Activist" }] }));
    const bare = record({ id: "bare", published: "2021-11-27", text: "Kenyatta spoke.", persons: [{ name: "Kenyatta" }] });
    expect(await inferFromRegistry(store, bare)).toBe(0);
  });
});

// ---------------------------------------------------------------- commands and ingest

type Command = { run(a: string[]): Promise<number>; summary: string };
async function cli(mod: Command, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { code: await mod.run(argv), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("persons and person commands", () => {
  let dir: string;
  let db: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "eventwire-actors-cli-"));
    db = join(dir, "c.db");
    const s = new SqliteStore(db);
    await s.migrate();
    for (const a of [UKRAINE_1, UKRAINE_2, UKRAINE_3, SUDAN_1, SUDAN_2]) await s.saveArticle(input(a));
    await s.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("persons lists each real person once with role, country, articles and first/last seen", async () => {
    const persons = (await import("../src/cli/persons.js")) as Command;
    const r = await cli(persons, "--db", db);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => /Reznikov/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Oleksii Reznikov\s+ambassador\s+UKR\s+3\s+2021-11-03\s+2023-09-10/);
    expect(r.stdout).not.toMatch(/Oleksiy/);
    const j = await cli(persons, "--db", db, "--json");
    const rows = JSON.parse(j.stdout) as Array<{ id: string; articles: number }>;
    expect(rows.find((x) => x.id === "oleksii-reznikov")!.articles).toBe(3);
    expect(rows).toHaveLength(3);
  });

  it("person shows aliases, roles over time with articles and evidence, events and quotes; --json; unknown name fails", async () => {
    const person = (await import("../src/cli/person.js")) as Command;
    const r = await cli(person, "oleksiy", "reznikov", "--db", db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Oleksii Reznikov {2}\(also: .*Oleksiy Reznikov/);
    expect(r.stdout).toMatch(/Defence Minister\s+UKR\s+2021-11-03\s+2021-11-03\s+ua-1\s+“Defence Minister” \[ua-1\]/);
    expect(r.stdout).toMatch(/ambassador\s+UKR\s+2023-09-10/);
    const b = await cli(person, "burhan", "--db", db);
    expect(b.stdout).toMatch(/events[\s\S]*CONSULT[\s\S]*quotes[\s\S]*the talks were useful/);
    const j = JSON.parse((await cli(person, "Çavuşoğlu", "--db", db)).stdout || "null");
    expect(j).toBeNull();
    const k = await cli(person, "Perthes", "--db", db, "--json");
    expect(JSON.parse(k.stdout)).toMatchObject({ id: "volker-perthes", name: "Volker Perthes", articles: 2 });
    const none = await cli(person, "Nobody", "--db", db);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no person "Nobody"/);
  });
});

describe("ingest", () => {
  it("re-ingesting the seed articles changes nothing in the registry", async () => {
    const { ingestPaths } = await import("../src/service.js");
    const dir = mkdtempSync(join(tmpdir(), "eventwire-actors-ingest-"));
    const s = new SqliteStore(join(dir, "i.db"));
    await s.migrate();
    try {
      const seeds = join(CORPUS, "seeds");
      const first = await ingestPaths(s, [seeds]);
      expect(first.inserted).toBeGreaterThan(0);
      const snapshot = async () => [await s.listActors({ limit: 1000 }), s.db.prepare("SELECT COUNT(*) AS n FROM actor_keys").get()];
      const before = await snapshot();
      const again = await ingestPaths(s, [seeds]);
      expect(again.inserted).toBe(0);
      expect(await snapshot()).toEqual(before);
      // every stored person has an actor
      expect(s.db.prepare("SELECT COUNT(*) AS n FROM persons WHERE actor_id IS NULL").get()).toEqual({ n: 0 });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
