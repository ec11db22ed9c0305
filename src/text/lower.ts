import { BATCH_SIZE } from "../core/docmemo.js";
import type { Doc } from "../core/types.js";
import { checkVocabulary, lowerId, tokenIds, vocabularyEpoch, wordText } from "./words.js";

/**
 * Token texts, their lower-cased forms and their word ids (words.ts), computed once per doc and
 * shared by the stages that need them (entities, figures, quotes). Lower case is per token:
 * text.slice(...).toLowerCase(). The strings are the vocabulary's: one object per distinct word.
 */
export interface TokenTexts {
  /** token texts */
  w: string[];
  /** lower-cased token texts */
  lw: string[];
  /** word id of each token (valid while vocabularyEpoch() is unchanged) */
  ids: Int32Array;
}

// The texts of the last docs asked for: as many as a batch of analyzeBatch holds (it runs each
// stage over the batch's docs in turn). A WeakMap keyed by doc cost about as much as building the
// arrays (ephemeron bookkeeping for every doc); a doc asked for again after many others simply gets
// its arrays rebuilt, with the same content.
const SLOTS = BATCH_SIZE;
const cacheDocs: Array<Doc | null> = new Array<Doc | null>(SLOTS).fill(null);
const cacheTokens: Array<Doc["tokens"] | null> = new Array<Doc["tokens"] | null>(SLOTS).fill(null);
const cacheTexts: Array<TokenTexts | null> = new Array<TokenTexts | null>(SLOTS).fill(null);
const cacheEpochs = new Int32Array(SLOTS);
let nextSlot = 0;

function cached(doc: Doc, k: number): boolean {
  return cacheDocs[k] === doc && cacheTokens[k] === doc.tokens && cacheEpochs[k] === vocabularyEpoch();
}

/** Lets go of the docs kept (the pipeline calls it when an analysis is done). */
export function releaseTokenTexts(): void {
  cacheDocs.fill(null);
  cacheTokens.fill(null);
  cacheTexts.fill(null);
}

/** Token texts, lower-cased token texts and word ids of a doc, computed once. */
export function tokenTexts(doc: Doc): TokenTexts {
  // the doc of the last call first (stages ask many times for the doc they are reading)
  const last = nextSlot === 0 ? SLOTS - 1 : nextSlot - 1;
  if (cached(doc, last)) return cacheTexts[last]!;
  for (let k = 0; k < SLOTS; k++) if (cached(doc, k)) return cacheTexts[k]!;
  checkVocabulary();
  const { tokens, text } = doc;
  const n = tokens.length;
  const ids = new Int32Array(n);
  const w = new Array<string>(n);
  const lw = new Array<string>(n);
  tokenIds(text, tokens, ids);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    w[i] = wordText(id);
    lw[i] = wordText(lowerId(id));
  }
  const c = { w, lw, ids };
  cacheDocs[nextSlot] = doc;
  cacheTokens[nextSlot] = tokens;
  cacheTexts[nextSlot] = c;
  cacheEpochs[nextSlot] = vocabularyEpoch();
  nextSlot = (nextSlot + 1) % SLOTS;
  return c;
}

/** Lower-cased token texts of a doc, computed once. */
export function lowerTokens(doc: Doc): string[] {
  return tokenTexts(doc).lw;
}
