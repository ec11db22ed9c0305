import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import { packageRoot } from "../../core/paths.js";
import type { Doc, EntityMention, PersonEntity } from "../../core/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(here, "fixtures", name), "utf8");

function run(text: string): Doc {
  return analyze({ id: "t", text, title: null, url: null, outlet: null, published: null, origin: "test" });
}
function person(doc: Doc, name: string): PersonEntity {
  const p = doc.persons.find((x) => x.name === name);
  if (!p) throw new Error(`no person "${name}" in [${doc.persons.map((x) => x.name).join(", ")}]`);
  return p;
}
function mentionOf(doc: Doc, surface: string, nth = 0): EntityMention | undefined {
  return doc.mentions.filter((m) => doc.text.slice(m.start, m.end) === surface)[nth];
}
function checkSpans(doc: Doc): void {
  const t = doc.text;
  let last = -1;
  for (const m of doc.mentions) {
    expect(m.start).toBeGreaterThanOrEqual(0);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(t.length);
    expect(m.start, "mentions are sorted and do not overlap").toBeGreaterThanOrEqual(last);
    last = m.end;
    const s = t.slice(m.start, m.end);
    expect(s.trim()).toBe(s);
    if (m.kind === "person" && m.ref >= 0) expect(m.ref).toBeLessThan(doc.persons.length);
    if (m.kind === "org") expect(m.ref).toBeLessThan(doc.organizations.length);
  }
  for (const p of doc.persons) {
    for (const sp of p.mentions) expect(t.slice(sp.start, sp.end).length).toBeGreaterThan(0);
    for (const v of [p.role, p.country]) if (v?.evidence) expect(v.evidence.end).toBeGreaterThan(v.evidence.start);
    // every name mention reads as the name or one of its aliases (folded spelling variants included)
    const forms = [p.name, ...p.aliases];
    for (const sp of p.mentions) {
      const s = t.slice(sp.start, sp.end);
      expect(forms.some((f) => f.includes(s) || s.includes(f.split(" ").pop()!)), `${s} ∉ ${forms.join("|")}`).toBe(true);
    }
  }
  for (const o of [...doc.organizations, ...doc.places]) for (const sp of o.mentions) expect(sp.end).toBeGreaterThan(sp.start);
}

