import { describe, expect, it } from "vitest";
import { analyze, toRecord } from "../analyze.js";
import type { Article, ArticleRecord } from "../core/types.js";
import { OnsetRegistry, dateOnsetEvents, onsetCues, redateBatch, redateFromStore, type BatchItem } from "./dates.js";

/**
 * Cross-article anchoring by a shared event (a war's start). Fixture texts are invented (a war
 * between Peru and Chile in 2031); 2031-03-09 is a Sunday.
 */
const NOW = "2035-01-01";

function article(id: string, text: string, published: string | null): Article {
  return { id, text, published, url: null, title: null, outlet: null, origin: "test" };
}

function item(a: Article, story: string): BatchItem {
  const record = toRecord(analyze(a, { now: NOW }));
  record.story = story;
  return { article: a, record };
}

const DATED = article(
  "dated",
  "Peru and Chile traded accusations at the United Nations on Wednesday.\nPeruvian troops invaded Chile on March 9, 2031, the Chilean government said.\nThe fighting has displaced thousands.",
  "2031-03-12",
);
const UNDATED = article(
  "undated",
  "Ecuador's foreign minister met envoys in Quito on Friday to discuss a ceasefire.\nThe talks were the first since the war between Peru and Chile began last Sunday.\nThe envoys urged restraint.",
  null,
);
/** the onset names no sides; the article's own actors (Peru, Chile) pick the registered pair */
const UNDATED_NO_SIDES = article(
  "nosides",
  "Peru's and Chile's envoys met in Quito on Tuesday.\nThe envoys said little afterwards.\nIt was their first meeting since the war began last Sunday.\nEcuador hosted the talks.",
  null,
);
const WRONG_WEEKDAY = article(
  "wrongday",
  "Ecuador's foreign minister met envoys in Quito on Friday to discuss a ceasefire.\nThe talks were the first since the war between Peru and Chile began last Tuesday.\nThe envoys urged restraint.",
  null,
);
/** another war: its sides are not the registered pair */
const OTHER_WAR = article(
  "otherwar",
  "Bolivia's and Paraguay's envoys met in Asuncion on Tuesday.\nThe envoys said little afterwards.\nIt was their first meeting since the war began last Sunday.\nBrazil hosted the talks.",
  null,
);
const CAMPAIGN = article("campaign", "Brazil's president condemned Peru's invasion of Chile in a speech to parliament.\nHe offered to mediate.", "2031-03-20");

describe("onset statements", () => {
  const cases: Array<{ name: string; text: string; want: Array<{ phrase: string; pair: string | null; weekday?: number; mod?: string | null }> }> = [
    { name: "verb then date", text: DATED.text, want: [{ phrase: "invaded Chile on March 9, 2031", pair: "CHL|PER" }] },
    { name: "a start tied to a weekday", text: UNDATED.text, want: [{ phrase: "war between Peru and Chile began last Sunday", pair: "CHL|PER", weekday: 0, mod: "last" }] },
    { name: "date then verb", text: "On Oct. 3, 2031 Peru declared war on Chile, officials said.", want: [{ phrase: "Oct. 3, 2031 Peru declared war", pair: "CHL|PER" }] },
    // negatives: a meeting dated after the word "invasion" is not the invasion's date
    { name: "a later event next to the campaign noun", text: "Since the invasion, Peru's envoy met Chile's minister, the ministry said on Monday.", want: [] },
    { name: "a date in another clause", text: "Peru invaded Chile. On Monday, the envoys met in Lima.", want: [] },
    { name: "a strike is no start", text: "Peruvian jets bombed Chilean positions on Monday, the ministry said.", want: [] },
    { name: "an offensive is a phase, not the start", text: "Peru launched an offensive on Arica on Monday, Chile's army said.", want: [] },
    { name: "fighting that erupts is a flare-up", text: "Fighting between Peru and Chile erupted again on Monday near the border.", want: [] },
    { name: "calling the war something is no start", text: "On Monday, Chile's president called the war with Peru a crime.", want: [] },
    { name: "what it called a military operation", text: "Peru sent forces into Chile in what it called a special military operation on Oct. 3, 2031.", want: [{ phrase: "what it called a special military operation on Oct. 3, 2031", pair: "CHL|PER" }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = article("x", c.text, "2031-10-06");
      const cues = onsetCues(a, toRecord(analyze(a, { now: NOW })), null);
      expect(cues.mentions.map((m) => ({ phrase: c.text.slice(m.span.start, m.span.end), pair: m.pair, ...(c.want[0]?.weekday !== undefined ? { weekday: m.weekday, mod: m.mod } : {}) }))).toEqual(c.want);
    });
  }
});

