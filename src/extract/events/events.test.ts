import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import { PLOVER_TYPES, type EventRecord, type Side } from "../../core/types.js";
import { codeEvents } from "./coder.js";
import { fixtureDoc } from "./fixture.js";
import { realisOf } from "./realis.js";
import { compileRules, loadRules } from "./rules.js";

const SYMMETRIC = new Set(["CONSULT", "AGREE", "COOPERATE"]);

function label(s: Side): string {
  return s.person ?? s.group ?? s.actor ?? "?";
}

/** "TYPE A>B" for each asserted event; symmetric types with the two sides sorted. */
function keys(events: EventRecord[]): string[] {
  return events
    .filter((e) => e.realis === "asserted" && !e.partial)
    .map((e) => {
      let [a, b] = [label(e.source), label(e.target)];
      if (SYMMETRIC.has(e.type) && b < a) [a, b] = [b, a];
      return `${e.type} ${a}>${b}`;
    });
}

function norm(k: string): string {
  const m = /^(\S+) (.*)>(.*)$/.exec(k)!;
  const type = m[1]!;
  let [a, b] = [m[2]!, m[3]!];
  if (SYMMETRIC.has(type) && b < a) [a, b] = [b, a];
  return `${type} ${a}>${b}`;
}

function code(text: string): EventRecord[] {
  return codeEvents(fixtureDoc(text));
}

