import type { Doc } from "../core/types.js";

/**
 * Token texts and their lower-cased forms, computed once per doc and shared by the stages that
 * need them (entities, figures, quotes). Lower case is per token: text.slice(...).toLowerCase().
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

// The texts of the last few docs (stages run one doc at a time). A WeakMap keyed by doc cost about
// as much as building the arrays (ephemeron bookkeeping for every doc); a doc asked for again after
// several others simply gets its arrays rebuilt, with the same content.
const SLOTS = 4;
const cacheDocs: Array<Doc | null> = new Array<Doc | null>(SLOTS).fill(null);
const cacheTokens: Array<Doc["tokens"] | null> = new Array<Doc["tokens"] | null>(SLOTS).fill(null);
const cacheTexts: Array<TokenTexts | null> = new Array<TokenTexts | null>(SLOTS).fill(null);
let nextSlot = 0;

/** Token texts and lower-cased token texts of a doc, computed once. */
export function tokenTexts(doc: Doc): TokenTexts {
  // the doc of the last call first (stages ask many times for the doc they are reading)
  const last = nextSlot === 0 ? SLOTS - 1 : nextSlot - 1;
  if (cacheDocs[last] === doc && cacheTokens[last] === doc.tokens) return cacheTexts[last]!;
  for (let k = 0; k < SLOTS; k++) if (cacheDocs[k] === doc && cacheTokens[k] === doc.tokens) return cacheTexts[k]!;
  const { tokens, text } = doc;
  const n = tokens.length;
  const w = new Array<string>(n);
  const lw = new Array<string>(n);
  // one native lower-casing of the whole text, sliced per token: the same strings as lower-casing
  // each token, unless the text holds the one letter whose lower case is longer (İ) or the one
  // whose lower case depends on the letters around it (Σ, final ς)
  const lower = text.indexOf("\u0130") < 0 && text.indexOf("\u03a3") < 0 ? text.toLowerCase() : null;
  const whole = lower !== null && lower.length === text.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const s = text.slice(t.start, t.end);
    w[i] = s;
    // lower-case words are their own lower case; punctuation too
    lw[i] = !hasUpper(s) ? s : whole ? lower.slice(t.start, t.end) : s.toLowerCase();
  }
  const c = { w, lw };
  cacheDocs[nextSlot] = doc;
  cacheTokens[nextSlot] = tokens;
  cacheTexts[nextSlot] = c;
  nextSlot = (nextSlot + 1) % SLOTS;
  return c;
}

/** Lower-cased token texts of a doc, computed once. */
export function lowerTokens(doc: Doc): string[] {
  return tokenTexts(doc).lw;
}
