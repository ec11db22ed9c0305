import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/shared.js";
import { analyze } from "../../analyze.js";
import type { QuoteRecord } from "../../core/types.js";
import { speechTokenBits, T_ACCORDING, T_SPEECH } from "./index.js";

/** Fixture texts written for these tests (invented reports in the style of wire copy). */
function quotes(text: string): Array<QuoteRecord & { text: string }> {
  const doc = analyze({ id: "t", text, title: null, url: null, outlet: null, published: "2023-05-10", origin: "test" });
  return doc.quotes.map((q) => {
    expect(q.span.start).toBeGreaterThanOrEqual(0);
    expect(q.span.end).toBeLessThanOrEqual(text.length);
    expect(q.span.end).toBeGreaterThan(q.span.start);
    return { ...q, text: text.slice(q.span.start, q.span.end) };
  });
}
function only(text: string) {
  const q = quotes(text);
  expect(q.map((x) => `${x.speaker}: ${x.text}`), text).toHaveLength(1);
  return q[0]!;
}
const surname = (s: string | null) => (s ?? "").split(/\s+/).pop();

describe("direct quotes", () => {
  it("curly quotes, speaker after: “…,” X said", () => {
    const q = only("“We will not give up a single village,” Prime Minister Abiy Ahmed said on Monday.");
    expect(q.direct).toBe(true);
    expect(q.text).toBe("We will not give up a single village,");
    expect(surname(q.speaker)).toBe("Ahmed");
  });
  it('straight quotes, inverted: "…," said X', () => {
    const q = only('"The situation is catastrophic," said Martin Griffiths, the UN aid chief.');
    expect(q.text).toBe("The situation is catastrophic,");
    expect(surname(q.speaker)).toBe("Griffiths");
  });
  it("speaker before with a colon: X added: “…”", () => {
    const q = only("Griffiths added: “Aid convoys must be allowed through now.”");
    expect(q.text).toBe("Aid convoys must be allowed through now.");
    expect(q.speaker).toBe("Griffiths");
  });
  it("X wrote on Twitter", () => {
    const q = only("“Our thoughts are with the victims,” Chancellor Olaf Scholz wrote on Twitter.");
    expect(surname(q.speaker)).toBe("Scholz");
  });
  it("X said in a statement", () => {
    const q = only('"These attacks must stop immediately," the foreign ministry said in a statement.');
    expect(q.speaker).toMatch(/foreign ministry/);
  });
  it("X told reporters", () => {
    const q = only('"We are ready to talk," Hakan Fidan told reporters in Ankara.');
    expect(surname(q.speaker)).toBe("Fidan");
  });
  it("a partial quote inside a sentence takes the speaker of its clause", () => {
    const q = only("Blinken described the reports as “deeply troubling and unacceptable” on Sunday.");
    expect(q.direct).toBe(true);
    expect(q.text).toBe("deeply troubling and unacceptable");
    expect(q.speaker).toBe("Blinken");
  });
  it("a partial quote in a reported clause keeps the clause's speaker", () => {
    const q = only("Blinken said the United States was “deeply concerned” about the reports.");
    expect(q.speaker).toBe("Blinken");
    expect(q.text).toContain("deeply concerned");
  });
  it("a quote spread over sentences is one quote", () => {
    const q = only('"The needs are enormous. We cannot do this alone," Griffiths said.');
    expect(q.text).toBe("The needs are enormous. We cannot do this alone,");
  });
  it("a quote continuing into the next paragraph keeps its speaker", () => {
    const text = "“The city has no water and no power,” Mayor Vitali Klitschko said. “Families are sleeping in the metro.\n“We need generators before winter comes.”";
    const q = quotes(text);
    expect(q.map((x) => surname(x.speaker))).toEqual(["Klitschko", "Klitschko", "Klitschko"]);
  });
  it("a stand-alone quote paragraph after a quoted speaker keeps the speaker", () => {
    const text = "“We expect more arrivals,” said Filippo Grandi.\n“Our staff will stay.”";
    expect(quotes(text).map((x) => surname(x.speaker))).toEqual(["Grandi", "Grandi"]);
  });
  it("he said resolves to the person just quoted", () => {
    const text = "Foreign Minister Penny Wong spoke after the meeting. “This is a step forward,” she said.";
    expect(surname(only(text).speaker)).toBe("Wong");
  });
  it("single quotes (British style), a possessive inside does not close them", () => {
    const q = only("Mr Smith said: 'The refugees' needs are enormous and we don't have the money.'");
    expect(q.text).toBe("The refugees' needs are enormous and we don't have the money.");
    expect(q.speaker).toBe("Smith");
  });
  it("single quotes with the speaker after", () => {
    const q = only("'We will not abandon our people,' the prime minister said.");
    expect(q.text).toBe("We will not abandon our people,");
    expect(q.speaker).toBe("prime minister");
  });
  it("a body quoted: the statement said", () => {
    const q = only('"The council condemns the attack in the strongest terms," the UN Security Council said in a statement.');
    expect(q.speaker).toMatch(/Security Council/);
  });
});

