/**
 * Runs eventwire over the peer event-coding suites in ../shared/peer (PLOVER GSR, PETRARCH-2 GSR):
 * each sentence is analysed as an article, its asserted events are converted to
 * {"id", "events": [{"source_country", "target_country", "plover"}]} (ISO3 country codes; codes
 * of international bodies such as UN, EU, NATO become "IGO"; non-state groups and unknown actors
 * become null), written under the temporary folder ($TMPDIR, else /tmp), and each suite's own scorer is run on them.
 *
 *   npx tsx scripts/peer.ts [--suite plover|petrarch] [--keep] [-- extra scorer options]
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { analyze } from "../src/analyze.js";
import type { Article, Side } from "../src/core/types.js";

const PEER = resolve(process.env.EVENTWIRE_PEER ?? "/work/shared/peer");
const require = createRequire(import.meta.url);
const ISO3 = new Set((require("world-countries") as Array<{ cca3: string }>).map((c) => c.cca3));

interface Suite {
  name: string;
  gold: string;
  scorer: string;
  args: string[];
}
const SUITES: Suite[] = [
  { name: "plover", gold: join(PEER, "plover/gsr.jsonl"), scorer: join(PEER, "plover/score.mjs"), args: ["--unordered"] },
  { name: "petrarch", gold: join(PEER, "petrarch/gsr_validation.jsonl"), scorer: join(PEER, "petrarch/score.mjs"), args: ["--unordered"] },
];

/** The peer suites' country field: ISO3, "IGO" for an international body, else null. */
export function countryOf(side: Side): string | null {
  const a = (side.actor ?? side.country)?.toUpperCase().replace(/\./g, "") ?? null;
  if (!a) return null;
  if (ISO3.has(a)) return a;
  if (/^[A-Z]{2,8}$/.test(a)) return "IGO";
  return null;
}

function main(): number {
  const argv = process.argv.slice(2);
  const dd = argv.indexOf("--");
  const extra = dd >= 0 ? argv.slice(dd + 1) : [];
  const own = dd >= 0 ? argv.slice(0, dd) : argv;
  const only = own.includes("--suite") ? own[own.indexOf("--suite") + 1] : null;
  let failed = 0;
  for (const suite of SUITES) {
    if (only && suite.name !== only) continue;
    const lines = readFileSync(suite.gold, "utf8").split("\n").filter((l) => l.trim());
    const out: string[] = [];
    const t0 = performance.now();
    let nEvents = 0;
    for (const line of lines) {
      const g = JSON.parse(line) as { id: string; text: string; date?: string | null };
      const article: Article = { id: g.id, text: g.text, title: null, url: null, outlet: null, published: g.date ?? null, origin: suite.gold };
      // one-sided events and sides inferred from context count here (the peer gold codes them)
      const events = analyze(article).events.filter((e) => e.realis === "asserted").map((e) => ({ source_country: countryOf(e.source), target_country: countryOf(e.target), plover: e.type }));
      nEvents += events.length;
      out.push(JSON.stringify({ id: g.id, events }));
    }
    const ms = performance.now() - t0;
    const predFile = join(tmpdir(), `eventwire-peer-${suite.name}.jsonl`);
    writeFileSync(predFile, `${out.join("\n")}\n`);
    console.log(`== ${suite.name}: ${lines.length} sentences, ${nEvents} events predicted in ${ms.toFixed(0)} ms → ${predFile}`);
    const r = spawnSync(process.execPath, [suite.scorer, "--pred", predFile, ...suite.args, ...extra], { stdio: "inherit" });
    if (r.status !== 0) failed++;
    console.log("");
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
