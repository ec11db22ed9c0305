/**
 * Sentence structure that decides the sides of an event: time adverbials between subject and verb,
 * by-phrases of nouns, the country named in a person's title, coordinated agents, an actor's own forces,
 * numbers in the object, conditional threats. Each behaviour with negative cases (plans, negations,
 * questions) built on the same verb.
 */
import { describe, expect, it } from "vitest";
import type { EventRecord, Side } from "../../core/types.js";
import { codeEvents } from "./coder.js";
import { fixtureDoc, LEXICON } from "./fixture.js";

function country(s: Side): string {
  return s.actor ?? s.country ?? "-";
}

/** "TYPE SRC>TGT" (countries) for every asserted event; " p" marks a partial one */
function coded(text: string): string[] {
  return codeEvents(fixtureDoc(text))
    .filter((e: EventRecord) => e.realis === "asserted")
    .map((e) => `${e.type} ${country(e.source)}>${country(e.target)}${e.partial ? " p" : ""}`);
}

describe("a time adverbial between subject and verb, or after the verb", () => {
  it("keeps the verb finite: 'X on Friday denounced', 'X threatened on Monday to'", () => {
    expect(coded("Russia on Friday denounced Ukraine's decision.")).toContain("ACCUSE RUS>UKR");
    expect(coded("The Turkish parliament threatened on Monday to cut ties with Russia.")).toContain("THREATEN TUR>RUS");
    expect(coded("The Turkish army forced out on Wednesday 1,000 Ukrainian refugees.")).toContain("ASSAULT TUR>UKR");
  });
  it("still reads a participle with no object as a reduced relative, and keeps negations and questions", () => {
    expect(coded("Three Russian soldiers killed on Monday were buried in Kyiv.")).toEqual([]);
    expect(coded("Russia on Friday did not denounce Ukraine's decision.")).toEqual([]);
    expect(coded("Did the Turkish parliament threaten on Monday to cut ties with Russia?")).toEqual([]);
  });
});

describe("a by-phrase after the verb's object belongs to the noun", () => {
  it("does not turn 'demanded an apology by X' round", () => {
    const evs = coded("Turkey demanded an immediate apology by Russia.");
    expect(evs).toContain("REQUEST TUR>RUS");
    expect(evs).not.toContain("REQUEST RUS>TUR");
  });
  it("still turns a passive round", () => {
    expect(coded("Ukraine was attacked on Monday by Russia.")).toContain("ASSAULT RUS>UKR");
    expect(coded("Turkey's offer was rejected by Russia.")).toContain("REJECT RUS>TUR");
  });
  it("codes no demand that is planned or denied", () => {
    expect(coded("Turkey will demand an apology by Russia next week.").filter((k) => k.startsWith("REQUEST") && !k.endsWith(" p"))).toEqual([]);
    expect(coded("Turkey never demanded an apology by Russia.").filter((k) => k.startsWith("REQUEST"))).toEqual([]);
  });
});

describe("the country in a person's title", () => {
  it("is the country the person acts for, over the person's own", () => {
    expect(coded("Ukraine's junior foreign minister Ivan Petrov condemned Russia.")).toContain("ACCUSE UKR>RUS");
  });
});

describe("coordinated agents share their country", () => {
  it("gives 'Russian helicopters and tanks' Russia", () => {
    expect(coded("Russian helicopters and tanks shelled Kyiv.")).toContain("ASSAULT RUS>UKR");
  });
  it("codes no attack that is only possible or asked about", () => {
    expect(coded("Russian helicopters and tanks could shell Kyiv.")).toEqual([]);
    expect(coded("Did Russian helicopters and tanks shell Kyiv?")).toEqual([]);
  });
});

describe("an actor's own forces are not its target", () => {
  it("takes the other actor of the sentence (partial: an offer)", () => {
    expect(coded("France is ready to send troops to Ukraine.")).toContain("AGREE FRA>UKR p");
    expect(coded("France is not ready to send troops to Ukraine.")).toEqual([]);
  });
});

describe("aid: a sum with a decimal point, the recipient right after the verb", () => {
  it("codes 'gave Ukraine 5.1 million euros of aid'", () => {
    expect(coded("The European Union on Monday gave Ukraine 5.1 million euros of aid.")).toContain("AID EU>UKR");
  });
  it("codes no aid that is planned or denied", () => {
    expect(coded("The European Union will give Ukraine 5.1 million euros of aid next year.").filter((k) => k.startsWith("AID"))).toEqual([]);
    expect(coded("The European Union did not give Ukraine 5.1 million euros of aid.").filter((k) => k.startsWith("AID"))).toEqual([]);
  });
});

