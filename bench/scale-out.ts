/**
 * Bench phases for scaling out (issue 9), added to bench/run.ts's PHASES:
 * - analyze-threads-1 / analyze-threads-2: the per-article pipeline in a pool of 1 or 2 worker
 *   threads, results in input order (the time between consecutive ordered results, so the
 *   total is the wall time);
 * - ingest-threads-2: SQLite ingest with analysis in 2 threads;
 * - ingest-pg: the ingest phase into PostgreSQL ($EVENTWIRE_BENCH_PG_URL, else
 *   $EVENTWIRE_TEST_PG_URL; a schema of its own, dropped after).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "./corpus.js";

type PhaseFn = (n: number) => Promise<{ timings: number[]; extra?: Record<string, unknown> }>;

function ticker(): { timings: number[]; tick: () => void } {
  const timings: number[] = [];
  let last = performance.now();
  return {
    timings,
    tick: () => {
      const now = performance.now();
      timings.push(now - last);
      last = now;
    },
  };
}

function analyzeThreads(threads: number): PhaseFn {
  return async (n) => {
    const { AnalyzePool, orderedAnalysis } = await import("../src/parallel/pool.js");
    const corpus = generateCorpus(n);
    const pool = new AnalyzePool({ threads });
    // warm the threads up (module loading) before the clock starts
    await Promise.all(Array.from({ length: threads }, () => pool.analyze(corpus[0]!)));
    const t = ticker();
    let events = 0;
    for await (const x of orderedAnalysis((a) => pool.analyze(a), corpus, threads * 8)) {
      if ("record" in x) events += x.record.events.length;
      t.tick();
    }
    await pool.close();
    return { timings: t.timings, extra: { threads, events_per_article: events / n } };
  };
}

async function ingestInto(location: string, n: number, threads: number) {
  const { ingestArticles } = await import("../src/service.js");
  const { openStore } = await import("../src/store/index.js");
  const store = await openStore(location);
  const corpus = generateCorpus(n);
  const t = ticker();
  try {
    await ingestArticles(store, corpus, { threads, onArticle: t.tick });
  } finally {
    await store.close();
  }
  return t.timings;
}

export const SCALE_OUT_PHASES: Record<string, PhaseFn> = {
  "analyze-threads-1": analyzeThreads(1),
  "analyze-threads-2": analyzeThreads(2),
  async "ingest-threads-2"(n) {
    const dir = mkdtempSync(join(tmpdir(), "eventwire-bench-"));
    try {
      return { timings: await ingestInto(join(dir, "bench.db"), n, 2), extra: { threads: 2 } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  async "ingest-pg"(n) {
    const base = process.env.EVENTWIRE_BENCH_PG_URL || process.env.EVENTWIRE_TEST_PG_URL;
    if (!base) throw new Error("set EVENTWIRE_BENCH_PG_URL (or EVENTWIRE_TEST_PG_URL) to a PostgreSQL database");
    const schema = `ew_bench_${process.pid}`;
    const u = new URL(base);
    u.searchParams.set("schema", schema);
    const pg = (await import("pg")).default;
    try {
      return { timings: await ingestInto(u.toString(), n, 1) };
    } finally {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  },
};
