/**
 * Search logic shared by every adapter: the user's query becomes folded terms (the full-text
 * index holds folded text, so "cavusoglu" finds "Çavuşoğlu" and "kalin" finds "Kalın"), and the
 * hits are located in the original article text with exact offsets for snippets and highlights.
 */
import type { TextSpan } from "../core/types.js";
import { foldName } from "../text/fold.js";

export interface SearchTerm {
  /** folded words of the term, matched as a phrase */
  words: string[];
  /** the last word may be a prefix ("ukrain*") */
  prefix: boolean;
}

/** Letters that neither Unicode decomposition nor FTS5's remove_diacritics fold to a base letter. */
const SPECIAL: Record<string, string> = {
  ı: "i", İ: "I", ł: "l", Ł: "L", ø: "o", Ø: "O", đ: "d", Đ: "D", ð: "d", Ð: "D", þ: "th", Þ: "Th",
  ß: "ss", æ: "ae", Æ: "Ae", œ: "oe", Œ: "Oe", ħ: "h", Ħ: "H", ŀ: "l", Ŀ: "L", ŧ: "t", Ŧ: "T",
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");

/**
 * What the full-text index holds for a title or text: the text with the few letters that the
 * index's tokenizer (unicode61, remove_diacritics 2: case and accents) cannot fold mapped to
 * their base letters. Cheap: ASCII text passes through untouched.
 */
export function ftsText(s: string): string {
  SPECIAL_RE.lastIndex = 0;
  return SPECIAL_RE.test(s) ? s.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c) : s;
}

/**
 * Splits a query into terms: a quoted "phrase" or a single word, `word*` for a prefix. Words
 * split where the index's tokenizer splits (apostrophes and dots too: "Russia's" → russia s,
 * "U.N." → u n), folded like foldName.
 */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const raw = m[1] ?? m[2] ?? "";
    const prefix = /\*$/.test(raw);
    const words = foldName(raw.replace(/['’‘.]/g, " ")).split(" ").filter(Boolean);
    if (words.length) terms.push({ words, prefix });
  }
  return terms;
}

interface Folded {
  folded: string;
  /** original offset of each folded character; one more entry for the end */
  start: number[];
  end: number[];
}

const charCache = new Map<string, string>();
function foldChar(ch: string): string {
  let f = charCache.get(ch);
  if (f === undefined) {
    f = foldName(ch);
    if (charCache.size < 10_000) charCache.set(ch, f);
  }
  return f;
}

/** Folds the text character by character, keeping for each folded char its original span. */
export function foldWithOffsets(text: string): Folded {
  let folded = "";
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    const j = i + ch.length;
    if (f === "") {
      // every run of non-word chars (apostrophes too, as the index's tokenizer does) is one space
      if (folded.length > 0 && !folded.endsWith(" ")) {
        folded += " ";
        start.push(i);
        end.push(j);
      }
    } else {
      for (const c of f) {
        folded += c;
        start.push(i);
        end.push(j);
      }
    }
    i = j;
  }
  return { folded, start, end };
}

const isWord = (c: string | undefined) => c !== undefined && c !== " ";

/** Every occurrence of the terms in the text, in text order, as spans of the original text. */
export function findHits(text: string, terms: readonly SearchTerm[], max = 50): TextSpan[] {
  if (!terms.length) return [];
  const f = foldWithOffsets(text);
  const hits: TextSpan[] = [];
  for (const t of terms) {
    const needle = t.words.join(" ");
    for (let at = f.folded.indexOf(needle); at >= 0 && hits.length < max * terms.length; at = f.folded.indexOf(needle, at + 1)) {
      const last = at + needle.length - 1;
      if (isWord(f.folded[at - 1])) continue;
      if (!t.prefix && isWord(f.folded[last + 1])) continue;
      // a prefix hit covers the whole word
      let stop = last;
      while (t.prefix && isWord(f.folded[stop + 1])) stop++;
      const s = f.start[at]!;
      const e = f.end[stop]!;
      hits.push({ start: s, end: e, text: text.slice(s, e) });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return hits.slice(0, max);
}

/** A window of about `width` characters of the text around the first hit, on word boundaries. */
export function snippetAround(text: string, hits: readonly TextSpan[], width = 160): TextSpan {
  const first = hits[0];
  const centre = first ? Math.floor((first.start + first.end) / 2) : 0;
  let s = Math.max(0, centre - Math.floor(width / 2));
  let e = Math.min(text.length, s + width);
  s = Math.max(0, e - width);
  if (s > 0) {
    const sp = text.indexOf(" ", s);
    if (sp >= 0 && sp < (first?.start ?? e)) s = sp + 1;
  }
  if (e < text.length) {
    const sp = text.lastIndexOf(" ", e);
    if (sp > (first?.end ?? s)) e = sp;
  }
  // never cross a paragraph break on the way to the hit
  const nlBefore = text.lastIndexOf("\n", (first?.start ?? s) - 1);
  if (nlBefore >= s) s = nlBefore + 1;
  const nlAfter = text.indexOf("\n", first?.end ?? s);
  if (nlAfter >= 0 && nlAfter < e) e = nlAfter;
  return { start: s, end: e, text: text.slice(s, e) };
}
