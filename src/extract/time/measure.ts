/**
 * Measures `dateFor` against gold event dates and figure as_of dates, independently of the events
 * and figures stages: each gold item's evidence is located in the text and dated with `dateFor`.
 *
 *   npx tsx src/extract/time/measure.ts /work/shared/corpus/dev /work/shared/corpus/seeds [--verbose]
 *
 * The launch of the invasion (ASSAULT RUS→UKR dated by general knowledge, per the dev README) is
 * counted apart: it is the events stage's convention, not something the text dates.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { analyze } from "../../analyze.js";
import type { Article } from "../../core/types.js";
import { dateFor, EVENT_DAY_OPTIONS, FIGURE_OPTIONS } from "./datefor.js";

interface GoldLike {
  id: string;
  text: string;
  published?: string | null;
  published_inferred?: boolean;
  events?: Array<{ type: string; date?: string | null; evidence?: string; source?: { actor?: string | null }; target?: { actor?: string | null } }>;
  figures?: Array<{ value: number; as_of?: string | null; evidence?: string }>;
}

export interface DateMeasure {
  events: { ok: number; total: number };
  eventsNoLaunch: { ok: number; total: number };
  figures: { ok: number; total: number };
  misses: string[];
}

function readGoldDir(dir: string): GoldLike[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as GoldLike);
}

function isLaunch(e: NonNullable<GoldLike["events"]>[number]): boolean {
  return e.type === "ASSAULT" && e.date === "2022-02-24" && e.source?.actor === "RUS" && e.target?.actor === "UKR";
}

/** Analyses each gold article as the eval does (metadata date only when the gold read it from the page). */
export function measureDates(dirs: string[], opts: { noMetadataDates?: boolean } = {}): DateMeasure {
  const m: DateMeasure = { events: { ok: 0, total: 0 }, eventsNoLaunch: { ok: 0, total: 0 }, figures: { ok: 0, total: 0 }, misses: [] };
  for (const dir of dirs) {
    for (const g of readGoldDir(dir)) {
      const published = !opts.noMetadataDates && g.published && g.published_inferred !== true ? g.published : null;
      const article: Article = { id: g.id, text: g.text, title: null, url: null, outlet: null, published, origin: g.id };
      const doc = analyze(article, opts);
      for (const e of g.events ?? []) {
        const at = e.evidence ? g.text.indexOf(e.evidence) : -1;
        if (at < 0) continue;
        const r = dateFor(doc, { start: at, end: at + e.evidence!.length }, EVENT_DAY_OPTIONS);
        const ok = (r.value ?? null) === (e.date ?? null);
        m.events.total++;
        if (ok) m.events.ok++;
        if (!isLaunch(e)) {
          m.eventsNoLaunch.total++;
          if (ok) m.eventsNoLaunch.ok++;
          else m.misses.push(`${g.id} EVENT ${e.type} gold=${e.date ?? null} pred=${r.value} (${r.rule}) | ${e.evidence!.slice(0, 90)}`);
        }
      }
      for (const f of g.figures ?? []) {
        const at = f.evidence ? g.text.indexOf(f.evidence) : -1;
        if (at < 0) continue;
        const r = dateFor(doc, { start: at, end: at + f.evidence!.length }, FIGURE_OPTIONS);
        m.figures.total++;
        if ((r.value ?? null) === (f.as_of ?? null)) m.figures.ok++;
        else m.misses.push(`${g.id} FIGURE ${f.value} gold=${f.as_of ?? null} pred=${r.value} (${r.rule}) | ${f.evidence!.slice(0, 90)}`);
      }
    }
  }
  return m;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith("--"));
  const m = measureDates(dirs, { noMetadataDates: args.includes("--no-metadata-dates") });
  const pct = (x: { ok: number; total: number }) => `${((100 * x.ok) / Math.max(1, x.total)).toFixed(1)} (${x.ok}/${x.total})`;
  console.log(`event dates (all gold events)          ${pct(m.events)}`);
  console.log(`event dates (without invasion launch)  ${pct(m.eventsNoLaunch)}`);
  console.log(`figure as_of                           ${pct(m.figures)}`);
  if (args.includes("--verbose")) for (const s of m.misses) console.log("  " + s);
}
