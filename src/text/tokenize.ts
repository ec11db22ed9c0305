import type { Sentence, Token } from "../core/types.js";

/**
 * One fast regex pass gives tokens and sentences with character offsets; every later stage
 * shares it. Sentences never cross a line break (news lines are paragraphs, headlines, captions).
 */

// initialisms (U.S., U.N.), words with inner hyphens, possessive clitics, numbers with separators, any other char
const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\d]+(?:[-‐][\p{L}\p{M}\d]+)*|['’]s\b|\d+(?:[.,]\d+)*|\S/gu;

/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev st mt ft no nos vs etc " +
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
  TOKEN_RE.lastIndex = 0;
  const chunk = text.slice(start, end);
  for (let m = TOKEN_RE.exec(chunk); m; m = TOKEN_RE.exec(chunk)) {
    tokens.push({ start: start + m.index, end: start + m.index + m[0].length, sent });
  }
  sentences.push({ start, end, tokStart, tokEnd: tokens.length, para });
}
