import type { Doc } from "../core/types.js";

/**
 * Token texts and their lower-cased forms, computed once per doc and shared by the stages that
 * need them (entities, figures, quotes). Lower case is per token (text.slice(...).toLowerCase()).
 */
export interface TokenTexts {
  /** token texts */
  w: string[];
  /** lower-cased token texts */
  lw: string[];
}

/** True when lower-casing may change the word (ASCII fast path; any non-ASCII word is lower-cased). */
function hasUpper(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

const CACHE = new WeakMap<Doc, TokenTexts>();
let lastDoc: Doc | null = null;
let lastTexts: TokenTexts | null = null;

/** Token texts and lower-cased token texts of a doc, computed once. */
export function tokenTexts(doc: Doc): TokenTexts {
  if (doc === lastDoc) return lastTexts!;
  let c = CACHE.get(doc);
  if (!c) {
    const { tokens, text } = doc;
    const n = tokens.length;
    const w = new Array<string>(n);
    const lw = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      const s = text.slice(t.start, t.end);
      w[i] = s;
      // lower-case words are their own lower case; punctuation too
      lw[i] = hasUpper(s) ? s.toLowerCase() : s;
    }
    c = { w, lw };
    CACHE.set(doc, c);
  }
  lastDoc = doc;
  lastTexts = c;
  return c;
}

/** Lower-cased token texts of a doc, computed once. */
export function lowerTokens(doc: Doc): string[] {
  return tokenTexts(doc).lw;
}