describe("an act announced with an 'unless' condition is a threat", () => {
  it("codes THREATEN for 'will withdraw ... unless'", () => {
    expect(coded("Turkey announced that it will withdraw its troops from Sudan unless the fighting stops.")).toContain("THREATEN TUR>SDN");
  });
  it("keeps an unconditional announcement, a negation and a question as they were", () => {
    expect(coded("Turkey announced that it will withdraw its troops from Sudan.")).toContain("RETREAT TUR>SDN");
    expect(coded("Turkey will not withdraw its troops from Sudan unless the fighting stops.")).toEqual([]);
    expect(coded("Will Turkey withdraw its troops from Sudan unless the fighting stops?")).toEqual([]);
  });
});

describe("a possessor in apposition is no conjunct", () => {
  /** "TYPE A>B" by person or country, asserted, complete */
  function pairs(text: string): string[] {
    return codeEvents(fixtureDoc(text))
      .filter((e) => e.realis === "asserted" && !e.partial)
      .map((e) => `${e.type} ${e.source.person ?? e.source.actor}>${e.target.person ?? e.target.actor}`);
  }
  it("does not make the adviser's boss a counterpart", () => {
    const evs = pairs("In a phone call, Ali Demir, Shevchenko's chief adviser and spokesperson, and U.S. national security adviser Ivan Petrov discussed the war.");
    expect(evs).toContain("CONSULT Ali Demir>Ivan Petrov");
    expect(evs.filter((k) => k.includes("Olena Shevchenko"))).toEqual([]);
    expect(pairs("Ali Demir, Shevchenko's chief adviser, met Ivan Petrov in Geneva.").filter((k) => k.includes("Olena Shevchenko"))).toEqual([]);
  });
  it("keeps coordinated possessors ('Ukraine and Russia's ministers')", () => {
    expect(pairs("Turkey hosted the first meeting between Ukraine and Russia's foreign ministers.")).toContain("CONSULT TUR>RUS");
  });
  it("codes no call that is planned or asked about", () => {
    expect(pairs("Ali Demir, Shevchenko's chief adviser, and Ivan Petrov will discuss the war in a phone call next week.")).toEqual([]);
    expect(pairs("Did Ali Demir, Shevchenko's chief adviser, and Ivan Petrov discuss the war in a phone call?")).toEqual([]);
  });
});

describe("a person's appositive role names the country the person acts for", () => {
  const lex = { ...LEXICON, "Karim Haddad": { kind: "person" as const, actor: null, person: "Karim Haddad" } };
  function sides(text: string): string[] {
    return codeEvents(fixtureDoc(text, "2024-05-06", lex))
      .filter((e) => e.realis === "asserted")
      .map((e) => `${e.type} ${e.source.person ?? "-"}/${e.source.actor ?? "-"}`);
  }
  it("gives 'X, Sudan's leading rights activist,' Sudan", () => {
    expect(sides("Karim Haddad, Sudan's leading rights activist, staged a hunger strike in prison on Sunday.")).toContain("PROTEST Karim Haddad/SDN");
  });
  it("codes no strike that is planned or denied", () => {
    expect(sides("Karim Haddad, Sudan's leading rights activist, will stage a hunger strike next week.").filter((k) => k.startsWith("PROTEST"))).toEqual([]);
    expect(sides("Karim Haddad, Sudan's leading rights activist, did not stage a hunger strike.").filter((k) => k.startsWith("PROTEST"))).toEqual([]);
  });
});

