/**
 * `npm run bench`: throughput and peak memory of each pass over a generated corpus.
 * Each measurement runs in its own child process so that its peak RSS is its own.
 *
 *   node dist/bench/run.js [--sizes 5000] [--phases tokenize,analyze,ingest] [--out latest.json] [--progress file.jsonl] [--stop file]
 *
 * Ingest at several sizes (--sizes 1000,10000,100000) is one run of the largest, with a result
 * each time the store holds a smaller size; creating the --stop file ends it with a partial result.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { packageRoot } from "../src/core/paths.js";
import type { Article } from "../src/core/types.js";
import { iterateCorpus } from "./corpus.js";
import { SCALE_OUT_PHASES } from "./scale-out.js";

interface PhaseResult {
  phase: string;
  n: number;
  seconds: number;
  articles_per_s: number;
  /** articles/s over the first and the last tenth of the run: flat cost means similar numbers */
  first_tenth_per_s: number;
  last_tenth_per_s: number;
  peak_rss_mb: number;
  /** the same from the CPU time of the process (user + system): what a busy shared machine does not distort */
  cpu_articles_per_s?: number;
  cpu_first_tenth_per_s?: number;
  cpu_last_tenth_per_s?: number;
  /** measured when the store held this many articles, as a prefix of one longer run of the same corpus */
  prefix_of?: number;
  /** the run was stopped before n articles: n is what it did */
  partial?: boolean;
  extra?: Record<string, unknown>;
}

type PhaseFn = (n: number, checkpoints?: number[]) => Promise<{ timings: number[]; cpu?: number[]; extra?: Record<string, unknown> }>;

/** CPU time of this process so far (user + system), ms */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const PHASES: Record<string, PhaseFn> = {
  async tokenize(n) {
    const { tokenize } = await import("../src/text/tokenize.js");
    const corpus = iterateCorpus(n);
    const cpu: number[] = [];
    return { timings: timeEach(corpus, (a) => void tokenize(a.text), cpu), cpu };
  },
  /**
   * The analysis as the CLI runs it: articles in batches of BATCH_SIZE through analyzeBatch (each
   * stage over the batch in turn), then each record to the story index in order. A batch's wall
   * and CPU times are shared equally by its articles.
   */
  async analyze(n) {
    const { STAGES, BATCH_SIZE, analyzeBatch, toRecord } = await import("../src/analyze.js");
    const { StoryIndex } = await import("../src/resolve/stories.js");
    const corpus = iterateCorpus(n);
    const stories = new StoryIndex({ keepRetired: false });
    let events = 0;
    const perStage: Record<string, number> = Object.fromEntries([...STAGES.map((s) => [s.name, 0]), ["toRecord", 0], ["stories", 0]]);
    const timings: number[] = [];
    const cpu: number[] = [];
    const batch: Article[] = [];
    const flush = () => {
      const c0 = cpuMs();
      const w0 = performance.now();
      for (const r of analyzeBatch(batch, {}, perStage)) {
        if (r.error) throw r.error;
        const doc = r.doc;
        let t0 = performance.now();
        const rec = toRecord(doc);
        perStage.toRecord! += performance.now() - t0;
        events += rec.events.length;
        t0 = performance.now();
        stories.add(rec);
        perStage.stories! += performance.now() - t0;
      }
      const wall = (performance.now() - w0) / batch.length;
      const c = (cpuMs() - c0) / batch.length;
      for (let k = 0; k < batch.length; k++) {
        timings.push(wall);
        cpu.push(c);
      }
      batch.length = 0;
    };
    for (const a of corpus) {
      batch.push(a);
      if (batch.length === BATCH_SIZE) flush();
    }
    if (batch.length) flush();
    const ms_per_article_by_stage = Object.fromEntries(Object.entries(perStage).map(([k, v]) => [k, +(v / n).toFixed(4)]));
    return { timings, cpu, extra: { events_per_article: events / n, batch_size: BATCH_SIZE, ms_per_article_by_stage } };
  },
  /**
   * One article at a time through the ingest service into a fresh SQLite store. With checkpoints
   * (smaller sizes), a result is also given each time the store holds that many articles: the
   * corpus is the same for every size (article i does not depend on n), so a prefix of the longer
   * run is the shorter run. Stopped (the file $EVENTWIRE_BENCH_STOP or --stop exists), it gives a partial result for what it did.
   */
  async ingest(n, checkpoints = []) {
    const { ingestArticles } = await import("../src/service.js");
    const { openStore } = await import("../src/store/index.js");
    const dir = mkdtempSync(join(tmpdir(), "eventwire-bench-"));
    const store = await openStore(join(dir, "bench.db"));
    const corpus = iterateCorpus(n);
    const timings: number[] = [];
    const cpu: number[] = [];
    let last = performance.now();
    let lastCpu = cpuMs();
    const progress = progressReporter("ingest", n);
    // a long run is stopped by creating this file (a signal would wait for the whole run: the loop never yields)
    const stopFile = process.env.EVENTWIRE_BENCH_STOP;
    await ingestArticles(store, corpus, {
      // a failing article makes the run fast and meaningless (e.g. run outside the project, without data/): stop
      onError: (e) => {
        process.stderr.write(`bench: ingest failed, nothing measured: ${e.message.split("\n")[0]}\n`);
        process.exit(1);
      },
      onArticle: () => {
        const now = performance.now();
        const c = cpuMs();
        timings.push(now - last);
        cpu.push(c - lastCpu);
        last = now;
        lastCpu = c;
        progress(timings, cpu);
        if (timings.length < n && checkpoints.includes(timings.length)) {
          process.stdout.write(JSON.stringify({ ...measure("ingest", timings, cpu), prefix_of: n }) + "\n");
        }
        if (stopFile && timings.length % 50 === 0 && existsSync(stopFile)) {
          process.stdout.write(JSON.stringify({ ...measure("ingest", timings, cpu), partial: true, prefix_of: n }) + "\n");
          process.exit(0);
        }
      },
    });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return { timings, cpu };
  },
  // analyze-threads-1/2, ingest-threads-2, ingest-pg (issue 9)
  ...SCALE_OUT_PHASES,
};

