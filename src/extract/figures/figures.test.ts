import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import type { Doc, FigureRecord } from "../../core/types.js";

/** Fixture texts written for these tests (invented reports in the style of wire copy). */
function run(text: string, published: string | null = "2023-05-10"): Doc {
  return analyze({ id: "t", text, title: null, url: null, outlet: null, published, origin: "test" });
}
function figs(text: string, published: string | null = "2023-05-10"): FigureRecord[] {
  const doc = run(text, published);
  for (const f of doc.figures) {
    expect(f.span.start).toBeGreaterThanOrEqual(0);
    expect(f.span.end).toBeLessThanOrEqual(text.length);
    expect(f.span.end).toBeGreaterThan(f.span.start);
  }
  return doc.figures;
}
function only(text: string, published?: string | null): FigureRecord {
  const f = figs(text, published);
  expect(f.map((x) => `${x.value} ${x.category}`), text).toHaveLength(1);
  return f[0]!;
}

describe("categories from the words around the number", () => {
  it.each([
    ["At least 120 civilians have been killed in the shelling, the health ministry said.", 120, "killed"],
    ["More than 40 people died when the dam burst.", 40, "killed"],
    ["Some 300 residents lost their lives in the floods.", 300, "killed"],
    ["The attack left 58 people wounded.", 58, "injured"],
    ["Rescuers said 35 were hurt in the blast.", 35, "injured"],
    ["Nearly 200,000 Sudanese have fled to Chad since April.", 200000, "displaced"],
    ["The agency counts 1.2 million refugees in the region.", 1200000, "displaced"],
    ["About 4,500 people were evacuated from the coastal town.", 4500, "displaced"],
    ["The country will send 3,000 troops to the border.", 3000, "troops"],
    ["A 10,000-strong force crossed into the province.", 10000, "troops"],
    ["The air force shot down four helicopters on Tuesday.", 4, "other"],
    ["The bank approved a $1.5 billion loan to the government.", 1500000000, "money"],
    ["The EU pledged €500 million in humanitarian aid for the quake zone.", 500000000, "aid"],
  ] as const)("%s", (text, value, category) => {
    const f = only(text);
    expect(f.value).toBe(value);
    expect(f.category).toBe(category);
  });

  it("reads a list of counts against the verb after it (breakdowns are separate figures)", () => {
    const f = figs("The dead include 40 men, 31 women and 12 children, officials said.");
    expect(f.map((x) => [x.value, x.category])).toEqual([
      [40, "killed"],
      [31, "killed"],
      [12, "killed"],
    ]);
  });

  it("splits 'killed and injured' between two numbers", () => {
    const f = figs("At least 61 people were killed and 210 injured in the strikes.");
    expect(f.map((x) => [x.value, x.category, x.qualifier])).toEqual([
      [61, "killed", "at least"],
      [210, "injured", "at least"],
    ]);
  });

  it("a day-on-day change is its own figure", () => {
    const f = figs("The toll of dead children rose by 9 overnight, while 27 children were killed in total, the ministry said.");
    const change = f.find((x) => x.value === 9)!;
    expect(change.category).toBe("killed");
    expect(change.what).toMatch(/increase/);
  });

  it("civilian casualties (killed plus injured) are 'other'", () => {
    const f = only("Civilian casualties in the region reached 3,412, the monitoring mission said.");
    expect(f.category).toBe("other");
  });
});

describe("qualifiers", () => {
  it.each([
    ["At least 15 people were killed.", "at least"],
    ["More than 2,000 people have fled.", "more than"],
    ["Over 70 soldiers were wounded.", "more than"],
    ["About 500 families were displaced.", "about"],
    ["Some 14,000 people have been killed in the conflict.", "about"],
    ["Nearly 90 people died in the fire.", "about"],
    ["Roughly 3,000 troops were deployed.", "about"],
    ["Up to 80 people may have died.", "up to"],
    ["Fewer than 20 people were evacuated.", "fewer than"],
    ["Less than 100 civilians were injured.", "fewer than"],
    ["Eleven people were killed on Monday.", "exactly"],
  ] as const)("%s", (text, q) => {
    expect(only(text).qualifier).toBe(q);
  });

  it("a projection is 'about'", () => {
    const f = only("An estimated 3 million people could flee the country by the end of the year, the agency said.");
    expect(f.qualifier).toBe("about");
    expect(f.category).toBe("displaced");
  });
});

describe("values in words", () => {
  it.each([
    ["Half a million people have fled the fighting.", 500000],
    ["Two million people have been displaced.", 2000000],
    ["Seventeen people were wounded.", 17],
  ] as const)("%s", (text, value) => {
    expect(only(text).value).toBe(value);
  });
});

describe("what is counted", () => {
  it("names the counted noun phrase", () => {
    const f = only("At least 20,000 Syrians have fled the country, the agency said.");
    expect(f.what).toMatch(/Syrians/);
    expect(f.what).toMatch(/fled/);
    expect(f.unit).toBe("people");
  });
  it("military items carry their unit", () => {
    expect(only("Rebels destroyed three tanks near the airport.").unit).toBe("tanks");
  });
  it("money carries its currency", () => {
    expect(only("Donors pledged $250 million for the reconstruction.").unit).toBe("USD");
    expect(only("The EU pledged €500 million in humanitarian aid.").what).toBe("in humanitarian aid");
  });
});

