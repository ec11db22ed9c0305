import type { Sentence, Token } from "../core/types.js";

/**
 * One fast regex pass gives tokens and sentences with character offsets; every later stage
 * shares it. Sentences never cross a line break (news lines are paragraphs, headlines, captions).
 */

// initialisms (U.S., U.N.), numbers with thousands separators or decimals (368,000; 3.5; 1,234.5) before
// words (so that "368,000" is one token), words with inner hyphens, possessive clitics, any other char
const TOKEN_RE = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)+|[\p{L}\p{M}\d]+(?:[-‐][\p{L}\p{M}\d]+)*|['’]s\b|\S/gu;

/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen gens lt lieut col maj brig capt cmdr cdr cmdt adm sgt cpl pvt gov govs sen sens rep reps " +
    "pres amb rt hon supt insp det atty msgr fr rev st mt ft no nos vs etc " +
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd corp co jr sr dept est approx fig al"
  ).split(" "),
);

const SENT_END_RE = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\d])/gu;

export function tokenize(text: string): { tokens: Token[]; sentences: Sentence[] } {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let para = 0;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== "") {
      for (const [s, e] of splitLine(line)) addSentence(text, lineStart + s, lineStart + e, para, tokens, sentences);
      para++;
    }
    lineStart = lineEnd + 1;
  }
  return { tokens, sentences };
}

function splitLine(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  SENT_END_RE.lastIndex = 0;
  for (let m = SENT_END_RE.exec(line); m; m = SENT_END_RE.exec(line)) {
    const dot = m.index;
    if (m[0].startsWith(".") && isAbbreviation(line, dot)) continue;
    const end = dot + m[0].length;
    out.push([start, end]);
    start = end;
  }
  if (start < line.length) out.push([start, line.length]);
  return out
    .map(([s, e]) => {
      while (s < e && /\s/.test(line[s]!)) s++;
      while (e > s && /\s/.test(line[e - 1]!)) e--;
      return [s, e] as [number, number];
    })
    .filter(([s, e]) => e > s);
}

function isAbbreviation(line: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(line[i - 1]!)) i--;
  const word = line.slice(i, dot);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true; // an initial: "George W. Bush"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S." before a capital: ambiguous, keep together
  return ABBREVIATIONS.has(word.toLowerCase());
}

function addSentence(text: string, start: number, end: number, para: number, tokens: Token[], sentences: Sentence[]): void {
  const sent = sentences.length;
  const tokStart = tokens.length;
  // scan the text in place (no slice): a token never crosses a sentence end, which always precedes white space
  TOKEN_RE.lastIndex = start;
  for (let m = TOKEN_RE.exec(text); m && m.index < end; m = TOKEN_RE.exec(text)) {
    const e = m.index + m[0].length;
    tokens.push({ start: m.index, end: e > end ? end : e, sent });
  }
  sentences.push({ start, end, tokStart, tokEnd: tokens.length, para });
}
