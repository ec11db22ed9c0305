/**
 * Full-text search for the PostgreSQL store, folded exactly like the SQLite store: words are
 * cut and folded in JavaScript (foldName: case, accents, ı/ł/ß…; apostrophes and dots split
 * words, as SQLite's unicode61 tokenizer does), and the tsvector / tsquery are built from those
 * words directly, so that PostgreSQL's own parser, dictionaries and locale play no part. The
 * unaccent extension is therefore not needed (nor the right to create extensions on a managed
 * server), and both adapters find the same articles for the same query.
 */
import { foldName } from "../../text/fold.js";
import type { SearchTerm } from "../search.js";

/** tsvector positions stop at 16383: the text continues at most up to there. */
const MAX_POS = 16383;
/** PostgreSQL keeps at most 256 positions per lexeme. */
const MAX_POSITIONS = 256;

const SPLIT_RE = /['’‘.]/g;

/** The folded words of a title or text, in order. */
export function ftsWords(s: string): string[] {
  if (!s) return [];
  const f = foldName(s.normalize("NFC").replace(SPLIT_RE, " "));
  return f ? f.split(" ") : [];
}

/** A lexeme quoted for tsvector/tsquery input. */
export function lexeme(w: string): string {
  return `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The tsvector text of an article: title words with weight A, then (one position further on,
 * so that no phrase spans title and text) the text words with weight D.
 */
export function ftsVector(title: string, text: string): string {
  const pos = new Map<string, string[]>();
  let p = 0;
  const add = (words: string[], weight: string) => {
    for (const w of words) {
      if (++p > MAX_POS) return;
      let list = pos.get(w);
      if (!list) pos.set(w, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${p}${weight}`);
    }
  };
  add(ftsWords(title), "A");
  p++;
  add(ftsWords(text), "");
  let out = "";
  for (const [w, ps] of pos) out += `${out ? " " : ""}${lexeme(w)}:${ps.join(",")}`;
  return out;
}

/** The tsquery text of parsed query terms: every term (AND), a phrase's words adjacent, a prefix `:*`. */
export function ftsQuery(terms: readonly SearchTerm[]): string {
  return terms
    .map((t) => {
      const ws = t.words.map((w, i) => lexeme(w) + (t.prefix && i === t.words.length - 1 ? ":*" : ""));
      return ws.length > 1 ? `(${ws.join(" <-> ")})` : ws[0]!;
    })
    .join(" & ");
}