describe("cross-article anchoring by onsets (batch)", () => {
  it("an undated article that ties the dated onset to a weekday is dated by its latest weekday", () => {
    const items = [item(DATED, "s1"), item(UNDATED, "s2")];
    const report = redateBatch(items, { now: NOW });
    const rec = items[1]!.record;
    // the war began Sunday 9 March; "last Sunday" puts the article in 10–16 March; "on Friday" is the 14th
    expect(rec.published).toBe("2031-03-14");
    expect(rec.published_inferred).toBe(true);
    expect(rec.published_rule).toBe("onset:weekday");
    expect(rec.published_from).toEqual(["dated"]);
    const ev = rec.published_evidence!;
    expect(ev.text).toBe("war between Peru and Chile began last Sunday");
    expect(UNDATED.text.slice(ev.start, ev.end)).toBe(ev.text);
    expect(report.filled.get("undated")).toBe("onset:weekday");
  });

  it("an onset without sides matches the one registered pair acting in the article", () => {
    const items = [item(DATED, "s1"), item(UNDATED_NO_SIDES, "s2"), item(OTHER_WAR, "s3")];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBe("2031-03-11"); // the Tuesday after Sunday 9 March
    expect(items[2]!.record.published).toBeNull(); // Bolivia and Paraguay: not the registered war
  });

  it("a weekday that contradicts the registered onset gives no date", () => {
    const items = [item(DATED, "s1"), item(WRONG_WEEKDAY, "s2")];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBeNull();
  });

  it("no dated statement of the onset: nothing to anchor on", () => {
    const items = [item(UNDATED, "s2")];
    redateBatch(items, { now: NOW });
    expect(items[0]!.record.published).toBeNull();
  });

  it("an undated campaign mention takes the onset date of its pair", () => {
    const items = [item(DATED, "s1"), item(CAMPAIGN, "s2")];
    const before = items[1]!.record.events.find((e) => e.type === "ASSAULT");
    expect(before?.date).toBeNull();
    const report = redateBatch(items, { now: NOW });
    const ev = items[1]!.record.events.find((e) => e.type === "ASSAULT")!;
    expect(ev.date).toBe("2031-03-09");
    expect(ev).toMatchObject({ date_rule: "onset", date_from: ["dated"] });
    expect(report.onsetEvents).toBe(1);
  });
});

describe("cross-article anchoring by events and counts (batch)", () => {
  // 2031-04-10 is a Thursday
  const MET = article("met", "Peru's Foreign Minister Ana Torres met her Chilean counterpart Luis Rojas in Lima on Thursday, the ministry said.\nThey discussed the border.", "2031-04-10");
  const PLAN = article(
    "plan",
    "Foreign Minister Ana Torres and her Chilean counterpart Luis Rojas have agreed to meet on Thursday in Lima, the host said on Monday.\nThe talks would be the first in months.\nNo agenda was given.",
    null,
  );
  const COUNT = article("count", "The rights office said 1,237 civilians have been killed in the war as of March 19.\nMost died in shelling.", "2031-03-20");
  const RECOUNT = article("recount", "The rights office said at least 1,237 civilians have been killed.\nIn a statement on Sunday, the office gave details of the deaths.\nMost died in shelling.", null);

  it("a meeting planned for a weekday is the dated meeting of the same two persons", () => {
    const items = [item(MET, "s1"), item(PLAN, "s2")];
    redateBatch(items, { now: NOW });
    const rec = items[1]!.record;
    // the meeting is Thursday 10 April: the article is from 4–10 April, its "on Monday" is the 7th
    expect(rec).toMatchObject({ published: "2031-04-07", published_inferred: true, published_rule: "event:weekday", published_from: ["met"] });
    expect(rec.published_evidence!.text).toBe("on Thursday");
  });

  it("a planned event (not in the record) anchors too", () => {
    const will = article("will", "Foreign Minister Ana Torres will meet her Chilean counterpart Luis Rojas on Thursday in Lima, the host said on Monday.\nNo agenda was given.\nThe border is calm.", null);
    const items = [item(MET, "s1"), item(will, "s2")];
    expect(items[1]!.record.events.some((e) => e.source.person && e.target.person)).toBe(false);
    redateBatch(items, { now: NOW });
    expect(items[1]!.record).toMatchObject({ published: "2031-04-07", published_rule: "event:weekday" });
  });

  it("two registered meetings of the pair on that weekday: no anchor", () => {
    const again = article("again", MET.text, "2031-04-17");
    const items = [item(MET, "s1"), item(again, "s3"), item(PLAN, "s2")];
    redateBatch(items, { now: NOW });
    expect(items[2]!.record.published).toBeNull();
  });

  it("the same distinctive count places the undated report in the week after its date", () => {
    const items = [item(COUNT, "s1"), item(RECOUNT, "s2")];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record).toMatchObject({ published: "2031-03-23", published_rule: "figure:weekday", published_from: ["count"] });
  });

  it("a round count identifies nothing", () => {
    const round = (a: Article) => article(a.id, a.text.replace(/1,237/g, "1,200"), a.published);
    const items = [item(round(COUNT), "s1"), item(round(RECOUNT), "s2")];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBeNull();
  });
});

