import { ingestPaths, type IngestCounts } from "../service.js";
import { command, countFiles, err, out, printJson, ProgressBar } from "./util.js";

export const summary = "read articles (.txt .html .xml/.rss/.atom .json .jsonl, folders), analyse and store them";

const USAGE = "eventwire ingest <paths…> [--db PATH|postgres://…] [--threads N] [--queue] [--json]";

/** The file part of an origin (`file`, `file:line`, `file#item`). */
const fileOf = (origin: string) => origin.replace(/#.*$/, "").replace(/:\d+$/, "");

export async function run(argv: string[]): Promise<number> {
  const options = { queue: { type: "boolean" }, threads: { type: "string" } } as const;
  return command(argv, { usage: USAGE, store: "write", options, positionals: { min: 1, max: Infinity, name: "paths to ingest" } }, async (ctx) => {
    // --queue, --threads N, and a PostgreSQL store: docs/scale-out.md
    const scale = await import("../queue/cli.js");
    if (ctx.values.queue) return scale.enqueueCommand(ctx);
    const threads = scale.threadsOption(ctx.values.threads);
    const bar = new ProgressBar(bar0(ctx.positionals));
    const files = new Set<string>();
    const t0 = Date.now();
    const counts: IngestCounts = await scale.resolverLocked(ctx.store, () => ingestPaths(ctx.store, ctx.positionals, {
      threads,
      onError: (e) => {
        bar.clear();
        err(`error: ${e.message}`);
      },
      onProgress: (p) => {
        files.add(fileOf(p.origin));
        bar.update(files.size, `${p.read} articles: ${p.inserted} new, ${p.unchanged} unchanged, ${p.failed} failed`);
      },
    }));
    bar.clear();
    const secs = (Date.now() - t0) / 1000;
    if (ctx.json) printJson({ ...counts, seconds: secs, db: ctx.dbLocation });
    else {
      out(
        `ingested ${counts.read} article${counts.read === 1 ? "" : "s"} into ${ctx.dbLocation}: ` +
          `${counts.inserted} new, ${counts.unchanged} unchanged, ${counts.failed} failed (${secs.toFixed(1)} s)`,
      );
    }
    return counts.failed > 0 ? 1 : 0;
  });
}

function bar0(paths: string[]): number {
  // counting files only matters when someone watches the bar
  return process.stderr.isTTY ? countFiles(paths) : 0;
}