describe("persons: name forms, roles and countries", () => {
  const doc = run(fixture("forms.txt"));

  it("reads names with Turkish letters after a title, with demonym country", () => {
    const p = person(doc, "Mevlüt Çavuşoğlu");
    expect(p.role?.value).toBe("Foreign Minister");
    expect(p.role?.stated).toBe(true);
    expect(p.country?.value).toBe("TUR");
    expect(doc.text.slice(p.country!.evidence!.start, p.country!.evidence!.end)).toBe("Turkish");
    expect(p.aliases).toContain("Çavuşoğlu");
    expect(p.mentions.length).toBeGreaterThanOrEqual(2); // full name + surname
  });

  it("gives a counterpart the referent's office (inferred) and the stated demonym", () => {
    const p = person(doc, "Sergey Lavrov");
    expect(p.role).toMatchObject({ value: "Foreign Minister", stated: false });
    expect(p.country).toMatchObject({ value: "RUS", stated: true });
  });

  it("reads hyphenated names after a possessive country", () => {
    const p = person(doc, "Eva-Maria Liimets");
    expect(p.role?.value).toBe("Foreign Minister");
    expect(p.country?.value).toBe("EST");
  });

  it("keeps three-part names whole and joins the surname-only mention", () => {
    const p = person(doc, "Recep Tayyip Erdoğan");
    expect(p.role?.value).toBe("President");
    expect(p.country?.value).toBe("TUR"); // "Erdoğan said Turkey would …"
    expect(p.country?.stated).toBe(false);
    expect(mentionOf(doc, "Erdoğan")).toMatchObject({ kind: "person", via: "surname" });
  });

  it("takes the country of a possessive (\"Ukraine's Volodymyr Zelensky\")", () => {
    expect(person(doc, "Volodymyr Zelensky").country?.value).toBe("UKR");
  });

  it("reads an apposition with an international body", () => {
    const p = person(doc, "Helga Schmid");
    expect(p.role?.value.toLowerCase()).toBe("secretary-general of the osce");
    expect(p.country?.value).toBe("OSCE");
    const osce = doc.organizations.find((o) => o.aliases.includes("OSCE"));
    expect(osce?.actor).toBe("OSCE");
  });

  it("reads a title with of-phrase and a counterpart apposition", () => {
    expect(person(doc, "Hulusi Akar").role?.value).toBe("Minister of National Defense");
    const r = person(doc, "Oleksii Reznikov");
    expect(r.country?.value).toBe("UKR");
    expect(r.role).toMatchObject({ value: "Defense Minister", stated: false });
  });

  it("reads U.S. titles, Kremlin aides, and of-country after the name", () => {
    expect(person(doc, "Joe Biden")).toMatchObject({ role: { value: "President" }, country: { value: "USA" } });
    expect(person(doc, "Yuri Ushakov")).toMatchObject({ role: { value: "Kremlin aide" }, country: { value: "RUS" } });
    expect(person(doc, "Vladimir Putin")).toMatchObject({ role: { value: "President" }, country: { value: "RUS" } });
    expect(person(doc, "Olaf Scholz")).toMatchObject({ role: { value: "Chancellor" }, country: { value: "DEU" } });
  });

  it("reads 'a top adviser to Ukraine's president'", () => {
    const p = person(doc, "Mykhailo Podolyak");
    expect(p.role?.value).toBe("adviser to the President");
    expect(p.country?.value).toBe("UKR");
  });

  it("keeps particles, al-/bin names and initials", () => {
    expect(person(doc, "Ursula von der Leyen").country?.value).toBe("EU");
    expect(person(doc, "Abdel Fattah al-Burhan").country?.value).toBe("SDN");
    expect(person(doc, "Mohammed bin Salman")).toMatchObject({ role: { value: "Crown Prince" }, country: { value: "SAU" } });
    expect(person(doc, "George W. Bush").country?.value).toBe("USA");
  });

  it("finds nobody who is not a person", () => {
    const names = doc.persons.map((p) => p.name);
    for (const bad of ["Sunday", "Turkish Foreign Minister", "Ankara", "Kremlin", "Organization for Security", "Donetsk", "UN Refugee Agency"]) {
      expect(names.some((n) => n.includes(bad))).toBe(false);
    }
    expect(doc.persons.length).toBe(17);
  });

  it("resolves descriptions and pronouns to the person", () => {
    const d = mentionOf(doc, "The top diplomat");
    expect(d?.kind).toBe("person");
    expect(d?.via).toBe("description");
    expect(doc.persons[d!.ref]!.name).toBe("Mevlüt Çavuşoğlu");
    const his = mentionOf(doc, "his");
    expect(his?.via).toBe("pronoun");
    expect(doc.persons[his!.ref]!.name).toBe("Mevlüt Çavuşoğlu");
  });

  it("marks countries, seats, bodies and groups in the mention layer", () => {
    expect(mentionOf(doc, "Ankara")).toMatchObject({ kind: "country", actor: "TUR" });
    expect(mentionOf(doc, "the Kremlin")).toMatchObject({ kind: "country", actor: "RUS" });
    expect(mentionOf(doc, "Turkey", 1)).toMatchObject({ kind: "country", actor: "TUR", via: "possessive" });
    expect(mentionOf(doc, "UN Refugee Agency")).toMatchObject({ kind: "org", actor: "UNHCR" });
    expect(mentionOf(doc, "Foreign Ministry")).toMatchObject({ kind: "org", actor: "TUR" });
    expect(mentionOf(doc, "separatists")).toMatchObject({ kind: "group", actor: null });
    expect(mentionOf(doc, "Donetsk")).toMatchObject({ kind: "place", actor: "UKR" });
    const sp = person(doc, "Joe Biden").mentions[0]!;
    expect(doc.mentions.find((m) => m.start === sp.start)).toMatchObject({ kind: "person", actor: "USA" });
    checkSpans(doc);
  });
});