describe("onset registry", () => {
  it("the day most articles state wins; a tie gives none; JSON round trip", () => {
    const r = new OnsetRegistry();
    r.add("CHL|PER", 100, "a");
    r.add("CHL|PER", 100, "b");
    r.add("CHL|PER", 90, "c"); // a wrong year or a typo in one article
    expect(r.onset("CHL|PER")).toEqual({ day: 100, from: ["a", "b"] });
    r.add("BOL|PRY", 10, "d");
    r.add("BOL|PRY", 11, "e");
    expect(r.onset("BOL|PRY")).toBeNull();
    expect(OnsetRegistry.fromJSON(r.toJSON()).onset("CHL|PER")).toEqual({ day: 100, from: ["a", "b"] });
  });

  it("stays bounded however many articles state the onset: counts stop at a cap, evidence names a few", () => {
    const r = new OnsetRegistry();
    for (let i = 0; i < OnsetRegistry.MAX_IDS + 50; i++) expect(r.add("CHL|PER", 100, `a${i}`)).toBe(i < OnsetRegistry.MAX_IDS);
    for (let i = 0; i < 3; i++) r.add("CHL|PER", 90, `b${i}`);
    expect(r.byPair.get("CHL|PER")!.get(100)!.size).toBe(OnsetRegistry.MAX_IDS);
    const o = r.onset("CHL|PER")!;
    expect(o.day).toBe(100);
    expect(o.from).toEqual(Array.from({ length: OnsetRegistry.FROM }, (_, i) => `a${i}`));
    expect(Object.values(r.toJSON()["CHL|PER"]!).map((ids) => ids.length)).toEqual([OnsetRegistry.FROM, 3]);
  });

  it("campaign words date an undated ASSAULT; a single strike does not", () => {
    const r = new OnsetRegistry();
    r.add("CHL|PER", 22_347, "dated");
    const ev = (evidence: string) => ({
      type: "ASSAULT" as const, source: { person: null, actor: "PER" }, target: { person: null, actor: "CHL" }, date: null as string | null,
      evidence, span: { start: 0, end: evidence.length, text: evidence }, rule: "test", realis: "asserted" as const,
    });
    const rec = { ...item(CAMPAIGN, "s").record, id: "other", published: null, events: [ev("after invading its neighbour"), ev("the shelling of a school on Monday"), ev("Peru's military operation")] };
    expect(dateOnsetEvents(rec as ArticleRecord, r)).toBe(2);
    expect(rec.events.map((e) => e.date)).toEqual(["2031-03-09", null, "2031-03-09"]);
  });

  it("a campaign mention next to another year is another war", () => {
    const r = new OnsetRegistry();
    r.add("CHL|PER", 22_347, "dated"); // 2031
    const text = "Memories of Peru's invasion of Chile in 2019 are still fresh.";
    const evidence = "Peru's invasion of Chile";
    const start = text.indexOf(evidence);
    const rec = {
      ...item(CAMPAIGN, "s").record, id: "old", published: null,
      events: [{ type: "ASSAULT" as const, source: { person: null, actor: "PER" }, target: { person: null, actor: "CHL" }, date: null as string | null, evidence, span: { start, end: start + evidence.length, text: evidence }, rule: "test", realis: "asserted" as const }],
    };
    expect(dateOnsetEvents(rec as ArticleRecord, r, text)).toBe(0);
    expect(dateOnsetEvents(rec as ArticleRecord, r, text.replace("2019", "2031"))).toBe(1);
  });

  it("an onset dated with a slipped year takes the year two other articles agree on", () => {
    const r = new OnsetRegistry();
    r.add("CHL|PER", 22_347, "a"); // 2031-03-09
    r.add("CHL|PER", 22_347, "b");
    const ev = (date: string) => ({
      type: "ASSAULT" as const, source: { person: null, actor: "PER" }, target: { person: null, actor: "CHL" }, date: date as string | null,
      evidence: "March 9, 2013 when Peru invaded Chile", span: { start: 0, end: 10, text: "x" }, rule: "test", realis: "asserted" as const,
    });
    const rec = { ...item(CAMPAIGN, "s").record, id: "slip", published: "2031-03-20", events: [ev("2013-03-09"), ev("2013-03-10")] };
    expect(dateOnsetEvents(rec as ArticleRecord, r)).toBe(1);
    expect(rec.events.map((e) => e.date)).toEqual(["2031-03-09", "2013-03-10"]); // another day is another event
    const one = new OnsetRegistry();
    one.add("CHL|PER", 22_347, "a");
    const rec2 = { ...rec, events: [ev("2013-03-09")] };
    expect(dateOnsetEvents(rec2 as ArticleRecord, one)).toBe(0); // one article is no consensus
  });

  it("a campaign mention after the article's own date is left undated", () => {
    const r = new OnsetRegistry();
    r.add("CHL|PER", 22_400, "later"); // after 2031-03-20
    const rec = item(CAMPAIGN, "s").record;
    expect(dateOnsetEvents(rec, r)).toBe(0);
  });
});

