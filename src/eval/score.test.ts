import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/shared.js";
import type { ArticleRecord } from "../core/types.js";
import { goldToRecord, type GoldArticle } from "./gold.js";
import { maxMatch, prf, scoreArticle, scoreRun, scoreStories } from "./score.js";

const TEXT =
  "Turkish Foreign Minister Mevlüt Çavuşoğlu spoke by phone with Sergei Lavrov on Saturday. " +
  "Russia attacked Ukraine. \"We are ready to help both sides,\" Cavusoglu said. " +
  "At least 368,000 people have fled, the UN Refugee Agency said.";

function gold(over: Partial<GoldArticle> = {}): GoldArticle {
  return {
    id: "a1",
    published: "2022-02-26",
    published_inferred: false,
    text: TEXT,
    story: "s1",
    persons: [
      { name: "Mevlüt Çavuşoğlu", aliases: ["Çavuşoğlu", "Cavusoglu"], country: "TUR", role: "Minister of Foreign Affairs" },
      { name: "Sergei Lavrov", aliases: ["Lavrov"], country: "RUS", role: "Foreign Minister" },
      { name: "Jane Doe", aliases: [], country: null, role: "Reuters reporter (byline)" },
    ],
    organizations: [{ name: "UN Refugee Agency", aliases: ["UNHCR"] }],
    events: [
      { type: "CONSULT", mode: "phone", source: { person: "Mevlüt Çavuşoğlu", actor: "TUR" }, target: { person: "Sergei Lavrov", actor: "RUS" }, date: "2022-02-26", evidence: "spoke by phone with Sergei Lavrov" },
      { type: "ASSAULT", source: { person: null, actor: "RUS" }, target: { person: null, actor: "UKR" }, date: "2022-02-24", evidence: "Russia attacked Ukraine" },
    ],
    figures: [{ what: "people who fled", value: 368000, qualifier: "at least", unit: "people", category: "displaced", as_of: "2022-02-26", attributed_to: "UN Refugee Agency", evidence: "At least 368,000 people have fled" }],
    quotes: [{ speaker: "Mevlüt Çavuşoğlu", direct: true, text: "We are ready to help both sides" }],
    ...over,
  };
}

/** A prediction built from the gold, then edited by the test. */
function pred(edit: (r: ArticleRecord) => void = () => {}): ArticleRecord {
  const r = goldToRecord(gold());
  edit(r);
  return r;
}

describe("prf and maxMatch", () => {
  it("computes P/R/F1 with the empty conventions", () => {
    expect(prf(1, 2, 4)).toMatchObject({ p: 0.5, r: 0.25 });
    expect(prf(1, 2, 4).f1).toBeCloseTo(1 / 3);
    expect(prf(0, 0, 0)).toMatchObject({ p: 1, r: 1, f1: 1 });
    expect(prf(0, 0, 3)).toMatchObject({ p: 0, r: 0, f1: 0 });
  });
  it("finds a maximum matching where greedy would fail", () => {
    // gold 0 can take pred 0 or 1; gold 1 only pred 0: greedy (0→0) leaves gold 1 unmatched
    const ok = (i: number, j: number) => (i === 0 ? true : j === 0);
    expect(maxMatch(2, 2, ok)).toHaveLength(2);
  });
});

