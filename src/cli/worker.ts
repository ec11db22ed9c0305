/**
 * `eventwire worker --db postgres://…`: works through the ingest queue of a PostgreSQL store
 * (filled by `eventwire ingest --queue`), alongside any number of other workers. See
 * src/queue/worker.ts and docs/scale-out.md.
 */
import { isPostgresLocation } from "../store/index.js";
import { command, err, out, printJson, UsageError } from "./util.js";

export const summary = "analyse and store queued articles from a PostgreSQL queue (run several at once): worker --db postgres://…";

const USAGE =
  "eventwire worker --db postgres://… [--threads N] [--lease SECONDS] [--batch N] [--until-empty] [--name NAME] [--quiet] [--json] | --status";

function positiveInt(v: unknown, name: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} wants a whole number >= ${min}, got "${String(v)}"`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: USAGE,
      store: "none",
      options: {
        threads: { type: "string" },
        lease: { type: "string" },
        batch: { type: "string" },
        name: { type: "string" },
        "until-empty": { type: "boolean" },
        quiet: { type: "boolean" },
        status: { type: "boolean" },
      },
    },
    async (ctx) => {
      if (!isPostgresLocation(ctx.dbLocation)) throw new UsageError("the worker needs a PostgreSQL store: --db postgres://… (or EVENTWIRE_DB)");
      if (ctx.values.status) return status(ctx.dbLocation, ctx.json);
      const { runWorker } = await import("../queue/worker.js");
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const stats = await runWorker({
          location: ctx.dbLocation,
          name: ctx.values.name as string | undefined,
          threads: positiveInt(ctx.values.threads, "threads"),
          leaseMs: (positiveInt(ctx.values.lease, "lease") ?? 60) * 1000,
          batch: positiveInt(ctx.values.batch, "batch"),
          untilEmpty: ctx.values["until-empty"] === true,
          log: ctx.values.quiet ? undefined : (line) => err(line),
          signal: stop.signal,
        });
        if (ctx.json) printJson(stats);
        return 0;
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    },
  );
}

/** `worker --status`: how many jobs are in each state. */
async function status(location: string, json: boolean): Promise<number> {
  const { PostgresStore } = await import("../store/postgres/index.js");
  const { JobQueue } = await import("../queue/jobs.js");
  const store = new PostgresStore(location, { max: 1 });
  try {
    await store.migrate();
    const queue = new JobQueue(store.pool);
    await queue.setup();
    const c = await queue.counts();
    if (json) printJson(c);
    else out(`queue: ${c.queued} queued, ${c.analyzing} analyzing, ${c.analyzed} analyzed, ${c.done} done, ${c.failed} failed`);
    return 0;
  } finally {
    await store.close();
  }
}
