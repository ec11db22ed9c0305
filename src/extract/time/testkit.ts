/** Test helpers: a Doc through the text and time stages only, with a fixed "now". */
import { newDoc } from "../../analyze.js";
import type { AnalyzeOptions, Article, Doc } from "../../core/types.js";
import { textStage } from "../text.js";
import { timeStage } from "./index.js";

export function timeDoc(text: string, published: string | null, options: AnalyzeOptions = {}): Doc {
  const article: Article = { id: "t", text, title: null, url: null, outlet: null, published, origin: "test" };
  const doc = newDoc(article);
  const opts = { now: "2026-01-01", ...options };
  textStage.run(doc, opts);
  timeStage.run(doc, opts);
  return doc;
}

/** The span of the first occurrence of `needle` (after `from`). */
export function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`not in text: ${needle}`);
  return { start, end: start + needle.length };
}
