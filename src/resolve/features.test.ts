import { describe, expect, it } from "vitest";
import type { ArticleRecord } from "../core/types.js";
import { FormTable, articleFeatures, eventKeys, isoOfDay, leadOf, scanDates, scanNames, stemWord } from "./features.js";

const bare = (text: string, title: string | null = null): ArticleRecord => ({
  id: "x", url: null, outlet: null, title, published: null, published_inferred: false, story: null,
  persons: [], organizations: [], places: [], events: [], figures: [], quotes: [], text,
});

describe("cross-article features", () => {
  it("counts words the same with the character scanner as with the word regex (astral text falls back to it)", () => {
    // words: letters and digits, with an apostrophe suffix of letters; stopwords, numbers and short words out
    const t = "Talks in Vienna\nO'Neil's envoys met d’Arc in Vienna, 2022. Envoys' rock'n'roll talks 12ab ab12 went on.";
    const f = articleFeatures(bare(t));
    // the headline and the lead count twice; first-seen order
    expect([...f.terms]).toEqual([["talk", 3], ["viena", 4], ["oneil", 2], ["envoy", 3], ["met", 2], ["darc", 2], ["rockn", 1], ["rol", 1], ["12ab", 1], ["ab12", 1]]);
    expect([...f.leadTerms]).toEqual([["talk", 1], ["viena", 2], ["oneil", 1], ["envoy", 1], ["met", 1], ["darc", 1]]);
    // an astral letter: the regex path, the same words in the same order
    const a = articleFeatures(bare(t.replace("Envoys'", "𝐀𝐛𝐜 Envoys'")));
    expect([...a.terms.keys()]).toEqual(["talk", "viena", "oneil", "envoy", "met", "darc", "abc", "rockn", "rol", "12ab", "ab12"]);
    expect(a.terms.get("envoy")).toBe(3);
    const titled = articleFeatures(bare(t, "Vienna talks resume"));
    expect(titled.terms.get("viena")).toBe(1 + 2 + 2);
    expect(titled.leadTerms.get("resume")).toBe(1);
  });

  it("reads day-precise dates: with a year always, without one only given the publication date", () => {
    const t = "A photo taken in Kyiv, Feb. 25, 2022. Talks on March 10 and on 9 March 2022. Not a date: 2022 or March.";
    const none = scanDates(t, null);
    expect(none.explicit.map(isoOfDay).sort()).toEqual(["2022-02-25", "2022-03-09"]);
    expect(none.yearless).toEqual([]);
    const withPub = scanDates(t, "2022-03-11");
    expect(withPub.yearless.map(isoOfDay)).toEqual(["2022-03-10"]);
    // a yearless date well after publication belongs to the year before
    expect(scanDates("It began on December 30.", "2022-01-02").yearless.map(isoOfDay)).toEqual(["2021-12-30"]);
    expect(scanDates("Officials may 5 times refuse. February 30, 2022.", null).explicit).toEqual([]);
  });

  it("finds the headline and the lead, skipping photo captions", () => {
    const t = "Akar, Reznikov discuss aid\nA soldier walks past a vehicle in Kyiv, Feb. 25, 2022. (AFP Photo)\n\nDefense Minister Hulusi Akar spoke with his Ukrainian counterpart. Turkey is ready to help, he said. A third sentence follows here.";
    const l = leadOf(t);
    expect(l.headline).toBe("Akar, Reznikov discuss aid");
    expect(l.lead.startsWith("Defense Minister Hulusi Akar")).toBe(true);
    expect(l.lead).not.toMatch(/AFP Photo|third sentence/);
    expect(t.slice(l.leadStart, l.leadEnd)).toBe(l.lead);
    const noHeadline = leadOf("The talks ended without a deal. Both sides left.\nMore later.");
    expect(noHeadline.headline).toBeNull();
  });

  it("scans names and countries from capitalised runs, not sentence furniture", () => {
    const s = scanNames("However, Turkish Foreign Minister Mevlüt Çavuşoğlu met Sergei Lavrov in Antalya. The Ukrainian side agreed. Ankara said so.");
    expect([...s.names]).toEqual(expect.arrayContaining(["mevlut", "cavusoglu", "sergei", "lavrov", "antalya"]));
    expect([...s.names]).not.toEqual(expect.arrayContaining(["however"]));
    expect([...s.names]).not.toContain("the");
    expect([...s.names]).not.toContain("foreign");
    expect([...s.countries].sort()).toEqual(["TUR", "UKR"]);
  });

  it("reads capitalised runs by characters as the run regex does: connectors, any whitespace, astral text by the regex", () => {
    // "Bank of the Nations" is two runs (one connector, then a capital), "de\u00a0Gaulle" joins, "office" is no connector
    const t = "Met Charles de\u00a0Gaulle and Ali bin Salman at Bank of the Nations; Moreau office Lavrov. Ibn-Sina’s aides";
    const s = scanNames(t);
    expect([...s.names]).toEqual(["met", "charles", "gaule", "ali", "bin", "salman", "bank", "nations", "moreau", "lavrov", "ibn", "sina"]);
    // an astral character anywhere: the regex path, the same names
    const a = scanNames(t + " 𝐀");
    expect([...a.names]).toEqual([...s.names]);
  });

  it("keys an event by type and sides: persons first, symmetric types unordered, no bare state pair when a person is named", () => {
    const a = { person: "Anja Velt", actor: "NRL" };
    const b = { person: "Pavel Dorin", actor: "EST" };
    expect(eventKeys({ type: "CONSULT", source: a, target: b }).sort()).toEqual(eventKeys({ type: "CONSULT", source: b, target: a }).sort());
    expect(eventKeys({ type: "ACCUSE", source: a, target: b })).not.toEqual(eventKeys({ type: "ACCUSE", source: b, target: a }));
    const keys = eventKeys({ type: "CONSULT", source: a, target: b });
    expect(keys[0]).toBe("CONSULT|p:dorin|p:velt");
    expect(keys).not.toContain("CONSULT|a:EST|a:NRL");
    expect(eventKeys({ type: "ASSAULT", source: { person: null, actor: "RUS" }, target: { person: null, actor: "UKR" } })).toEqual(["ASSAULT|a:RUS|a:UKR"]);
    expect(eventKeys({ type: "ASSAULT", source: { person: null, actor: null }, target: { person: null, actor: "UKR" } })).toEqual([]);
  });

  it("gives the same keys from its caches as when first built (sides and pairs are cached)", () => {
    const g = { person: null, actor: null, group: "Wagner Group" };
    const u = { person: null, actor: "UKR" };
    const first = eventKeys({ type: "ASSAULT", source: g, target: u });
    expect(first).toEqual(["ASSAULT|g:wagner group|a:UKR"]);
    expect(eventKeys({ type: "ASSAULT", source: { ...g }, target: { ...u } })).toEqual(first);
    // symmetric types: one key whichever side comes first, also from the cache
    expect(eventKeys({ type: "CONSULT", source: u, target: g })).toEqual(["CONSULT|a:UKR|g:wagner group"]);
    expect(eventKeys({ type: "CONSULT", source: g, target: u })).toEqual(["CONSULT|a:UKR|g:wagner group"]);
    // the same side on both ends: no key, cached or not
    expect(eventKeys({ type: "ASSAULT", source: u, target: { ...u } })).toEqual([]);
    expect(eventKeys({ type: "ASSAULT", source: u, target: { ...u } })).toEqual([]);
  });

  it("stems words so that spelling variants meet", () => {
    expect(stemWord("Zelenskyy")).toBe(stemWord("Zelensky"));
    expect(stemWord("Çavuşoğlu")).toBe(stemWord("Cavusoglu"));
    expect(stemWord("refugees")).toBe(stemWord("refugee"));
    expect(stemWord("Lavrov's")).toBe("lavrov");
    expect(stemWord("Paris")).not.toBe(stemWord("Pari"));
  });
});

