/**
 * Cross-article dates (src/resolve/dates.ts): each rule on hand-made cues and on hand-made
 * articles, with the cases that must NOT give a date.
 */
import { describe, expect, it } from "vitest";
import { analyze, toRecord } from "../src/analyze.js";
import type { Article, ArticleRecord } from "../src/core/types.js";
import type { ArticleFilter } from "../src/store/port.js";
import {
  dateCues,
  decideFromBatch,
  decideFromMates,
  insideQuote,
  NO_CUES,
  redateBatch,
  redateFromMates,
  redateFromStore,
  type BatchItem,
  type DateCues,
} from "../src/resolve/dates.js";

const NOW = "2024-06-01";

function article(id: string, text: string, published: string | null = null): Article {
  return { id, text, title: null, url: null, outlet: null, published, origin: `test:${id}` };
}

function item(id: string, text: string, story: string | null, published: string | null = null): BatchItem {
  const a = article(id, text, published);
  const record = toRecord(analyze(a, { now: NOW }), { includeText: true });
  record.story = story;
  return { article: a, record };
}

const cues = (c: Partial<DateCues>): DateCues => ({ ...NO_CUES, ...c });
const THU = 4;
const MON = 1;

describe("decideFromMates", () => {
  it("story-mate:year: a year-less month-day takes the story-mates' year", () => {
    const d = decideFromMates(cues({ partial: "--03-29" }), [{ id: "a", published: "2022-03-29" }]);
    expect(d?.rule).toBe("story-mate:year");
    expect(d?.yearHint).toBe(2022);
    expect(d?.publishedHint).toBeNull();
    expect(d?.from).toEqual(["a"]);
  });

  it("story-mate:year across a new year: December 30 next to a 2 January story is the previous year", () => {
    const d = decideFromMates(cues({ partial: "--12-30" }), [{ id: "a", published: "2023-01-02" }]);
    expect(d?.rule).toBe("story-mate:year");
    expect(d?.yearHint).toBe(2022);
  });

  it("a month-day far from the story-mates' dates fixes no day (only the story's year)", () => {
    const d = decideFromMates(cues({ partial: "--11-05" }), [{ id: "a", published: "2022-03-10" }]);
    expect(d?.rule).toBe("story-year");
    expect(d?.publishedHint).toBeNull();
  });

  it("story-mate:weekday: the lead's Thursday next to a Thursday story-mate is that day", () => {
    const d = decideFromMates(cues({ weekday: THU, weekdaySpan: { start: 5, end: 16 } }), [{ id: "a", published: "2022-03-10" }]);
    expect(d?.rule).toBe("story-mate:weekday");
    expect(d?.publishedHint).toEqual({ value: "2022-03-10", rule: "story-mate:weekday", evidence: { start: 5, end: 16 } });
    expect(d?.yearHint).toBe(2022);
  });

  it("story-mate:weekday: a Wednesday one day before a Thursday story-mate", () => {
    const d = decideFromMates(cues({ weekday: 3 }), [{ id: "a", published: "2022-03-10" }]);
    expect(d?.publishedHint?.value).toBe("2022-03-09");
  });

  it("a weekday inconsistent with the story-mates (Monday, three days from a Thursday) gives no date", () => {
    const d = decideFromMates(cues({ weekday: MON }), [{ id: "a", published: "2022-03-10" }]);
    expect(d?.publishedHint).toBeNull();
    expect(d?.rule).toBe("story-year");
  });

  it("a Sunday three days after a Thursday story-mate is outside the window: no date", () => {
    const d = decideFromMates(cues({ weekday: 0 }), [{ id: "a", published: "2022-03-10" }]);
    expect(d?.publishedHint).toBeNull();
  });

  it("a weekday that story-mates a week apart cannot fix (two in the window) gives no date", () => {
    const d = decideFromMates(cues({ weekday: THU }), [
      { id: "a", published: "2022-03-03" },
      { id: "b", published: "2022-03-10" },
    ]);
    expect(d?.publishedHint).toBeNull();
  });

  it("story-mate:today: 'today' with story-mates of the same day", () => {
    const d = decideFromMates(cues({ today: { start: 0, end: 5 } }), [
      { id: "a", published: "2022-02-26" },
      { id: "b", published: "2022-02-27" },
    ]);
    expect(d?.rule).toBe("story-mate:today");
    expect(d?.publishedHint?.value).toBe("2022-02-26");
  });

  it("'today' with story-mates days apart gives no date", () => {
    const d = decideFromMates(cues({ today: { start: 0, end: 5 } }), [
      { id: "a", published: "2022-02-24" },
      { id: "b", published: "2022-02-27" },
    ]);
    expect(d?.publishedHint).toBeNull();
  });

  it("a story year earlier than a year the article itself names gives nothing", () => {
    expect(decideFromMates(cues({ weekday: THU, maxYear: 2023 }), [{ id: "a", published: "2022-03-10" }])).toBeNull();
    expect(decideFromMates(cues({ weekday: THU, maxYear: 2021 }), [{ id: "a", published: "2022-03-10" }])?.publishedHint?.value).toBe("2022-03-10");
  });

  it("no dated story-mate, no decision", () => {
    expect(decideFromMates(cues({ weekday: THU }), [])).toBeNull();
    expect(decideFromMates(cues({ weekday: THU }), [{ id: "a", published: "not a date" }])).toBeNull();
  });
});

