/**
 * The resolver lock outside the workers: a direct `eventwire ingest --db postgres://…` assigns
 * stories itself, so it takes the same session advisory lock the workers' resolver holds; while
 * a worker holds it, a direct ingest stops with a clear message (use --queue) rather than open
 * stories alongside it.
 */
import type { PostgresStore } from "../store/postgres/index.js";
import { LOCK_ARGS, RESOLVER_LOCK } from "./worker.js";

export class ResolverBusy extends Error {}

export async function withResolverLock<T>(store: PostgresStore, fn: () => Promise<T>): Promise<T> {
  const c = await store.pool.connect();
  let broken = false;
  c.on("error", () => (broken = true));
  try {
    const r = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_ARGS}) AS ok`, [RESOLVER_LOCK]);
    if (!r.rows[0]?.ok) {
      throw new ResolverBusy(
        "another process is assigning stories in this store (an `eventwire worker` or another ingest): use `eventwire ingest --queue` to add articles while workers run",
      );
    }
    try {
      return await fn();
    } finally {
      await c.query(`SELECT pg_advisory_unlock(${LOCK_ARGS})`, [RESOLVER_LOCK]).catch(() => (broken = true));
    }
  } finally {
    c.release(broken);
  }
}
