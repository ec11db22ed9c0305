import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../core/paths.js";
import { TOKEN_RE, tokenize } from "./tokenize.js";

const toks = (s: string) => tokenize(s).tokens.map((t) => s.slice(t.start, t.end));
const sents = (s: string) => tokenize(s).sentences.map((x) => s.slice(x.start, x.end));

describe("tokenize: tokens", () => {
  it("keeps numbers with thousands separators and decimals as one token", () => {
    expect(toks("Some 368,000 people fled.")).toEqual(["Some", "368,000", "people", "fled", "."]);
    expect(toks("It grew 3.5 percent to 1,234.75 tonnes")).toEqual(["It", "grew", "3.5", "percent", "to", "1,234.75", "tonnes"]);
    expect(toks("$4.2bn")).toEqual(["$", "4.2", "bn"]);
  });
  it("does not glue a number to a following comma, stop or word", () => {
    expect(toks("In 2019, 40 died.")).toEqual(["In", "2019", ",", "40", "died", "."]);
    expect(toks("It ended in 2023. Then")).toEqual(["It", "ended", "in", "2023", ".", "Then"]);
    expect(toks("pages 3, 4")).toEqual(["pages", "3", ",", "4"]);
  });
  it("keeps initialisms, hyphenated words and possessive clitics", () => {
    expect(toks("the U.S. pro-Kremlin Putin's")).toEqual(["the", "U.S.", "pro-Kremlin", "Putin", "'s"]);
    expect(toks("Seoul’s 20-year-old")).toEqual(["Seoul", "’s", "20-year-old"]);
  });
  it("gives spans into the original text (end exclusive), sentence by sentence", () => {
    const text = "  Lt. Col. Ana Ruiz said 12,500 troops left.\nNew line here.";
    const { tokens, sentences } = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).not.toMatch(/\s/);
    for (const s of sentences) {
      for (let k = s.tokStart; k < s.tokEnd; k++) {
        expect(tokens[k]!.start).toBeGreaterThanOrEqual(s.start);
        expect(tokens[k]!.end).toBeLessThanOrEqual(s.end);
      }
    }
    expect(tokens.map((t) => t.sent)).toEqual(tokens.map((t) => sentences.findIndex((s) => t.start >= s.start && t.end <= s.end)));
  });
});

describe("tokenize: sentences", () => {
  it("does not end a sentence after a military or civil title abbreviation", () => {
    for (const t of ["Brig.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Gov.", "Sen.", "Rep.", "Pres.", "Amb.", "Rt.", "Hon."]) {
      const text = `The statement came from ${t} Tomas Varga on Friday. Others agreed.`;
      expect(sents(text), t).toEqual([`The statement came from ${t} Tomas Varga on Friday.`, "Others agreed."]);
    }
    expect(sents("Brig. Gen. Ola Nwosu spoke. Then he left.")).toEqual(["Brig. Gen. Ola Nwosu spoke.", "Then he left."]);
    expect(sents("The Rt. Hon. Mary Kell arrived.")).toEqual(["The Rt. Hon. Mary Kell arrived."]);
  });
  it("keeps initials and initialisms inside a sentence", () => {
    expect(sents("George W. Bush met U.N. envoys. They talked.")).toEqual(["George W. Bush met U.N. envoys.", "They talked."]);
  });
  it("still ends sentences after ordinary words, numbers and quotes", () => {
    expect(sents("The general left. The colonel stayed.")).toEqual(["The general left.", "The colonel stayed."]);
    expect(sents("He won 368,000 votes. Turnout fell.")).toEqual(["He won 368,000 votes.", "Turnout fell."]);
    expect(sents('"We will stay," she said. "Good."')).toEqual(['"We will stay," she said.', '"Good."']);
    expect(sents("It was a rep. Then it ended.")).toEqual(["It was a rep. Then it ended."]); // known limit: abbreviations win
  });
  it("never crosses a line break", () => {
    expect(sents("Headline Without Stop\nBody text here. More.")).toEqual(["Headline Without Stop", "Body text here.", "More."]);
  });
});

describe("tokenize: the hand-written scanner means exactly TOKEN_RE", () => {
  /** Tokens by the reference regex, sentence by sentence (tokens clamped to the sentence end). */
  function reference(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const re = new RegExp(TOKEN_RE.source, TOKEN_RE.flags);
    for (const s of tokenize(text).sentences) {
      re.lastIndex = s.start;
      for (let m = re.exec(text); m && m.index < s.end; m = re.exec(text)) out.push([m.index, Math.min(s.end, m.index + m[0].length)]);
    }
    return out;
  }
  const mine = (text: string) => tokenize(text).tokens.map((t) => [t.start, t.end]);
  it("agrees on tricky strings", () => {
    const cases = [
      "U.S.A. and U.N. met; A. B. Smith said 3.5% of 1,234,567.89 — ok.",
      "Kim Jong‐un’s and Erdoğan's aides; 'sa 's 'sx ’s.",
      "Naïve café e\u0301 Straße ΑΘΗΝΑ Москва 北京 𝐀𝐁 😀 text\u00a0nbsp\u2009thin\ufeffbom.",
      "1,2,3 4. 5.x 6,a 7.. 8-9 x-y- -z --",
      "trailing hyphen- and end'",
    ];
    for (const t of cases) expect(mine(t), t).toEqual(reference(t));
  });
  it("agrees on every gold article text", () => {
    const root = join(packageRoot(), "..", "shared", "corpus");
    const dirs = ["dev", "seeds"].map((d) => join(root, d)).filter((d) => existsSync(d));
    let n = 0;
    for (const d of dirs) {
      for (const f of readdirSync(d).filter((x) => x.endsWith(".json"))) {
        const text = (JSON.parse(readFileSync(join(d, f), "utf8")) as { text?: string }).text;
        if (typeof text !== "string") continue;
        expect(mine(text), f).toEqual(reference(text));
        n++;
      }
    }
    if (dirs.length) expect(n).toBeGreaterThan(0);
  });
});
