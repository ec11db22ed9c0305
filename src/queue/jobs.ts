/**
 * The ingest job queue, kept in PostgreSQL next to the store (table eventwire_jobs, in the
 * store's schema): one job per article, carrying the article as JSON.
 *
 * A job goes queued → analyzing (claimed with FOR UPDATE SKIP LOCKED, under a lease) →
 * analyzed (its record stored in the job) → done (stored by the resolver), or failed. A job
 * whose lease ran out (its worker died or hung) is claimed again by another worker; after
 * MAX_ATTEMPTS claims it is given up as failed, so that an article that kills workers cannot
 * stop the queue.
 */
import type pg from "pg";
import type { Article } from "../core/types.js";

export const JOBS_TABLE = "eventwire_jobs";
export const MAX_ATTEMPTS = 5;
/** advisory lock key that serialises creating the table */
const SETUP_LOCK = 0x65770002;

export type JobState = "queued" | "analyzing" | "analyzed" | "done" | "failed";

export interface ClaimedJob {
  id: number;
  article: Article;
  attempts: number;
}

export interface QueueCounts {
  queued: number;
  analyzing: number;
  analyzed: number;
  done: number;
  failed: number;
}

type Db = pg.Pool | pg.PoolClient;

export class JobQueue {
  constructor(readonly db: pg.Pool) {}

  /** Creates the jobs table if it is missing (idempotent; safe when several processes start at once). */
  async setup(): Promise<void> {
    const c = await this.db.connect();
    try {
      await c.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK]);
      try {
        await c.query(`CREATE TABLE IF NOT EXISTS ${JOBS_TABLE} (
          id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article      TEXT NOT NULL,
          state        TEXT NOT NULL DEFAULT 'queued',
          attempts     INTEGER NOT NULL DEFAULT 0,
          locked_by    TEXT,
          locked_until TIMESTAMPTZ,
          record       TEXT,
          result       TEXT,
          error        TEXT,
          enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
          done_at      TIMESTAMPTZ
        )`);
        await c.query(`CREATE INDEX IF NOT EXISTS ${JOBS_TABLE}_open ON ${JOBS_TABLE} (id) WHERE state IN ('queued', 'analyzing', 'analyzed')`);
      } finally {
        await c.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK]);
      }
    } finally {
      c.release();
    }
  }

  /** Enqueues articles, one job each, in the given order (job ids grow in that order). Returns the ids. */
  async enqueue(articles: readonly Article[]): Promise<number[]> {
    if (!articles.length) return [];
    const values: string[] = articles.map((a) => JSON.stringify(a));
    const r = await this.db.query<{ id: string }>(
      `INSERT INTO ${JOBS_TABLE} (article) SELECT a FROM unnest($1::text[]) WITH ORDINALITY AS t(a, n) ORDER BY n RETURNING id`,
      [values],
    );
    return r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
  }

  /**
   * Claims up to `n` jobs to analyse: queued ones, or ones whose lease ran out, oldest first,
   * skipping rows other workers hold. Jobs past MAX_ATTEMPTS are marked failed instead.
   */
  async claim(worker: string, n: number, leaseMs: number): Promise<ClaimedJob[]> {
    await this.db.query(
      `UPDATE ${JOBS_TABLE} SET state = 'failed', error = 'gave up after ' || attempts || ' attempts (the worker died or hung each time)',
         locked_by = NULL, locked_until = NULL, done_at = now()
       WHERE state = 'analyzing' AND locked_until < now() AND attempts >= $1`,
      [MAX_ATTEMPTS],
    );
    const r = await this.db.query<{ id: string; article: string; attempts: number }>(
      `UPDATE ${JOBS_TABLE} j SET state = 'analyzing', locked_by = $1, locked_until = now() + $2 * interval '1 millisecond',
         attempts = j.attempts + 1
       WHERE j.id IN (
         SELECT id FROM ${JOBS_TABLE}
         WHERE state = 'queued' OR (state = 'analyzing' AND locked_until < now() AND attempts < $4)
         ORDER BY id FOR UPDATE SKIP LOCKED LIMIT $3)
       RETURNING j.id, j.article, j.attempts`,
      [worker, leaseMs, n, MAX_ATTEMPTS],
    );
    return r.rows
      .map((x) => ({ id: Number(x.id), article: JSON.parse(x.article) as Article, attempts: x.attempts }))
      .sort((a, b) => a.id - b.id);
  }

  /** Records a job's analysis (unless another worker already finished it after a lease expiry). */
  async analysed(id: number, record: string): Promise<void> {
    await this.db.query(
      `UPDATE ${JOBS_TABLE} SET state = 'analyzed', record = $2, locked_by = NULL, locked_until = NULL WHERE id = $1 AND state = 'analyzing'`,
      [id, record],
    );
  }

  /** Marks a job failed with the reason (an analysis error: trying again would fail again). */
  async fail(id: number, error: string, db: Db = this.db): Promise<void> {
    await db.query(
      `UPDATE ${JOBS_TABLE} SET state = 'failed', error = $2, locked_by = NULL, locked_until = NULL, done_at = now()
       WHERE id = $1 AND state IN ('queued', 'analyzing', 'analyzed')`,
      [id, error],
    );
  }

  /** The oldest unfinished jobs, in id order (the resolver works through them in that order). */
  async head(n: number, db: Db = this.db): Promise<Array<{ id: number; state: JobState; article: string; record: string | null }>> {
    const r = await db.query<{ id: string; state: JobState; article: string; record: string | null }>(
      `SELECT id, state, article, record FROM ${JOBS_TABLE} WHERE state IN ('queued', 'analyzing', 'analyzed') ORDER BY id LIMIT $1`,
      [n],
    );
    return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  }

  /** Marks jobs done with their outcome (inside the resolver's transaction). */
  async done(outcomes: Array<{ id: number; result: string }>, db: Db): Promise<void> {
    if (!outcomes.length) return;
    await db.query(
      `UPDATE ${JOBS_TABLE} j SET state = 'done', result = o.result, record = NULL, locked_by = NULL, locked_until = NULL, done_at = now()
       FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::text[]) AS result) o
       WHERE j.id = o.id`,
      [outcomes.map((o) => o.id), outcomes.map((o) => o.result)],
    );
  }

  async counts(): Promise<QueueCounts> {
    const r = await this.db.query<{ state: JobState; n: number }>(`SELECT state, COUNT(*)::int AS n FROM ${JOBS_TABLE} GROUP BY state`);
    const out: QueueCounts = { queued: 0, analyzing: 0, analyzed: 0, done: 0, failed: 0 };
    for (const x of r.rows) out[x.state] = x.n;
    return out;
  }

  /** Is there work left (anything not done or failed)? */
  async open(): Promise<boolean> {
    const r = await this.db.query(`SELECT 1 FROM ${JOBS_TABLE} WHERE state IN ('queued', 'analyzing', 'analyzed') LIMIT 1`);
    return r.rows.length > 0;
  }
}