describe("disapproval: naming an act, answering a claim, the counterpart of the conversation", () => {
  function pairs(text: string): string[] {
    return codeEvents(fixtureDoc(text))
      .filter((e) => e.realis === "asserted" && !e.partial)
      .map((e) => `${e.type} ${e.source.person ?? e.source.actor}>${e.target.person ?? e.target.actor}`);
  }
  it("codes 'described Russia's invasion as a \"war\"' as ACCUSE of Russia", () => {
    expect(pairs('Turkey described Russia\'s invasion of Ukraine as a "war".')).toContain("ACCUSE TUR>RUS");
  });
  it("codes no ACCUSE for 'called for an end to the war', a negation or a question", () => {
    expect(coded("Turkey called for an end to the war with Russia.").filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
    expect(pairs('Turkey has not described Russia\'s invasion as a "war".').filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
    expect(pairs('Has Turkey described Russia\'s invasion as a "war"?').filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
  });
  it("takes the subject of the clause as the patient of ', a move denounced by X'", () => {
    const evs = pairs("Russia announced new corridors to Turkey, a move immediately denounced by Kyiv.");
    expect(evs).toContain("ACCUSE UKR>RUS");
    expect(evs).not.toContain("ACCUSE UKR>TUR");
    expect(pairs("Russia announced new corridors to Turkey, a move not denounced by Kyiv.").filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
  });
  it("sends a rejection of claims back to each accuser of the sentence before", () => {
    const evs = pairs("Ukraine, the United States and its allies accused Russia of massing troops. They said Russia was preparing an attack, claims rejected by Moscow.");
    expect(evs).toEqual(expect.arrayContaining(["ACCUSE UKR>RUS", "ACCUSE USA>RUS", "REJECT RUS>UKR", "REJECT RUS>USA"]));
    expect(pairs("Ukraine and the United States accused Russia of massing troops. They said Russia was preparing an attack, claims not rejected by Moscow.").filter((k) => k.startsWith("REJECT"))).toEqual([]);
  });
  it("gives 'accused her counterpart' the other side of the conversation", () => {
    expect(pairs("Shevchenko met Petrov in Geneva. Shevchenko accused her counterpart of lying.")).toContain("ACCUSE Olena Shevchenko>Ivan Petrov");
    expect(pairs("Shevchenko met Petrov in Geneva. Shevchenko did not accuse her counterpart of lying.").filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
    expect(pairs("Shevchenko met Petrov in Geneva. Will Shevchenko accuse her counterpart of lying?").filter((k) => k.startsWith("ACCUSE"))).toEqual([]);
  });
});

describe("requests: a finite verb after an infinitive, a possessor with modifiers, the one asked named later", () => {
  function pairs(text: string): string[] {
    return codeEvents(fixtureDoc(text))
      .filter((e) => e.realis === "asserted" && !e.partial)
      .map((e) => `${e.type} ${e.source.person ?? e.source.actor}>${e.target.person ?? e.target.actor}`);
  }
  it("reads 'said it was time for talks to yield results and called for' as a call made", () => {
    expect(pairs("Shevchenko met Petrov and Demir. Demir said it was time for talks to yield results and called for a ceasefire, saying it was up to both sides.")).toEqual(
      expect.arrayContaining(["REQUEST Ali Demir>Olena Shevchenko", "REQUEST Ali Demir>Ivan Petrov"]),
    );
  });
  it("keeps 'to ... and call for' a plan", () => {
    expect(pairs("Shevchenko met Petrov and Demir. Demir plans to meet them and call for a ceasefire, saying it is up to both sides.").filter((k) => k.startsWith("REQUEST"))).toEqual([]);
    expect(pairs("Shevchenko met Petrov and Demir. Did Demir call for a ceasefire, saying it was up to both sides?").filter((k) => k.startsWith("REQUEST"))).toEqual([]);
  });
  it("gives 'Ukraine's urgent requests that it do so' Ukraine as source and the main subject as target", () => {
    expect(pairs("Turkey has not closed the straits despite Ukraine's urgent requests that it do so.")).toContain("REQUEST UKR>TUR");
  });
  it("does not read a request with modifiers after a possessor as the subject's", () => {
    expect(pairs("Turkey has not closed the straits despite Ukraine's urgent requests that it do so.")).not.toContain("REQUEST TUR>UKR");
  });
});

describe("ordinary vocabulary: weapons as aid, firing on, verbs that cancel what they name", () => {
  it("codes deliveries of weapons and systems as AID", () => {
    expect(coded("Germany delivered tanks to Ukraine.")).toContain("AID DEU>UKR");
    expect(coded("The United States provided Ukraine with air defence systems.")).toContain("AID USA>UKR");
  });
  it("codes no AID for planned, refused or questioned deliveries, nor for tanks sent into a country", () => {
    for (const t of ["Germany will deliver tanks to Ukraine.", "Germany refused to deliver tanks to Ukraine.", "Did Germany deliver tanks to Ukraine?", "Russia sent tanks into Ukraine."]) {
      expect(coded(t).filter((k) => k.startsWith("AID") && !k.endsWith(" p"))).toEqual([]);
    }
  });
  it("codes 'fired on' as ASSAULT, not when negated or asked", () => {
    expect(coded("Russian troops fired on Ukrainian positions.")).toContain("ASSAULT RUS>UKR");
    expect(coded("Russian troops did not fire on Ukrainian positions.")).toEqual([]);
    expect(coded("Did Russian troops fire on Ukrainian positions?")).toEqual([]);
  });
  it("codes no talks that were ruled out, rejected or called off", () => {
    for (const t of ["Russia ruled out talks with Ukraine.", "Turkey called off the meeting with Russia.", "Ukraine rejected talks with Russia."]) {
      expect(coded(t).filter((k) => k.startsWith("CONSULT"))).toEqual([]);
    }
    expect(coded("Russia held talks with Ukraine.")).toContain("CONSULT RUS>UKR");
  });
});

describe("the war of an article: aggressor and victim named apart", () => {
  it("joins 'Russia's invasion' and 'the war in Ukraine'", () => {
    expect(coded("Millions have fled since Russia's invasion. The war in Ukraine goes on.")).toContain("ASSAULT RUS>UKR");
  });
  it("takes the article's principal other country as the victim when a campaign sentence names it", () => {
    expect(coded("More than two million people have fled Ukraine following Russia's invasion. Ukraine has asked for help. Refugees from Ukraine arrived in Germany.")).toContain("ASSAULT RUS>UKR");
  });
  it("codes no war that is only possible, and guesses no victim between equals", () => {
    expect(coded("A possible Russian invasion worries Ukraine. Ukraine has asked for help.").filter((k) => k.startsWith("ASSAULT"))).toEqual([]);
    expect(coded("Russia's invasion worries Turkey and Germany.").filter((k) => k.startsWith("ASSAULT"))).toEqual([]);
  });
  it("makes no diplomatic contact of a crowd arriving", () => {
    expect(coded("Refugees from Ukraine arrived in Germany.").filter((k) => k.startsWith("CONSULT"))).toEqual([]);
    expect(coded("Demir visited Kyiv.")).toContain("CONSULT TUR>UKR");
  });
});

describe("intransitive acts (retreat.resign)", () => {
  function all(text: string): string[] {
    return codeEvents(fixtureDoc(text))
      .filter((e) => e.realis === "asserted")
      .map((e) => `${e.type} ${e.source.person ?? e.source.actor}>${e.target.person ?? e.target.actor ?? "-"} [${e.rule}]`);
  }
  it("gives a resignation no target, not even a later actor of the sentence", () => {
    expect(all("Demir resigned on Sunday as the opposition protested in Russia.")).toContain("RETREAT Ali Demir>- [retreat.resign]");
  });
  it("takes the one surrendered to", () => {
    expect(all("Ukrainian troops surrendered to Russia.")).toContain("RETREAT UKR>RUS [retreat.resign]");
  });
  it("codes no resignation that is planned, denied or asked about", () => {
    for (const t of ["Demir will resign next week.", "Demir did not resign.", "Did Demir resign?"]) expect(all(t)).toEqual([]);
  });
});

describe("an ethnic group acts where it lives", () => {
  it("gives 'ethnic Iranians' in Turkey the country Turkey, as a group", () => {
    const evs = codeEvents(fixtureDoc("Ethnic Iranians protested in Turkey on Monday.")).filter((e) => e.type === "PROTEST" && e.realis === "asserted");
    expect(evs[0]?.source.group).toMatch(/ethnic Iranians/i);
    expect(evs[0]?.source.actor).toBeNull();
    expect(evs[0]?.source.country).toBe("TUR");
  });
  it("leaves a plain demonym the state, and codes no protest that is planned or denied", () => {
    expect(coded("Iranians protested in Turkey on Monday.")).toContain("PROTEST IRN>TUR p");
    expect(coded("Ethnic Iranians will protest in Turkey on Monday.").filter((k) => k.startsWith("PROTEST"))).toEqual([]);
    expect(coded("Ethnic Iranians did not protest in Turkey.").filter((k) => k.startsWith("PROTEST"))).toEqual([]);
  });
});

describe("an attack by no one named (partial, peer output)", () => {
  it("comes from the country where it happened", () => {
    expect(coded("Three Russian soldiers were killed by a roadside bomb outside the Ukrainian city of Kharkiv.")).toContain("ASSAULT UKR>RUS p");
  });
  it("is not asserted when negated or asked about", () => {
    expect(coded("Three Russian soldiers were not killed by a roadside bomb outside the Ukrainian city of Kharkiv.")).toEqual([]);
    expect(coded("Were three Russian soldiers killed by a roadside bomb outside the Ukrainian city of Kharkiv?")).toEqual([]);
  });
});

describe("negated auxiliaries split by the tokenizer ('didn', \"'\", 't')", () => {
  it("negates 'didn't meet', 'hasn't met', 'won't attack'", () => {
    for (const t of ["Turkey didn't meet Russia's foreign minister.", "Turkey hasn't met Russia's foreign minister.", "Turkey won't attack Russia."]) {
      expect(coded(t).filter((k) => !k.startsWith("REJECT"))).toEqual([]);
    }
  });
  it("codes a refused acceptance as REJECT ('has not approved', 'didn't accept'), not an approval or a question", () => {
    expect(coded("Turkey has not approved the closure of the straits to Russia.")).toContain("REJECT TUR>RUS");
    expect(coded("Turkey didn't accept Russia's proposal.")).toContain("REJECT TUR>RUS");
    expect(coded("Turkey has approved Russia's proposal.").filter((k) => k.startsWith("REJECT"))).toEqual([]);
    expect(coded("Has Turkey not approved Russia's proposal?")).toEqual([]);
  });
});
