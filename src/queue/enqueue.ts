/**
 * `eventwire ingest --queue <paths…> --db postgres://…`: reads the inputs and enqueues one job
 * per article (the article as JSON) for `eventwire worker` processes to analyse and store.
 */
import { InputError } from "../core/errors.js";
import type { Article } from "../core/types.js";
import { readInputs, type ReadOptions } from "../ingest/index.js";
import type { PostgresStore } from "../store/postgres/index.js";
import { JobQueue } from "./jobs.js";

export interface EnqueueCounts {
  queued: number;
  /** bad inputs (not queued) */
  failed: number;
  /** first and last job id of this run */
  first: number | null;
  last: number | null;
}

const BATCH = 500;

export async function enqueueArticles(
  store: PostgresStore,
  inputs: AsyncIterable<Article | InputError> | Iterable<Article | InputError>,
  opts: { onError?: (e: InputError) => void; onProgress?: (c: EnqueueCounts) => void } = {},
): Promise<EnqueueCounts> {
  const queue = new JobQueue(store.pool);
  await queue.setup();
  const counts: EnqueueCounts = { queued: 0, failed: 0, first: null, last: null };
  let batch: Article[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const ids = await queue.enqueue(batch);
    counts.queued += ids.length;
    counts.first ??= ids[0] ?? null;
    counts.last = ids[ids.length - 1] ?? counts.last;
    batch = [];
    opts.onProgress?.({ ...counts });
  };
  for await (const item of inputs) {
    if (item instanceof InputError) {
      counts.failed++;
      opts.onError?.(item);
      continue;
    }
    batch.push(item);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return counts;
}

export async function enqueuePaths(store: PostgresStore, paths: string[], opts: { read?: ReadOptions; onError?: (e: InputError) => void } = {}): Promise<EnqueueCounts> {
  return enqueueArticles(store, readInputs(paths, opts.read), opts);
}
