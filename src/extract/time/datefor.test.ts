import { describe, expect, it } from "vitest";
import { dateFor } from "./index.js";
import { spanOf, timeDoc } from "./testkit.js";

/**
 * dateFor precedence, one case per rule. Each case: text, publication date, the evidence of the
 * event or figure, and the expected value and rule. 2019-11-14 is a Thursday.
 */
const CASES: Array<{ text: string; pub: string | null; at: string; kind?: "event" | "figure"; value: string | null; rule: string }> = [
  {
    text: "The two presidents spoke by phone on Tuesday. They discussed the border.",
    pub: "2019-11-14", at: "The two presidents spoke by phone", value: "2019-11-12", rule: "sentence",
  },
  {
    // the date inside the evidence wins over a nearer one outside it
    text: "Officials said on Thursday that rebels had shelled the town on Monday.",
    pub: "2019-11-14", at: "rebels had shelled the town on Monday", value: "2019-11-11", rule: "sentence",
  },
  {
    // a caption dates the photo, not the attack it shows; a future date does not date a report
    text: "A man walks past a building destroyed in an air strike in Idlib, Nov. 12, 2019. (AFP Photo)\nThe ministers agreed to meet on Saturday.",
    pub: "2019-11-14", at: "an air strike in Idlib", value: null, rule: "none",
  },
  {
    text: "The foreign ministers have agreed to meet on Saturday, the host said.",
    pub: "2019-11-14", at: "The foreign ministers have agreed", value: "2019-11-14", rule: "published:perfect",
  },
  {
    text: "The talks took place on Tuesday. The envoy later accepted the offer.",
    pub: "2019-11-14", at: "The envoy later accepted the offer", value: null, rule: "unanchored",
  },
  {
    text: "The talks took place on Tuesday. Norway has repeatedly offered to mediate.",
    pub: "2019-11-14", at: "Norway has repeatedly offered to mediate", value: null, rule: "habitual",
  },
  {
    // a habitual word inside the quotation is the speaker's, not the report's
    text: "The talks took place on Tuesday. The envoy said he condemned the raids and “we will continue to support the mediation.”",
    pub: "2019-11-14", at: "he condemned the raids", value: "2019-11-12", rule: "narrative",
  },
  {
    // "would continue": a stated intention, dated by the report
    text: "The talks took place on Tuesday. The minister stressed that his country would continue the blockade.",
    pub: "2019-11-14", at: "would continue the blockade", value: "2019-11-12", rule: "narrative",
  },
  {
    text: "The talks took place on Tuesday. The envoy said he continues to condemn the raids.",
    pub: "2019-11-14", at: "he continues to condemn the raids", value: null, rule: "habitual",
  },
  {
    // an event named as a start point is not dated by the report's weekday
    text: "Thousands have fled in the week since Peru's invasion, the agency said on Thursday.",
    pub: "2019-11-14", at: "Peru's invasion", value: null, rule: "start-point",
  },
  {
    text: "Peru's invasion began on Monday, the agency said on Thursday.",
    pub: "2019-11-14", at: "Peru's invasion began on Monday", value: "2019-11-11", rule: "sentence",
  },
  {
    text: "The talks took place on Tuesday. The mediator had met both sides.",
    pub: "2019-11-14", at: "The mediator had met both sides", value: null, rule: "past-perfect",
  },
  {
    text: "The presidents spoke on Tuesday. The call lasted an hour. They discussed trade and the border.",
    pub: "2019-11-14", at: "They discussed trade", value: "2019-11-12", rule: "narrative",
  },
  {
    // the narrative does not cross a section heading
    text: "The presidents spoke on Tuesday. They agreed to talk again. Aides were present.\nBackground to the crisis\nThe rebels seized the province.",
    pub: "2019-11-14", at: "The rebels seized the province", value: null, rule: "none",
  },
  {
    text: "The presidents discussed trade and the border, the ministry said.\nNo details were given.",
    pub: "2019-11-14", at: "The presidents discussed trade", value: "2019-11-14", rule: "published:lead",
  },
  {
    text: "Casualties until 24:00 on November 10, 2019 amounted to 310.\nThe report was long.\nAmong them were 25 children.",
    pub: "2019-11-12", at: "25 children", kind: "figure", value: "2019-11-10", rule: "cutoff",
  },
  {
    text: "The report was long.\nThe agency gave no details.\nIt was released late.\nAmong the dead were 25 children.",
    pub: "2019-11-12", at: "25 children", kind: "figure", value: "2019-11-12", rule: "published:figure",
  },
  {
    // a present perfect of a stance is not dated by the narrative
    text: "The talks took place on Tuesday. Norway has called the attack unacceptable.",
    pub: "2019-11-14", at: "Norway has called the attack unacceptable", value: null, rule: "perfect-stance",
  },
  {
    // a count over a period is as of the period's end
    text: "The agency said on Thursday that 5,000 people crossed in the past week.",
    pub: "2019-11-14", at: "5,000 people crossed in the past week", kind: "figure", value: "2019-11-14", rule: "sentence:period-end",
  },
  {
    text: "The presidents spoke on Tuesday.",
    pub: null, at: "The presidents spoke", value: null, rule: "none",
  },
];

describe("dateFor", () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.at}`, () => {
      const doc = timeDoc(c.text, c.pub);
      const r = dateFor(doc, spanOf(c.text, c.at), { kind: c.kind ?? "event" });
      expect([r.value, r.rule]).toEqual([c.value, c.rule]);
      if (r.evidence && r.rule !== "published:figure" && r.rule !== "published:perfect" && r.rule !== "published:lead") {
        expect(r.evidence.end).toBeGreaterThan(r.evidence.start);
      }
    });
  }

  it("keeps the grain: a month is never turned into a day", () => {
    const text = "Exports collapsed in March, the ministry said.";
    const doc = timeDoc(text, "2021-06-01");
    expect(dateFor(doc, spanOf(text, "Exports collapsed"))).toMatchObject({ value: "2021-03", grain: "month" });
    expect(dateFor(doc, spanOf(text, "Exports collapsed"), { grain: "day" })).toMatchObject({ value: null, grain: "month", rule: "sentence:not-day" });
  });

  it("returns the evidence span of the governing expression", () => {
    const text = "The envoys met in Doha on Sunday and agreed a truce.";
    const doc = timeDoc(text, "2019-11-14");
    const r = dateFor(doc, spanOf(text, "agreed a truce"));
    expect(r.value).toBe("2019-11-10");
    expect(text.slice(r.evidence!.start, r.evidence!.end)).toBe("on Sunday");
  });

  it("is cheap enough to call for every event", () => {
    const para = "The envoys met on Sunday and agreed a truce. Fighting resumed on Monday, officials said. ";
    const text = para.repeat(40);
    const doc = timeDoc(text, "2019-11-14");
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) dateFor(doc, { start: (i * 37) % (text.length - 10), end: ((i * 37) % (text.length - 10)) + 10 });
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