/** [sentence, events that must be coded] */
const POSITIVE: Array<[string, string[]]> = [
  // CONSULT
  ["Turkish Foreign Minister Ali Demir spoke by phone on Sunday with his Russian counterpart Ivan Petrov.", ["CONSULT Ali Demir>Ivan Petrov"]],
  ["Demir held a telephone call with Petrov on Saturday.", ["CONSULT Ali Demir>Ivan Petrov"]],
  ["In a phone call, Demir and Petrov discussed the situation in the region.", ["CONSULT Ali Demir>Ivan Petrov"]],
  ["Demir discussed a possible ceasefire with Ukraine and the humanitarian situation with Petrov.", ["CONSULT Ali Demir>Ivan Petrov"]],
  ["Demir met Petrov in Geneva on Monday.", ["CONSULT Ali Demir>Ivan Petrov"]],
  ["Demir held talks on the crisis with Olena Shevchenko along with French and German officials.", ["CONSULT Ali Demir>Olena Shevchenko", "CONSULT Ali Demir>FRA", "CONSULT Ali Demir>DEU"]],
  ["Ukraine and Russia held talks in Istanbul.", ["CONSULT RUS>UKR"]],
  ["Turkey hosted talks between Russia and Ukraine.", ["CONSULT TUR>RUS", "CONSULT TUR>UKR", "CONSULT RUS>UKR"]],
  ["Demir visited Kyiv on Tuesday.", ["CONSULT Ali Demir>UKR"]],
  ["Petrov told Demir in a phone call that the offensive would go on.", ["CONSULT Ali Demir>Ivan Petrov"]],
  // AGREE
  ["Russia and Ukraine agreed to a ceasefire.", ["AGREE RUS>UKR"]],
  ["Turkey offered to mediate between Russia and Ukraine.", ["AGREE TUR>RUS", "AGREE TUR>UKR"]],
  ["Ankara is ready to host talks between Moscow and Kyiv.", ["AGREE TUR>RUS", "AGREE TUR>UKR"]],
  ["France and Germany signed an agreement on energy cooperation.", ["AGREE DEU>FRA"]],
  // SUPPORT
  ["Shevchenko thanked Demir for the humanitarian aid.", ["SUPPORT Olena Shevchenko>Ali Demir", "AID Ali Demir>Olena Shevchenko"]],
  ["Demir expressed condolences to Ukraine.", ["SUPPORT Ali Demir>UKR"]],
  ["China formally recognized Sudan's new government.", ["SUPPORT CHN>SDN"]],
  ["Germany welcomed the French proposal.", ["SUPPORT DEU>FRA"]],
  ["Iran and Sudan restored diplomatic ties on Monday.", ["SUPPORT IRN>SDN", "SUPPORT SDN>IRN"]],
  // REQUEST
  ["France urged Iran to release the detainees.", ["REQUEST FRA>IRN"]],
  ["Demir called on Petrov to end the offensive.", ["REQUEST Ali Demir>Ivan Petrov"]],
  ["The EU asked China to use its influence.", ["REQUEST EU>CHN"]],
  // ACCUSE
  ["Ukraine accused Russia of shelling civilians.", ["ACCUSE UKR>RUS"]],
  ["Germany condemned Russia's annexation of the peninsula.", ["ACCUSE DEU>RUS"]],
  ["France criticized Iran over the arrests.", ["ACCUSE FRA>IRN"]],
  // REJECT
  ["Iran rejected the French proposal.", ["REJECT IRN>FRA"]],
  ["Israel refused the request of the United Nations.", ["REJECT ISR>UN"]],
  // THREATEN
  ["Russia threatened Ukraine with retaliation.", ["THREATEN RUS>UKR"]],
  ["Iran warned Israel against any attack.", ["THREATEN IRN>ISR"]],
  // PROTEST
  ["Iranians protested against Israel on Friday.", ["PROTEST IRN>ISR"]],
  // SANCTION
  ["The EU imposed sanctions on Russia.", ["SANCTION EU>RUS"]],
  ["France expelled Iranian diplomats.", ["SANCTION FRA>IRN"]],
  // MOBILIZE
  ["Russia massed troops on Ukraine's border.", ["MOBILIZE RUS>UKR"]],
  // COERCE
  ["Iran seized a French tanker.", ["COERCE IRN>FRA"]],
  ["Israel arrested two Iranian nationals.", ["COERCE ISR>IRN"]],
  // ASSAULT
  ["Russian forces shelled Kyiv overnight.", ["ASSAULT RUS>UKR"]],
  ["Ukraine was attacked by Russia.", ["ASSAULT RUS>UKR"]],
  ["Russia launched an attack on Ukraine.", ["ASSAULT RUS>UKR"]],
  ["Russia's invasion of Ukraine shocked Europe.", ["ASSAULT RUS>UKR"]],
  ["The Northern Front attacked Sudan's army.", ["ASSAULT Northern Front>SDN"]],
  // AID
  ["Germany sent humanitarian aid to Ukraine.", ["AID DEU>UKR"]],
  // RETREAT
  ["Russia withdrew its troops from Ukraine.", ["RETREAT RUS>UKR"]],
  ["Russia announced it will sharply cut its military activity around Kyiv.", ["RETREAT RUS>UKR"]],
  // CONCEDE
  ["Iran released two French citizens.", ["CONCEDE IRN>FRA"]],
  // COOPERATE
  ["France and Germany held joint military exercises.", ["COOPERATE DEU>FRA"]],
  ["Israel shared intelligence with France about the plot.", ["COOPERATE FRA>ISR"]],
  // structures: intents, speakers, "must", places, groups, receptions
  ["Germany said it would send aid to Ukraine.", ["AGREE DEU>UKR"]],
  ["Iran rejected the proposal from France, Demir said.", ["REJECT IRN>FRA"]],
  ["Ukraine rejects the French plan, Shevchenko said.", ["REJECT UKR>FRA"]],
  ["Petrov said that Ukraine must withdraw its forces.", ["REQUEST Ivan Petrov>UKR"]],
  ["Turkey rejected Russia's military operation.", ["ACCUSE TUR>RUS"]],
  ["Security forces in Iran arrested two French nationals.", ["COERCE IRN>FRA"]],
  ["Russian missiles struck a hospital in Kyiv.", ["ASSAULT RUS>UKR"]],
  ["Demir received a delegation from Ukraine on Monday.", ["CONSULT Ali Demir>UKR"]],
  ["The Northern Front declared a unilateral ceasefire against Sudan.", ["RETREAT Northern Front>SDN"]],
  ["Germany halted economic aid to Iran.", ["SANCTION DEU>IRN"]],
];

