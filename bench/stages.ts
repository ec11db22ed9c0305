/**
 * Where one analysed article's time goes, stage by stage: runs the per-article pipeline and the
 * story step over a generated corpus (the same as `npm run bench`) and prints ms per article by
 * stage and the process's CPU ms per article (which includes the garbage collector's threads).
 * A quick instrument for work on one stage; `npm run bench` remains the measure.
 *
 *   npx tsx bench/stages.ts [--n 3000] [--warmup 500] [--repeat 3]
 *   node --cpu-prof --import tsx bench/stages.ts   # then open the .cpuprofile
 */
import { parseArgs } from "node:util";
import { STAGES, newDoc, toRecord } from "../src/analyze.js";
import type { Article } from "../src/core/types.js";
import { StoryIndex } from "../src/resolve/stories.js";
import { generateCorpus } from "./corpus.js";

const { values } = parseArgs({ options: { n: { type: "string", default: "3000" }, warmup: { type: "string", default: "500" }, repeat: { type: "string", default: "3" } } });
const n = Number(values.n);
const warm = Number(values.warmup);
const corpus = generateCorpus(n + warm);

function pass(articles: readonly Article[]): { per: Record<string, number>; cpu: number } {
  const stories = new StoryIndex({ keepRetired: false });
  const per: Record<string, number> = Object.fromEntries([...STAGES.map((s) => [s.name, 0]), ["toRecord", 0], ["stories", 0]]);
  const c0 = process.cpuUsage();
  for (const a of articles) {
    const doc = newDoc(a);
    for (const s of STAGES) {
      const t0 = performance.now();
      s.run(doc, {});
      per[s.name]! += performance.now() - t0;
    }
    let t0 = performance.now();
    const rec = toRecord(doc);
    per.toRecord! += performance.now() - t0;
    t0 = performance.now();
    stories.add(rec);
    per.stories! += performance.now() - t0;
  }
  const c = process.cpuUsage(c0);
  return { per, cpu: (c.user + c.system) / 1000 };
}

pass(corpus.slice(0, warm)); // JIT warm-up
const runs = Array.from({ length: Number(values.repeat) }, () => pass(corpus.slice(warm)));
// the fastest run of each stage: the least disturbed by other processes
const best = (f: (r: (typeof runs)[number]) => number) => Math.min(...runs.map(f)) / n;
const stages = Object.keys(runs[0]!.per);
const row = stages.map((s) => `${s} ${best((r) => r.per[s]!).toFixed(3)}`).join("  ");
const sum = best((r) => Object.values(r.per).reduce((a, b) => a + b, 0));
console.log(`${n} articles, best of ${runs.length}: ms/article ${row}  | sum ${sum.toFixed(3)} (${Math.round(1000 / sum)} art/s)  CPU ${best((r) => r.cpu).toFixed(3)}`);
