import { DocMemo } from "../core/docmemo.js";
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

// The texts of the last docs asked for, by doc and token list, with the vocabulary epoch of their ids
const kept = new DocMemo<TokenTexts & { epoch: number }>();

/** Token texts, lower-cased token texts and word ids of a doc, computed once. */
export function tokenTexts(doc: Doc): TokenTexts {
  const k = kept.get(doc, doc.tokens);
  if (k && k.epoch === vocabularyEpoch()) return k;
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
  const c = { w, lw, ids, epoch: vocabularyEpoch() };
  kept.set(doc, tokens, c);
  return c;
}

/** Lower-cased token texts of a doc, computed once. */
export function lowerTokens(doc: Doc): string[] {
  return tokenTexts(doc).lw;
}