describe("reported speech", () => {
  it("X said (that) …", () => {
    const q = only("Kenyan President William Ruto said that the talks would resume next week in Nairobi.");
    expect(q.direct).toBe(false);
    expect(q.text).toBe("the talks would resume next week in Nairobi");
    expect(surname(q.speaker)).toBe("Ruto");
  });
  it("X said … without that", () => {
    const q = only("Ruto said the talks would resume next week.");
    expect(q.text).toBe("the talks would resume next week");
  });
  it("…, X said (clause first)", () => {
    const q = only("The talks would resume next week, Ruto said on Tuesday.");
    expect(q.text).toBe("The talks would resume next week");
    expect(q.speaker).toBe("Ruto");
  });
  it("According to X, …", () => {
    const q = only("According to the army spokesman, the rebels had withdrawn from the town.");
    expect(q.text).toBe("the rebels had withdrawn from the town");
    expect(q.speaker).toMatch(/army spokesman/);
  });
  it("X told reporters (that) …", () => {
    const q = only("Ruto told reporters in Nairobi that both sides had accepted the plan.");
    expect(q.text).toBe("both sides had accepted the plan");
  });
  it.each(["stressed", "noted", "added", "warned"])("X %s that …", (verb) => {
    const q = only(`Ruto ${verb} that the ceasefire must hold.`);
    expect(q.text).toBe("the ceasefire must hold");
    expect(q.speaker).toBe("Ruto");
  });
  it("a second clause after a participle: …, warning that …", () => {
    const q = quotes("Aid deliveries had resumed, the agency said, warning that fuel would run out within days.");
    expect(q.map((x) => x.text)).toEqual(["Aid deliveries had resumed", "fuel would run out within days"]);
    expect(new Set(q.map((x) => x.speaker)).size).toBe(1);
  });
  it("a reported part before a coordinated quoted fragment is kept apart", () => {
    const q = quotes("Ruto said on Twitter he welcomed the plan and “stressed that we will keep working with all parties for a lasting peace.”");
    expect(q.map((x) => [x.direct, x.text])).toEqual([
      [false, "he welcomed the plan"],
      [true, "stressed that we will keep working with all parties for a lasting peace."],
    ]);
  });
  it("stops before a trailing ', according to …'", () => {
    const q = only("Ruto said that the plan had been accepted, according to the statement.");
    expect(q.text).toBe("the plan had been accepted");
  });
  it("a quoted fragment inside a reported clause is covered by the clause", () => {
    const q = quotes("Ruto said the government would ask both sides to “give peace a chance” at the next round of talks in Addis Ababa.");
    expect(q).toHaveLength(1);
    expect(q[0]!.direct).toBe(false);
  });
});

