import { describe, expect, it } from "vitest";
import { timeDoc } from "./testkit.js";

/** Texts that must produce no time expression at all (reference: a Monday, 2022-02-28). */
const NEGATIVE = [
  "At least 368,000 people have fled the country.",
  "The UN said 102 civilians had been killed, including 16 children.",
  "The home side won 3-1 after a 2-2 draw in the first leg.",
  "The first round of talks ended without agreement.",
  "Call the hotline on +90 312 555 12 34 or 0800 123 456.",
  "Article 5 of the treaty obliges members to respond.",
  "The 45-year-old was aged 45 when elected; she is now one of two deputies.",
  "He finished second, one point behind the leader.",
  "May he rest in peace, the bishop said.",
  "Thousands joined the march through the capital.",
  "The ministry offers help 24/7 and marked the 9/11 anniversary.",
  "The figure rose by 1,936 to 2,014 overnight.",
  "Resolution 2202 was adopted unanimously.",
  "The Sun newspaper and the Mail disagreed.",
  "In just seven days, one million people left.",
  "The fighting lasted for three hours.",
  "The meeting started at 10 a.m. and ended at noon.",
  "Of 2000 troops deployed, 1500 returned.",
  "Talks began after two days of failed ceasefires.",
  "A week later, troops returned.", // relative to no date: dropped, not resolved against the reference
];

describe("negative cases: not dates", () => {
  for (const text of NEGATIVE) {
    it(text, () => {
      const doc = timeDoc(text, "2022-02-28");
      expect(doc.times.map((t) => text.slice(t.start, t.end))).toEqual([]);
    });
  }

  it("a text without any trigger skips the parse and yields nothing", () => {
    const doc = timeDoc("The delegation left the building quietly.", "2022-02-28");
    expect(doc.times).toEqual([]);
  });

  it("survives empty, numeric, odd and unicode texts", () => {
    for (const text of ["", " ", "\n\n", "2022", "31/02/2022", "February 30", "Ⅻ ٢٠٢٢ 二〇二二年", "\u0000\u0001", "on on on Monday Monday"]) {
      const doc = timeDoc(text, "2022-02-28");
      for (const t of doc.times) expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
    }
    expect(timeDoc("February 30 was cited.", "2022-02-28").times).toEqual([]);
  });
});