describe("decideFromBatch", () => {
  const run = [
    { id: "x", published: "2022-02-26" },
    { id: "y", published: "2022-03-20" },
  ];
  it("batch-year: a year-less month-day inside the run's span takes the run's year", () => {
    const d = decideFromBatch(cues({ partial: "--03-29" }), run);
    expect(d).toMatchObject({ rule: "batch-year", yearHint: 2022, publishedHint: null });
  });
  it("no month-day, or no dated article in the run, gives nothing", () => {
    expect(decideFromBatch(cues({ weekday: THU }), run)).toBeNull();
    expect(decideFromBatch(cues({ partial: "--03-29" }), [])).toBeNull();
  });
  it("a run spread over two years that both fit the month-day gives nothing", () => {
    const wide = [
      { id: "x", published: "2021-03-01" },
      { id: "y", published: "2022-03-31" },
    ];
    expect(decideFromBatch(cues({ partial: "--03-29" }), wide)).toBeNull();
  });
});

describe("dateCues", () => {
  it("the lead's weekday, with its span", () => {
    const text = "The foreign minister said on Thursday that the talks had made no progress.\nHe spoke to reporters.";
    const c = dateCues(article("a", text));
    expect(c.weekday).toBe(THU);
    expect(text.slice(c.weekdaySpan!.start, c.weekdaySpan!.end)).toMatch(/Thursday/);
    expect(c.partial).toBeNull();
    expect(c.maxYear).toBeNull();
  });

  it("the latest year the text names", () => {
    const c = dateCues(article("a", "The accord signed in 2015 was revived in March 2019, the minister said on Thursday."));
    expect(c.maxYear).toBe(2019);
  });

  it("a future weekday is no cue", () => {
    const c = dateCues(article("a", "The two ministers will meet on Friday in the capital, officials said."));
    expect(c.weekday).toBeNull();
  });

  it("a year-less lead date is a partial date", () => {
    const text = "Talks between the two delegations ended on March 29 in the capital.\nThe minister said progress was made.";
    const c = dateCues(article("a", text));
    expect(c.partial).toBe("--03-29");
    expect(text.slice(c.partialSpan!.start, c.partialSpan!.end)).toContain("March 29");
  });

  it("'today' in the narration is a cue, 'today' inside a quotation is not", () => {
    const plain = dateCues(article("a", "As the ministry reported today, the two ministers held a telephone conversation."));
    expect(plain.today).not.toBeNull();
    const quoted = dateCues(article("b", 'The president wrote: "Your support is extremely important today." He thanked the people.'));
    expect(quoted.today).toBeNull();
  });

  it("insideQuote", () => {
    const t = 'He said "we talk today" and left today.';
    expect(insideQuote(t, t.indexOf("today"))).toBe(true);
    expect(insideQuote(t, t.lastIndexOf("today"))).toBe(false);
    const c = "He said “we talk today” and left today.";
    expect(insideQuote(c, c.indexOf("today"))).toBe(true);
    expect(insideQuote(c, c.lastIndexOf("today"))).toBe(false);
  });
});

