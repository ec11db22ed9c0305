/**
 * `ingest --threads N`: the analysis of each article runs ahead in a pool of worker threads,
 * while the ingest loop (src/service.ts) still takes the articles one by one in input order for
 * what crosses articles — the duplicate check, story assignment, storage — so the store ends up
 * exactly as after a single-threaded run.
 */
import type { InputError } from "../core/errors.js";
import type { Article, ArticleRecord } from "../core/types.js";
import type { IngestOptions } from "../service.js";
import type { Store } from "../store/port.js";
import { textHash } from "../store/rows.js";
import { AnalyzePool, orderedAnalysis } from "./pool.js";

/**
 * Passes the inputs through unchanged, in order, having analysed each article in the pool
 * first: its record (or the analysis error) is in `analysed` when the article comes out.
 * Articles the store already has are not analysed (the loop finds them unchanged anyway).
 */
export async function* preAnalyse(
  store: Store,
  inputs: AsyncIterable<Article | InputError> | Iterable<Article | InputError>,
  opts: IngestOptions,
  analysed: WeakMap<Article, ArticleRecord | Error>,
): AsyncGenerator<Article | InputError> {
  const pool = new AnalyzePool({ threads: opts.threads ?? 2, analyze: opts.analyze });
  async function analyse(a: Article): Promise<ArticleRecord | null> {
    // an article the store already has is not analysed: the loop finds it unchanged anyway
    if (await store.findArticle(a.id, textHash(a.text))) return null;
    return pool.analyze(a);
  }
  try {
    for await (const x of orderedAnalysis(analyse, inputs, pool.threads * 8)) {
      if ("record" in x && x.record) analysed.set(x.item, x.record);
      else if ("error" in x) analysed.set(x.item, x.error);
      yield x.item;
    }
  } finally {
    await pool.close();
  }
}