/**
 * Every twentieth of a run, one JSON line (articles/s over that window and so far, RSS now) to
 * stderr and to the --progress file: a long run that is stopped still shows its trend.
 */
function progressReporter(phase: string, n: number): (timings: number[], cpu: number[]) => void {
  const every = Math.max(1, Math.floor(n / 20));
  const file = process.env.EVENTWIRE_BENCH_PROGRESS;
  return (timings, cpu) => {
    if (timings.length % every !== 0) return;
    const done = timings.length;
    const line = JSON.stringify({
      phase, n, done, window_per_s: +rate(timings.slice(-every)).toFixed(1), so_far_per_s: +rate(timings).toFixed(1),
      cpu_window_per_s: +rate(cpu.slice(-every)).toFixed(1), cpu_so_far_per_s: +rate(cpu).toFixed(1),
      rss_mb: Math.round(process.memoryUsage().rss / 1048576), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), at: new Date().toISOString(),
    });
    process.stderr.write(`bench progress ${line}\n`);
    if (file) appendFileSync(file, line + "\n");
  };
}

/** Per-item wall times; CPU times (user + system) of each item go to `cpu` when given. */
function timeEach<T>(items: Iterable<T>, fn: (x: T) => void, cpu?: number[]): number[] {
  const out: number[] = [];
  for (const item of items) {
    const c0 = cpu ? cpuMs() : 0;
    const t0 = performance.now();
    fn(item);
    out.push(performance.now() - t0);
    if (cpu) cpu.push(cpuMs() - c0);
  }
  return out;
}

function rate(ms: number[]): number {
  const total = ms.reduce((a, b) => a + b, 0);
  return total > 0 ? (ms.length * 1000) / total : 0;
}

/** A result from per-article wall times (and CPU times, when measured). */
function measure(phase: string, timings: number[], cpu?: number[], extra?: Record<string, unknown>): PhaseResult {
  const total = timings.reduce((a, b) => a + b, 0);
  const tenth = Math.max(1, Math.floor(timings.length / 10));
  const tenths = (xs: number[]) => Array.from({ length: 10 }, (_, i) => +rate(xs.slice(i * tenth, i === 9 ? undefined : (i + 1) * tenth)).toFixed(1));
  return {
    phase,
    n: timings.length,
    seconds: total / 1000,
    articles_per_s: rate(timings),
    first_tenth_per_s: rate(timings.slice(0, tenth)),
    last_tenth_per_s: rate(timings.slice(-tenth)),
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    ...(cpu?.length
      ? { cpu_articles_per_s: rate(cpu), cpu_first_tenth_per_s: rate(cpu.slice(0, tenth)), cpu_last_tenth_per_s: rate(cpu.slice(-tenth)) }
      : {}),
    extra: { ...extra, tenths_per_s: tenths(timings), ...(cpu?.length ? { cpu_tenths_per_s: tenths(cpu) } : {}) },
  };
}

