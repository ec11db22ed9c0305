import { describe, expect, it } from "vitest";
import { timeDoc } from "./testkit.js";

/**
 * Table-driven, chrono style: text, reference (publication) date, and the expected expressions as
 * [span text, value, grain, end_value?]. Reference days: 2022-02-28 is a Monday, 2019-11-14 a
 * Thursday, 2023-01-05 a Thursday.
 */
type Expect = [string, string, string, string?];
const CASES: Array<{ text: string; ref: string; want: Expect[] }> = [
  { text: "The minister spoke to reporters on Monday.", ref: "2022-02-28", want: [["on Monday", "2022-02-28", "day"]] },
  { text: "The ceasefire collapsed on Thursday.", ref: "2022-02-28", want: [["on Thursday", "2022-02-24", "day"]] },
  { text: "Thursday brought heavy rain to the capital.", ref: "2022-02-28", want: [["Thursday", "2022-02-24", "day"]] },
  { text: "The army withdrew last Thursday.", ref: "2022-02-28", want: [["last Thursday", "2022-02-24", "day"]] },
  { text: "Rebels seized the airport on Saturday, officials said on Thursday.", ref: "2019-11-14", want: [["on Saturday", "2019-11-09", "day"], ["on Thursday", "2019-11-14", "day"]] },
  { text: "The envoys met yesterday in Geneva.", ref: "2019-11-14", want: [["yesterday", "2019-11-13", "day"]] },
  { text: "Yesterday (November 13), the envoys met in Geneva.", ref: "2019-11-14", want: [["Yesterday (November 13)", "2019-11-13", "day"]] },
  { text: "The president on early February 24 announced an operation.", ref: "2022-02-28", want: [["early February 24", "2022-02-24", "day"]] },
  { text: "Tensions rose late last year when troops massed.", ref: "2022-02-28", want: [["late last year", "2021", "year"]] },
  { text: "Earlier this week, the two leaders spoke by phone.", ref: "2022-02-26", want: [["Earlier this week", "2022-02-21", "range", "2022-02-25"]] },
  { text: "The council met last week.", ref: "2022-02-28", want: [["last week", "2022-02-21", "week", "2022-02-27"]] },
  { text: "A photo taken in Harare, Nov. 12, 2019.", ref: "2019-11-14", want: [["Nov. 12, 2019", "2019-11-12", "day"]] },
  { text: "Exports fell sharply in February.", ref: "2022-03-10", want: [["February", "2022-02", "month"]] },
  { text: "Exports fell sharply in December.", ref: "2023-01-05", want: [["December", "2022-12", "month"]] },
  { text: "Under the 2014 and 2015 accords, both sides agreed to withdraw.", ref: "2022-02-28", want: [["2014", "2014", "year"], ["2015", "2015", "year"]] },
  { text: "The convoy left three days ago.", ref: "2019-11-14", want: [["three days ago", "2019-11-11", "day"]] },
  { text: "The summit on March 11-13 will be held in Antalya.", ref: "2022-03-06", want: [["March 11-13", "2022-03-11", "range", "2022-03-13"]] },
  { text: "Casualties until 24:00 on March 19, 2022, amounted to 2,361.", ref: "2022-03-20", want: [["March 19, 2022", "2022-03-19", "day"]] },
  { text: "The count stood at 900 on March 19 (847 a day earlier).", ref: "2022-03-20", want: [["March 19", "2022-03-19", "day"], ["a day earlier", "2022-03-18", "day"]] },
  { text: "Troops crossed the border on February 24, three days after Moscow recognised the regions.", ref: "2022-03-10", want: [["February 24", "2022-02-24", "day"], ["three days after", "2022-02-21", "day"]] },
  // future context: the next such day, not the last one
  { text: "The ministers have agreed to meet on Thursday in Antalya.", ref: "2022-03-07", want: [["on Thursday", "2022-03-10", "day"]] },
  { text: "The president will speak to his counterpart on Sunday.", ref: "2022-03-05", want: [["on Sunday", "2022-03-06", "day"]] },
  // a "will" inside the quotation before it is the speaker's: the report itself is past
  { text: "“The talks will help,” the minister wrote on Twitter on Monday.", ref: "2022-03-09", want: [["on Monday", "2022-03-07", "day"]] },
  { text: "December 28 was the deadliest day.", ref: "2023-01-05", want: [["December 28", "2022-12-28", "day"]] },
  // past-leaning month-day: a reported date far ahead of the reference is last year's; a planned one is next year's
  { text: "Protests began on March 1 in the capital.", ref: "2019-11-14", want: [["March 1", "2019-03-01", "day"]] },
  { text: "The forum will open on January 10.", ref: "2019-11-14", want: [["January 10", "2020-01-10", "day"]] },
  { text: "On Nov 3, talks began; a week later, troops returned.", ref: "2019-11-14", want: [["Nov 3", "2019-11-03", "day"], ["a week later", "2019-11-10", "day"]] },
  { text: "Tuesday, Nov. 12 was quiet.", ref: "2019-11-14", want: [["Tuesday, Nov. 12", "2019-11-12", "day"]] },
  { text: "Wednesday's attack killed five.", ref: "2019-11-14", want: [["Wednesday", "2019-11-13", "day"]] },
  { text: "Fighting eased over the weekend.", ref: "2019-11-14", want: [["weekend", "2019-11-09", "range", "2019-11-10"]] },
  { text: "Prices rose earlier this month.", ref: "2019-11-14", want: [["earlier this month", "2019-11-01", "range", "2019-11-13"]] },
  { text: "As of February 2022, some 14,000 people had been killed.", ref: "2022-02-25", want: [["February 2022", "2022-02", "month"]] },
  { text: "Refugees crossed in the past week.", ref: "2022-03-03", want: [["past week", "2022-02-24", "range", "2022-03-03"]] },
];

describe("time expressions", () => {
  for (const c of CASES) {
    it(`${c.text} @${c.ref}`, () => {
      const doc = timeDoc(c.text, c.ref);
      const got = doc.times.map((t) => {
        const row: string[] = [c.text.slice(t.start, t.end), t.value, t.grain];
        if (t.end_value) row.push(t.end_value);
        return row;
      });
      expect(got).toEqual(c.want);
    });
  }

  it("never invents a day for a month", () => {
    const doc = timeDoc("Prices rose in March and fell in May.", "2021-06-01");
    expect(doc.times.map((t) => [t.value, t.grain])).toEqual([["2021-03", "month"], ["2021-05", "month"]]);
  });

  it("leaves relative days unresolved without a publication date", () => {
    const doc = timeDoc("Talks ended on Tuesday without agreement.", null);
    expect(doc.published.value).toBeNull();
    expect(doc.times).toEqual([]);
  });

  it("resolves stated full dates without a publication date", () => {
    const doc = timeDoc("Voting took place on 12 March 2021 across the country.", null);
    expect(doc.times.map((t) => t.value)).toEqual(["2021-03-12"]);
  });

  it("every span is a verbatim slice of the text (provenance)", () => {
    for (const c of CASES) {
      const doc = timeDoc(c.text, c.ref);
      for (const t of doc.times) {
        expect(t.start).toBeGreaterThanOrEqual(0);
        expect(t.end).toBeLessThanOrEqual(c.text.length);
        expect(t.end).toBeGreaterThan(t.start);
        expect(c.text.slice(t.start, t.end).trim()).toBe(c.text.slice(t.start, t.end));
      }
      const starts = doc.times.map((t) => t.start);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    }
  });
});
