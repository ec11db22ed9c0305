/**
 * What `eventwire ingest` adds for scaling out (docs/scale-out.md): `--queue` (enqueue for
 * workers instead of ingesting here), `--threads N` (analysis in worker threads), and the
 * resolver lock around a direct ingest into a PostgreSQL store.
 */
import { UsageError, err, out, printJson, type CommandContext } from "../cli/util.js";
import type { Store } from "../store/port.js";
import { PostgresStore } from "../store/postgres/index.js";
import { enqueuePaths } from "./enqueue.js";
import { withResolverLock } from "./lock.js";

/** `--threads N`: a whole number >= 1 (default 1). */
export function threadsOption(v: unknown): number {
  if (v === undefined) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads wants a whole number >= 1, got "${String(v)}"`);
  return n;
}

/** A direct ingest into PostgreSQL assigns stories: it must be the only one doing so. */
export async function resolverLocked<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  return store instanceof PostgresStore ? withResolverLock(store, fn) : fn();
}

/** `ingest --queue <paths…>`: one job per article for `eventwire worker`. */
export async function enqueueCommand(ctx: CommandContext): Promise<number> {
  if (!(ctx.store instanceof PostgresStore)) throw new UsageError("--queue needs a PostgreSQL store: --db postgres://… (or EVENTWIRE_DB)");
  if (ctx.values.threads !== undefined) throw new UsageError("--threads is the workers' option with --queue (eventwire worker --threads N)");
  const t0 = Date.now();
  const counts = await enqueuePaths(ctx.store, ctx.positionals, { onError: (e) => err(`error: ${e.message}`) });
  const secs = (Date.now() - t0) / 1000;
  if (ctx.json) printJson({ ...counts, seconds: secs });
  else {
    out(
      `queued ${counts.queued} article${counts.queued === 1 ? "" : "s"}` +
        (counts.first !== null ? ` (jobs ${counts.first}–${counts.last})` : "") +
        `, ${counts.failed} bad input${counts.failed === 1 ? "" : "s"} (${secs.toFixed(1)} s); run \`eventwire worker --db …\` to process them`,
    );
  }
  return counts.failed > 0 ? 1 : 0;
}
