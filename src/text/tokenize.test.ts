import { describe, expect, it } from "vitest";
import { sharedTexts } from "../../test/shared.js";
import { ABBREVIATIONS, SENT_END_RE, TOKEN_RE, tokenize } from "./tokenize.js";

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
  it("agrees on every text of the shared corpora", () => {
    for (const [i, text] of sharedTexts().entries()) expect(mine(text), `text ${i}`).toEqual(reference(text));
  });
});

describe("tokenize: the hand-written sentence splitter means exactly SENT_END_RE", () => {
  /** The abbreviation test as it read a line's slice (the same rule, on the slice). */
  function isAbbreviation(line: string, dot: number): boolean {
    let i = dot;
    while (i > 0 && /[\p{L}.]/u.test(line[i - 1]!)) i--;
    const word = line.slice(i, dot);
    if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
    if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
    return ABBREVIATIONS.has(word.toLowerCase());
  }
  /** Sentence spans by the reference regex over each line's slice, trimmed (the splitter before it was written by hand). */
  function reference(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let lineStart = 0;
    for (const line of text.split("\n")) {
      const re = new RegExp(SENT_END_RE.source, SENT_END_RE.flags);
      const ends: number[] = [];
      for (let m = re.exec(line); m; m = re.exec(line)) if (!(m[0].startsWith(".") && isAbbreviation(line, m.index))) ends.push(m.index + m[0].length);
      let start = 0;
      for (const e of [...ends, line.length]) {
        const part = line.slice(start, e);
        const body = part.trim();
        if (body !== "") {
          const s = lineStart + start + (part.length - part.trimStart().length);
          out.push([s, s + body.length]);
        }
        start = e;
      }
      lineStart += line.length + 1;
    }
    return out;
  }
  const mine = (text: string) => tokenize(text).sentences.map((s) => [s.start, s.end]);
  it("agrees on tricky strings", () => {
    const cases = [
      "He left. She stayed! Did he? Yes.",
      'It ended?! "Then" he said.) (But) 4. Items [A] done.\' \'B\' ok',
      "Dr. Who met Gen. Ray. Mr Smith. U.S. Forces. W. Bush. e.g. This. Jan. 5 and St. Louis.",
      "Ends\u00a0\u00a0Two.\u2009Three. \u201cFour.\u201d \u2018Five. 𝐀stral. 😀 no. É. Ñandú.",
      "tab.\tNext. \r\nCRLF line. End.  \n\n  \n  Para two.  ",
      "no space.Next. lower. next. digit. 5 items. \" A. \"(B.",
      "",
      "\n\n",
      "Last.\nA",
      // runs of marks and closers (the scanner takes a whole run, as the regex does)
      "Wait... What?! \"Yes.\" (No.) [Ok.] Fine.\u2019 Next!\u201d Then. So.' 'Q.?! R",
      "a.\n.B", "x.)\nY. z", ".A. B", "!!! X", ".", "?", "A.. B. .. C ..D", "e.g.) F", "x.\u201d\n\u201cY. Z.\"",
    ];
    for (const t of cases) expect(mine(t), t).toEqual(reference(t));
  });
  it("agrees on every text of the shared corpora", () => {
    for (const [i, text] of sharedTexts().entries()) expect(mine(text), `text ${i}`).toEqual(reference(text));
  });
});