describe("appositions", () => {
  const doc = run(
    "Nabil Abu Rudeineh, a spokesman for Palestinian President Mahmoud Abbas, said the plan was rejected.\n" +
      "Yoav Gallant, Israel's defence minister, said the operation would continue.\n" +
      "Josep Borrell, the EU's foreign policy chief, met Wang Yi, China's top diplomat, in Brussels.",
  );
  it("keeps a title inside an apposition to the person it describes", () => {
    expect(person(doc, "Mahmoud Abbas")).toMatchObject({ role: { value: "President" }, country: { value: "PSE" } });
    expect(person(doc, "Nabil Abu Rudeineh")).toMatchObject({ role: { value: "spokesman for President" }, country: { value: "PSE" } });
  });
  it("reads possessive appositions of countries and bodies", () => {
    expect(person(doc, "Yoav Gallant")).toMatchObject({ role: { value: "Defence Minister" }, country: { value: "ISR" } });
    expect(person(doc, "Josep Borrell").country?.value).toBe("EU");
    expect(person(doc, "Wang Yi")).toMatchObject({ role: { value: "Foreign Minister" }, country: { value: "CHN" } });
  });
});

describe("inferred roles and countries", () => {
  it("takes the office of an unnamed lead description for the first person named after it", () => {
    const d = run("The Turkish foreign minister hailed the talks on Tuesday.\nSpeaking at a press conference, Mevlut Cavusoglu said progress was made.");
    const p = person(d, "Mevlut Cavusoglu");
    expect(p.role).toMatchObject({ value: "Foreign Minister", stated: false, rule: "role.description-antecedent" });
    expect(p.country?.value).toBe("TUR");
  });
  it("reads 'several counterparts, including X' as counterparts of the subject", () => {
    const d = run("Foreign Minister Mevlüt Çavuşoğlu of Turkey spoke to several counterparts by phone, including Ukraine's Dmytro Kuleba.");
    expect(person(d, "Dmytro Kuleba")).toMatchObject({ role: { value: "Foreign Minister", stated: false }, country: { value: "UKR" } });
  });
  it("uses a country's own title for a counterpart, and offices that imply a country", () => {
    const d = run("Defense Minister Hulusi Akar of Turkey held a phone call with his British counterpart Ben Wallace. Secretary of State Antony Blinken visited the border.");
    expect(person(d, "Ben Wallace")).toMatchObject({ role: { value: "Defence Secretary" }, country: { value: "GBR" } });
    expect(person(d, "Antony Blinken").country).toMatchObject({ value: "USA", stated: false });
  });
  it("gives a person the other side of a pair of officials named together ('Japanese and Australian officials')", () => {
    const tail = " Foreign Minister Taro Hayashi and his Australian counterpart Penny Wong spoke by phone about China's navy and drills near China.";
    const d = run("Top Japanese and Australian officials on Monday discussed tensions with China." + tail);
    expect(person(d, "Taro Hayashi").country).toMatchObject({ value: "JPN", stated: false });
    expect(person(d, "Penny Wong").country).toMatchObject({ value: "AUS" });
    // not a pair of sides: two demonyms before another noun
    const n = run("Japanese and Australian beaches were crowded on Monday amid tensions with China." + tail);
    expect(person(n, "Taro Hayashi").country?.value).not.toBe("JPN");
  });
  it("reads a U.S. lawmaker's party-state tag", () => {
    const d = run("House Foreign Affairs Committee Chair Gregory Meeks (D-N.Y.) led a delegation to the border.");
    expect(person(d, "Gregory Meeks")).toMatchObject({ role: { value: "Chair of the House Foreign Affairs Committee" }, country: { value: "USA", stated: true } });
  });
  it("gives an untitled person the office of a later description of the same country", () => {
    const d = run("Russia's Vladimir Putin brokered the deal on Monday. The Russian president said peacekeepers would deploy.");
    expect(person(d, "Vladimir Putin")).toMatchObject({ role: { value: "President", stated: false }, country: { value: "RUS", stated: true } });
    expect(mentionOf(d, "The Russian president")).toMatchObject({ kind: "person", ref: 0, via: "description" });
  });
  it("reads a bare 'Minister' as the minister of the one ministry of his country in the article", () => {
    const d = run("As the Turkish Foreign Ministry reported, Turkish officials met Russian Foreign Minister Sergey Lavrov.\n\"Escalation helps nobody,\" Minister Mevlüt Çavuşoğlu of Turkey said.");
    expect(person(d, "Mevlüt Çavuşoğlu").role).toMatchObject({ value: "Foreign Minister", stated: false });
  });
  it("reads abbreviated titles and keeps storms, capes and dropped names out of places", () => {
    const d = run("Democratic Gov. Josh Shapiro urged patience. Hurricane Milton made landfall in Florida. SpaceX launched from Cape Canaveral.\nTaylor Swift donated $5 million.");
    expect(person(d, "Josh Shapiro").role?.value).toBe("Governor");
    expect(d.places.map((p) => p.name)).not.toContain("Milton");
    expect(d.places.map((p) => p.name)).not.toContain("Taylor");
    expect(d.places.find((p) => p.name === "Florida")?.country).toBe("USA");
    expect(d.persons.map((p) => p.name)).not.toContain("Cape Canaveral");
  });
  it("does not guess a country for a person without any title", () => {
    const d = run("Carlo Ancelotti said he was proud of his players after the match in Madrid.");
    expect(person(d, "Carlo Ancelotti").country).toBeNull();
  });
});

