import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import type { QuoteRecord } from "../../core/types.js";

/**
 * Cases modelled on failures found by reading the output on articles from other regions and
 * years (datelines, abbreviated titles, inverted attributions, scare quotes). The fixture
 * sentences are written for these tests.
 */
function quotes(text: string): QuoteRecord[] {
  const doc = analyze({ id: "t", text, title: null, url: null, outlet: null, published: "2021-03-14", origin: "test" });
  for (const q of doc.quotes) expect(q.span.end).toBeGreaterThan(q.span.start);
  return doc.quotes;
}
const said = (text: string) => quotes(text).map((q) => `${q.speaker}: ${text.slice(q.span.start, q.span.end)}`);

describe("speakers", () => {
  it("an abbreviated title after the verb does not stop the name", () => {
    const q = said('"The bill is a betrayal of every farmer in this state," said Sen. Helen Marsh, speaking to a local radio station.');
    expect(q).toEqual(["Helen Marsh: The bill is a betrayal of every farmer in this state,"]);
  });
  it("an inverted attribution at the end of the sentence names the speaker, not the clause", () => {
    const q = said("Nine suspects were detained after the blasts hit two markets in the port, the region's largest city, said regional officials.");
    expect(q).toHaveLength(1);
    expect(q[0]).toMatch(/^regional officials: Nine suspects were detained/);
  });
  it("a sentence-opening conjunction is never a speaker", () => {
    const q = quotes("But the two rivals still describe each other as “the old enemy” in their speeches.");
    expect(q.map((x) => x.speaker)).not.toContain("But");
  });
});

describe("reported clauses", () => {
  it("a clause that opens with 'at least' keeps it", () => {
    expect(said("The ministry said at least four villages near the border were shelled overnight.")).toEqual([
      "ministry: at least four villages near the border were shelled overnight",
    ]);
  });
  it("a dateline with a city and a country is not part of the reported clause", () => {
    const q = said("MERIDA, Venezuela -- Heavy rains flooded the old town on Sunday, cutting power to thousands of homes, officials said.");
    expect(q).toHaveLength(1);
    expect(q[0]).toMatch(/^officials: Heavy rains flooded/);
  });
  it("an ordinary 'said on Monday' is still read as an adverbial", () => {
    expect(said("The governor said on Monday that the roads would reopen within a week.")).toEqual(["governor: the roads would reopen within a week"]);
  });
});