describe("FormTable", () => {
  /** FNV-1a, as the scanners hash the text they read */
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  };

  it("finds each added string inside a longer text, through the growth of its buckets", () => {
    const t = new FormTable<number>();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    words.forEach((w, i) => t.add(w, fnv(w), i));
    expect(t.size).toBe(5000);
    words.forEach((w, i) => {
      const text = `.. ${w} ..`;
      expect(t.get(text, 3, 3 + w.length, fnv(w))).toBe(i);
    });
  });

  it("tells a string never added (undefined) from one that stands for null", () => {
    const t = new FormTable<string | null>();
    t.add("the", fnv("the"), null);
    expect(t.get("the", 0, 3, fnv("the"))).toBeNull();
    expect(t.get("then", 0, 4, fnv("then"))).toBeUndefined();
    // the same hash, other characters: not found
    expect(t.get("tho", 0, 3, fnv("the"))).toBeUndefined();
  });

  it("keeps strings of one hash apart by their characters and length (probing past each other)", () => {
    const t = new FormTable<number>();
    const forms = ["abc", "abd", "ab", "a much longer form than thirteen characters"];
    forms.forEach((f, i) => t.add(f, 7, i));
    const text = `>${forms.join(" ")}<`;
    let at = 1;
    forms.forEach((f, i) => {
      expect(t.get(text, at, at + f.length, 7)).toBe(i);
      at += f.length + 1;
    });
    expect(t.get("abe", 0, 3, 7)).toBeUndefined();
    expect(t.get("abc", 0, 3, 8)).toBeUndefined();
    expect(t.get("abcd", 0, 4, 7)).toBeUndefined();
  });
});

