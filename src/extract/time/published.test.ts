import { describe, expect, it } from "vitest";
import { seededRandom, sharedTexts } from "../../../test/shared.js";
import { applyYearHint, inferStoryYears } from "./index.js";
import { isHeading, isHeadingAt } from "./published.js";
import { timeDoc } from "./testkit.js";

/** Publication dates inferred from the text alone (no metadata). "now" is fixed at 2026-01-01. */
const CASES: Array<{ name: string; text: string; want: string | null; rule?: RegExp; evidence?: string }> = [
  {
    name: "a stated date anchored by a relative word, year from the text",
    text: "Talks resumed in October 2019 after a pause.\nYesterday (November 13), the envoys met in Geneva.",
    want: "2019-11-14",
    rule: /^relative-with-date$/,
    evidence: "Yesterday (November 13)",
  },
  {
    name: "a dated photo caption plus the lead's weekday",
    text: "Soldiers patrol a street in Bamako, Mali, Aug. 19, 2020. (AFP Photo)\nThe junta's leader met mediators on Saturday.\nTalks continued.",
    want: "2020-08-22",
    rule: /^weekday-after-date$/,
  },
  {
    name: "a caption date alone is only a lower bound",
    text: "Soldiers patrol a street in Bamako, Mali, Aug. 19, 2020. (AFP Photo)\nThe junta's leader met mediators.\nTalks continued.",
    want: null,
    rule: /^caption-lower-bound$/,
  },
  {
    name: "a cut-off date and the weekday of the report in the same sentence",
    text: "Casualties from March 1, 2021 until 24:00 on April 3, 2021, amounted to 310, the office reports on Sunday.",
    want: "2021-04-04",
    rule: /^weekday-after-date$/,
  },
  {
    name: "an explicit full date in the lead",
    text: "The election commission announced on 12 March 2021 that turnout reached 61 percent.\nObservers praised the vote.",
    want: "2021-03-12",
    rule: /^lead-date$/,
  },
  {
    name: "the lead's date is found even when it is repeated later in the text",
    text: "Negotiators met in Doha on 29 March 2021, the mediator said.\nThe talks lasted hours.\nBoth sides spoke.\nThe 29 March 2021 talks were the first since January.",
    want: "2021-03-29",
    rule: /^lead-date$/,
    evidence: "on 29 March 2021",
  },
  {
    name: "a dateline with the lead's weekday fixes the year by the calendar",
    text: "NAIROBI, Nov 14 (Reuters) - Kenya's president said on Thursday that talks would resume.",
    want: "2024-11-14", // Nov 14 was a Thursday in 2024 (the most recent such year before 2026-01-01)
    rule: /^dateline:year-from-weekday$/,
  },
  {
    name: "a bare historical year does not give the year",
    text: "Under the 1995 accords, the parties met.\nYesterday (November 13), the envoys met in Geneva.",
    want: null,
    rule: /^relative-with-date:no-year$/,
  },
  {
    name: "weekdays alone do not fix the date",
    text: "The ministers met on Tuesday. On Wednesday the talks ended.",
    want: null,
  },
  {
    name: "a background date far from the lead's weekday is ambiguous",
    text: "The minister said on Tuesday that progress was made.\nParagraph two.\nParagraph three.\nParagraph four.\nThe war began on March 3, 2020, when troops crossed.",
    want: null,
  },
  {
    name: "a since-date, a stated duration and the lead's weekday fix the year by the calendar",
    text: "Ukraine said on Thursday that 2 million people have fled in the week since February 24.\nTalks continued.",
    want: "2022-03-03", // February 24 was a Thursday in 2022, a week before the report's Thursday
    rule: /^weekday-after-date:year-from-weekday$/,
  },
  {
    name: "a since-date and the lead's weekday without a stated duration fix nothing",
    text: "Ukraine said on Thursday that 2 million people have fled since February 24.\nTalks continued.",
    want: null,
  },
  {
    name: "a since-date is a start point, not the publication date",
    text: "Since February 24, 2020, at least 902 civilians have been killed.\nThe office gave no details.",
    want: null,
  },
];