async function child(phase: string, n: number, checkpoints: number[]): Promise<void> {
  const fn = PHASES[phase];
  if (!fn) throw new Error(`unknown phase ${phase}`);
  const { timings, cpu, extra } = await fn(n, checkpoints);
  process.stdout.write(JSON.stringify(measure(phase, timings, cpu, extra)) + "\n");
}

/** The result lines a child printed (a stopped child may have printed some). */
function resultLines(out: string | undefined): PhaseResult[] {
  return (out ?? "").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as PhaseResult);
}

async function parent(sizes: number[], phases: string[], out: string): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const results: PhaseResult[] = [];
  const run = (phase: string, n: number, checkpoints: number[] = []) => {
    process.stderr.write(`bench: ${phase} × ${n}${checkpoints.length ? ` (results also at ${checkpoints.join(", ")})` : ""} …\n`);
    const args = ["--expose-gc", self, "--child", phase, "--n", String(n), ...(checkpoints.length ? ["--checkpoints", checkpoints.join(",")] : [])];
    try {
      results.push(...resultLines(execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 })));
    } catch (err) {
      results.push(...resultLines((err as { stdout?: string }).stdout));
      process.stderr.write(`bench: ${phase} × ${n} failed: ${(err as Error).message.split("\n")[0]}\n`);
    }
  };
  // ingest at several sizes: one run of the largest, with a result each time the store holds a smaller size
  const once = new Set(sizes.length > 1 ? ["ingest"] : []);
  const largest = Math.max(...sizes);
  for (const phase of phases) if (once.has(phase)) run(phase, largest, sizes.filter((n) => n < largest));
  for (const n of sizes) for (const phase of phases) if (!once.has(phase)) run(phase, n);
  results.sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase) || a.n - b.n);
  const floor = new Map(results.filter((r) => r.phase === "tokenize").map((r) => [r.n, r.articles_per_s]));
  console.log("phase             articles  art/s     first10%  last10%   peak RSS MB  CPU: art/s  first10%  last10%  cost vs tokenize");
  const num = (x: number | undefined, w: number) => (x === undefined ? "" : x.toFixed(0)).padStart(w);
  for (const r of results) {
    const f = floor.get(r.n);
    console.log(
      `${r.phase.padEnd(17)} ${(String(r.n) + (r.partial ? "*" : "")).padStart(8)}  ${num(r.articles_per_s, 8)}  ${num(r.first_tenth_per_s, 8)}  ${num(r.last_tenth_per_s, 8)}  ${num(r.peak_rss_mb, 11)}  ${num(r.cpu_articles_per_s, 10)}  ${num(r.cpu_first_tenth_per_s, 8)}  ${num(r.cpu_last_tenth_per_s, 7)}  ${f ? (f / r.articles_per_s).toFixed(1) + "×" : ""}`,
    );
  }
  if (results.some((r) => r.partial)) console.log("* stopped before its size: the articles it did");
  const dir = join(packageRoot(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const doc = { date: new Date().toISOString(), node: process.version, cpus: 1, results };
  writeFileSync(join(dir, out), JSON.stringify(doc, null, 2) + "\n");
  for (const r of results) {
    if (r.extra?.ms_per_article_by_stage) console.log(`${r.phase} × ${r.n}: ms per article by stage ${JSON.stringify(r.extra.ms_per_article_by_stage)}`);
  }
  console.log(`results written to bench/results/${out}`);
}

const { values } = parseArgs({
  options: {
    child: { type: "string" },
    n: { type: "string" },
    checkpoints: { type: "string" },
    sizes: { type: "string", default: "5000" },
    phases: { type: "string", default: "tokenize,analyze,ingest" },
    /** the results file under bench/results/ */
    out: { type: "string", default: "latest.json" },
    /** a file to append the progress lines of long runs to (JSON lines) */
    progress: { type: "string" },
    /** a file whose creation stops a long ingest run with a partial result */
    stop: { type: "string" },
  },
});
if (values.child) await child(values.child, Number(values.n), values.checkpoints ? values.checkpoints.split(",").map(Number) : []);
else {
  if (values.progress) process.env.EVENTWIRE_BENCH_PROGRESS = values.progress;
  if (values.stop) process.env.EVENTWIRE_BENCH_STOP = values.stop;
  await parent(values.sizes!.split(",").map(Number), values.phases!.split(","), values.out!);
}
