/**
 * `npm run bench`: throughput and peak memory of each pass over a generated corpus.
 * Each measurement runs in its own child process so that its peak RSS is its own.
 *
 *   node dist/bench/run.js [--sizes 5000] [--phases tokenize,analyze,ingest] [--out latest.json] [--progress file.jsonl]
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { packageRoot } from "../src/core/paths.js";
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
  extra?: Record<string, unknown>;
}

type PhaseFn = (n: number) => Promise<{ timings: number[]; extra?: Record<string, unknown> }>;

const PHASES: Record<string, PhaseFn> = {
  async tokenize(n) {
    const { tokenize } = await import("../src/text/tokenize.js");
    const corpus = iterateCorpus(n);
    return { timings: timeEach(corpus, (a) => void tokenize(a.text)) };
  },
  async analyze(n) {
    const { STAGES, newDoc, toRecord } = await import("../src/analyze.js");
    const { StoryIndex } = await import("../src/resolve/stories.js");
    const corpus = iterateCorpus(n);
    // as the ingest service does: only live stories are kept in memory
    const stories = new StoryIndex({ keepRetired: false });
    let events = 0;
    // time each stage too, so that a slow stage shows by name
    const perStage: Record<string, number> = Object.fromEntries([...STAGES.map((s) => [s.name, 0]), ["toRecord", 0], ["stories", 0]]);
    const timings = timeEach(corpus, (a) => {
      const doc = newDoc(a);
      for (const s of STAGES) {
        const t0 = performance.now();
        s.run(doc, {});
        perStage[s.name]! += performance.now() - t0;
      }
      let t0 = performance.now();
      const rec = toRecord(doc);
      perStage.toRecord! += performance.now() - t0;
      events += rec.events.length;
      t0 = performance.now();
      stories.add(rec);
      perStage.stories! += performance.now() - t0;
    });
    const ms_per_article_by_stage = Object.fromEntries(Object.entries(perStage).map(([k, v]) => [k, +(v / n).toFixed(4)]));
    return { timings, extra: { events_per_article: events / n, ms_per_article_by_stage } };
  },
  async ingest(n) {
    const { ingestArticles } = await import("../src/service.js");
    const { openStore } = await import("../src/store/index.js");
    const dir = mkdtempSync(join(tmpdir(), "eventwire-bench-"));
    const store = await openStore(join(dir, "bench.db"));
    const corpus = iterateCorpus(n);
    const timings: number[] = [];
    let last = performance.now();
    const progress = progressReporter("ingest", n);
    await ingestArticles(store, corpus, {
      onArticle: () => {
        const now = performance.now();
        timings.push(now - last);
        last = now;
        progress(timings);
      },
    });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return { timings };
  },
  // analyze-threads-1/2, ingest-threads-2, ingest-pg (issue 9)
  ...SCALE_OUT_PHASES,
};

/**
 * Every twentieth of a run, one JSON line (articles/s over that window and so far, RSS now) to
 * stderr and to the --progress file: a long run that is stopped still shows its trend.
 */
function progressReporter(phase: string, n: number): (timings: number[]) => void {
  const every = Math.max(1, Math.floor(n / 20));
  const file = process.env.EVENTWIRE_BENCH_PROGRESS;
  return (timings) => {
    if (timings.length % every !== 0) return;
    const done = timings.length;
    const line = JSON.stringify({
      phase, n, done, window_per_s: +rate(timings.slice(-every)).toFixed(1), so_far_per_s: +rate(timings).toFixed(1),
      rss_mb: Math.round(process.memoryUsage().rss / 1048576), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), at: new Date().toISOString(),
    });
    process.stderr.write(`bench progress ${line}\n`);
    if (file) appendFileSync(file, line + "\n");
  };
}

function timeEach<T>(items: Iterable<T>, fn: (x: T) => void): number[] {
  const out: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    fn(item);
    out.push(performance.now() - t0);
  }
  return out;
}

function rate(ms: number[]): number {
  const total = ms.reduce((a, b) => a + b, 0);
  return total > 0 ? (ms.length * 1000) / total : 0;
}

async function child(phase: string, n: number): Promise<void> {
  const fn = PHASES[phase];
  if (!fn) throw new Error(`unknown phase ${phase}`);
  const { timings, extra } = await fn(n);
  const total = timings.reduce((a, b) => a + b, 0);
  const tenth = Math.max(1, Math.floor(timings.length / 10));
  const res: PhaseResult = {
    phase,
    n,
    seconds: total / 1000,
    articles_per_s: rate(timings),
    first_tenth_per_s: rate(timings.slice(0, tenth)),
    last_tenth_per_s: rate(timings.slice(-tenth)),
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    extra: { ...extra, tenths_per_s: Array.from({ length: 10 }, (_, i) => +rate(timings.slice(i * tenth, i === 9 ? undefined : (i + 1) * tenth)).toFixed(1)) },
  };
  process.stdout.write(JSON.stringify(res) + "\n");
}

async function parent(sizes: number[], phases: string[], out: string): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const results: PhaseResult[] = [];
  for (const n of sizes) {
    for (const phase of phases) {
      process.stderr.write(`bench: ${phase} × ${n} …\n`);
      try {
        const out: string = execFileSync(process.execPath, ["--expose-gc", self, "--child", phase, "--n", String(n)], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          maxBuffer: 1 << 24,
        });
        results.push(JSON.parse(out.trim().split("\n").pop()!));
      } catch (err) {
        process.stderr.write(`bench: ${phase} × ${n} failed: ${(err as Error).message.split("\n")[0]}\n`);
      }
    }
  }
  const floor = new Map(results.filter((r) => r.phase === "tokenize").map((r) => [r.n, r.articles_per_s]));
  console.log("phase             articles  art/s     first10%  last10%   peak RSS MB  cost vs tokenize");
  for (const r of results) {
    const f = floor.get(r.n);
    console.log(
      `${r.phase.padEnd(17)} ${String(r.n).padStart(8)}  ${r.articles_per_s.toFixed(0).padStart(8)}  ${r.first_tenth_per_s.toFixed(0).padStart(8)}  ${r.last_tenth_per_s.toFixed(0).padStart(8)}  ${r.peak_rss_mb.toFixed(0).padStart(11)}  ${f ? (f / r.articles_per_s).toFixed(1) + "×" : ""}`,
    );
  }
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
    sizes: { type: "string", default: "5000" },
    phases: { type: "string", default: "tokenize,analyze,ingest" },
    /** the results file under bench/results/ */
    out: { type: "string", default: "latest.json" },
    /** a file to append the progress lines of long runs to (JSON lines) */
    progress: { type: "string" },
  },
});
if (values.child) await child(values.child, Number(values.n));
else {
  if (values.progress) process.env.EVENTWIRE_BENCH_PROGRESS = values.progress;
  await parent(values.sizes!.split(",").map(Number), values.phases!.split(","), values.out!);
}