describe("time stage: publishedHint", () => {
  const text = "The minister said on Thursday that talks would go on. A hospital was shelled on Wednesday, officials said.";
  it("an undated article takes the hint, and its weekdays resolve against it", () => {
    const doc = analyze(article("a", text), { now: NOW, publishedHint: { value: "2022-03-10", rule: "story-mate:weekday", evidence: null } });
    expect(doc.published).toMatchObject({ value: "2022-03-10", inferred: true, rule: "story-mate:weekday" });
    const wed = doc.times.find((t) => text.slice(t.start, t.end).includes("Wednesday"));
    expect(wed?.value).toBe("2022-03-09");
  });
  it("a metadata date is never replaced by the hint", () => {
    const doc = analyze(article("a", text, "2022-03-11"), { now: NOW, publishedHint: { value: "2022-03-10", rule: "story-mate:weekday", evidence: null } });
    expect(doc.published.value).toBe("2022-03-11");
    expect(doc.published.rule).toBe("metadata");
  });
});

const MEETING_DATED =
  "ANTALYA, Turkey - The foreign ministers of Ukraine and Russia met in Antalya on Thursday, the first talks between the two since the war began, Turkish officials said.";
const MEETING_UNDATED =
  "Ukraine's foreign minister said on Thursday that his meeting with his Russian counterpart in Antalya had brought no progress towards a ceasefire.\nHe said he was ready to meet again.";