describe("harder attributions", () => {
  it("a time clause after the verb is not the reported clause", () => {
    const q = only("The talks made real progress, Foreign Minister Hakan Fidan said after the meeting ended.");
    expect(q.text).toBe("The talks made real progress");
    expect(surname(q.speaker)).toBe("Fidan");
  });
  it("a date between subject and verb: X on March 28 said …", () => {
    const q = only("Ruto on March 28 said the ceasefire would be extended.");
    expect(q.speaker).toBe("Ruto");
    expect(q.text).toBe("the ceasefire would be extended");
  });
  it("the agency quoted X as saying: X is the speaker", () => {
    const q = only("No request had been received, the Anadolu agency quoted the Greek embassy in Ankara as saying.");
    expect(q.speaker).toMatch(/Greek embassy/);
    expect(q.text).toBe("No request had been received");
  });
  it("“…,” the agency quotes a source: the source is the speaker", () => {
    const q = only("“The sides discussed the crisis in detail,” the news agency quotes a source in the Foreign Ministry.");
    expect(q.speaker).toMatch(/source/);
  });
  it("speech reported inside a report belongs to the outer speaker", () => {
    const q = quotes("Kenyatta explained that during the meeting, Abiy stressed that the army would stay in the region.");
    expect(q).toHaveLength(1);
    expect(q[0]!.speaker).toBe("Kenyatta");
  });
  it("an adverbial lead-in is not a clause: 'On the talks, X said …'", () => {
    const q = quotes("On the peace talks held in the city, Ruto said the parties were close to a deal.");
    expect(q.map((x) => x.text)).toEqual(["the parties were close to a deal"]);
  });
  it("…, though stressing that …", () => {
    const q = quotes("Grandi praised the host countries, though stressing that the war must end.");
    expect(q.map((x) => x.text)).toContain("the war must end");
  });
  it("a clause that opens with a quoted fragment stays one reported quote", () => {
    const q = only("He also said that “more difficult issues” would be left to the ministers, Ruto added.");
    expect(q.direct).toBe(false);
  });
  it("they: a coordinated subject of the sentence before", () => {
    const q = only("Tensions rose when Kenya, Uganda and their partners accused Sudan of arming the rebels. They claimed the weapons came by air.");
    expect(q.speaker).toBe("Kenya, Uganda and their partners");
    expect(q.text).toBe("the weapons came by air");
  });
  it("a description used again resolves like the first time (no person: the description)", () => {
    const q = only("The plan is on the table, the top diplomat said.");
    expect(q.speaker).toBe("top diplomat");
  });
});

describe("not quotes", () => {
  const NEGATIVE = [
    // single scare-quoted words
    'Moscow called the move "unacceptable" and a "provocation".',
    // a quoted name with no one saying it
    'The 2014 "Maidan revolution" led to a change of government.',
    // a headline
    "Sudan war: 'No end in sight' as talks stall",
    // a pure attribution of the event by a body
    "The two ministers discussed the humanitarian situation in a phone call, the ministry said.",
    // "according to" that is not a source
    "The operation is going according to plan.",
    // a speech verb without a clause
    "The president spoke to reporters on Monday.",
    // verbs that take a noun phrase are not reported speech without "that"
    "The minister reiterated Ankara's readiness to host the talks.",
    "She stressed the importance of dialogue between the parties.",
    // apostrophes are not quotes
    "The country's leaders met at the president's residence.",
  ];
  for (const text of NEGATIVE) {
    it(text, () => {
      expect(quotes(text).map((q) => `${q.speaker}: ${q.text}`)).toEqual([]);
    });
  }
});

describe("unquoted", () => {
  it("strips the quote marks around a phrase as the regex does", async () => {
    const { unquoted } = await import("./speaker.js");
    const pieces = ["‘", "'", '"', "“", "’", "”", ",", "a", "Ab", " ", "é", "''"];
    const rnd = seededRandom(5);
    for (let n = 0; n < 5000; n++) {
      let t = "";
      const len = Math.floor(rnd() * 8);
      for (let k = 0; k < len; k++) t += pieces[Math.floor(rnd() * pieces.length)];
      const text = `x${t}y`;
      expect(unquoted(text, 1, text.length - 1), JSON.stringify(t)).toBe(t.replace(/^[‘'"“]+|[’'"”,]+$/g, ""));
    }
    expect(unquoted("“the agency,”", 0, 13)).toBe("the agency");
  });
});

describe("speechTokenBits", () => {
  it("marks 'according' in any case and speech words written in lower case", () => {
    for (const t of ["according", "According", "ACCORDING"]) expect(speechTokenBits(t), t).toBe(T_ACCORDING);
    for (const t of ["said", "says", "told", "quoted", "cited"]) expect(speechTokenBits(t), t).toBe(T_SPEECH);
    for (const t of ["Said", "SAID", "States", "the", "accord", "", "—"]) expect(speechTokenBits(t), t).toBe(0);
  });
});
