/**
 * `eventwire worker`: a process that works through the ingest queue (jobs.ts) of a PostgreSQL
 * store. Any number of workers, on any number of machines, share one queue and one store.
 *
 * Two stages:
 * - analysis (every worker, in parallel): claim jobs (FOR UPDATE SKIP LOCKED, under a lease),
 *   run the per-article pipeline, put the record back into the job;
 * - resolution (one worker at a time: the one holding the resolver's session advisory lock):
 *   take the analysed jobs in queue order, assign stories with the one story index, save the
 *   articles, the story index and the jobs' outcome in one transaction.
 *
 * Why a single resolver: the story index is one in-memory structure that every assignment reads
 * and changes; sharing it between concurrent writers would mean reloading it under a lock for
 * every article. One resolver in queue order gives exactly the stories of a single-process
 * ingest of the same articles, and two workers can never open two stories (or two person-index
 * rows) for the same thing. Analysis, the costly part, is what runs in parallel.
 *
 * Faults: a worker killed mid-article leaves its jobs 'analyzing' until the lease runs out, then
 * another worker claims them again; the resolver's transaction commits the saves together with
 * the jobs' 'done' and the story index, so a resolver killed mid-batch leaves nothing half done
 * (and saves are idempotent anyway). A lost database connection (a restart) makes the worker
 * wait with backoff and resume; the resolver role is given up and taken again.
 */
import { hostname } from "node:os";
import type pg from "pg";
import { analyze, toRecord } from "../analyze.js";
import type { AnalyzeOptions, Article, ArticleRecord } from "../core/types.js";
import type { AnalyzePool } from "../parallel/pool.js";
import type { StoryIndex } from "../resolve/stories.js";
import { assignStory, loadStoryIndex, STORY_STATE } from "../service.js";
import type { SaveResult } from "../store/port.js";
import { isConnectionError, PostgresStore } from "../store/postgres/index.js";
import { textHash } from "../store/rows.js";
import { JobQueue } from "./jobs.js";

/**
 * Advisory lock keys, per store: (class, hash of the schema the store's tables are in), so that
 * stores in several schemas of one database do not block each other.
 * RESOLVER_LOCK (session): held by the one resolver. RESOLVER_TX_LOCK (transaction): serialises
 * resolver transactions, should two ever overlap.
 */
export const RESOLVER_LOCK = 0x65770003;
const RESOLVER_TX_LOCK = 0x65770004;
/** SQL for the two-key form of a lock on this store: `pg_…_lock(${lockArgs})` with $1 = the class */
export const LOCK_ARGS = "$1::int, hashtext(current_schema())";
/** the state row counting resolver transactions: a resolver whose count is stale reloads */
const REV_STATE = `${STORY_STATE}.rev`;