describe("redateBatch", () => {
  it("story-mate:weekday: an undated article takes its weekday's date from its story-mate, with evidence and sources", () => {
    const items = [item("dated", MEETING_DATED, "s1", "2022-03-10"), item("undated", MEETING_UNDATED, "s1")];
    expect(items[1]!.record.published).toBeNull();
    const rep = redateBatch(items, { now: NOW });
    const r = items[1]!.record;
    expect(r.published).toBe("2022-03-10");
    expect(r.published_inferred).toBe(true);
    expect(r.published_rule).toBe("story-mate:weekday");
    expect(r.published_from).toEqual(["dated"]);
    expect(r.story).toBe("s1");
    const ev = r.published_evidence!;
    expect(MEETING_UNDATED.slice(ev.start, ev.end)).toBe(ev.text);
    expect(ev.text).toMatch(/Thursday/);
    expect(rep.filled.get("undated")).toBe("story-mate:weekday");
    // the metadata date of the story-mate is untouched
    expect(items[0]!.record.published).toBe("2022-03-10");
    expect(items[0]!.record.published_rule).toBe("metadata");
  });

  it("an article of another story does not lend its date", () => {
    const items = [item("dated", MEETING_DATED, "s1", "2022-03-10"), item("other", MEETING_UNDATED, "s2"), item("none", MEETING_UNDATED, null)];
    redateBatch(items, { now: NOW });
    for (const it of items.slice(1)) {
      expect(it.record.published).toBeNull();
      expect(it.record.published_from).toBeUndefined();
    }
  });

  it("a weekday inconsistent with the story-mates gives no date", () => {
    const monday = MEETING_UNDATED.replace("on Thursday", "on Monday");
    const items = [item("dated", MEETING_DATED, "s1", "2022-03-10"), item("undated", monday, "s1")];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBeNull();
  });

  it("story-mate:year: a year-less date completed with the story-mate's year; events dated with it", () => {
    const undated = "Talks between the two delegations took place on March 29 in Istanbul, the foreign minister said.\nHe called them the most meaningful so far.";
    const items = [item("dated", "Delegations of Ukraine and Russia met in Istanbul on Tuesday, officials said.", "s1", "2022-03-29"), item("undated", undated, "s1")];
    expect(items[1]!.record.published).toBeNull();
    redateBatch(items, { now: NOW });
    const r = items[1]!.record;
    expect(r.published).toBe("2022-03-29");
    expect(r.published_rule).toBe("story-mate:year");
    expect(r.published_from).toEqual(["dated"]);
  });

  it("batch-year, then a story-mate dated from it (chained)", () => {
    const partial = "Talks between the two delegations took place on March 29 in Istanbul, the foreign minister said.\nHe called them the most meaningful so far.";
    const weekday = "The foreign minister hailed Tuesday's meeting of the two delegations in Istanbul as the most meaningful so far.\nHe thanked both sides.";
    const items = [
      item("elsewhere", "The agency said on Sunday that aid convoys had reached the city.", "s9", "2022-03-20"),
      item("partial", partial, "s1"),
      item("weekday", weekday, "s1"),
    ];
    redateBatch(items, { now: NOW });
    expect(items[1]!.record).toMatchObject({ published: "2022-03-29", published_rule: "batch-year", published_inferred: true });
    expect(items[2]!.record).toMatchObject({ published: "2022-03-29", published_rule: "story-mate:weekday", published_from: ["partial"] });
  });

  it("a day the re-analysis finds far from the story-mates' dates is not taken", () => {
    // the lead's own month-day (October 2) lies weeks before the story-mates: year only, and the
    // day the text gives with that year is outside the story's window, so nothing changes
    const undated = "The journalist entered the consulate on Oct. 2 to obtain documents and never came out, his fiancee said.\nOfficials gave no comment.";
    const items = [item("m1", "Officials confirmed the death on Friday, the state agency reported.", "s1", "2018-10-19"), item("late", undated, "s1")];
    const before = items[1]!.record;
    expect(before.published).toBeNull();
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBeNull();
    expect(items[1]!.record).toBe(before);
  });

  it("without any dated article in the run, nothing is filled", () => {
    const items = [item("a", MEETING_UNDATED, "s1"), item("b", MEETING_UNDATED.replace("Ukraine's", "Kyiv's"), "s1")];
    const rep = redateBatch(items, { now: NOW });
    expect(items.map((i) => i.record.published)).toEqual([null, null]);
    expect(rep.filled.size).toBe(0);
  });

  it("a date the article's own text fixes is not replaced by its story-mates'", () => {
    const own = "ISTANBUL, March 28, 2022 - The two delegations met on Monday, officials said.";
    const items = [item("dated", MEETING_DATED, "s1", "2022-03-10"), item("own", own, "s1")];
    const before = items[1]!.record.published;
    expect(before).not.toBeNull();
    redateBatch(items, { now: NOW });
    expect(items[1]!.record.published).toBe(before);
    expect(items[1]!.record.published_from).toBeUndefined();
  });
});

describe("online forms", () => {
  it("redateFromMates: the just-assigned article from its story-mates", () => {
    const a = article("undated", MEETING_UNDATED);
    const rec = toRecord(analyze(a, { now: NOW }));
    rec.story = "s1";
    const out = redateFromMates(a, rec, [{ id: "dated", published: "2022-03-10" }], { now: NOW });
    expect(out.published).toBe("2022-03-10");
    expect(out.story).toBe("s1");
    // no mates: unchanged, same object
    expect(redateFromMates(a, rec, [], { now: NOW })).toBe(rec);
  });

  it("redateFromStore reads only the article's story", async () => {
    const a = article("undated", MEETING_UNDATED);
    const rec: ArticleRecord = toRecord(analyze(a, { now: NOW }));
    rec.story = "s1";
    const asked: ArticleFilter[] = [];
    const store = {
      async listArticles(f: ArticleFilter) {
        asked.push(f);
        const row = { id: "dated", title: null, url: null, outlet: null, published: "2022-03-10", published_inferred: false, origin: "x", story: "s1", ingested_at: "", length: 1, lead: "" };
        return [row] as never;
      },
    };
    const out = await redateFromStore(store, a, rec, { now: NOW });
    // one bounded read of that story, however many articles it holds
    expect(asked).toEqual([{ story: "s1", limit: 50 }]);
    expect(out.published).toBe("2022-03-10");
    expect(out.published_rule).toBe("story-mate:weekday");
  });
});
