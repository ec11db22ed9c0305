import { describe, expect, it } from "vitest";
import { seededRandom, sharedTexts } from "../../../test/shared.js";
import type { EventRecord, Side } from "../../core/types.js";
import { ethnicBefore, mergeByStart, withCountry } from "./agents.js";
import type { Unit } from "./sides.js";
import { codeEvents } from "./coder.js";
import { fixtureDoc } from "./fixture.js";

/** the peer view of a side: its state, else the country a group or agent acts in */
function country(s: Side): string {
  return s.actor ?? s.country ?? "-";
}

/** "TYPE SRC>TGT partial?" for every asserted event, partial ones included */
function all(text: string): string[] {
  return codeEvents(fixtureDoc(text))
    .filter((e: EventRecord) => e.realis === "asserted")
    .map((e) => `${e.type} ${country(e.source)}>${country(e.target)}${e.partial ? " p" : ""}`);
}

function full(text: string): string[] {
  return all(text).filter((k) => !k.endsWith(" p"));
}

function types(text: string): string[] {
  return all(text).map((k) => k.split(" ")[0]!);
}

describe("generic agents and groups", () => {
  it("gives a state agent the country word before it", () => {
    expect(full("Russian troops shelled Kyiv on Monday.")).toContain("ASSAULT RUS>UKR");
    expect(all("Turkish police arrested dozens of protesters.")).toContain("COERCE TUR>TUR p");
  });
  it("gives a state agent the country after 'in'", () => {
    expect(all("Police in Ukraine detained three rebels.")).toContain("COERCE UKR>UKR p");
  });
  it("gives a group the article's country and keeps actor null", () => {
    const evs = codeEvents(fixtureDoc("Rebels attacked an army base in Ukraine on Sunday."));
    const e = evs.find((x) => x.type === "ASSAULT");
    expect(e?.source.group).toMatch(/rebels/i);
    expect(e?.source.actor).toBeNull();
    expect(e?.source.country).toBe("UKR");
  });
  it("reads plural demonyms and short country names", () => {
    expect(all("Israelis protested against Turkey.")).toContain("PROTEST ISR>TUR p");
    expect(full("Turkey expressed condolences to the Israelis.")).toContain("SUPPORT TUR>ISR");
    expect(all("Bosnia accused Russia of meddling.")).toContain("ACCUSE BIH>RUS");
  });
  it("does not take an agent word used as a noun modifier for an actor", () => {
    // "military operation", "police station": no actor, so no event with a made-up side
    expect(all("Russia ended the military operation.").some((k) => k.includes(">RUS") && k.startsWith("RETREAT RUS>RUS"))).toBe(false);
    expect(all("The police station was quiet on Monday.")).toEqual([]);
  });
  it("keeps one-sided events partial: never in the record", () => {
    const keys = all("Protesters marched through the capital on Friday.");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.endsWith(" p"))).toBe(true);
  });
  it("reads a demonym the entity layer missed, as a partial side", () => {
    expect(all("Senior Hungarian and Polish officials agreed to cooperate.")).toContain("AGREE HUN>POL p");
    expect(full("Senior Hungarian and Polish officials agreed to cooperate.")).toEqual([]);
  });
  it("takes an actor inside the matched words for the missing side", () => {
    expect(all("Turkey will give Ukraine a grant of 50 million dollars.")).toContain("AGREE TUR>UKR p");
  });
  it("gives a named armed group its home country", () => {
    const lex = { Hamas: { kind: "group" as const, actor: null, group: "Hamas" }, Israel: { kind: "country" as const, actor: "ISR" } };
    const e = codeEvents(fixtureDoc("Hamas fired rockets at Israel on Monday.", "2024-05-06", lex)).find((x) => x.type === "ASSAULT");
    expect(e?.source.country).toBe("PSE");
    expect(e?.source.actor).toBeNull();
    expect(e?.target.actor).toBe("ISR");
  });
  it("keeps a domestic event (same state on both sides) partial", () => {
    expect(all("Russia urged Petrov to resign.")).toContain("REQUEST RUS>RUS p");
    expect(full("Russia urged Petrov to resign.")).toEqual([]);
  });
});

