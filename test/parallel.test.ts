/**
 * Parallel analysis in worker threads gives exactly the single-threaded results, in input order:
 * for the bundled examples and a generated batch, through the pool, `analyze --threads` and
 * `ingest --threads`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateCorpus, loadSeeds } from "../bench/corpus.js";
import { analyze, toRecord } from "../src/analyze.js";
import { run as analyzeCmd } from "../src/cli/analyze.js";
import { InputError } from "../src/core/errors.js";
import type { Article } from "../src/core/types.js";
import { AnalyzePool, orderedAnalysis } from "../src/parallel/pool.js";
import { ingestArticles } from "../src/service.js";
import { SqliteStore } from "../src/store/sqlite/index.js";

const OPTS = { now: "2024-06-01" };
const examples = (): Article[] =>
  loadSeeds().map((text, i) => ({ id: `ex-${i}`, text, title: null, url: null, outlet: null, published: null, origin: `ex${i}.txt` }));
/** the examples and a generated batch (names, numbers, dates and paragraph order varied) */
const batch = (): Article[] => [...examples(), ...generateCorpus(40)];

describe("AnalyzePool", () => {
  let pool: AnalyzePool;
  beforeAll(() => {
    pool = new AnalyzePool({ threads: 2, analyze: OPTS });
  });
  afterAll(() => pool.close());

  it("gives the same records as a single-threaded run, in input order", async () => {
    const articles = batch();
    const single = articles.map((a) => toRecord(analyze(a, OPTS)));
    const out = [];
    for await (const x of orderedAnalysis((a) => pool.analyze(a), articles, 8)) {
      if (!("record" in x)) throw new Error("unexpected failure");
      out.push(x.record);
    }
    expect(out.map((r) => r.id)).toEqual(articles.map((a) => a.id));
    expect(JSON.stringify(out)).toBe(JSON.stringify(single));
    // the work really was spread: both threads exist, and the batch had records with content
    expect(pool.threads).toBe(2);
    expect(out.some((r) => r.persons.length > 0)).toBe(true);
  });

  it("reports an article whose analysis throws, and goes on with the others", async () => {
    const bad = { ...examples()[0]!, id: "bad", text: null as unknown as string };
    const good = examples()[1]!;
    const got = [];
    for await (const x of orderedAnalysis((a) => pool.analyze(a), [bad, good], 4)) got.push(x);
    expect("error" in got[0]!).toBe(true);
    expect("record" in got[1]! && got[1].record.id).toBe(good.id);
  });
});

describe("orderedAnalysis", () => {
  it("yields in input order whatever order the work finishes in, bad inputs in place", async () => {
    const arts = [30, 0, 10, 0].map((ms, i) => ({ id: `a${i}`, text: String(ms) }) as Article);
    const items = [arts[0]!, new InputError("broken.txt", "unreadable", "E_READ"), ...arts.slice(1)];
    const finished: string[] = [];
    const slow = async (a: Article) => {
      await new Promise((r) => setTimeout(r, Number(a.text)));
      finished.push(a.id);
      return a.id;
    };
    const got = [];
    for await (const x of orderedAnalysis(slow, items, 8)) got.push("record" in x ? x.record : (x.item as InputError).origin);
    expect(got).toEqual(["a0", "broken.txt", "a1", "a2", "a3"]);
    expect(finished).not.toEqual(["a0", "a1", "a2", "a3"]); // they did finish out of order
  });

  it("keeps at most `window` articles in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const f = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return 1;
    };
    const arts = Array.from({ length: 20 }, (_, i) => ({ id: `a${i}`, text: "" }) as Article);
    for await (const _ of orderedAnalysis(f, arts, 3)) void _;
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
  });
});

describe("analyze --threads", () => {
  async function capture(argv: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string, cb?: (e?: Error) => void) => {
      out += chunk;
      cb?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      return { code: await analyzeCmd(argv), out };
    } finally {
      spy.mockRestore();
    }
  }

  it("prints exactly what a single-threaded run prints", async () => {
    const one = await capture(["examples", "--jsonl"]);
    const two = await capture(["examples", "--jsonl", "--threads", "2"]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.out.split("\n").length).toBeGreaterThan(3);
    expect(two.out).toBe(one.out);
  });

  it("refuses a bad thread count", async () => {
    const errs = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await capture(["examples", "--threads", "0"])).code).toBe(2);
    expect((await capture(["examples", "--threads", "two"])).code).toBe(2);
    errs.mockRestore();
  });
});

describe("ingest --threads", () => {
  const dir = mkdtempSync(join(tmpdir(), "eventwire-par-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores exactly what a single-threaded ingest stores (records, stories, duplicates)", async () => {
    const articles = batch();
    // a duplicate text under another id, late in the batch: unchanged in both runs
    const input = [...articles, { ...articles[3]!, id: "dup-of-3", origin: "dup.txt" }];
    const dump = async (threads: number) => {
      const store = new SqliteStore(join(dir, `t${threads}.db`));
      await store.migrate();
      const counts = await ingestArticles(store, input, { threads, analyze: OPTS });
      const records = [];
      for (const a of articles) records.push((await store.getArticle(a.id))!.record);
      const stories = await store.listStories({ limit: 1000 });
      await store.close();
      return { counts, records, stories };
    };
    const one = await dump(1);
    const two = await dump(2);
    expect(one.counts).toEqual({ read: input.length, inserted: articles.length, unchanged: 1, failed: 0 });
    expect(two.counts).toEqual(one.counts);
    expect(JSON.stringify(two.records)).toBe(JSON.stringify(one.records));
    expect(two.stories).toEqual(one.stories);
    expect(one.stories.length).toBeGreaterThan(0);
  });
});