describe("scoreArticle", () => {
  it("perfect prediction scores 1.0 everywhere", () => {
    const r = scoreRun([gold()], [pred()]);
    for (const m of [r.persons, r.events, r.eventsNoDate, r.consult, r.figures, r.quotes]) expect(m.f1).toBe(1);
    expect(r.persons.role.acc).toBe(1);
    expect(r.eventDate.acc).toBe(1);
    expect(r.consultMode.acc).toBe(1);
    expect(r.published.acc).toBe(1);
  });

  it("an empty prediction scores 0 recall and lists misses", () => {
    const a = scoreArticle(pred((r) => { r.persons = []; r.events = []; r.figures = []; r.quotes = []; }), gold());
    expect(a.persons.tp).toBe(0);
    expect(a.events.tp).toBe(0);
    expect(a.misses.some((m) => m.startsWith("event: CONSULT"))).toBe(true);
  });

  it("persons match across diacritics and aliases, one-to-one; roles compared canonically", () => {
    const a = scoreArticle(pred((r) => {
      r.persons = [
        { name: "Mevlut Cavusoglu", aliases: [], role: "Turkish Foreign Minister", country: "TUR", mentions: [] },
        { name: "Lavrov", aliases: [], role: "Defense Minister", country: "RUS", mentions: [] },
        { name: "Cavusoglu", aliases: [], role: null, country: null, mentions: [] }, // duplicate: no second match
      ];
    }), gold());
    expect(a.persons).toMatchObject({ tp: 2, pred: 3, gold: 3, roleOk: 1, countryOk: 2 });
    // without bylines: the byline gold person is out of the count
    expect(a.personsNoByline).toMatchObject({ tp: 2, pred: 3, gold: 2 });
  });

  it("a predicted byline person counts in neither direction without bylines", () => {
    const a = scoreArticle(pred(), gold());
    expect(a.persons).toMatchObject({ tp: 3, pred: 3, gold: 3 });
    expect(a.personsNoByline).toMatchObject({ tp: 2, pred: 2, gold: 2 });
  });

  it("symmetric CONSULT matches with sides swapped; asymmetric ASSAULT does not", () => {
    const a = scoreArticle(pred((r) => {
      for (const e of r.events) [e.source, e.target] = [e.target, e.source];
    }), gold());
    expect(a.events.tp).toBe(1);
    expect(a.eventTypes.CONSULT!.tp).toBe(1);
    expect(a.eventTypes.ASSAULT!.tp).toBe(0);
  });

  it("gold mutual: true makes any type symmetric", () => {
    const g = gold({ events: [{ type: "AGREE", source: { person: null, actor: "UKR" }, target: { person: null, actor: "RUS" }, date: null, mutual: true }, { type: "ACCUSE", source: { person: null, actor: "UKR" }, target: { person: null, actor: "RUS" }, date: null }] });
    const p = goldToRecord(g);
    for (const e of p.events) [e.source, e.target] = [e.target, e.source];
    const a = scoreArticle(p, g);
    expect(a.eventTypes.AGREE!.tp).toBe(1);
    expect(a.eventTypes.ACCUSE!.tp).toBe(0);
  });

  it("a date mismatch fails the dated score but matches ignoring the date", () => {
    const a = scoreArticle(pred((r) => { r.events[0]!.date = "2022-02-27"; }), gold());
    expect(a.events).toMatchObject({ tp: 1, tpNoDate: 2, dateOk: 1, consultTp: 0 });
    expect(a.eventTypes.CONSULT).toMatchObject({ tp: 0, tpNoDate: 1 });
  });

  it("sides match by surname, by actor code, or by group; not by a wrong person without actor", () => {
    const ok = scoreArticle(pred((r) => {
      r.events[0]!.source = { person: "Cavusoglu", actor: null };
      r.events[0]!.target = { person: null, actor: "RUS" };
    }), gold());
    expect(ok.events.tp).toBe(2);
    const bad = scoreArticle(pred((r) => { r.events[0]!.target = { person: "Antony Blinken", actor: null }; }), gold());
    expect(bad.events.tp).toBe(1);
    const g = gold({ events: [{ type: "SUPPORT", source: { person: null, actor: "RUS" }, target: { person: null, actor: null, group: "Donetsk and Luhansk Republics" }, date: null }] });
    const p = goldToRecord(g);
    p.events[0]!.target = { person: null, actor: null, group: "Luhansk Republics" };
    expect(scoreArticle(p, g).events.tp).toBe(1); // folded containment
    p.events[0]!.target = { person: null, actor: null, group: "Hamas" };
    expect(scoreArticle(p, g).events.tp).toBe(0);
    p.events[0]!.target = { person: null, actor: null, group: null };
    expect(scoreArticle(p, g).events.tp).toBe(0); // two null actors are not an agreement
  });

  it("only asserted events count", () => {
    const a = scoreArticle(pred((r) => { r.events[0]!.realis = "future"; }), gold());
    expect(a.events).toMatchObject({ tp: 1, pred: 1 });
  });

  it("figures match on value and category; attribution by alias/acronym", () => {
    const a = scoreArticle(pred((r) => { r.figures[0]!.attributed_to = "U.N. refugee agency"; r.figures[0]!.qualifier = "more than"; }), gold());
    expect(a.figures).toMatchObject({ tp: 1, qualifierOk: 0, attributionOk: 1 });
    const b = scoreArticle(pred((r) => { r.figures[0]!.attributed_to = "UNHCR"; }), gold());
    expect(b.figures.attributionOk).toBe(1);
    const c = scoreArticle(pred((r) => { r.figures[0]!.attributed_to = "Ukraine's ombudsman"; }), gold());
    expect(c.figures.attributionOk).toBe(0);
    const d = scoreArticle(pred((r) => { r.figures[0]!.category = "killed"; }), gold());
    expect(d.figures.tp).toBe(0);
  });

  it("quotes need the speaker and at least half of the gold words", () => {
    const half = scoreArticle(pred((r) => { r.quotes[0]!.text = "ready to help"; r.quotes[0]!.speaker = "Cavusoglu"; }), gold());
    expect(half.quotes.tp).toBe(0); // 3 of 7 words
    const enough = scoreArticle(pred((r) => { r.quotes[0]!.text = "We are ready to help"; r.quotes[0]!.speaker = "Cavusoglu"; }), gold());
    expect(enough.quotes.tp).toBe(1); // 5 of 7
    const wrongSpeaker = scoreArticle(pred((r) => { r.quotes[0]!.speaker = "Lavrov"; }), gold());
    expect(wrongSpeaker.quotes.tp).toBe(0);
  });

  it("descriptive speakers compare by folded containment", () => {
    const g = gold({ quotes: [{ speaker: "Turkish Presidency", direct: false, text: "the two leaders discussed the war" }] });
    const p = goldToRecord(g);
    p.quotes[0]!.speaker = "the Presidency";
    expect(scoreArticle(p, g).quotes.tp).toBe(1);
    p.quotes[0]!.speaker = "Kremlin";
    expect(scoreArticle(p, g).quotes.tp).toBe(0);
  });
});

