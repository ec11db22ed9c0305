/** Smoke tests of `eventwire analyze` and `eventwire eval`, run in-process. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run as analyzeRun } from "../src/cli/analyze.js";
import { run as evalRun } from "../src/cli/eval.js";
import type { ArticleRecord, TextSpan } from "../src/core/types.js";
import { CORPUS } from "./shared.js";

const DEV = join(CORPUS, "dev");
const SEEDS = join(CORPUS, "seeds");

/** Runs a command with stdout/stderr captured. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (err += `${a.join(" ")}\n`));
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array, cb?: unknown) => {
    out += String(chunk);
    if (typeof cb === "function") (cb as () => void)();
    return true;
  }) as typeof process.stdout.write);
  const code = await fn();
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

/** Every span of a record, with the check that it is the slice of the text it claims. */
function spansOf(r: ArticleRecord): TextSpan[] {
  const s: TextSpan[] = [];
  for (const p of r.persons) s.push(...p.mentions);
  for (const o of r.organizations) s.push(...o.mentions);
  for (const p of r.places) s.push(...p.mentions);
  for (const e of r.events) s.push(e.span);
  for (const f of r.figures) s.push(f.span);
  for (const q of r.quotes) s.push(q.span);
  return s;
}

describe("eval", () => {
  it("scores the dev gold against itself as 1.0 (--gold-as-pred, --json)", async () => {
    const { code, out } = await capture(() => evalRun([DEV, "--json", "--gold-as-pred"]));
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.articles).toBe(26);
    expect(r.events).toMatchObject({ gold: 149, f1: 1 });
    expect(r.quotes.f1).toBe(1);
    expect(r.stories.f1).toBe(1);
    expect(r.perArticle).toHaveLength(26);
  });

  it("runs the analysis on the seeds and prints the table; exit 0 whatever the score", async () => {
    const { code, out } = await capture(() => evalRun([SEEDS]));
    expect(code).toBe(0);
    expect(out).toMatch(/eventwire eval: 3 articles/);
    expect(out).toMatch(/events \(with date\)\s+P/);
    expect(out).toMatch(/CONSULT mode accuracy/);
  });

  it("--verbose --json keeps misses and false positives per article", async () => {
    const { code, out } = await capture(() => evalRun([SEEDS, "--json", "--verbose"]));
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Array.isArray(r.perArticle[0].misses)).toBe(true);
  });

  it("fails on unreadable or malformed gold, and on bad usage", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-eval-"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect((await capture(() => evalRun([dir]))).code).toBe(1);
    expect((await capture(() => evalRun([join(dir, "missing.json")]))).code).toBe(1);
    expect((await capture(() => evalRun([]))).code).toBe(2);
    expect((await capture(() => evalRun([DEV, "--bogus"]))).code).toBe(2);
  });

  it("skips README and non-JSON files in a gold folder", async () => {
    const { code, out } = await capture(() => evalRun([SEEDS, "--json", "--gold-as-pred"]));
    expect(code).toBe(0);
    expect(JSON.parse(out).articles).toBe(3); // the .txt files beside the gold are not gold
  });
});

describe("analyze", () => {
  it("prints one record per article with valid spans, errors on stderr, exit 1 when an input failed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-analyze-"));
    const f = join(dir, "in.jsonl");
    writeFileSync(
      f,
      [
        JSON.stringify({ id: "a1", text: "Turkish Foreign Minister Mevlüt Çavuşoğlu spoke by phone with Russian Foreign Minister Sergei Lavrov on Saturday, the ministry said." }),
        JSON.stringify({ id: "a2" }),
        JSON.stringify({ id: "a3", text: "At least 12 people were killed in shelling, officials said." }),
      ].join("\n"),
    );
    const { code, out, err } = await capture(() => analyzeRun([f, "--jsonl"]));
    expect(code).toBe(1);
    expect(err).toContain(`${f}:2`);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(2);
    const recs = lines.map((l) => JSON.parse(l) as ArticleRecord);
    expect(recs.map((r) => r.id)).toEqual(["a1", "a3"]);
    const texts = new Map([["a1", JSON.parse(readLine(f, 0)).text], ["a3", JSON.parse(readLine(f, 2)).text]]);
    for (const r of recs) {
      expect(r.story).toBeTruthy();
      for (const s of spansOf(r)) expect(texts.get(r.id)!.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("prints a JSON array without --jsonl and exits 0 on clean input; 2 without paths", async () => {
    const { code, out } = await capture(() => analyzeRun([join(SEEDS, "000_a457fc0afeb93467.txt")]));
    expect(code).toBe(0);
    const arr = JSON.parse(out);
    expect(Array.isArray(arr)).toBe(true);
    expect(arr).toHaveLength(1);
    expect((await capture(() => analyzeRun([]))).code).toBe(2);
  });
});

function readLine(file: string, i: number): string {
  return readFileSync(file, "utf8").split("\n")[i]!;
}

describe("output options", () => {
  it("analyze prints the text only with --text", async () => {
    const file = join(SEEDS, "000_a457fc0afeb93467.txt");
    const without = JSON.parse((await capture(() => analyzeRun([file, "--jsonl"]))).out) as ArticleRecord;
    expect("text" in without).toBe(false);
    const withText = JSON.parse((await capture(() => analyzeRun([file, "--jsonl", "--text"]))).out) as ArticleRecord;
    expect(withText.text).toBe(readFileSync(file, "utf8"));
  });
  it("eval --only figures lists figure lines and no event lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-only-"));
    // gold that no analysis can find in a text that says nothing
    const g = {
      id: "only1", text: "Nothing happened here.", published: null, published_inferred: false, story: "s",
      persons: [], events: [{ type: "ASSAULT", source: { person: null, actor: "RUS" }, target: { person: null, actor: "UKR" }, date: null, evidence: "Nothing" }],
      figures: [{ what: "x", value: 5, qualifier: "exactly", unit: "people", category: "killed", as_of: null, attributed_to: null, evidence: "Nothing" }],
      quotes: [],
    };
    writeFileSync(join(dir, "only1.json"), JSON.stringify(g));
    const { out } = await capture(() => evalRun([dir, "--only", "figures"]));
    expect(out).toMatch(/- miss {2}figure: /);
    expect(out).not.toMatch(/- miss {2}event: /);
  });
});

describe("eval --compare", () => {
  it("shows the change of each line against an earlier --json run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ew-cmp-"));
    const before = (await capture(() => evalRun([SEEDS, "--json", "--gold-as-pred"]))).out;
    writeFileSync(join(dir, "before.json"), before);
    const same = await capture(() => evalRun([SEEDS, "--gold-as-pred", "--compare", join(dir, "before.json")]));
    expect(same.out).toMatch(/^persons .*\(=\)$/m);
    // against a perfect earlier run, a real (imperfect) analysis shows a drop somewhere
    const real = await capture(() => evalRun([SEEDS, "--compare", join(dir, "before.json")]));
    expect(real.out).toMatch(/\(-\d+\.\d\)$/m);
    expect((await capture(() => evalRun([SEEDS, "--compare", join(dir, "missing.json")]))).code).toBe(1);
  });
});
