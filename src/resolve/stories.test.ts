import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test/shared.js";
import type { ArticleRecord, PloverType } from "../core/types.js";
import { articleFeatures } from "./features.js";
import { clusterBatch, DEFAULT_STORY_OPTIONS, rankedBy, StoryIndex, Strongest } from "./stories.js";

const fx = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

interface Ev {
  type: PloverType;
  a: string | null;
  aActor: string;
  b: string | null;
  bActor: string;
  date: string | null;
  evidence: string;
}

/** A hand-made analysed article: text, date and (optionally) events whose evidence is in the text. */
function rec(id: string, published: string | null, title: string | null, text: string, events: Ev[] = []): ArticleRecord {
  return {
    id,
    url: null,
    outlet: `${id}.example`,
    title,
    published,
    published_inferred: false,
    story: null,
    persons: [],
    organizations: [],
    places: [],
    events: events.map((e) => {
      const start = text.indexOf(e.evidence);
      if (start < 0) throw new Error(`fixture: evidence not in text: ${e.evidence}`);
      return {
        type: e.type,
        source: { person: e.a, actor: e.aActor },
        target: { person: e.b, actor: e.bActor },
        date: e.date,
        evidence: e.evidence,
        span: { start, end: start + e.evidence.length, text: e.evidence },
        rule: "test",
        realis: "asserted" as const,
      };
    }),
    figures: [],
    quotes: [],
    text,
  };
}

const WIRE = fx("wire.txt");
const OTHER = fx("other-outlet.txt");
const SHELLING =
  "Estavian shelling killed 12 people in the Norland border village of Tarsk on Thursday, two days after talks in Kalmora, and Norland recalled its ambassador.\n" +
  "Norland's Foreign Minister Anja Velt called the attack a betrayal of the commitments made to Pavel Dorin in Kalmora, where the two ministers met on Tuesday.\n" +
  "Rescue workers pulled survivors from collapsed houses as artillery fire continued into the night, the regional governor said.\n" +
  "The village lies three kilometres from the frontier and had been evacuated once before, in the spring.";
const QUAKE =
  "A magnitude 6.9 earthquake struck the mountainous north of Valdoria on Tuesday, destroying hundreds of homes and cutting roads to several towns.\n" +
  "Rescue teams were searching collapsed buildings in the provincial capital, where the hospital was damaged, the civil protection agency said.\n" +
  "At least 60 people were killed, according to the health ministry, and the toll was expected to rise as teams reached remote villages.";

const BACKGROUND = [
  QUAKE,
  SHELLING,
  "The central bank of Valdoria raised its main interest rate by half a point on Wednesday to fight inflation, which reached 9 percent in April.\nThe governor said further increases were possible if prices kept rising.",
  "Thousands of people marched in the capital of Estavia on Sunday to demand higher wages for teachers and nurses, the police said.\nThe protest ended peacefully in front of parliament.",
  "Norland's parliament approved the budget for next year after a debate that lasted two days, with the opposition voting against.\nThe finance minister said the plan would cut the deficit.",
];

/** A new index whose word statistics are primed with unrelated articles, as a running service's are. */
function primedIndex(): StoryIndex {
  const idx = new StoryIndex();
  idx.prime(BACKGROUND.map((t, i) => articleFeatures(rec(`bg${i}`, "2031-01-01", null, t))));
  return idx;
}