describe("countries and their forms", () => {
  it("maps names, alternative names, demonyms, capitals and seats to ISO3", () => {
    const doc = run("Türkiye and Turkey said Ukrainian troops held Kiev. Moscow and Washington traded accusations, and the White House said Kyiv would get help.");
    expect(mentionOf(doc, "Türkiye")).toMatchObject({ kind: "country", actor: "TUR" });
    expect(mentionOf(doc, "Turkey")).toMatchObject({ kind: "country", actor: "TUR" });
    expect(mentionOf(doc, "Ukrainian")).toMatchObject({ kind: "country", actor: "UKR", via: "demonym" });
    expect(mentionOf(doc, "Kiev")?.actor).toBe("UKR");
    expect(mentionOf(doc, "Moscow")).toMatchObject({ kind: "country", actor: "RUS" });
    expect(mentionOf(doc, "Washington")).toMatchObject({ kind: "country", actor: "USA" });
    expect(mentionOf(doc, "White House")).toMatchObject({ kind: "country", actor: "USA" });
    expect(mentionOf(doc, "Kyiv")?.actor).toBe("UKR");
    expect(doc.persons).toHaveLength(0);
    checkSpans(doc);
  });

  it("treats a capital after 'in' as a place of that country", () => {
    const doc = run("Talks were held in Moscow on Tuesday.");
    expect(mentionOf(doc, "Moscow")).toMatchObject({ kind: "place", actor: "RUS" });
    expect(doc.places.find((p) => p.name === "Moscow")?.country).toBe("RUS");
  });

  it("reads parties and fronts as groups", () => {
    const doc = run("The Kurdistan Democratic Party and the National Liberation Front rejected the plan.");
    expect(mentionOf(doc, "Kurdistan Democratic Party")).toMatchObject({ kind: "group", actor: null });
    expect(mentionOf(doc, "National Liberation Front")).toMatchObject({ kind: "group", actor: null });
  });
  it("reads a demonym before protesters as a group, not the state", () => {
    const doc = run("Ukrainian protesters gathered outside the embassy.");
    expect(mentionOf(doc, "Ukrainian protesters")).toMatchObject({ kind: "group", actor: null });
  });
});