describe("ordinary vocabulary added per type", () => {
  const POS: Array<[string, string]> = [
    ["Russian forces completed their withdrawal from Ukraine.", "RETREAT"],
    ["Russia lifted the naval blockade of Ukraine's ports.", "RETREAT"],
    ["Ukraine put its forces on high alert.", "MOBILIZE"],
    ["Russia strengthened its forces near Ukraine.", "MOBILIZE"],
    ["Thousands of students staged mass demonstrations against Russia.", "PROTEST"],
    ["Farmers blocked the main roads into Kyiv.", "PROTEST"],
    ["Turkey declared a 30-day state of emergency.", "COERCE"],
    ["Russia banned two opposition parties.", "COERCE"],
    ["Police dispersed the demonstrators in Kyiv.", "COERCE"],
    ["The United States suspended part of its military aid to Ukraine.", "SANCTION"],
    ["France denied entry to Petrov.", "SANCTION"],
    ["Russia reneged on its commitment to Ukraine.", "REJECT"],
    ["Ukraine opened investigations into Petrov.", "ACCUSE"],
    ["Russia and Ukraine reached a consensus on prisoner exchanges.", "AGREE"],
    ["Rebels attempted to assassinate Shevchenko.", "ASSAULT"],
    ["Turkey will visit Ukraine next month.", "AGREE"],
    ["Russia said it would impose a blockade on Ukraine.", "THREATEN"],
  ];
  for (const [text, type] of POS) it(text, () => expect(types(text)).toContain(type));

  const NEG: Array<[string, string]> = [
    ["Russia did not withdraw from Ukraine.", "RETREAT"],
    ["The alert system of Ukraine was tested.", "MOBILIZE"],
    ["Russia did not ban opposition parties.", "COERCE"],
    ["Will Turkey visit Ukraine?", "AGREE"],
    ["Russia said it would not impose a blockade on Ukraine.", "THREATEN"],
  ];
  for (const [text, type] of NEG) it(`not ${type}: ${text}`, () => expect(types(text)).not.toContain(type));
});

describe("provenance of partial events", () => {
  it("keeps every evidence span inside the text", () => {
    const text = "Police in Ukraine detained three rebels. Protesters marched on Friday. Russia will visit Turkey.";
    for (const e of codeEvents(fixtureDoc(text))) {
      expect(e.span.start).toBeGreaterThanOrEqual(0);
      expect(e.span.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(e.span.start, e.span.end).length).toBe(e.span.end - e.span.start);
    }
  });
});

describe("ethnicBefore", () => {
  const RE = /ethnic\s*$/i;
  const same = (text: string, from: number, to: number) => expect(ethnicBefore(text, from, to), JSON.stringify(text.slice(from, to))).toBe(RE.test(text.slice(from, to)));

  it("is /ethnic\\s*$/i on the slice", () => {
    for (const t of ["ethnic", "Ethnic ", "ETHNIC \u00a0\n", "the ethnic  ", "ethnics", "ethni c", "xethnic", "ethnic.", " ", "", "ethn", "ethnıc", "ethnİc", "\u212aethnic"]) same(t, 0, t.length);
    // the window cuts the word: "thnic" is no match
    same("ethnic Albanians", 1, 6);
    same("ethnic Albanians", 0, 7);
  });

  it("agrees with the regex before every word of the seed and dev articles", () => {
    let n = 0;
    for (const text of sharedTexts(["corpus/seeds", "corpus/dev"])) {
      for (let i = 0; i <= text.length; i++) {
        if (i < text.length && !/[A-Za-z]/.test(text[i]!)) continue;
        same(text, Math.max(0, i - 40), i);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});

describe("mergeByStart", () => {
  const unit = (start: number, tag: string): Unit => ({ start, end: start + 1, side: { person: null, actor: tag }, person: false, place: false, via: tag, possessive: false });
  const sortByConcat = (a: Unit[], b: Unit[]) => a.concat(b).sort((x, y) => x.start - y.start);

  it("equals concat then sort by start, ties and unsorted inputs included", () => {
    const rnd = seededRandom(11);
    for (let k = 0; k < 500; k++) {
      const mk = (tag: string) => Array.from({ length: Math.floor(rnd() * 6) }, (_, i) => unit(Math.floor(rnd() * 8), `${tag}${i}`));
      const a = mk("a");
      const b = mk("b");
      // most cases in order, as the callers' units are
      if (k % 4 !== 0) {
        a.sort((x, y) => x.start - y.start);
        b.sort((x, y) => x.start - y.start);
      }
      expect(mergeByStart(a, b)).toEqual(sortByConcat(a, b));
    }
  });

  it("keeps the first list's unit first at the same start, and does not change its inputs", () => {
    const a = [unit(1, "a1"), unit(5, "a5")];
    const b = [unit(1, "b1"), unit(3, "b3")];
    expect(mergeByStart(a, b).map((u) => u.via)).toEqual(["a1", "b1", "b3", "a5"]);
    expect(a.map((u) => u.via)).toEqual(["a1", "a5"]);
    expect(mergeByStart([], b).map((u) => u.via)).toEqual(["b1", "b3"]);
  });
});

describe("withCountry", () => {
  it("gives the fields of { ...s, country } in the same order", () => {
    const sides: Side[] = [
      { person: null, actor: null, group: "Hamas" },
      { person: null, actor: "PSE", group: "Fatah" },
      { person: "X", actor: "RUS" },
      { person: null, actor: null, group: "rebels", country: "SDN" },
      { person: null, actor: null, group: undefined },
    ];
    for (const s of sides) {
      const c = withCountry(s, "UKR");
      expect(JSON.stringify(c)).toBe(JSON.stringify({ ...s, country: "UKR" }));
      expect(c).not.toBe(s);
      expect(s.country).not.toBe("UKR");
    }
  });
});
