/**
 * `eventwire eval <gold-dir-or-files…> [--json] [--no-metadata-dates] [--verbose]`: analyses every
 * gold article, assigns stories over the batch and scores the result as ../shared/corpus/SCHEMA.md
 * describes. Exit code 0 whatever the scores; 1 on unreadable gold or when the analysis of an
 * article crashed (the others are still scored, the crashed one as empty); 2 on bad usage.
 */
import { analyze, toRecord } from "../analyze.js";
import type { Article, ArticleRecord } from "../core/types.js";
import { goldToArticle, goldToRecord, readGold } from "../eval/gold.js";
import { renderReport } from "../eval/report.js";
import { scoreRun, type Report } from "../eval/score.js";
import { readFile } from "node:fs/promises";
import { redateBatch } from "../resolve/dates.js";
import { clusterBatch } from "../resolve/stories.js";

export const summary = "score the analysis against gold articles (SCHEMA.md scoring): eval <gold-dir…> [--json] [--verbose]";

const USAGE = [
  "usage: eventwire eval <gold-dir-or-files…> [--json] [--no-metadata-dates] [--verbose]",
  "  --json               the scores as JSON (micro-averages, per type, per-article counts)",
  "  --verbose            per-article counts, and every miss (-) and false positive (+) per article",
  "  --only KIND[,KIND]   verbose, listing only these kinds: persons, roles, countries, events, figures, quotes, published",
  "  --no-metadata-dates  give the analysis no publication date (it must infer it from the text)",
  "  --compare FILE       show each line's change against an earlier `eval --json` output",
  "  --gold-as-pred       score the gold against itself (a check of the scorer: 1.0 everywhere)",
].join("\n");

export async function run(argv: string[]): Promise<number> {
  const paths: string[] = [];
  let json = false;
  let verbose = false;
  let noMetadataDates = false;
  let goldAsPred = false;
  const only: string[] = [];
  let compare: string | null = null;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "--json") json = true;
    else if (a === "--compare" && argv[k + 1]) compare = argv[++k]!;
    else if (a === "--only" && argv[k + 1]) {
      verbose = true;
      only.push(...argv[++k]!.split(",").map((x) => x.trim().toLowerCase().replace(/ies$/, "y").replace(/s$/, "")).filter(Boolean));
    }
    else if (a === "--verbose" || a === "-v") verbose = true;
    else if (a === "--no-metadata-dates") noMetadataDates = true;
    else if (a === "--gold-as-pred") goldAsPred = true; // sanity check of the scorer: must print 1.0 everywhere
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      console.error(`eval: unknown option ${a}\n${USAGE}`);
      return 2;
    } else paths.push(a);
  }
  if (!paths.length) {
    console.error(USAGE);
    return 2;
  }
  let entries;
  try {
    entries = await readGold(paths);
  } catch (e) {
    console.error(`eval: ${(e as Error).message}`);
    return 1;
  }
  if (!entries.length) {
    console.error(`eval: no gold articles found in ${paths.join(", ")}`);
    return 1;
  }
  const t0 = performance.now();
  // An article whose analysis throws is reported on stderr and scored as an empty prediction, so
  // the other articles are still measured; the exit code then says that something crashed.
  let crashed = 0;
  const records: ArticleRecord[] = [];
  const articles = new Map<string, Article>();
  for (const e of entries) {
    if (goldAsPred) {
      records.push(goldToRecord(e.gold));
      continue;
    }
    try {
      const article = goldToArticle(e, { noMetadataDates });
      articles.set(article.id, article);
      records.push(toRecord(analyze(article, { noMetadataDates }), { includeText: true }));
    } catch (err) {
      crashed++;
      const where = (err as Error).stack?.split("\n").find((l) => l.includes("/src/"))?.trim() ?? "";
      console.error(`eval: ${e.origin}: analysis crashed: ${(err as Error).message} ${where}`);
    }
  }
  const ms = performance.now() - t0;
  if (!goldAsPred) {
    const stories = clusterBatch(records);
    for (const r of records) r.story = stories.get(r.id) ?? null;
    // cross-article dates: undated articles from their story-mates (src/resolve/dates.ts)
    const items = records.map((record) => ({ article: articles.get(record.id)!, record }));
    redateBatch(items, { noMetadataDates });
    items.forEach((it, i) => (records[i] = it.record));
  }
  const report = scoreRun(
    entries.map((e) => e.gold),
    records,
  );
  if (json) {
    const out = verbose ? report : { ...report, perArticle: report.perArticle.map(({ misses: _m, falsePositives: _f, ...rest }) => rest) };
    console.log(JSON.stringify(out, null, 2));
  } else {
    let before: Report | undefined;
    if (compare) {
      try {
        before = JSON.parse(await readFile(compare, "utf8")) as Report;
      } catch (e) {
        console.error(`eval: --compare ${compare}: ${(e as Error).message}`);
        return 1;
      }
    }
    console.log(renderReport(report, { verbose, only, before }));
    console.log(`\nanalysed ${records.length} articles in ${ms.toFixed(0)} ms${crashed ? `; ${crashed} crashed (scored as empty)` : ""}`);
  }
  return crashed ? 1 : 0;
}
