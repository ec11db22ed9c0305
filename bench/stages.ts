/**
 * Where one analysed article's time goes, stage by stage: runs the per-article pipeline and the
 * story step over a generated corpus (the same as `npm run bench`) and prints ms per article by
 * stage. Times are the process's CPU time (user + system, so the garbage collector's threads
 * count against the stage that allocated), not wall time: on a shared machine other processes
 * distort wall time several times over. A quick instrument for work on one stage; `npm run bench`
 * remains the measure.
 *
 *   npx tsx bench/stages.ts [--n 3000] [--warmup 500] [--repeat 3] [--real]
 *
 * `--real`: the real articles of ../shared/corpus (dev, seeds, stream) in turn instead of the
 * generated corpus, so that a gain on the generated texts can be checked on news as written.
 *   node --cpu-prof --import tsx bench/stages.ts   # then open the .cpuprofile
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { STAGES, newDoc, toRecord } from "../src/analyze.js";
import type { Article } from "../src/core/types.js";
import { StoryIndex } from "../src/resolve/stories.js";
import { packageRoot } from "../src/core/paths.js";
import { generateCorpus } from "./corpus.js";

const { values } = parseArgs({
  options: { n: { type: "string", default: "3000" }, warmup: { type: "string", default: "500" }, repeat: { type: "string", default: "3" }, real: { type: "boolean", default: false } },
});
const n = Number(values.n);
const warm = Number(values.warmup);
const corpus = values.real ? realCorpus(n + warm) : generateCorpus(n + warm);

/** n articles cycling through the texts of ../shared/corpus (dev, seeds, stream), each with an id of its own */
function realCorpus(count: number): Article[] {
  const root = join(packageRoot(), "..", "shared", "corpus");
  const texts: Array<{ text: string; published?: string | null }> = [];
  for (const d of ["dev", "seeds"]) for (const f of readdirSync(join(root, d)).sort()) if (f.endsWith(".json")) texts.push(JSON.parse(readFileSync(join(root, d, f), "utf8")));
  for (const l of readFileSync(join(root, "stream", "articles.jsonl"), "utf8").split("\n")) if (l.trim()) texts.push(JSON.parse(l));
  return Array.from({ length: count }, (_, i) => {
    const g = texts[i % texts.length]!;
    return { id: `real-${i}`, text: g.text, title: null, url: null, outlet: null, published: g.published ?? null, origin: `real#${i}` };
  });
}

/** CPU ms of this process so far */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function pass(articles: readonly Article[]): { per: Record<string, number>; cpu: number } {
  const stories = new StoryIndex({ keepRetired: false });
  const per: Record<string, number> = Object.fromEntries([...STAGES.map((s) => [s.name, 0]), ["toRecord", 0], ["stories", 0]]);
  const c0 = cpuNow();
  for (const a of articles) {
    const doc = newDoc(a);
    for (const s of STAGES) {
      const t0 = cpuNow();
      s.run(doc, {});
      per[s.name]! += cpuNow() - t0;
    }
    let t0 = cpuNow();
    const rec = toRecord(doc);
    per.toRecord! += cpuNow() - t0;
    t0 = cpuNow();
    stories.add(rec);
    per.stories! += cpuNow() - t0;
  }
  return { per, cpu: cpuNow() - c0 };
}

pass(corpus.slice(0, warm)); // JIT warm-up
const runs = Array.from({ length: Number(values.repeat) }, () => pass(corpus.slice(warm)));
// the fastest run of each stage: the least disturbed by other processes
const best = (f: (r: (typeof runs)[number]) => number) => Math.min(...runs.map(f)) / n;
const stages = Object.keys(runs[0]!.per);
const row = stages.map((s) => `${s} ${best((r) => r.per[s]!).toFixed(3)}`).join("  ");
const sum = best((r) => Object.values(r.per).reduce((a, b) => a + b, 0));
const cpu = best((r) => r.cpu);
console.log(`${n} articles, best of ${runs.length}, CPU ms/article: ${row}  | sum ${sum.toFixed(3)}; whole pass ${cpu.toFixed(3)} (${Math.round(1000 / cpu)} art/s)`);
