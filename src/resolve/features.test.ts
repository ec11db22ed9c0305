import { describe, expect, it } from "vitest";
import { eventKeys, isoOfDay, leadOf, scanDates, scanNames, stemWord } from "./features.js";

describe("cross-article features", () => {
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

  it("stems words so that spelling variants meet", () => {
    expect(stemWord("Zelenskyy")).toBe(stemWord("Zelensky"));
    expect(stemWord("Çavuşoğlu")).toBe(stemWord("Cavusoglu"));
    expect(stemWord("refugees")).toBe(stemWord("refugee"));
    expect(stemWord("Lavrov's")).toBe("lavrov");
    expect(stemWord("Paris")).not.toBe(stemWord("Pari"));
  });
});