describe("StoryIndex: online story clustering", () => {
  it("puts two outlets' reports of the same development into one story, with the shared evidence as reason", () => {
    const idx = primedIndex();
    const a = idx.add(rec("wire", "2031-05-06", null, WIRE));
    const b = idx.add(rec("other", "2031-05-06", "Norland, Estavia hold first talks in months", OTHER));
    expect(a.opened).toBe(true);
    expect(b.opened).toBe(false);
    expect(b.story).toBe(a.story);
    expect(b.score).toBeGreaterThanOrEqual(DEFAULT_STORY_OPTIONS.threshold);
    expect(b.reason).toMatch(/velt|dorin|kalmora/);
  });

  it("keeps an unrelated report of the same day apart", () => {
    const idx = primedIndex();
    const a = idx.add(rec("wire", "2031-05-06", null, WIRE));
    const q = idx.add(rec("quake", "2031-05-06", "Earthquake kills 60 in Valdoria", QUAKE));
    expect(q.opened).toBe(true);
    expect(q.story).not.toBe(a.story);
  });

  it("keeps a later development with the same actors apart (near miss: the lead tells another event)", () => {
    const idx = primedIndex();
    const a = idx.add(rec("wire", "2031-05-06", null, WIRE));
    idx.add(rec("other", "2031-05-06", null, OTHER));
    const attack: Ev = { type: "ASSAULT", a: null, aActor: "EST", b: null, bActor: "NRL", date: "2031-05-08", evidence: "Estavian shelling killed 12 people in the Norland border village of Tarsk on Thursday" };
    const s = idx.add(rec("shelling", "2031-05-08", "Shelling kills 12 in Tarsk", SHELLING, [attack]));
    expect(s.reason).toMatch(/different development: main event on 2031-05-08, after the story's last article/);
    expect(s.opened).toBe(true);
    expect(s.story).not.toBe(a.story);
  });

  it("does not join a story whose first day is outside the time window, however similar", () => {
    const idx = primedIndex();
    const a = idx.add(rec("wire", "2031-05-06", null, WIRE));
    const late = idx.add(rec("other-late", "2031-05-20", null, OTHER));
    expect(late.story).not.toBe(a.story);
  });

  it("treats the same main event on another date as another development", () => {
    const call = (date: string) =>
      `Foreign Minister Anja Velt of Norland held a phone call with Estavian Foreign Minister Pavel Dorin, the ministry said.\n` +
      `The two discussed a ceasefire on the frontier and the exchange of prisoners, according to the statement.\n` +
      `Velt told Dorin that further escalation would benefit no one. The ministry released the statement on ${date}.`;
    const ev = (date: string): Ev => ({ type: "CONSULT", a: "Anja Velt", aActor: "NRL", b: "Pavel Dorin", bActor: "EST", date, evidence: "Foreign Minister Anja Velt of Norland held a phone call with Estavian Foreign Minister Pavel Dorin" });
    const base = () => {
      const idx = primedIndex();
      idx.add(rec("call-1", "2031-05-06", null, call("Tuesday"), [ev("2031-05-06")]));
      return idx;
    };
    const same = base().candidates(articleFeatures(rec("call-1b", "2031-05-06", null, call("Tuesday evening"), [ev("2031-05-06")])))[0]!;
    const next = base().candidates(articleFeatures(rec("call-2", "2031-05-07", null, call("Wednesday"), [ev("2031-05-07")])))[0]!;
    const later = base().candidates(articleFeatures(rec("call-3", "2031-05-09", null, call("Friday"), [ev("2031-05-09")])))[0]!;
    expect(same.conflict).toBeNull();
    expect(same.event).toBe("main");
    expect(next.conflict).toMatch(/CONSULT/);
    expect(later.conflict).not.toBeNull();
    expect(next.score).toBeLessThan(same.score);
    expect(later.score).toBeLessThan(next.score);
    expect(later.score).toBeLessThan(same.score / 2);
  });

  it("summarises a story: title, time span, key names and its events", () => {
    const idx = primedIndex();
    const evidence = "Foreign Minister Anja Velt of Norland and her Estavian counterpart Pavel Dorin spent more than four hours discussing a ceasefire";
    const ev: Ev = { type: "CONSULT", a: "Anja Velt", aActor: "NRL", b: "Pavel Dorin", bActor: "EST", date: "2031-05-06", evidence };
    const a = idx.add(rec("wire", "2031-05-06", "Norland and Estavia ministers meet in Kalmora", WIRE, [ev]));
    idx.add(rec("other", "2031-05-07", null, OTHER));
    const s = idx.story(a.story)!;
    expect(s.title).toBe("Norland and Estavia ministers meet in Kalmora");
    expect(s.size).toBe(2);
    expect([s.first, s.last]).toEqual(["2031-05-06", "2031-05-07"]);
    expect(s.names).toEqual(expect.arrayContaining(["velt", "dorin"]));
    expect(s.summary).toMatch(/^CONSULT Anja Velt \(NRL\) – Pavel Dorin \(EST\) on 2031-05-06 \(1 mention\)/);
    expect(s.articles.map((x) => x.id)).toEqual(["wire", "other"]);
    expect(idx.story("no-such-story")).toBeNull();
  });

  it("serialises: a restored index continues exactly where the original stopped", () => {
    const one = new StoryIndex();
    one.add(rec("wire", "2031-05-06", null, WIRE));
    one.add(rec("quake", "2031-05-06", null, QUAKE));
    const restored = StoryIndex.fromJSON(JSON.parse(JSON.stringify(one.toJSON())));
    const next = rec("other", "2031-05-06", null, OTHER);
    const x = one.add(next);
    const y = restored.add(next);
    expect(y).toEqual(x);
    expect(y.opened).toBe(false);
    expect(() => StoryIndex.fromJSON({ ...one.toJSON(), version: 99 })).toThrow(/version/);
  });

  it("keeps the work per article bounded as the index grows (inverted index, bounded scans)", () => {
    const idx = new StoryIndex();
    const words = Array.from({ length: 400 }, (_, i) => `w${(i * 7919) % 1000}x`);
    const rnd = seededRandom(7);
    const o = idx.opts;
    const bound = (o.queryTerms + 15 + 10) * o.maxPostingsScan;
    for (let i = 0; i < 1500; i++) {
      const day = new Date(Date.UTC(2030, 0, 1 + Math.floor(i / 10))).toISOString().slice(0, 10);
      const text = Array.from({ length: 60 }, () => words[Math.floor(rnd() * words.length)]).join(" ") + ".";
      idx.add(rec(`a${i}`, day, null, text));
      expect(idx.lastWork.postings).toBeLessThanOrEqual(bound);
      expect(idx.lastWork.candidates).toBeLessThanOrEqual(o.maxCandidates);
    }
  });

  it("retires stories no dated article can reach any more, keeping their summaries", () => {
    const idx = primedIndex();
    const first = idx.add(rec("wire", "2031-05-06", "Ministers meet in Kalmora", WIRE));
    idx.add(rec("other", "2031-05-06", null, OTHER));
    const before = idx.story(first.story)!;
    expect(before.names.length).toBeGreaterThan(0);
    for (let i = 0; i < 300; i++) {
      const day = new Date(Date.UTC(2031, 6, 1 + Math.floor(i / 20))).toISOString().slice(0, 10);
      idx.add(rec(`filler${i}`, day, null, `${QUAKE}\nReport number ${i} from district ${i % 17}.`));
    }
    // out of the saved state (the store keeps each article's story summary), still readable in memory
    const state = idx.toJSON();
    expect(state.stories.find((x) => x.id === first.story)).toBeUndefined();
    expect(state.stories.length).toBeGreaterThan(0);
    expect(state.stories.every((x) => !x.retired)).toBe(true);
    const summary = idx.story(first.story)!;
    expect(summary.size).toBe(2);
    // its strongest names are kept by name (the ids of the names may be handed out again)
    expect(summary.names).toEqual(before.names);
    expect(summary.title).toBe("Ministers meet in Kalmora");
    const restored = StoryIndex.fromJSON(JSON.parse(JSON.stringify(state)));
    expect(restored.story(first.story)).toBeNull();
    // a late report of the retired story opens a story of its own, under another id
    const late = restored.add(rec("late", "2031-05-06", "Ministers meet in Kalmora", WIRE));
    expect(late.opened).toBe(true);
    expect(late.story).not.toBe(first.story);
  });

  it("forgets retired stories in memory when told to (a restored index, as a service has)", () => {
    const idx = new StoryIndex({ keepRetired: false });
    const first = idx.add(rec("wire", "2031-05-06", "Ministers meet in Kalmora", WIRE));
    expect(idx.story(first.story)!.size).toBe(1);
    for (let i = 0; i < 300; i++) {
      const day = new Date(Date.UTC(2031, 6, 1 + Math.floor(i / 20))).toISOString().slice(0, 10);
      idx.add(rec(`filler${i}`, day, null, `${QUAKE}\nReport number ${i} from district ${i % 17}.`));
    }
    expect(idx.story(first.story)).toBeNull();
    expect(idx.summaries().some((x) => x.id === first.story || x.id === "")).toBe(false);
    expect(idx.summaries().length).toBeGreaterThan(0);
    expect(StoryIndex.fromJSON(idx.toJSON()).opts.keepRetired).toBe(false);
  });

  it("retires undated stories too, and keeps the saved state bounded on a long stream", () => {
    const idx = new StoryIndex({ dfCap: 500 });
    const undated = idx.add(rec("undated", null, "Ministers meet in Kalmora", WIRE));
    const sizes: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const day = new Date(Date.UTC(2031, 0, 1 + Math.floor(i / 10))).toISOString().slice(0, 10);
      // each article: a few words of its own (unbounded vocabulary) and shared ones
      idx.add(rec(`a${i}`, day, null, `Report ${i}: word${i}x and token${i}y and term${i % 7}z were counted in district ${i % 17}.`));
      if (i % 500 === 499) sizes.push(JSON.stringify(idx.toJSON()).length);
    }
    const state = idx.toJSON();
    expect(state.stories.some((x) => x.id === undated.story)).toBe(false);
    expect(idx.story(undated.story)!.size).toBe(1);
    expect(state.df.length).toBeLessThanOrEqual(500);
    // 300 days of stream, 30 days kept: the state stops growing once the window is full
    expect(Math.max(...sizes.slice(1))).toBeLessThan(sizes[0]! * 1.5);
    expect(state.stories.length).toBeLessThan(3000 / 10 * 35 / 10 + 50);
  });

  it("matches the same whatever ids its terms have, through cuts of the term table that free and reuse ids", () => {
    // a small table, cut back many times; two copies of one saved state whose terms are listed
    // in opposite orders (so every term has another id in each) go on alike
    const texts = [WIRE, OTHER, SHELLING, QUAKE, ...BACKGROUND];
    const article = (i: number) =>
      rec(`x${i}`, new Date(Date.UTC(2031, 4, 1 + Math.floor(i / 6))).toISOString().slice(0, 10), null, `${texts[i % texts.length]!}\nFiled by desk${i % 13}q with word${i}z and term${i % 29}y.`);
    const idx = new StoryIndex({ dfCap: 60 });
    for (let i = 0; i < 40; i++) idx.add(article(i));
    const state = idx.toJSON();
    const a = StoryIndex.fromJSON(JSON.parse(JSON.stringify(state)), { dfCap: 60 });
    const b = StoryIndex.fromJSON({ ...state, df: [...state.df].reverse() }, { dfCap: 60 });
    let joined = 0;
    for (let i = 40; i < 240; i++) {
      const x = a.add(article(i));
      expect(b.add(article(i))).toEqual(x);
      if (!x.opened) joined++;
    }
    expect(joined).toBeGreaterThan(50);
    expect(a.summaries()).toEqual(b.summaries());
    expect(a.toJSON().df.length).toBeLessThanOrEqual(60);
  });

  it("clusterBatch assigns every record, undated ones included", () => {
    const recs = [rec("quake", "2031-05-06", null, QUAKE), rec("other", null, null, OTHER), rec("wire", "2031-05-06", null, WIRE)];
    const m = clusterBatch(recs);
    expect([...m.keys()].sort()).toEqual(["other", "quake", "wire"]);
    expect(m.get("quake")).not.toBe(m.get("wire"));
  });

  it("picks the same story as scoring every candidate in full (the bound only skips candidates that cannot win)", () => {
    // many look-alike articles over a few days: many candidates each, most below the best
    const texts = [WIRE, OTHER, SHELLING, QUAKE, ...BACKGROUND];
    const idx = new StoryIndex();
    let compared = 0;
    let skipped = 0;
    for (let i = 0; i < 120; i++) {
      const day = `2031-05-0${1 + (i % 5)}`;
      const t = texts[i % texts.length]!.replace(/\d+/g, String(i)) + `\nFiled by desk ${i % 4}.`;
      const f = articleFeatures(rec(`x${i}`, day, null, t));
      // `candidates` scores every candidate in full; `add` may skip some: the same winner and score
      // (primed first, so that both see the article in the word statistics)
      idx.prime([f]);
      const all = idx.candidates(f);
      const a = idx.addFeatures(f);
      skipped += idx.lastWork.candidates - idx.lastWork.scored;
      if (all.length && all[0]!.score >= idx.opts.threshold) {
        expect(a.opened).toBe(false);
        expect(a.story).toBe(all[0]!.id);
        expect(a.score).toBe(Math.round(all[0]!.score * 1000) / 1000);
        compared++;
      } else expect(a.opened).toBe(true);
    }
    expect(compared).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(0);
  });
});