/** [sentence, event types that must NOT be coded as asserted] */
const NEGATIVE: Array<[string, string[]]> = [
  ["Demir will meet Petrov on Thursday.", ["CONSULT"]],
  ["Demir did not meet Petrov.", ["CONSULT"]],
  ["Demir is due to visit Kyiv next week.", ["CONSULT"]],
  ["Will Demir meet Petrov?", ["CONSULT"]],
  ["Demir plans to hold talks with Petrov.", ["CONSULT"]],
  ["Demir and Petrov held a phone call on Saturday.", ["REQUEST"]],
  ["Russia and Ukraine did not agree on a ceasefire.", ["AGREE"]],
  ["Germany will not support Ukraine's request.", ["SUPPORT"]],
  ["France did not urge Iran to release the detainees.", ["REQUEST"]],
  ["Ukraine did not criticize Turkey.", ["ACCUSE"]],
  ["If Iran rejected the French proposal, talks would collapse.", ["REJECT"]],
  ["Iran did not threaten Israel.", ["THREATEN"]],
  ["Iranians plan to protest against Israel.", ["PROTEST"]],
  ["The EU could impose sanctions on Russia.", ["SANCTION"]],
  ["Russia denied massing troops on Ukraine's border.", ["MOBILIZE"]],
  ["Iran threatened to seize a French tanker.", ["COERCE"]],
  ["Russia would never attack Ukraine.", ["ASSAULT"]],
  ["Russia could invade Ukraine.", ["ASSAULT"]],
  ["Germany is expected to send aid to Ukraine.", ["AID"]],
  ["Russia refused to withdraw its troops from Ukraine.", ["RETREAT"]],
  ["Iran has not released the French citizens.", ["CONCEDE"]],
  ["France and Germany will hold joint military exercises.", ["COOPERATE"]],
  ["The ministry released the number of civilians killed in Ukraine.", ["CONCEDE", "ASSAULT"]],
  ["Russia's possible invasion of Ukraine worries Europe.", ["ASSAULT"]],
  ["Russia has received no official notification from Turkey.", ["CONSULT"]],
  ["Germany will visit Iran next month.", ["AGREE", "CONSULT"]],
  ["Shevchenko met Petrov's demands on Friday.", ["CONSULT"]],
  ["Iran released the figures of the attack on Friday.", ["CONCEDE"]],
];

describe("event rules (data/events/rules.json)", () => {
  it("load, compile, have unique names and cover every PLOVER type", () => {
    const { rules } = loadRules();
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    for (const t of PLOVER_TYPES) expect(rules.some((r) => r.type === t), t).toBe(true);
  });
  it("reject an unknown type or macro", () => {
    const base = { name: "x", triggers: ["a"], re: "a", source: "subject" as const, target: "object" as const };
    expect(() => compileRules({ macros: {}, rules: [{ ...base, type: "FIGHT" as never }] })).toThrow(/unknown type/);
    expect(() => compileRules({ macros: {}, rules: [{ ...base, type: "AGREE", re: "{NOPE}" }] })).toThrow(/unknown macro/);
  });
});

describe("positive sentences: each type's ordinary vocabulary", () => {
  for (const [text, want] of POSITIVE) {
    it(text, () => {
      const got = keys(code(text));
      for (const w of want) expect(got, `${w} in ${JSON.stringify(got)}`).toContain(norm(w));
    });
  }
});

describe("negative sentences: the same verbs in plans, negations, questions, conditionals", () => {
  for (const [text, types] of NEGATIVE) {
    it(text, () => {
      // partial events (one side, or an intent read for the peer codings) are not in the record
      const got = code(text).filter((e) => e.realis === "asserted" && !e.partial).map((e) => e.type);
      for (const t of types) expect(got, JSON.stringify(got)).not.toContain(t);
    });
  }
});

describe("realis", () => {
  it("marks plans future, negations negated, questions hypothetical", () => {
    const fut = code("Demir will meet Petrov on Thursday.").find((e) => e.type === "CONSULT");
    expect(fut?.realis).toBe("future");
    const neg = code("Demir did not meet Petrov.").find((e) => e.type === "CONSULT");
    expect(neg?.realis).toBe("negated");
    expect(realisOf(["will"], "Will Demir meet Petrov?", "meet")).toBe("hypothetical");
    expect(realisOf(["demir"], "Demir met Petrov.", "met")).toBe("asserted");
  });
});

