import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import type { FigureRecord } from "../../core/types.js";

/**
 * Cases modelled on failures found by reading the output on articles from other conflicts,
 * disasters and years (bombings, earthquakes, missile strikes, trials). The fixture sentences are
 * written for these tests.
 */
function figs(text: string): FigureRecord[] {
  const doc = analyze({ id: "t", text, title: null, url: null, outlet: null, published: "2021-03-14", origin: "test" });
  for (const f of doc.figures) expect(f.span.end).toBeGreaterThan(f.span.start);
  return doc.figures;
}
const pairs = (text: string) => figs(text).map((f) => `${f.value} ${f.category} ${f.qualifier}`);

describe("things counted that are not people", () => {
  it.each([
    ["The death toll from the series of six car bombs that hit the market rose to 74, officials said.", "6 killed"],
    ["Three people were wounded when rebels fired rockets at two government military bases.", "2 injured"],
    ["The fire that destroyed four high-rise apartment blocks killed 31 people.", "4 killed"],
    ["The woman died in a brawl involving more than a dozen local officials.", "12 killed"],
  ])("%s", (text, wrong) => {
    expect(pairs(text).map((p) => p.split(" ").slice(0, 2).join(" "))).not.toContain(wrong);
  });
  it("a military item after an adjective is still an item", () => {
    const f = figs("The navy said the cruiser had launched 14 cruise missiles overnight.");
    expect(f.map((x) => `${x.value} ${x.category} ${x.unit}`)).toEqual(["14 other missiles"]);
  });
  it("people nouns such as foreigners, tourists and worshippers are counted", () => {
    expect(pairs("At least 12 tourists were among the dead, the interior ministry said.")).toEqual(["12 killed at least"]);
    expect(pairs("Police said 40 worshippers were wounded in the attack on the mosque.")).toEqual(["40 injured exactly"]);
  });
});

describe("a toll that has risen to a number far from its noun", () => {
  it("risen to N with the toll at the start of a long subject", () => {
    const f = figs("The death toll from the landslide that buried three villages in the mountains north of the capital on Friday has risen to 163, the regional governor said.");
    expect(f.map((x) => `${x.value} ${x.category}`)).toEqual(["163 killed"]);
    expect(f[0]!.attributed_to).toBe("regional governor");
  });
  it("reached more than N", () => {
    expect(pairs("The number of people killed in the clashes that broke out after the vote in the southern provinces has reached more than 1,200, the U.N. said.")).toContain("1200 killed more than");
  });
  it("a distant cue without a verb of reaching does not make a far number a toll", () => {
    expect(pairs("The bodies were taken to a hospital, where doctors had worked through the night in the corridors of the old wing to treat 75.")).toEqual([]);
  });
});

describe("asides, sentences and shared qualifiers", () => {
  it("reads past an aside between dashes to the cue", () => {
    const f = figs("The floods injured as many as 300 people in the valley, and 19 foreigners – from Germany, Italy and Spain – are among the dead, police say.");
    expect(f.map((x) => `${x.value} ${x.category} ${x.qualifier}`)).toEqual(["300 injured up to", "19 killed exactly"]);
  });
  it("a qualifier still covers a short coordinated count", () => {
    expect(pairs("At least 61 civilians were killed and 140 wounded.")).toEqual(["61 killed at least", "140 injured at least"]);
  });
  it("a cue that an earlier count took gives way to the cue of the number's own clause", () => {
    expect(pairs("The storm injured some 700 people along the coast, and 23 tourists – mostly from Canada are among the dead, officials say.")).toEqual([
      "700 injured about",
      "23 killed exactly",
    ]);
  });
  it("death sentences and the death penalty are not deaths", () => {
    expect(pairs("The tribunal handed down death sentences to seven men on Tuesday.")).toEqual([]);
  });
  it("sentenced to death is not a death toll", () => {
    expect(pairs("Of the 9 men tried for the murder, four were sentenced to death and two were acquitted.")).toEqual([]);
  });
});

describe("ages", () => {
  it("an age in apposition to a name is not a count", () => {
    expect(pairs("Police detained the blogger Ivan Petrov, 31, who had been wanted since the protests in which 12 people were killed.")).toEqual(["12 killed exactly"]);
  });
});

describe("soldiers killed", () => {
  it("a kill verb right before a count of troops makes it a toll", () => {
    expect(pairs("The report blamed the militia for killing 140 soldiers during the occupation.")).toEqual(["140 killed exactly"]);
  });
  it("troops sent are still troops", () => {
    expect(pairs("The government will deploy 2,500 troops to the north.").map((p) => p.split(" ")[1])).toEqual(["troops"]);
  });
});