export interface WorkerOptions {
  /** postgres://… (with ?schema= if the store lives in a schema) */
  location: string;
  /** this worker's name (default host:pid) */
  name?: string;
  /** how long a claimed job stays this worker's before others may take it (default 60 s) */
  leaseMs?: number;
  /** analysis threads (default 1: in this thread) */
  threads?: number;
  /** most jobs the resolver stores in one transaction (default 50) */
  batch?: number;
  /** stop when the queue has no open job left (default: run until stopped) */
  untilEmpty?: boolean;
  /** pause when there is nothing to do (default 250 ms) */
  idleMs?: number;
  /** longest wait between reconnection attempts (default 10 s) */
  maxBackoffMs?: number;
  analyze?: AnalyzeOptions;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface WorkerStats {
  analysed: number;
  inserted: number;
  unchanged: number;
  failed: number;
  /** times the database was unreachable and the worker waited */
  waits: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

class StaleResolver extends Error {}

/** The resolver stage: holds the lock, the story index, and works through analysed jobs in order. */
class Resolver {
  private lockClient: pg.PoolClient | null = null;
  private stories: StoryIndex | null = null;
  private rev = 0;

  constructor(
    private readonly store: PostgresStore,
    private readonly queue: JobQueue,
    private readonly batch: number,
    private readonly stats: WorkerStats,
  ) {}

  get active(): boolean {
    return this.lockClient !== null;
  }

  /** Takes the resolver role if no one holds it. */
  async tryAcquire(): Promise<boolean> {
    if (this.lockClient) return true;
    const c = await this.store.pool.connect();
    try {
      const r = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_ARGS}) AS ok`, [RESOLVER_LOCK]);
      if (!r.rows[0]?.ok) {
        c.release();
        return false;
      }
    } catch (e) {
      c.release(true);
      throw e;
    }
    // the lock lives as long as this connection: if it drops, the role is gone
    c.on("error", () => this.drop());
    this.lockClient = c;
    this.stories = null;
    return true;
  }

  /** Gives the role up (the connection is closed, which releases the lock on the server). */
  drop(): void {
    const c = this.lockClient;
    this.lockClient = null;
    this.stories = null;
    if (c) c.release(true);
  }

  private async load(): Promise<StoryIndex> {
    if (!this.stories) {
      this.rev = Number((await this.store.getState(REV_STATE)) ?? 0);
      this.stories = await loadStoryIndex(this.store);
    }
    return this.stories;
  }

  /** Stores the next analysed jobs in queue order; returns how many it handled. */
  async step(): Promise<number> {
    if (!this.lockClient) return 0;
    const stories = await this.load();
    const head = await this.queue.head(this.batch);
    const ready: typeof head = [];
    for (const j of head) {
      // strictly in queue order: the stories come out as in a single-process ingest
      if (j.state !== "analyzed") break;
      ready.push(j);
    }
    if (!ready.length) return 0;
    try {
      const outcomes = await this.store.tx(async (c) => {
        await c.query(`SELECT pg_advisory_xact_lock(${LOCK_ARGS})`, [RESOLVER_TX_LOCK]);
        const rev = Number((await c.query<{ value: string }>("SELECT value FROM resolver_state WHERE name = $1", [REV_STATE])).rows[0]?.value ?? 0);
        if (rev !== this.rev) throw new StaleResolver("another resolver stored jobs meanwhile");
        const done: Array<{ id: number; result: SaveResult }> = [];
        const failed: Array<{ id: number; error: string }> = [];
        for (const j of ready) {
          const article = JSON.parse(j.article) as Article;
          const record = JSON.parse(j.record!) as ArticleRecord;
          const known = await c.query("SELECT 1 FROM articles WHERE id = $1 OR text_hash = $2 LIMIT 1", [article.id, textHash(article.text)]);
          if (known.rows.length) {
            done.push({ id: j.id, result: "unchanged" });
            continue;
          }
          const input = assignStory(stories, article, record);
          await c.query("SAVEPOINT article");
          try {
            done.push({ id: j.id, result: await this.store.saveArticleIn(c, input) });
            await c.query("RELEASE SAVEPOINT article");
          } catch (e) {
            if (isConnectionError(e)) throw e;
            await c.query("ROLLBACK TO SAVEPOINT article");
            failed.push({ id: j.id, error: `could not store article ${article.id}: ${(e as Error).message}` });
          }
        }
        await this.queue.done(done, c);
        for (const f of failed) await this.queue.fail(f.id, f.error, c);
        await this.store.setState(STORY_STATE, JSON.stringify(stories.toJSON()), c);
        await this.store.setState(REV_STATE, String(rev + 1), c);
        return { done, failed, rev: rev + 1 };
      });
      this.rev = outcomes.rev;
      for (const d of outcomes.done) this.stats[d.result]++;
      this.stats.failed += outcomes.failed.length;
      return ready.length;
    } catch (e) {
      // the in-memory index went ahead of what was committed: reload it from the store
      this.stories = null;
      if (e instanceof StaleResolver) return 0;
      throw e;
    }
  }
}

/** Runs a worker until stopped (signal), or until the queue is empty with untilEmpty. */
export async function runWorker(opts: WorkerOptions): Promise<WorkerStats> {
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const log = opts.log ?? (() => {});
  const leaseMs = opts.leaseMs ?? 60_000;
  const threads = Math.max(1, opts.threads ?? 1);
  const idleMs = opts.idleMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const stats: WorkerStats = { analysed: 0, inserted: 0, unchanged: 0, failed: 0, waits: 0 };
  const store = new PostgresStore(opts.location, { max: 4 + threads, applicationName: `eventwire-worker ${name}` });
  const queue = new JobQueue(store.pool);
  const resolver = new Resolver(store, queue, opts.batch ?? 50, stats);
  let pool: AnalyzePool | null = null;
  if (threads > 1) {
    const { AnalyzePool } = await import("../parallel/pool.js");
    pool = new AnalyzePool({ threads, analyze: opts.analyze });
  }
  const analyse = async (a: Article): Promise<ArticleRecord> => (pool ? pool.analyze(a) : toRecord(analyze(a, opts.analyze)));

  let ready = false;
  let backoff = 250;
  let idle = true;
  let lastResolve = 0;
  try {
    while (!opts.signal?.aborted) {
      try {
        if (!ready) {
          await store.migrate();
          await queue.setup();
          ready = true;
          log(`worker ${name}: connected`);
        }
        let did = 0;
        // the resolver stores in batches: when this worker has no analysis to do, or every second
        if ((idle || Date.now() - lastResolve >= 1000) && (await resolver.tryAcquire())) {
          did += await resolver.step();
          lastResolve = Date.now();
        }
        const jobs = await queue.claim(name, threads, leaseMs);
        idle = jobs.length === 0;
        if (jobs.length) {
          const results = await Promise.allSettled(jobs.map((j) => analyse(j.article)));
          for (const [i, j] of jobs.entries()) {
            const r = results[i]!;
            if (r.status === "fulfilled") {
              await queue.analysed(j.id, JSON.stringify(r.value));
              stats.analysed++;
            } else {
              await queue.fail(j.id, `analysis failed: ${(r.reason as Error)?.message ?? String(r.reason)}`);
              stats.failed++;
            }
          }
          did += jobs.length;
        }
        backoff = 250;
        if (!did) {
          if (opts.untilEmpty && !(await queue.open())) break;
          await sleep(idleMs, opts.signal);
        }
      } catch (e) {
        resolver.drop();
        if (!isConnectionError(e)) {
          log(`worker ${name}: error: ${(e as Error).message}`);
          await sleep(Math.min(backoff, 1000), opts.signal);
          continue;
        }
        stats.waits++;
        log(`worker ${name}: database unavailable (${(e as Error).message}); retrying in ${(backoff / 1000).toFixed(1)} s`);
        await sleep(backoff, opts.signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  } finally {
    resolver.drop();
    await pool?.close();
    await store.close().catch(() => {});
  }
  log(`worker ${name}: stopped: ${stats.analysed} analysed, ${stats.inserted} stored, ${stats.unchanged} unchanged, ${stats.failed} failed`);
  return stats;
}