describe("scoreStories", () => {
  it("scores article pairs sharing a label", () => {
    const goldL = new Map([["a", "x"], ["b", "x"], ["c", "x"], ["d", "y"]]);
    expect(scoreStories(goldL, new Map([["a", "1"], ["b", "1"], ["c", "1"], ["d", "2"]])).f1).toBe(1);
    const m = scoreStories(goldL, new Map([["a", "1"], ["b", "1"], ["c", "2"], ["d", "2"]]));
    expect(m).toMatchObject({ tp: 1, pred: 2, gold: 3 });
    expect(scoreStories(goldL, new Map([["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]]))).toMatchObject({ tp: 0, p: 0, r: 0 });
  });
});

describe("gold against itself", () => {
  for (const dir of ["dev", "seeds"]) {
    it(`scores 1.0 on every line for ${dir}`, () => {
      const root = join(CORPUS, dir);
      const golds = readdirSync(root).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(root, f), "utf8")) as GoldArticle);
      expect(golds.length).toBeGreaterThan(0);
      const r = scoreRun(golds, golds.map(goldToRecord));
      for (const m of [r.persons, r.personsNoByline, r.events, r.eventsNoDate, r.consult, r.figures, r.quotes, r.quotesDirect, r.quotesReported, r.stories]) expect(m.f1).toBe(1);
      for (const a of [r.persons.role, r.persons.country, r.eventDate, r.consultMode, r.figures.qualifier, r.figures.attribution, r.published]) expect(a.acc).toBe(1);
      for (const t of Object.values(r.eventTypes)) expect(t.withDate.f1).toBe(1);
      for (const g of golds.map(goldToRecord)) for (const e of g.events) expect(e.span.text).toBe(e.evidence);
    });
  }
});