describe("negative cases: capitalised words that are not persons", () => {
  const doc = run(fixture("negatives.txt"));
  it("finds no person in headlines, weekdays, months, ministries, places and seas", () => {
    expect(doc.persons.map((p) => p.name)).toEqual([]);
    checkSpans(doc);
  });
  it("knows the places and organisations instead", () => {
    expect(doc.places.find((p) => p.name === "Bursa")?.country).toBe("TUR");
    expect(doc.places.find((p) => p.name === "Black Sea")).toBeTruthy();
    expect(doc.organizations.map((o) => o.name)).toContain("Foreign Ministry");
    for (const m of doc.mentions) expect(["Sunday", "March", "Monday", "Friday", "The"]).not.toContain(doc.text.slice(m.start, m.end));
  });
  it("does not make a person of an untitled name with no sign of a person", () => {
    const d = run("Ukraine fired Storm Shadow missiles, the outlet reported, citing Novaya Gazeta.");
    expect(d.persons.map((p) => p.name)).toEqual([]);
  });
  it("does not make a person of a single capitalised word without a title", () => {
    const d = run("Meanwhile, Lavrov Group shares rose. Officials in Zaporizhzhia said Petrov had left.");
    expect(d.persons.map((p) => p.name)).toEqual([]);
  });
  it("does not take companies, clubs or title-case sentences as persons", () => {
    const d = run("Goldman Sachs analysts expect a rebound. Real Madrid beat the visitors on Tuesday.\nUkraine Has Been Hit Hard By The War, Officials Say.");
    expect(d.persons.map((p) => p.name)).toEqual([]);
    expect(d.places.map((p) => p.name)).not.toContain("Madrid");
  });
  it("gives a leader of a non-state group no country", () => {
    const d = run("Hezbollah chief Hassan Nasrallah said the group was ready. Lebanon's government did not comment.");
    const p = person(d, "Hassan Nasrallah");
    expect(p.role?.value).toBe("Hezbollah chief");
    expect(p.country).toBeNull();
  });
  it("links family-name-first mentions", () => {
    const d = run("Chinese President Xi Jinping met the delegation in Beijing. Xi said ties were improving.");
    expect(mentionOf(d, "Xi")).toMatchObject({ kind: "person", ref: 0 });
  });
  it("does not take a title-case headline as names", () => {
    const d = run("Kuleba Meets Blinken At Border\nUkrainian Foreign Minister Dmytro Kuleba met U.S. Secretary of State Antony Blinken on Saturday.");
    expect(d.persons.map((p) => p.name).sort()).toEqual(["Antony Blinken", "Dmytro Kuleba"]);
    // the headline words are surname mentions of the two
    expect(mentionOf(d, "Kuleba")).toMatchObject({ kind: "person", via: "surname" });
  });
});

describe("bylines", () => {
  it("reads Reuters bylines as persons with a byline role and no country", () => {
    const d = run("Turkey called for a ceasefire, Reuters reported.\nReporting by Ayse Demir Writing by John Smith Editing by Mary Jones");
    expect(d.persons.map((p) => p.name)).toEqual(["Ayse Demir", "John Smith", "Mary Jones"]);
    expect(d.persons[0]!.role?.value).toBe("Reuters reporter (byline)");
    expect(d.persons[2]!.role?.value).toBe("Reuters editor (byline)");
    expect(d.persons[0]!.country).toBeNull();
  });
});

describe("span property on the seed and dev articles", () => {
  const corpus = join(packageRoot(), "..", "shared", "corpus");
  const files: string[] = [];
  for (const sub of ["seeds", "dev"]) {
    const dir = join(corpus, sub);
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith(".json")) files.push(join(dir, f));
  }
  const examples = join(packageRoot(), "examples");
  if (existsSync(examples)) for (const f of readdirSync(examples)) if (f.endsWith(".txt")) files.push(join(examples, f));

  it("has articles to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const f of files) {
    it(`every mention of ${f.split("/").slice(-2).join("/")} is a clean, sorted span`, () => {
      const gold = f.endsWith(".json") ? (JSON.parse(readFileSync(f, "utf8")) as { text: string; persons: unknown[] }) : null;
      const doc = run(gold ? gold.text : readFileSync(f, "utf8"));
      checkSpans(doc);
      if (!gold || gold.persons.length > 0) expect(doc.persons.length).toBeGreaterThan(0);
    });
  }
});
