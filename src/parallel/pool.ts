/**
 * Parallel analysis on one machine: a pool of worker threads, each running the whole
 * per-article pipeline (analyze + toRecord) on the articles it is given. The pipeline is a pure
 * function of the article and the options, so a record is the same whichever thread made it;
 * `orderedAnalysis` hands results back in input order, which keeps everything after the analysis
 * (story assignment, storage, output) exactly as in a single-threaded run.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { analyzeBatch, BATCH_SIZE, toRecord } from "../analyze.js";
import { InputError } from "../core/errors.js";
import type { AnalyzeOptions, Article, ArticleRecord } from "../core/types.js";
import type { PoolReply, PoolTask } from "./worker.js";

export interface PoolOptions {
  threads: number;
  analyze?: AnalyzeOptions;
  /** keep the article text in the record (record.text), as `analyze` needs for story clustering */
  includeText?: boolean;
}

interface Pending {
  resolve(r: ArticleRecord): void;
  reject(e: Error): void;
}

/**
 * How to start a worker thread: the built worker.js as it is; the worker.ts source (running
 * under tsx or vitest) through a small bootstrap that registers tsx's loader in the thread
 * first, since a thread does not inherit the parent's module hooks.
 */
function startWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./worker.js", here), { workerData });
  const api = pathToFileURL(createRequire(here).resolve("tsx/esm/api")).href.replace(/\.cjs$/, ".mjs");
  const target = new URL("./worker.ts", here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}

/** A sensible default thread count: the machine's cores. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private nextId = 0;
  private closed = false;

  constructor(readonly opts: PoolOptions) {
    const n = Math.max(1, Math.floor(opts.threads));
    for (let i = 0; i < n; i++) this.spawn(i);
  }

  get threads(): number {
    return this.workers.length;
  }

  private spawn(i: number): void {
    const w = startWorker({ options: this.opts.analyze ?? {}, includeText: this.opts.includeText ?? false });
    if (this.pending.size === 0) w.unref();
    w.on("message", (m: PoolReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.busy[i]!--;
      if ("error" in m) p.reject(new Error(m.error));
      else p.resolve(m.record as ArticleRecord);
    });
    const fail = (e: Error) => {
      // the thread died: its articles fail, a new thread takes its place
      for (const [id, p] of this.pending) {
        if (p.worker !== i) continue;
        this.pending.delete(id);
        p.reject(e);
      }
      this.busy[i] = 0;
      if (!this.closed) this.spawn(i);
    };
    w.on("error", fail);
    w.on("exit", (code) => {
      if (!this.closed && this.workers[i] === w) fail(new Error(`analysis thread exited (code ${code})`));
    });
    this.workers[i] = w;
    this.busy[i] = 0;
  }

  /** Analyses one article in the least busy thread. */
  analyze(article: Article): Promise<ArticleRecord> {
    if (this.closed) return Promise.reject(new Error("analysis pool is closed"));
    let best = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[best]!) best = i;
    const id = this.nextId++;
    return new Promise<ArticleRecord>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: best });
      this.busy[best]!++;
      // threads keep the process alive only while they have work
      if (this.pending.size === 1) for (const w of this.workers) w.ref();
      const task: PoolTask = { id, article };
      this.workers[best]!.postMessage(task);
    }).finally(() => {
      if (this.pending.size === 0) for (const w of this.workers) w.unref();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [, p] of this.pending) p.reject(new Error("analysis pool is closed"));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export type Analysed<R = ArticleRecord> =
  | { item: InputError }
  | { item: Article; record: R }
  | { item: Article; error: Error };

/**
 * Analyses a stream of articles (with `analyze`: the pool's, or a wrapper of it) and yields each
 * with its record (or its error) in input order, with at most `window` articles in flight. Bad
 * inputs pass through in place.
 */
export async function* orderedAnalysis<R = ArticleRecord>(
  analyze: (a: Article) => Promise<R>,
  inputs: AsyncIterable<Article | InputError> | Iterable<Article | InputError>,
  window = 16,
): AsyncGenerator<Analysed<R>> {
  const queue: Array<Promise<Analysed<R>>> = [];
  for await (const item of inputs) {
    if (item instanceof InputError) queue.push(Promise.resolve({ item }));
    else {
      queue.push(
        analyze(item).then(
          (record) => ({ item, record }),
          (error: Error) => ({ item, error }),
        ),
      );
    }
    while (queue.length >= window) yield await queue.shift()!;
  }
  while (queue.length) yield await queue.shift()!;
}

/**
 * Analyses a stream of articles on this thread, BATCH_SIZE at a time through analyzeBatch (each
 * stage over the batch in turn: the same records, in less time than one by one), and yields each
 * with its record (`toRecord` with `includeText`) or its error, in input order. Bad inputs pass
 * through in place.
 */
export async function* batchedAnalysis(
  inputs: AsyncIterable<Article | InputError> | Iterable<Article | InputError>,
  options: AnalyzeOptions = {},
  includeText = false,
): AsyncGenerator<Analysed> {
  const items: Array<Article | InputError> = [];
  const flush = function* (): Generator<Analysed> {
    const articles = items.filter((x): x is Article => !(x instanceof InputError));
    const results = analyzeBatch(articles, options);
    let k = 0;
    for (const item of items) {
      if (item instanceof InputError) {
        yield { item };
        continue;
      }
      const r = results[k++]!;
      let out: Analysed;
      if (r.error) out = { item, error: r.error };
      else {
        try {
          out = { item, record: toRecord(r.doc, { includeText }) };
        } catch (e) {
          out = { item, error: e as Error };
        }
      }
      yield out;
    }
    items.length = 0;
  };
  for await (const item of inputs) {
    items.push(item);
    if (items.length === BATCH_SIZE) yield* flush();
  }
  yield* flush();
}