describe("attribution", () => {
  it("according to X", () => {
    const f = only("At least 5,000 people have fled the city, according to the International Organization for Migration.");
    expect(f.attributed_to).toMatch(/International Organization for Migration/);
  });
  it("X said (before)", () => {
    const f = only("The health ministry said 34 people were killed in the raid.");
    expect(f.attributed_to).toMatch(/health ministry/i);
  });
  it("…, X said (after, a description)", () => {
    const f = only("More than 10,000 people have crossed the border since Friday, another U.N. official said.");
    expect(f.attributed_to).toBe("U.N. official");
  });
  it("a person quoted directly", () => {
    const f = only('"We have registered 2,300 new refugees this week," Maria Lopez, the agency\'s country director, told reporters.');
    expect(f.attributed_to).toMatch(/Lopez/);
  });
  it("no source: null", () => {
    expect(only("By Sunday, the number of refugees could reach 1.5m.").attributed_to).toBeNull();
  });
});

describe("as of", () => {
  it("the publication date by default", () => {
    expect(only("At least 30 people have been killed, the ministry said.", "2023-05-10").as_of).toBe("2023-05-10");
  });
  it("a comparison count in brackets is its own figure, dated a day earlier", () => {
    const f = figs("Casualties until 24:00 on March 9, 2023, amounted to 1,210 people (1,150 in the report a day earlier), including 402 dead (380), the mission said.");
    expect(f.map((x) => [x.value, x.category, x.as_of])).toEqual([
      [1210, "other", "2023-03-09"],
      [1150, "other", "2023-03-08"],
      [402, "killed", "2023-03-09"],
      [380, "killed", "2023-03-08"],
    ]);
  });
  it("null without a date", () => {
    expect(only("At least 30 people have been killed, the ministry said.", null).as_of).toBeNull();
  });
});

describe("wire-copy sentences from other conflicts", () => {
  it("'has killed at least N people and wounded M': the verb before each number", () => {
    const f = figs("Fighting has killed at least 330 people and wounded 3,200 since Saturday, the World Health Organization said.");
    expect(f.map((x) => [x.value, x.category, x.qualifier])).toEqual([
      [330, "killed", "at least"],
      [3200, "injured", "exactly"],
    ]);
    expect(f[0]!.attributed_to).toBe("World Health Organization");
  });
  it("a possessive body as the source", () => {
    expect(only("Turkey's disaster agency AFAD said 20 people were killed overnight.").attributed_to).toBe("Turkey's disaster agency AFAD");
  });
  it("arrests and detentions are 'other'", () => {
    expect(only("The junta detained 1,200 protesters last week, a rights group said.").category).toBe("other");
  });
  it("reservists are troops", () => {
    expect(only("Israel has mobilised 360,000 reservists, the military said.").category).toBe("troops");
  });
  it("people in need of aid", () => {
    const f = only("About 13 million people need food aid, the agency said.");
    expect(f.category).toBe("aid");
    expect(f.unit).toBe("people");
  });
  it("'X has put the death toll at N'", () => {
    const f = only("The regional health bureau has put the death toll at more than 500,000.");
    expect([f.value, f.category, f.qualifier]).toEqual([500000, "killed", "more than"]);
    expect(f.attributed_to).toBe("regional health bureau");
  });
  it("a compound modifier is not a count", () => {
    expect(figs("The 7.5-magnitude quake was followed by a 10-point plan.")).toEqual([]);
  });
});

describe("numbers that are not figures", () => {
  const NEGATIVE = [
    "The war began on February 24, 2022, and the talks opened on March 10.",
    "The 1936 convention governs passage through the straits.",
    "Article 5 of the treaty obliges members to respond.",
    "The first round of talks ended; a second round is due.",
    "Call the hotline on +90 312 555 12 34.",
    "The meeting started at 10:30 and the curfew begins at 22:00.",
    "Turnout was 64 percent, up from 58% last time.",
    "The siege lasted four days and the ceasefire held for 72 hours.",
    "Leaders of eight countries met in two rounds of talks.",
    "The 45-year-old minister was elected in 2019.",
    "Hundreds were wounded and tens of thousands have fled; millions more may follow.",
    "A third of the population depends on aid.",
    "The two sides agreed on three points.",
    "The fighting, which started two weeks ago, continued.",
    "He was detained for 12 years before his release.",
    "The resolution passed by 141 votes to 5.",
  ];
  for (const text of NEGATIVE) {
    it(text, () => {
      expect(figs(text)).toEqual([]);
    });
  }
});

describe("one count mentioned twice is kept once", () => {
  it("keeps the first", () => {
    const f = figs("One million refugees have fled, the agency said. The one million refugees need shelter.");
    expect(f).toHaveLength(1);
  });
});
