/**
 * Where does the per-article ingest cost go, and does it grow with the store? Ingests a generated
 * corpus into a fresh SQLite store and prints, per window of articles, ms/article by step and
 * the SQL statements (count and ms per article) that cost most, so that a statement whose cost
 * grows with the corpus shows by name. Times are CPU times of this process (the machine is shared).
 *
 *   npx tsx bench/profile-ingest.ts [--n 3000] [--window 500] [--top 12] [--pragma 'cache_size = -65536' …]
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { analyze, toRecord } from "../src/analyze.js";
import { inferFromRegistry } from "../src/resolve/actors.js";
import { redateFromStore } from "../src/resolve/dates.js";
import { StoryIndex } from "../src/resolve/stories.js";
import { assignStory, REGISTRY_DAYS } from "../src/service.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { textHash } from "../src/store/rows.js";
import { iterateCorpus } from "./corpus.js";

const { values } = parseArgs({ options: { n: { type: "string", default: "3000" }, window: { type: "string", default: "500" }, top: { type: "string", default: "12" }, pragma: { type: "string", multiple: true } } });
const N = Number(values.n);
const W = Number(values.window);
const TOP = Number(values.top);

/** CPU time (user + system) of this process, ms: robust on a shared machine */
const lap = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sqlStats = new Map<string, { n: number; ms: number; rows: number }>();
const norm = (sql: string) => sql.replace(/\s+/g, " ").replace(/@\w+/g, "?").replace(/(\?, )+\?/g, "?…").slice(0, 110);
const proto = Database.prototype as unknown as { prepare: (sql: string) => Database.Statement };
const prepare = proto.prepare;
proto.prepare = function (this: Database.Database, sql: string) {
  const s = prepare.call(this, sql);
  const key = norm(sql);
  for (const m of ["run", "all", "get"] as const) {
    const f = (s as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!.bind(s);
    (s as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      const t0 = lap();
      const r = f(...a);
      let st = sqlStats.get(key);
      if (!st) sqlStats.set(key, (st = { n: 0, ms: 0, rows: 0 }));
      st.n++;
      st.ms += lap() - t0;
      if (Array.isArray(r)) st.rows += r.length;
      return r;
    };
  }
  return s;
};

const dir = mkdtempSync(join(tmpdir(), "eventwire-prof-"));
const store = new SqliteStore(join(dir, "p.db"));
await store.migrate();
// e.g. --pragma "cache_size = -65536" to try a setting before changing the adapter
for (const p of values.pragma ?? []) store.db.pragma(p);
const stories = new StoryIndex({ keepRetired: false });
const steps = { find: 0, analyze: 0, story: 0, redate: 0, infer: 0, save: 0 };
let i = 0;
for (const article of iterateCorpus(N)) {
  let t = lap();
  const found = await store.findArticle(article.id, textHash(article.text));
  steps.find += lap() - t;
  if (!found) {
    t = lap();
    const record = toRecord(analyze(article, {}));
    steps.analyze += lap() - t;
    t = lap();
    const input = assignStory(stories, article, record);
    steps.story += lap() - t;
    t = lap();
    if (input.story && !input.story.opened) input.record = await redateFromStore(store, article, input.record, {});
    steps.redate += lap() - t;
    t = lap();
    await inferFromRegistry(store, input.record, { days: REGISTRY_DAYS });
    steps.infer += lap() - t;
    t = lap();
    await store.saveArticle(input);
    steps.save += lap() - t;
  }
  if (++i % W === 0) {
    const tot = Object.values(steps).reduce((a, b) => a + b, 0);
    const sql = [...sqlStats.values()].reduce((a, b) => a + b.ms, 0);
    console.log(`\n== articles ${i - W + 1}-${i}: ${(tot / W).toFixed(2)} ms/article  ` + Object.entries(steps).map(([k, v]) => `${k} ${(v / W).toFixed(2)}`).join("  ") + `  (all SQL ${(sql / W).toFixed(2)})`);
    const rows = [...sqlStats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, TOP);
    for (const [sql, s] of rows) console.log(`  ${(s.ms / W).toFixed(3).padStart(7)} ms  ${(s.n / W).toFixed(1).padStart(6)} ×  ${(s.rows / W).toFixed(0).padStart(6)} rows  ${sql}`);
    sqlStats.clear();
    for (const k of Object.keys(steps) as Array<keyof typeof steps>) steps[k] = 0;
  }
}
await store.close();
rmSync(dir, { recursive: true, force: true });