describe("names from the upper-case letters the word scan notes", () => {
  const texts = [
    "Kim Jong Un met Moon Jae-in in Panmunjom.\nThe iPhone maker McDonald's and O'Neil's 5G plan: NATO, the United Arab Emirates and Bin Salman.",
    "Talks in Ankara.\nTurkish Foreign Minister Mevlüt Çavuşoğlu spoke with Sergey Lavrov of Russia. Earlier, Kuleba said Ukraine's ÉLYSÉE ally would help.",
    "no capitals at all here, none",
    "Astral 😀 text with Emmanuel Macron in Paris and Olaf Scholz.",
  ];
  it("finds the names and countries a scan of the text alone finds (astral text or title included)", () => {
    for (const t of texts) {
      const own = scanNames(t);
      for (const title of [null, "A title with Joe Biden", "A title 😀 with Xi Jinping"]) {
        const f = articleFeatures(bare(t, title));
        expect([...f.names].sort()).toEqual([...own.names].sort());
        expect([...f.actors].sort()).toEqual([...own.countries].sort());
      }
    }
  });
});

describe("dates read at the month names the word scan notes", () => {
  const texts = [
    "A photo taken in Kyiv, Feb. 25, 2022. Talks on March 10 and on 9 March 2022. Not a date: 2022 or March.",
    "On 3rd of  September, 2021 and 12th\nOctober 2020; May 4 but May be not; May\u00a0 7, 2019. 1 May, 2 June 2021 and 22nd May.",
    "x12 March 2022, a1 May 5, éJan 5, 2020 and _7 June 2021 and 123 July 2021; 5 of July; 5 ofJuly; 7thJune 2021 Jan 31, 2021Feb 1.",
    "Dec. 24, 2021 then 2022-03-05 and 2022-13-40; Sept 9 and Sep 10, 2022 and 11 Sept. 2022 and Decemberist 5.",
    "Nothing dated here, only Marchers and a Junior Augustine.",
    "Astral 😀 text: March 3, 2022 and 4 April 2022.",
  ];
  it("finds the dates the regexes find over the whole text, in the same order", () => {
    for (const t of texts) {
      for (const published of [null, "2022-03-11"]) {
        const own = scanDates(t, published);
        const f = articleFeatures({ ...bare(t), published });
        expect(f.mentionedDays).toEqual([...own.explicit, ...own.yearless]);
      }
    }
    // the cases the texts hold: a day before the month with "of", a suffix and several spaces, and none after a word character
    expect(scanDates(texts[1]!, null).explicit.map(isoOfDay)).toEqual(["2019-05-07", "2021-09-03", "2020-10-12", "2021-06-02"]);
    // "2021Feb" has no word boundary after the year
    expect(articleFeatures(bare(texts[2]!)).mentionedDays.map(isoOfDay)).toEqual(["2020-01-05"]);
  });
});