/** A store with named state only (no articles): what the online dating reads and writes. */
function stateStore() {
  const state = new Map<string, string>();
  const store = {
    async listArticles() {
      return [];
    },
    async getState(name: string) {
      return state.get(name) ?? null;
    },
    async setState(name: string, value: string) {
      state.set(name, value);
    },
  };
  return { state, store };
}

describe("cross-article anchoring by onsets (store)", () => {
  it("the registry lives in the store's state: a dated article registers, a later undated one is anchored", async () => {
    const { state, store } = stateStore();
    const dated: ArticleRecord = item(DATED, "s1").record;
    await redateFromStore(store, DATED, dated, { now: NOW }, { mates: false });
    expect(JSON.parse(state.get("dates:onsets")!)).toEqual({ "CHL|PER": { "2031-03-09": ["dated"] } });
    // a fresh process: the registry is read back from the state
    const store2 = { ...store };
    const out = await redateFromStore(store2, UNDATED, item(UNDATED, "s2").record, { now: NOW }, { mates: false });
    expect(out.published).toBe("2031-03-14");
    expect(out.published_rule).toBe("onset:weekday");
  });

  it("dated meetings of a pair are kept under their key; a later undated plan of the pair is anchored", async () => {
    const { state, store } = stateStore();
    const met = article("met", "Peru's Foreign Minister Ana Torres met her Chilean counterpart Luis Rojas in Lima on Thursday, the ministry said.\nThey discussed the border.", "2031-04-10");
    const plan = article(
      "plan",
      "Foreign Minister Ana Torres and her Chilean counterpart Luis Rojas have agreed to meet on Thursday in Lima, the host said on Monday.\nThe talks would be the first in months.\nNo agenda was given.",
      null,
    );
    await redateFromStore(store, met, item(met, "s1").record, { now: NOW }, { mates: false });
    expect(JSON.parse(state.get("dates:tie:p:rojas|torres")!)).toEqual({ "2031-04-10": ["met"] });
    const out = await redateFromStore(store, plan, item(plan, "s2").record, { now: NOW }, { mates: false });
    expect(out).toMatchObject({ published: "2031-04-07", published_rule: "event:weekday", published_from: ["met"] });
  });
});