describe("sides, context and dates", () => {
  it("carries the actor of an earlier sentence over to a pronoun", () => {
    const got = keys(code("Demir spoke by phone with Petrov on Sunday. He also discussed the crisis with Shevchenko."));
    expect(got).toContain(norm("CONSULT Ali Demir>Olena Shevchenko"));
    expect(got).not.toContain(norm("CONSULT Ivan Petrov>Olena Shevchenko"));
  });
  it("resolves 'both sides' and 'hosted the talks' to the sides of the reported dyad", () => {
    const got = keys(code("Russia and Ukraine held talks in Istanbul. Turkey, which hosted the talks, urged both sides to agree a ceasefire."));
    expect(got).toContain(norm("REQUEST TUR>RUS"));
    expect(got).toContain(norm("REQUEST TUR>UKR"));
    expect(got).toContain(norm("CONSULT TUR>RUS"));
  });
  it("gives 'the sides agreed' the pair of the reported conversation", () => {
    const got = keys(code("Demir spoke by phone with Petrov on Sunday. The sides agreed to continue their contacts."));
    expect(got).toContain(norm("AGREE Ali Demir>Ivan Petrov"));
  });
  it("takes the pair named in the sentence for 'both parties'", () => {
    const got = keys(code("Turkey, which has ties with both Kyiv and Moscow, called both parties to return to diplomacy."));
    expect(got).toContain(norm("REQUEST TUR>UKR"));
    expect(got).toContain(norm("REQUEST TUR>RUS"));
  });
  it("finds the actor of a gerund after a preposition, and of an announced operation", () => {
    expect(keys(code("This was followed by Russia illegally occupying Ukrainian territory."))).toContain(norm("COERCE RUS>UKR"));
    expect(keys(code("Petrov of Russia on Thursday announced a military operation in Ukraine."))).toContain(norm("ASSAULT Ivan Petrov>UKR"));
  });
  it("sends a denial back to the accuser", () => {
    const got = keys(code("Ukraine accused Russia of shelling the city, which Moscow denied."));
    expect(got).toContain(norm("ACCUSE UKR>RUS"));
    expect(got).toContain(norm("REJECT RUS>UKR"));
  });
  it("keeps one event per (type, source, target, date) within an article", () => {
    const ev = code("Demir met Petrov on Monday. Demir met Petrov in Geneva.").filter((e) => e.type === "CONSULT");
    expect(ev.length).toBe(1);
  });
  it("gives CONSULT a mode", () => {
    expect(code("Demir held a telephone call with Petrov.")[0]?.mode).toBe("phone");
    expect(code("Demir met Petrov in Geneva.")[0]?.mode).toBe("meeting");
    expect(code("Demir visited Kyiv.")[0]?.mode).toBe("visit");
    const med = code("Turkey mediated between Russia and Ukraine.").filter((e) => e.type === "CONSULT");
    expect(med.map((e) => e.mode)).toEqual(["mediate", "mediate"]);
  });
  it("dates an invasion by the date next to it, and merges its other mentions", () => {
    const doc = fixtureDoc("Russia invaded Ukraine in February. The war has displaced millions. Russia's invasion of Ukraine continues.");
    doc.times = [{ start: 26, end: 37, value: "2022-02", grain: "month", rule: "fixture" }];
    const ev = codeEvents(doc).filter((e) => e.type === "ASSAULT");
    expect(ev.length).toBe(1);
    expect(ev[0]!.rule).toMatch(/^assault\./);
  });
  it("codes no event with only one identifiable side", () => {
    expect(keys(code("The ministry condemned the attack.")).length).toBe(0);
    expect(keys(code("Officials met in Geneva.")).length).toBe(0);
  });
  it("records the rule that coded each event", () => {
    for (const e of code("France urged Iran to release the detainees.")) expect(e.rule).toMatch(/^[a-z]+\.[a-z_.]+$/);
  });
});

describe("evidence", () => {
  const check = (text: string, events: EventRecord[]) => {
    for (const e of events) {
      expect(e.span.start).toBeGreaterThanOrEqual(0);
      expect(e.span.end).toBeLessThanOrEqual(text.length);
      expect(e.span.end).toBeGreaterThan(e.span.start);
    }
  };
  it("lies inside the text for every fixture sentence", () => {
    for (const [text] of [...POSITIVE, ...NEGATIVE]) check(text, code(text));
  });
  it("lies inside the text of every example article, through the whole pipeline", () => {
    const dir = join(import.meta.dirname, "fixtures");
    const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
    expect(files.length).toBeGreaterThan(0);
    let n = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      const doc = analyze({ id: f, text, title: null, url: null, outlet: null, published: "2024-05-06", origin: f });
      check(text, doc.events);
      n += doc.events.length;
    }
    expect(n).toBeGreaterThan(0);
  });
});
