/**
 * Story clustering on a stream: `npx tsx scripts/stream.ts [options]`
 *
 *   (default)              reads ../shared/corpus/stream/articles.jsonl in file order, analyses each
 *                          article (analyze + toRecord), feeds StoryIndex one by one, writes the
 *                          predictions and runs the stream's scorer
 *   --gold DIR [DIR…]      instead: the gold articles of these folders together (e.g. dev + seeds),
 *                          clustered with clusterBatch, scored pairwise here
 *   --gold-features        with --gold: use the gold annotations as the extractors' output
 *                          (what the clusterer would get from perfect extractors)
 *   --out FILE             where the predictions go (default /tmp/eventwire-stream-pred.jsonl)
 *   --verbose              print each assignment with its reason
 *   --set k=v              override a StoryOptions value (repeatable), for tuning
 *   --scale N[,N…]         cost check: feeds N articles made from the stream's (copies shifted by 20
 *                          days per round) and prints articles/s overall and over the last tenth,
 *                          and the heap, to show the per-article cost stays flat (run with
 *                          `node --expose-gc --import tsx scripts/stream.ts --scale …` for live heap)
 *   --prime                count the whole stream's word statistics first (as a running service
 *                          has them from its history); default: cold start, strictly online
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze, toRecord } from "../src/analyze.js";
import type { Article, ArticleRecord } from "../src/core/types.js";
import { goldToArticle, goldToRecord, readGold } from "../src/eval/gold.js";
import { articleFeatures } from "../src/resolve/features.js";
import { pairwiseF1 } from "../src/resolve/pairwise.js";
import { clusterBatch, StoryIndex, type StoryOptions } from "../src/resolve/stories.js";

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = join(here, "..", "..", "shared", "corpus");

function parseArgs(argv: string[]) {
  const o = { gold: [] as string[], goldFeatures: false, out: "/tmp/eventwire-stream-pred.jsonl", verbose: false, prime: false, scale: [] as number[], set: {} as Partial<StoryOptions>, stream: join(SHARED, "stream", "articles.jsonl") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--gold") while (argv[i + 1] && !argv[i + 1]!.startsWith("--")) o.gold.push(argv[++i]!);
    else if (a === "--gold-features") o.goldFeatures = true;
    else if (a === "--out") o.out = argv[++i]!;
    else if (a === "--verbose") o.verbose = true;
    else if (a === "--prime") o.prime = true;
    else if (a === "--scale") o.scale = argv[++i]!.split(",").map(Number);
    else if (a === "--stream") o.stream = argv[++i]!;
    else if (a === "--set") {
      const [k, v] = argv[++i]!.split("=");
      (o.set as Record<string, number>)[k!] = Number(v);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function runGold(o: ReturnType<typeof parseArgs>): Promise<number> {
  const entries = await readGold(o.gold);
  const records: ArticleRecord[] = entries.map((e) => {
    const art = goldToArticle(e);
    if (o.goldFeatures) return { ...goldToRecord(e.gold), published: art.published, text: e.gold.text };
    return toRecord(analyze(art), { includeText: true });
  });
  const t0 = performance.now();
  const pred = clusterBatch(records, o.set);
  const ms = performance.now() - t0;
  const gold = new Map(entries.map((e) => [e.gold.id, e.gold.story ?? e.gold.id]));
  const s = pairwiseF1(gold, pred);
  if (o.verbose) {
    const byStory = new Map<string, string[]>();
    for (const [id, st] of pred) byStory.set(st, [...(byStory.get(st) ?? []), `${id} [${gold.get(id)}]`]);
    for (const [st, ids] of byStory) console.log(st, "\n   ", ids.join("\n    "));
  }
  console.log(
    `gold ${o.gold.join(" + ")}${o.goldFeatures ? " (gold features)" : ""}: ${entries.length} articles, pairwise P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (${s.tp}/${s.goldPairs} gold pairs, ${s.predPairs} predicted); clustering ${ms.toFixed(1)} ms`,
  );
  return 0;
}

async function runStream(o: ReturnType<typeof parseArgs>): Promise<number> {
  const lines = readFileSync(o.stream, "utf8").split("\n").filter((l) => l.trim());
  const index = new StoryIndex(o.set);
  const out: string[] = [];
  let tAnalyze = 0, tCluster = 0;
  const t0 = performance.now();
  const records = lines.map((line, i) => {
    const g = JSON.parse(line) as { id: string; text: string; title?: string; url?: string; outlet?: string; published?: string };
    const art: Article = { id: g.id, text: g.text, title: g.title ?? null, url: g.url ?? null, outlet: g.outlet ?? null, published: g.published ?? null, origin: `${o.stream}:${i + 1}` };
    return toRecord(analyze(art), { includeText: true });
  });
  tAnalyze = performance.now() - t0;
  if (o.prime) index.prime(records.map((r) => articleFeatures(r)));
  for (const rec of records) {
    const g = { id: rec.id, published: rec.published };
    const t1 = performance.now();
    const a = index.add(rec);
    tCluster += performance.now() - t1;
    out.push(JSON.stringify({ id: g.id, story: a.story }));
    if (o.verbose) console.log(`${(g.published ?? "").padEnd(10)} ${g.id.padEnd(28)} ${a.opened ? "OPENS" : "joins"} ${a.story}  ${a.opened ? "" : a.reason}`);
  }
  writeFileSync(o.out, out.join("\n") + "\n");
  console.log(`${lines.length} articles: analyse ${tAnalyze.toFixed(0)} ms, cluster ${tCluster.toFixed(1)} ms; ${index.size} stories; predictions in ${o.out}`);
  const scorer = join(dirname(o.stream), "score.mjs");
  process.stdout.write(execFileSync("node", [scorer, o.stream, o.out], { encoding: "utf8" }));
  return 0;
}

function shiftDay(iso: string | null, days: number): string | null {
  if (!iso) return null;
  return new Date(Date.parse(iso + "T00:00:00Z") + days * 86_400_000).toISOString().slice(0, 10);
}

async function runScale(o: ReturnType<typeof parseArgs>): Promise<number> {
  const lines = readFileSync(o.stream, "utf8").split("\n").filter((l) => l.trim());
  const base = lines.map((line, i) => {
    const g = JSON.parse(line) as { id: string; text: string; title?: string; outlet?: string; published?: string };
    return toRecord(analyze({ id: g.id, text: g.text, title: g.title ?? null, url: null, outlet: g.outlet ?? null, published: g.published ?? null, origin: `${o.stream}:${i + 1}` }), { includeText: true });
  });
  console.log("| articles | articles/s (all) | articles/s (last tenth) | heap MB | stories |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  for (const n of o.scale) {
    const index = new StoryIndex(o.set);
    const g = globalThis as { gc?: () => void };
    g.gc?.();
    let peak = 0;
    const t0 = process.cpuUsage();
    let tTail = t0;
    for (let i = 0; i < n; i++) {
      if (i === Math.floor(n * 0.9)) tTail = process.cpuUsage();
      const r = base[i % base.length]!;
      const round = Math.floor(i / base.length);
      index.add({ ...r, id: `${r.id}~${round}`, published: shiftDay(r.published, round * 20) });
      if (i % 5000 === 4999) {
        g.gc?.(); // with node --expose-gc: live data, not garbage awaiting collection
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const t1 = process.cpuUsage();
    g.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
    const all = n / cpu(t0, t1);
    const tail = (n - Math.floor(n * 0.9)) / cpu(tTail, t1);
    console.log(`| ${n} | ${all.toFixed(0)} | ${tail.toFixed(0)} | ${(peak / 2 ** 20).toFixed(0)} | ${index.size} |`);
  }
  return 0;
}

const opts = parseArgs(process.argv.slice(2));
(opts.scale.length ? runScale(opts) : opts.gold.length ? runGold(opts) : runStream(opts)).then((c) => {
  // exitCode, not exit(): exit() would cut off output still buffered for a pipe
  process.exitCode = c;
});
