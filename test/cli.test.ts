/**
 * CLI smoke tests: each command module is imported and run in-process with a temporary --db,
 * stdout and stderr captured.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { packageRoot } from "../src/core/paths.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { input, recordA, recordB, TEXT_A, TEXT_B } from "./store.fixture.js";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

type Command = { run(a: string[]): Promise<number>; summary: string };
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: () => import("../src/cli/ingest.js"),
  demo: () => import("../src/cli/demo.js"),
  articles: () => import("../src/cli/articles.js"),
  persons: () => import("../src/cli/persons.js"),
  person: () => import("../src/cli/person.js"),
  events: () => import("../src/cli/events.js"),
  figures: () => import("../src/cli/figures.js"),
  quotes: () => import("../src/cli/quotes.js"),
  stories: () => import("../src/cli/stories.js"),
  story: () => import("../src/cli/story.js"),
  search: () => import("../src/cli/search.js"),
  export: () => import("../src/cli/export.js"),
};

async function cli(name: string, ...argv: string[]): Promise<Result> {
  const mod = await COMMANDS[name]!();
  expect(typeof mod.summary).toBe("string");
  let stdout = "";
  let stderr = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    const code = await mod.run(argv);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const examples = join(packageRoot(), "examples");
let dir: string;
let demoDb: string;
let fixtureDb: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eventwire-cli-"));
  demoDb = join(dir, "demo.db");
  fixtureDb = join(dir, "fixture.db");
  const s = new SqliteStore(fixtureDb);
  await s.migrate();
  await s.saveArticle(input(recordA(), TEXT_A, "s1"));
  await s.saveArticle(input(recordB(), TEXT_B, "s2"));
  await s.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ingest", () => {
  it("ingests the examples, then changes nothing on a second run", async () => {
    const db = join(dir, "ingest.db");
    const first = await cli("ingest", examples, "--db", db);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ingested 3 articles into .*: 3 new, 0 unchanged, 0 failed/);
    const second = await cli("ingest", examples, "--db", db);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/3 articles .*: 0 new, 3 unchanged, 0 failed/);
    const s = new SqliteStore(db);
    expect((await s.counts()).articles).toBe(3);
    await s.close();
  });

  it("reports each bad input on one line, goes on, and exits 1", async () => {
    const inputs = join(dir, "mixed");
    mkdirSync(inputs);
    const txt = readdirSync(examples).find((f) => f.endsWith(".txt"))!;
    copyFileSync(join(examples, txt), join(inputs, "good.txt"));
    writeFileSync(join(inputs, "empty.txt"), "");
    writeFileSync(join(inputs, "bad.json"), "{ not json");
    const db = join(dir, "mixed.db");
    const r = await cli("ingest", inputs, "--db", db, "--json");
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes("empty.txt"))).toBe(true);
    expect(lines.some((l) => l.includes("bad.json"))).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 1, inserted: 1, unchanged: 0, failed: 2 });
    // no progress bar drawn when stderr is not a terminal
    expect(r.stderr).not.toContain("\r");
  });

  it("wants at least one path", async () => {
    const r = await cli("ingest", "--db", join(dir, "x.db"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing paths/);
  });
});

describe("demo", () => {
  it("prints a readable summary and is idempotent", async () => {
    const first = await cli("demo", "--db", demoDb);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 new, 0 already there/);
    for (const h of ["ARTICLES (3)", "STORIES", "PERSONS", "EVENTS", "FIGURES", "QUOTES"]) expect(first.stdout).toContain(h);
    expect(first.stdout.trimEnd().split("\n").slice(-3)).toEqual([
      "  npx eventwire events",
      "  npx eventwire search <words>",
      "  npx eventwire serve  (web app)",
    ]);
    const s = new SqliteStore(demoDb);
    const before = await s.counts();
    const second = await cli("demo", "--db", demoDb);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 new, 3 already there/);
    expect(await s.counts()).toEqual(before);
    await s.close();
    // the same summary both times, apart from the counts line
    const body = (t: string) => t.split("\n").slice(2).join("\n");
    expect(body(second.stdout)).toBe(body(first.stdout));
  });

  it("every evidence snippet is short", async () => {
    const r = await cli("demo", "--db", demoDb);
    for (const line of r.stdout.split("\n").filter((l) => l.trimStart().startsWith("“"))) expect(line.trim().length).toBeLessThanOrEqual(84);
  });
});

describe("listings", () => {
  beforeAll(async () => {
    await cli("demo", "--db", demoDb);
  });

  const listings: string[][] = [
    ["articles"], ["persons"], ["events"], ["figures"], ["quotes"], ["stories"], ["search", "Ukraine"],
    ["events", "--type", "consult"], ["quotes", "--speaker", "Cavusoglu"], ["articles", "--from", "2022-01-01", "--limit", "2"],
  ];
  for (const args of listings) {
    it(`${args.join(" ")} --json prints JSON on both stores`, async () => {
      for (const db of [demoDb, fixtureDb]) {
        const r = await cli(args[0]!, ...args.slice(1), "--json", "--db", db);
        expect(r.code, r.stderr).toBe(0);
        expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
      }
    });
  }

  it("the demo store has the three articles and finds Çavuşoğlu without accents", async () => {
    const arts = JSON.parse((await cli("articles", "--json", "--db", demoDb)).stdout) as unknown[];
    expect(arts).toHaveLength(3);
    const hits = JSON.parse((await cli("search", "cavusoglu", "--json", "--db", demoDb)).stdout) as Array<{ hits: Array<{ text: string }> }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.hits.map((h) => h.text)).toContain("Çavuşoğlu");
    const stories = JSON.parse((await cli("stories", "--json", "--db", demoDb)).stdout) as Array<{ id: string }>;
    const story = await cli("story", stories[0]!.id, "--json", "--db", demoDb);
    expect(story.code).toBe(0);
    expect(JSON.parse(story.stdout).articles.length).toBeGreaterThan(0);
  });

  it("tables show the fixture's rows", async () => {
    const ev = await cli("events", "--type", "CONSULT", "--db", fixtureDb);
    expect(ev.stdout).toContain("CONSULT/phone");
    expect(ev.stdout).toContain("Sergey Lavrov (RUS)");
    expect(ev.stdout).not.toContain("ASSAULT");
    const q = await cli("quotes", "--speaker", "kalin", "--db", fixtureDb);
    expect(q.stdout).toContain("Ankara would keep working for peace");
    expect(q.stdout).not.toContain("ready to help");
    const s = await cli("search", "cavusoglu", "--db", fixtureDb);
    expect(s.stdout).toContain("[Çavuşoğlu]");
    const none = await cli("events", "--type", "AID", "--db", fixtureDb);
    expect(none.stdout.trim()).toBe("(nothing found)");
  });

  it("person shows roles over time; an unknown person exits 1", async () => {
    const p = await cli("person", "cavusoglu", "--db", fixtureDb);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain("roles over time");
    expect(p.stdout).toContain("former Foreign Minister");
    const j = JSON.parse((await cli("person", "Mevlüt", "Çavuşoğlu", "--json", "--db", fixtureDb)).stdout);
    expect(j.roles).toHaveLength(2);
    const none = await cli("person", "Nobody", "--db", fixtureDb);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no person "Nobody"');
  });

  it("story shows its articles and events", async () => {
    const r = await cli("story", "s1", "--db", fixtureDb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Cavusoglu and Lavrov talk by phone");
    expect(r.stdout).toContain("CONSULT");
    expect((await cli("story", "nope", "--db", fixtureDb)).code).toBe(1);
  });

  it("export writes JSON lines and CSV", async () => {
    const j = await cli("export", "--format", "jsonl", "--kind", "events", "--db", fixtureDb);
    expect(j.code).toBe(0);
    const rows = j.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    const c = await cli("export", "--format", "csv", "--kind", "figures", "--db", fixtureDb);
    expect(c.stdout.split("\r\n")[0]).toMatch(/^article,published,story,idx,what,value/);
    expect(c.stdout).toContain('"At least 368,000 Ukrainians have fled the country"');
    const file = join(dir, "persons.csv");
    const f = await cli("export", "--format", "csv", "--kind", "persons", "--out", file, "--db", fixtureDb);
    expect(f.stderr).toContain("exported 5 persons rows");
  });
});

describe("usage errors", () => {
  it("reject bad options with exit 2 and a usage line", async () => {
    for (const args of [["events", "--type", "BOGUS"], ["articles", "--limit", "x"], ["articles", "--from", "yesterday"], ["articles", "--nope"], ["export", "--format", "xml"], ["export", "--kind", "cats"]]) {
      const r = await cli(args[0]!, ...args.slice(1), "--db", fixtureDb);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("usage: eventwire");
    }
  });

  it("a listing on a missing database says how to make one", async () => {
    const r = await cli("articles", "--db", join(dir, "missing.db"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("eventwire demo");
  });

  it("--help prints the usage", async () => {
    const r = await cli("events", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: eventwire events/);
  });
});