describe("publication date inference", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const doc = timeDoc(c.text, null);
      expect(doc.published.value).toBe(c.want);
      expect(doc.published.inferred).toBe(c.want !== null);
      if (c.rule) expect(doc.published.rule).toMatch(c.rule);
      if (c.evidence) {
        const ev = doc.published.evidence!;
        expect(c.text.slice(ev.start, ev.end)).toBe(c.evidence);
      }
    });
  }

  it("metadata wins unless noMetadataDates", () => {
    const text = "NAIROBI, Nov 14 (Reuters) - Kenya's president said on Thursday that talks would resume.";
    expect(timeDoc(text, "2013-11-14").published).toMatchObject({ value: "2013-11-14", inferred: false, rule: "metadata" });
    const doc = timeDoc(text, "2013-11-14", { noMetadataDates: true });
    expect(doc.published.value).toBe("2024-11-14");
  });

  it("relative days resolve against the inferred date", () => {
    const doc = timeDoc("Soldiers patrol Bamako, Aug. 19, 2020. (AFP Photo)\nThe junta met mediators on Saturday.\nOn Friday, protesters gathered.", null);
    expect(doc.times.map((t) => t.value)).toEqual(["2020-08-19", "2020-08-22", "2020-08-21"]);
  });

  it("a caption date is not the publication date but weekdays are read against it", () => {
    const text = "Soldiers patrol Bamako, Aug. 19, 2020. (AFP Photo)\nThe junta met mediators.\nTalks continued.\nThe crisis began after a coup on Tuesday.";
    const doc = timeDoc(text, null);
    expect(doc.published).toMatchObject({ value: null, rule: "caption-lower-bound" });
    const tue = doc.times.find((t) => text.slice(t.start, t.end) === "on Tuesday");
    expect(tue).toMatchObject({ value: "2020-08-18", grain: "day" }); // the Tuesday before the Wednesday photo
    // without the caption the weekday stays unresolved
    expect(timeDoc("The junta met mediators.\nThe crisis began after a coup on Tuesday.", null).times).toEqual([]);
  });

  it("a year-less date waits for a year from the story (cross-article hook)", () => {
    const doc = timeDoc("The March 29 talks in the capital made progress, the minister said.\nMore talks are planned.", null);
    expect(doc.published.value).toBeNull();
    expect(doc.published.rule).toBe("lead-date:no-year");
    expect(applyYearHint(doc, 2022)).toBe(true);
    expect(doc.published.value).toBe("2022-03-29");
    expect(doc.published.rule).toBe("lead-date:year-from-story");
    expect(doc.times.map((t) => t.value)).toEqual(["2022-03-29"]);
  });

  it("story-mates with known dates give the year to the undated ones", () => {
    const dated = timeDoc("The talks ended on Tuesday.", "2022-03-29");
    const undated = timeDoc("The March 29 talks in the capital made progress, the minister said.\nMore talks are planned.", null);
    const unrelated = timeDoc("The ministers met on Tuesday.", null);
    expect(inferStoryYears([dated, undated, unrelated])).toBe(1);
    expect(undated.published.value).toBe("2022-03-29");
    expect(unrelated.published.value).toBeNull();
    expect(dated.published.rule).toBe("metadata");
  });

  it("a year hint in the options completes a year-less date", () => {
    const text = "The March 29 talks in the capital made progress, the minister said.\nMore talks are planned.";
    const doc = timeDoc(text, null, { yearHint: 2022 });
    expect(doc.published).toMatchObject({ value: "2022-03-29", inferred: true, rule: "lead-date:year-from-story" });
  });
});

describe("isHeading", () => {
  /** The definition it replaces: trimmed, no terminal punctuation at the end, at most 16 words. */
  const reference = (line: string) => {
    const t = line.trim();
    if (t === "" || /[.!?"”’)\]]\s*$/.test(t)) return false;
    return t.split(/\s+/).length <= 16;
  };
  it("is a short line without terminal punctuation", () => {
    expect(isHeading("  Talks in Geneva  ")).toBe(true);
    expect(isHeading("Talks in Geneva.")).toBe(false);
    expect(isHeading("Talks in Geneva ”\u00a0")).toBe(false);
    expect(isHeading(" \t ")).toBe(false);
    expect(isHeading(Array(16).fill("w").join(" \u2003"))).toBe(true);
    expect(isHeading(Array(17).fill("w").join(" "))).toBe(false);
  });
  it("equals the trim, regex and split it replaces, on the corpora's lines and random lines", () => {
    const lines = sharedTexts().flatMap((t) => t.split("\n"));
    const pieces = ["w", "word", " ", "  ", "\t", "\u00a0", "\u2003", ".", "!", "?", '"', "”", "’", ")", "]", ",", "x."];
    const rnd = seededRandom(5);
    for (let n = 0; n < 20000; n++) {
      let line = "";
      const len = Math.floor(rnd() * 40);
      for (let k = 0; k < len; k++) line += pieces[Math.floor(rnd() * pieces.length)];
      lines.push(line);
    }
    let headings = 0;
    for (const line of lines) {
      expect(isHeading(line), JSON.stringify(line)).toBe(reference(line));
      if (reference(line)) headings++;
      // the same line inside a longer text
      expect(isHeadingAt(`ab. ${line} cd.`, 4, 4 + line.length)).toBe(reference(line));
    }
    expect(headings).toBeGreaterThan(1000);
  });
});
