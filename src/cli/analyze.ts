/**
 * `eventwire analyze <paths…> [--jsonl] [--no-metadata-dates]`: batch analysis without a store.
 * Reads every input (files, directories, feeds, JSON lines), analyses each article, assigns
 * stories over the batch, and prints one object per article in the SCHEMA.md layout with spans:
 * a pretty JSON array, or one line each with --jsonl. Bad inputs: one line each on stderr
 * (`file: reason`), the rest goes on, exit code 1.
 */
import { InputError } from "../core/errors.js";
import type { Article, ArticleRecord } from "../core/types.js";
import { readInputs } from "../ingest/index.js";
import { AnalyzePool, batchedAnalysis, orderedAnalysis } from "../parallel/pool.js";
import { redateBatch } from "../resolve/dates.js";
import { clusterBatch } from "../resolve/stories.js";

export const summary = "analyse articles without storing them; print SCHEMA.md records with spans: analyze <paths…> [--jsonl]";

const USAGE = "usage: eventwire analyze <paths…> [--jsonl] [--no-metadata-dates] [--text] [--threads N]";

export async function run(argv: string[]): Promise<number> {
  const paths: string[] = [];
  let jsonl = false;
  let noMetadataDates = false;
  let includeText = false;
  let threads = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--threads" || a.startsWith("--threads=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      threads = Number(v);
      if (!Number.isInteger(threads) || threads < 1) {
        console.error(`analyze: --threads wants a whole number >= 1, got "${v ?? ""}"\n${USAGE}`);
        return 2;
      }
    } else if (a === "--jsonl") jsonl = true;
    else if (a === "--json") jsonl = false;
    else if (a === "--no-metadata-dates") noMetadataDates = true;
    else if (a === "--text") includeText = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      console.error(`analyze: unknown option ${a}\n${USAGE}`);
      return 2;
    } else paths.push(a);
  }
  if (!paths.length) {
    console.error(USAGE);
    return 2;
  }
  const records: ArticleRecord[] = [];
  const articles = new Map<string, Article>();
  let failed = 0;
  // --threads N: the same records, analysed in worker threads, handed back in input order
  const pool = threads > 1 ? new AnalyzePool({ threads, analyze: { noMetadataDates }, includeText: true }) : null;
  // one thread: batches through analyzeBatch (each stage over the batch in turn)
  const analysed = pool ? orderedAnalysis((a: Article) => pool.analyze(a), readInputs(paths), threads * 8) : batchedAnalysis(readInputs(paths), { noMetadataDates }, true);
  for await (const x of analysed) {
    const item = x.item;
    if (item instanceof InputError) {
      failed++;
      console.error(`${item.origin}: ${item.reason}`);
      continue;
    }
    try {
      // the text goes along for story clustering; it is printed only with --text
      if ("error" in x) throw x.error;
      if ("record" in x) {
        records.push(x.record);
        articles.set(x.record.id, item);
      }
    } catch (e) {
      failed++;
      console.error(`${item.origin}: analysis failed: ${(e as Error).message}`);
    }
  }
  await pool?.close();
  const stories = clusterBatch(records);
  for (const r of records) r.story = stories.get(r.id) ?? r.story;
  // cross-article dates: undated articles from their story-mates (src/resolve/dates.ts)
  const items = records.map((record) => ({ article: articles.get(record.id)!, record }));
  redateBatch(items, { noMetadataDates });
  items.forEach((it, i) => (records[i] = it.record));
  if (!includeText) for (const r of records) delete r.text;
  const out = jsonl ? records.map((r) => `${JSON.stringify(r)}\n`).join("") : `${JSON.stringify(records, null, 2)}\n`;
  // wait for the write: the dispatcher exits the process as soon as run() resolves
  if (out) await new Promise<void>((resolve, reject) => process.stdout.write(out, (err) => (err ? reject(err) : resolve())));
  return failed ? 1 : 0;
}
