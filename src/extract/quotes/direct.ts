/**
 * Direct quotes: spans between quotation marks (straight and curly, double and single,
 * guillemets), paired within a paragraph; a double quote still open at the end of a paragraph
 * runs to the paragraph's end and marks the next paragraph's opening quote as its continuation.
 */
import { spanIndexAt } from "../../core/span.js";
import type { Doc, Span } from "../../core/types.js";

export interface QuoteMarks extends Span {
  /** the inner span (between the marks, whitespace trimmed) */
  inner: Span;
  para: number;
  /** the opening mark was missing: the quote continues from the previous paragraph */
  continued: boolean;
  /** no closing mark before the paragraph's end: the quote continues into the next paragraph */
  open: boolean;
  single: boolean;
  /** number of word tokens inside */
  words: number;
}

/** Cheap trigger: any quotation mark at all. */
export const QUOTE_CHAR_RE = /["“”«»‘’']/;

const LETTER = /[\p{L}\p{N}]/u;
/** (a native scan for the marks measured faster than a char-code loop) */
const MARK_RE = /["“”«»‘’']/g;

/** Paragraph spans, from the shared sentence layer. */
export function paragraphs(doc: Doc): Span[] {
  const out: Span[] = [];
  for (const s of doc.sentences) {
    const p = out[s.para];
    if (p) p.end = s.end;
    else out[s.para] = { start: s.start, end: s.end };
  }
  return out;
}

/** Word tokens in [s, e) (the shared tokens; punctuation and possessive clitics left out). */
function countWords(doc: Doc, s: number, e: number): number {
  let n = 0;
  for (let i = spanIndexAt(doc.tokens, s); i < doc.tokens.length && doc.tokens[i]!.start < e; i++) {
    const c = doc.text.charCodeAt(doc.tokens[i]!.start);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191) n++;
  }
  return n;
}

/** Adds the quote from mark `o` (-1: the paragraph start) to mark `c`, unless it is empty. */
function pushQuote(doc: Doc, out: QuoteMarks[], p: Span, para: number, o: number, c: number, single: boolean, cont: boolean, open: boolean): void {
  const innerStart = o < 0 ? p.start : o + 1;
  const inner = trim(doc.text, innerStart, c);
  if (inner.end <= inner.start) return;
  out.push({ start: o < 0 ? p.start : o, end: open ? c : c + 1, inner, para, continued: cont, open, single, words: countWords(doc, inner.start, inner.end) });
}

const QUOT = 0x22;
const APOS = 0x27;
const LDQUO = 0x201c;
const RDQUO = 0x201d;
const LSQUO = 0x2018;
const RSQUO = 0x2019;
const LAQUO = 0xab;
const RAQUO = 0xbb;

/** `LETTER.test(ch)` for the one UTF-16 unit c (a lone surrogate half is no letter). */
function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER.test(String.fromCharCode(c));
}

function trim(text: string, s: number, e: number): Span {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** All quotation-mark pairs of the doc, in text order (nested single quotes included). */
export function findQuoteMarks(doc: Doc): QuoteMarks[] {
  const text = doc.text;
  const out: QuoteMarks[] = [];
  const paras = paragraphs(doc);
  // every mark's position, in one pass (a scan per paragraph went on to the next mark, wherever it was)
  // (test, not exec: no match array; a one-char match ends at lastIndex)
  const at: number[] = [];
  MARK_RE.lastIndex = 0;
  while (MARK_RE.test(text)) at.push(MARK_RE.lastIndex - 1);
  let next = 0;
  let prevOpen = false;
  for (let para = 0; para < paras.length; para++) {
    const p = paras[para];
    if (!p) continue;
    let dOpen = -1; // index of an open double quote mark
    let sOpen = -1; // open single quote
    let continued = false;
    while (next < at.length && at[next]! < p.start) next++;
    // a paragraph that opens with no opening mark but closes one: continuation of an open quote
    for (; next < at.length && at[next]! < p.end; next++) {
      const i = at[next]!;
      const ch = text.charCodeAt(i);
      const before = i > 0 ? text.charCodeAt(i - 1) : 32;
      const after = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      if (ch === LDQUO || ch === LAQUO || (ch === QUOT && dOpen < 0)) {
        if (ch === QUOT && isLetterCode(before) && !isLetterCode(after) && prevOpen && out.length === 0) continue;
        if (dOpen >= 0 && ch !== QUOT) {
          // a second opening curly mark: the first one was never closed; treat it as running to here
          pushQuote(doc, out, p, para, dOpen, i, false, continued, false);
        }
        dOpen = i;
        continue;
      }
      if (ch === RDQUO || ch === RAQUO || (ch === QUOT && dOpen >= 0)) {
        if (dOpen >= 0) {
          pushQuote(doc, out, p, para, dOpen, i, false, continued, false);
          dOpen = -1;
          continued = false;
        } else if (prevOpen && i > p.start) {
          // closing mark of a quote continued from the previous paragraph without a new opening mark
          pushQuote(doc, out, p, para, -1, i, false, true, false);
        }
        sOpen = -1;
        continue;
      }
      if (ch === LSQUO || (ch === APOS && !isLetterCode(before) && isLetterCode(after))) {
        if (!isLetterCode(before)) sOpen = i;
        continue;
      }
      if ((ch === RSQUO || ch === APOS) && sOpen >= 0 && !isLetterCode(after)) {
        // "the refugees' needs": a possessive, not the end of the quote
        if (before === 115 && /^\s+\p{Ll}/u.test(text.slice(i + 1, i + 4)) && !/^\s+(?:he|she|they|it|said|says|added|told)\b/.test(text.slice(i + 1, i + 12))) continue;
        pushQuote(doc, out, p, para, sOpen, i, true, false, false);
        sOpen = -1;
      }
    }
    if (dOpen >= 0) {
      pushQuote(doc, out, p, para, dOpen, p.end, false, continued, true);
      prevOpen = true;
    } else prevOpen = false;
  }
  // a quote opened at the start of a paragraph right after an open one is its continuation
  for (let k = 1; k < out.length; k++) {
    const q = out[k]!;
    const prev = out[k - 1]!;
    if (prev.open && q.para === prev.para + 1 && q.start === paras[q.para]!.start) q.continued = true;
  }
  return out;
}