describe("rankedBy: keys by value, largest first, as a stable sort", () => {
  it("orders as a stable sort of the entries does, ties in the keys' order, at every size", () => {
    let seed = 11;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 300; n += 1 + Math.floor(n / 10)) {
      for (const distinct of [2, 7, 1000]) {
        const keys = Array.from({ length: n }, (_, i) => `k${i}`);
        const vals = keys.map(() => Math.floor(rand() * distinct) / distinct);
        const want = keys.map((k, i) => [k, vals[i]!] as const).sort((a, b) => b[1] - a[1]).map(([k]) => k);
        expect(rankedBy(keys, Float64Array.from(vals))).toEqual(want);
        expect(rankedBy(Int32Array.from(keys, (_, i) => i), Float64Array.from(vals))).toEqual(want.map((k) => Number(k.slice(1))));
        // the first n of longer arrays (a reused buffer): the entries past n are not read
        expect(rankedBy(Int32Array.from([...keys.keys(), -1, -2]), Float64Array.from([...vals, 2, 3]), n)).toEqual(want.map((k) => Number(k.slice(1))));
      }
    }
  });
});

describe("Strongest: the k largest by selection", () => {
  /** the reference: the first k of a stable sort by value, largest first */
  const bySort = (entries: Array<[string, number]>, k: number) =>
    [...entries].sort((a, b) => b[1] - a[1]).slice(0, k).map(([t]) => t);
  const offerAll = (entries: Array<[string, number]>, k: number) => {
    const s = new Strongest(k);
    for (const [t, v] of entries) s.offer(t, v);
    return s.keys;
  };

  it("keeps the k largest, largest first, ties in the order offered (as a stable sort)", () => {
    const entries: Array<[string, number]> = [["a", 1], ["b", 3], ["c", 2], ["d", 3], ["e", 0.5], ["f", 3], ["g", 2]];
    expect(offerAll(entries, 4)).toEqual(["b", "d", "f", "c"]);
    expect(offerAll(entries, 4)).toEqual(bySort(entries, 4));
    // many entries with few distinct values: every tie broken as the sort breaks it
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) % 5) / 4;
    for (let n = 0; n < 40; n++) {
      const xs: Array<[string, number]> = Array.from({ length: n }, (_, i) => [`t${i}`, rand()]);
      for (const k of [1, 4, 10]) expect(offerAll(xs, k)).toEqual(bySort(xs, k));
    }
  });

  it("keeps fewer than k when fewer are offered, and nothing when nothing is", () => {
    expect(offerAll([["x", 0], ["y", 0]], 4)).toEqual(["x", "y"]);
    expect(offerAll([], 4)).toEqual([]);
    // a later equal value does not displace an earlier one
    expect(offerAll([["x", 1], ["y", 1]], 1)).toEqual(["x"]);
  });
});

describe("story ids", () => {
  /** the slug of the whole title, as story ids were made before they were read from a prefix */
  const wholeSlug = (s: string) =>
    s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").split("-").filter((w) => w.length > 2).slice(0, 5).join("-") || "story";
  it("take the first five words of the title, from a long title as from the whole of it", () => {
    const titles = [
      "Ελληνική ΟΔΟΣ " + "x ".repeat(70) + "Çavuşoğlu meets Kuleba in Antalya for talks on grain",
      "a b " + "de ".repeat(60) + "Ünal   Şahin’s   ﬁnal   ΟΔΟΣ.   talks",
      "Talks resume in Vienna as envoys meet " + "again and again ".repeat(12),
      "Ab".repeat(70) + " cd ef",
      "x ".repeat(200),
    ];
    for (const title of titles) {
      const idx = new StoryIndex();
      const a = idx.add(rec("t1", "2031-01-01", title, "Some words of a body. Another sentence here."));
      expect(a.story).toBe(`story-2031-01-01-${wholeSlug(title)}`);
    }
  });
});
